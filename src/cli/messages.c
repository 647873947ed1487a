/* messages.c - diagnostics as a person reads them (see messages.h). */
#include "messages.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Findings held before a flush is forced: grouping then works within each
 * batch of this many (a release gives a few hundred at most). */
#define MAX_PENDING 20000

void cli_messages_init(cli_messages *m, FILE *out)
{
    memset(m, 0, sizeof *m);
    m->out = out;
    buf_init(&m->pending, R2X_BUF_NOCAP);
    buf_init(&m->tables, R2X_BUF_NOCAP);
}

void cli_messages_release(cli_messages *m)
{
    buf_release(&m->pending);
    buf_release(&m->tables);
}

void cli_messages_print(FILE *out, const r2x_error *e, const char *suffix)
{
    fputs("release2xbrl: ", out);
    if (e->file[0]) {
        fputs(e->file, out);
        if (e->line > 0)
            fprintf(out, ":%ld", e->line);
        if (e->line > 0 && e->column > 0)
            fprintf(out, ":%ld", e->column);
        fputs(": ", out);
    }
    fprintf(out, "%s: %s%s\n", r2x_severity_name(e->severity), e->message,
            suffix ? suffix : "");
}

static int shown(const cli_messages *m, int severity)
{
    return !m->quiet || severity == R2X_SEV_ERROR;
}

void cli_messages_diag(void *userdata, const r2x_error *diag)
{
    cli_messages *m = userdata;
    r2x_error e = *diag;
    if (e.severity != R2X_SEV_WARNING && e.severity != R2X_SEV_NOTE)
        e.severity = R2X_SEV_ERROR;
    /* an error is counted when told: errors_as_warnings may change before
     * (a release with no tables at all keeps its error an error) */
    if (e.severity == R2X_SEV_NOTE)
        m->notes++;
    else if (e.severity == R2X_SEV_WARNING)
        m->warnings++;
    if (!shown(m, e.severity))
        return;
    if (m->pending.len / sizeof e >= MAX_PENDING)
        cli_messages_flush(m);
    if (buf_add(&m->pending, &e, sizeof e)) {
        /* no memory to hold it: tell it now, alone */
        cli_messages_flush(m);
        if (e.severity == R2X_SEV_ERROR && m->errors_as_warnings)
            e.severity = R2X_SEV_WARNING;
        m->errors += e.severity == R2X_SEV_ERROR;
        m->warnings += e.severity == R2X_SEV_WARNING;
        if (shown(m, e.severity)) {
            cli_messages_print(m->out, &e, NULL);
            m->printed++;
        }
    }
}

/* Errors held become warnings (errors_as_warnings) and are counted; what
 * --quiet does not show is dropped.  Returns how many are left. */
static size_t settle(cli_messages *m)
{
    r2x_error *all = (r2x_error *)(void *)m->pending.data;
    size_t n = m->pending.len / sizeof *all, kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (all[i].severity == R2X_SEV_ERROR) {
            if (m->errors_as_warnings) {
                all[i].severity = R2X_SEV_WARNING;
                m->warnings++;
            } else {
                m->errors++;
            }
        }
        if (shown(m, all[i].severity))
            all[kept++] = all[i];
    }
    m->pending.len = kept * sizeof *all;
    return kept;
}

void cli_messages_set_tables(cli_messages *m, const r2x_document *doc,
                             const r2x_tableset *set)
{
    buf_reset(&m->tables);
    for (size_t i = 0; set && i < set->ntables; i++) {
        long span[2] = {
            (long)r2x_document_source_line(doc, (size_t)set->tables[i].first_line),
            (long)r2x_document_source_line(doc, (size_t)set->tables[i].last_line)};
        if (span[0] > 0 && span[1] >= span[0] && buf_add(&m->tables, span, sizeof span))
            break;               /* no memory: findings are grouped by line alone */
    }
}

/* ---- Grouping ------------------------------------------------------------------ */

/* The message with its quoted text and its figures blanked: "cell 3 'Reported
 * EPS' is not a figure" and "cell 4 'Currency Impact' is not a figure" are
 * one kind of finding.  A quote opens after a space or '(' and closes before
 * a space, punctuation or the end. */
static void shape_of(const char *msg, char *out, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; msg[i] && k + 4 < size; i++) {
        char c = msg[i];
        if (c == '\'' && (i == 0 || msg[i - 1] == ' ' || msg[i - 1] == '(')) {
            const char *end = msg + i + 1;
            while ((end = strchr(end, '\'')) &&
                   end[1] && !strchr(" ,;:).]", end[1]))
                end++;
            if (end) {
                out[k++] = '\'';
                out[k++] = '*';
                out[k++] = '\'';
                i = (size_t)(end - msg);
                continue;
            }
        }
        if (isdigit((unsigned char)c)) {
            while (isdigit((unsigned char)msg[i + 1]) ||
                   ((msg[i + 1] == ',' || msg[i + 1] == '.' || msg[i + 1] == '-') &&
                    isdigit((unsigned char)msg[i + 2])))
                i++;
            out[k++] = '#';
            continue;
        }
        out[k++] = c;
    }
    out[k] = '\0';
}

/* The first quoted text of a message ("'Reported EPS'"), for the examples. */
static size_t first_quote(const char *msg, const char **at)
{
    for (size_t i = 0; msg[i]; i++) {
        if (msg[i] != '\'' || (i && msg[i - 1] != ' ' && msg[i - 1] != '('))
            continue;
        const char *end = msg + i + 1;
        while ((end = strchr(end, '\'')) && end[1] && !strchr(" ,;:).]", end[1]))
            end++;
        if (!end)
            return 0;
        *at = msg + i;
        return (size_t)(end - (msg + i)) + 1;
    }
    return 0;
}

typedef struct held {
    size_t index;             /* place in arrival order */
    long scope;               /* table number + 1, or -(line), or 0: alone */
    char key[1100];           /* severity, file and shape */
} held;

static long scope_of(const cli_messages *m, const r2x_error *e)
{
    if (e->line <= 0)
        return 0;
    const long *span = (const long *)(void *)m->tables.data;
    size_t n = m->tables.len / (2 * sizeof *span);
    for (size_t t = 0; t < n; t++)
        if (e->line >= span[2 * t] && e->line <= span[2 * t + 1])
            return (long)t + 1;
    return -e->line;
}

static int held_cmp(const void *a, const void *b)
{
    const held *x = a, *y = b;
    if (x->scope != y->scope)
        return x->scope < y->scope ? -1 : 1;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* " [and 47 more like it on this line: 'a', 'b', ...]" */
static void group_suffix(const r2x_error *all, const held *h, size_t n, char *out,
                         size_t size)
{
    long lo = all[h[0].index].line, hi = lo;
    for (size_t i = 1; i < n; i++) {
        long l = all[h[i].index].line;
        lo = l < lo ? l : lo;
        hi = l > hi ? l : hi;
    }
    int k;
    if (lo == hi)
        k = snprintf(out, size, " [and %zu more like it on this line", n - 1);
    else if (h[0].scope > 0)
        k = snprintf(out, size, " [and %zu more like it in this table, lines %ld-%ld", n - 1,
                     lo, hi);
    else
        k = snprintf(out, size, " [and %zu more like it, lines %ld-%ld", n - 1, lo, hi);
    size_t used = k > 0 && (size_t)k < size ? (size_t)k : size - 1;
    /* up to three other quoted texts, each once, then "..." if there are more */
    const char *seen_at[4];
    size_t seen_len[4], nseen = 0;
    seen_len[0] = first_quote(all[h[0].index].message, &seen_at[0]);
    nseen = seen_len[0] ? 1 : 0;
    int more = 0;
    for (size_t i = 1; i < n && nseen; i++) {
        const char *at;
        size_t len = first_quote(all[h[i].index].message, &at);
        int dup = !len;
        for (size_t j = 0; j < nseen && !dup; j++)
            dup = seen_len[j] == len && !memcmp(seen_at[j], at, len);
        if (dup)
            continue;
        if (nseen == 4 || len > 60 || used + len + 12 >= size) {
            more = 1;
            continue;
        }
        used += (size_t)snprintf(out + used, size - used, "%s%.*s", nseen > 1 ? ", " : ": ",
                                 (int)len, at);
        seen_at[nseen] = at;
        seen_len[nseen++] = len;
    }
    if (more)
        used += (size_t)snprintf(out + used, size - used, nseen > 1 ? ", ..." : ": ...");
    snprintf(out + used, size - used, "]");
}

static void tell(cli_messages *m, const r2x_error *e, size_t group, const char *suffix)
{
    if (m->max && m->printed >= m->max) {
        m->held_back += group;
        return;
    }
    cli_messages_print(m->out, e, suffix);
    m->printed++;
}

/* Groups in the order of their first finding. */
typedef struct group {
    size_t first;             /* index into held[] of its first member */
    size_t n;
} group;

void cli_messages_flush(cli_messages *m)
{
    size_t n = settle(m);
    const r2x_error *all = (const r2x_error *)(void *)m->pending.data;
    if (!n) {
        buf_reset(&m->pending);
        return;
    }
    held *h = calloc(n, sizeof *h);
    group *g = calloc(n, sizeof *g);
    if (!h || !g) {
        for (size_t i = 0; i < n; i++)
            tell(m, &all[i], 1, NULL);
        free(h);
        free(g);
        buf_reset(&m->pending);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char shape[1024];
        shape_of(all[i].message, shape, sizeof shape);
        h[i].index = i;
        h[i].scope = scope_of(m, &all[i]);
        snprintf(h[i].key, sizeof h[i].key, "%d|%.60s|%s", all[i].severity, all[i].file, shape);
    }
    qsort(h, n, sizeof *h, held_cmp);
    size_t ng = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && h[i].scope && h[j].scope == h[i].scope && !strcmp(h[j].key, h[i].key))
            j++;
        g[ng++] = (group){i, j - i};
        i = j;
    }
    /* by arrival of the first member: a counting pass over arrival order */
    size_t *order = calloc(n, sizeof *order);
    if (order) {
        for (size_t k = 0; k < n; k++)
            order[k] = (size_t)-1;
        for (size_t k = 0; k < ng; k++)
            order[h[g[k].first].index] = k;
        for (size_t i = 0; i < n; i++) {
            if (order[i] == (size_t)-1)
                continue;
            const group *gr = &g[order[i]];
            char suffix[512] = "";
            if (gr->n > 1)
                group_suffix(all, h + gr->first, gr->n, suffix, sizeof suffix);
            tell(m, &all[i], gr->n, suffix);
        }
    } else {
        for (size_t i = 0; i < n; i++)
            tell(m, &all[i], 1, NULL);
    }
    free(order);
    free(h);
    free(g);
    buf_reset(&m->pending);
}

void cli_messages_finish(cli_messages *m, const char *file)
{
    cli_messages_flush(m);
    if (!m->held_back)
        return;
    r2x_error e;
    memset(&e, 0, sizeof e);
    e.severity = R2X_SEV_NOTE;
    snprintf(e.file, sizeof e.file, "%s", file ? file : "");
    snprintf(e.message, sizeof e.message, "%zu more findings not shown (--max-messages %zu)",
             m->held_back, m->max);
    cli_messages_print(m->out, &e, NULL);
}

void cli_nothing_written(const char *file, const cli_messages *m)
{
    char counts[128];
    cli_messages_counts(m, counts, sizeof counts);
    fprintf(m->out, "release2xbrl: %s: nothing written; %s\n", file, counts);
}

static size_t count(char *out, size_t size, size_t used, size_t n, const char *what)
{
    if (!n || used >= size)
        return used;
    int k = snprintf(out + used, size - used, "%s%zu %s%s", used ? ", " : "", n, what,
                     n == 1 ? "" : "s");
    return k > 0 ? used + (size_t)k : used;
}

void cli_messages_counts(const cli_messages *m, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    used = count(out, size, used, m->errors, "error");
    used = count(out, size, used, m->warnings, "warning");
    used = count(out, size, used, m->notes, "note");
    if (!used)
        snprintf(out, size, "no warnings");
}
