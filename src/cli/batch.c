/* batch.c - many inputs, each in its own process (see batch.h). */
#include "batch.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

void cli_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", fp);
        else if (c == '\t')
            fputs("\\t", fp);
        else if (c < 0x20)
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

int cli_parse_jobs(const char *arg)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || *end || end == arg || v < 1 || v > 64)
        return 0;
    return (int)v;
}

/* ---- Output names ------------------------------------------------------------- */

/* The extension of path's last segment ("txt"), "" when none. */
static const char *extension_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

/* The name of path: its stem, with_ext its extension too, and level of the
 * directories before it.  "a/b/c.txt": "c", "c-txt", "b-c", "a-b-c-txt". */
static void name_at(const char *path, int level, int with_ext, char *out, size_t size)
{
    if (!strcmp(path, "-")) {
        snprintf(out, size, "stdin");
        return;
    }
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && path[b - 1] != '/')
        b--;
    /* the base name and its extension */
    size_t dot = n;
    for (size_t i = n; i > b + 1; i--)
        if (path[i - 1] == '.') {
            dot = i - 1;
            break;
        }
    char stem[1024];
    if (!with_ext || dot == n)
        snprintf(stem, sizeof stem, "%.*s", (int)(dot - b), path + b);
    else
        snprintf(stem, sizeof stem, "%.*s-%.*s", (int)(dot - b), path + b,
                 (int)(n - dot - 1), path + dot + 1);
    /* directories, nearest first, prepended */
    size_t end = b;
    char dirs[2048] = "";
    for (int k = 0; k < level && end > 0; k++) {
        size_t e = end;
        while (e > 0 && path[e - 1] == '/')
            e--;
        size_t s = e;
        while (s > 0 && path[s - 1] != '/')
            s--;
        if (s == e || (e - s == 1 && path[s] == '.') ||
            (e - s == 2 && path[s] == '.' && path[s + 1] == '.'))
            break;
        char tmp[2048];
        snprintf(tmp, sizeof tmp, "%.*s-%s", (int)(e - s), path + s, dirs);
        snprintf(dirs, sizeof dirs, "%s", tmp);
        end = s;
    }
    snprintf(out, size, "%s%s", dirs, stem);
}

void cli_batch_names_free(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

char **cli_batch_output_names(const char *const *inputs, size_t n, const char *dir,
                              const char *ext)
{
    int *level = calloc(n ? n : 1, sizeof *level);
    int *with_ext = calloc(n ? n : 1, sizeof *with_ext);
    char (*name)[1024] = calloc(n ? n : 1, sizeof *name);
    char **out = calloc(n ? n : 1, sizeof *out);
    char *seen = calloc(n ? n : 1, 1);
    if (!level || !with_ext || !name || !out || !seen) {
        free(level);
        free(with_ext);
        free(name);
        free(out);
        free(seen);
        return NULL;
    }
    /* Names that collide say more, group by group: their extensions when
     * those differ ("release-html", "release-txt"), else one more of their
     * directories ("boeing-2024q4-release-html"). */
    for (int round = 0; round < 64; round++) {
        for (size_t i = 0; i < n; i++)
            name_at(inputs[i], level[i], with_ext[i], name[i], sizeof name[i]);
        memset(seen, 0, n);
        int raised = 0;
        for (size_t i = 0; i < n; i++) {
            if (seen[i])
                continue;
            int group = 0, exts_differ = 0;
            for (size_t j = i + 1; j < n; j++)
                if (!strcmp(name[i], name[j])) {
                    group = 1;
                    exts_differ |= strcmp(extension_of(inputs[i]), extension_of(inputs[j])) != 0;
                }
            if (!group)
                continue;
            for (size_t j = i; j < n; j++)
                if (j == i || !strcmp(name[i], name[j])) {
                    seen[j] = 1;
                    if (exts_differ && !with_ext[j])
                        with_ext[j] = 1;
                    else
                        level[j]++;
                }
            raised = 1;
        }
        if (!raised)
            break;
    }
    free(seen);
    free(with_ext);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(name[i], name[j])) {
                size_t l = strlen(name[i]);
                snprintf(name[i] + l, sizeof name[i] - l, "-%zu", i + 1);
                break;
            }
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        size_t len = strlen(dir) + strlen(name[i]) + strlen(ext) + 2;
        out[i] = malloc(len);
        if (!out[i])
            ok = 0;
        else
            snprintf(out[i], len, "%s%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
                     name[i], ext);
    }
    free(level);
    free(name);
    if (!ok) {
        cli_batch_names_free(out, n);
        return NULL;
    }
    return out;
}

/* ---- Running ----------------------------------------------------------------------- */

typedef struct slot {
    pid_t pid;
    FILE *messages, *json;
    int done, status;
} slot;

/* Inputs started ahead of the first one not yet printed: bounds the capture
 * files open at once. */
#define WINDOW 128

static void copy_out(FILE *from, FILE *to)
{
    if (!from)
        return;
    fflush(from);
    rewind(from);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, from)) > 0)
        fwrite(buf, 1, n, to);
    fclose(from);
}

static int start(slot *s, cli_job *job, const cli_batch *b)
{
    s->messages = tmpfile();
    s->json = b->capture_stdout ? tmpfile() : NULL;
    if (!s->messages || (b->capture_stdout && !s->json))
        return -1;
    fflush(stdout);
    fflush(stderr);
    s->pid = fork();
    if (s->pid < 0)
        return -1;
    if (s->pid == 0) {
        /* everything the job prints goes to its captures, whoever prints it */
        if (dup2(fileno(s->messages), 2) < 0 || (s->json && dup2(fileno(s->json), 1) < 0))
            _exit(EXIT_FAILURE_RUN);
        job->messages = stderr;
        job->json = b->jsonl ? stdout : NULL;
        int status = b->fn(b->ctx, job);
        fflush(stdout);
        fflush(stderr);
        _exit(status);
    }
    return 0;
}

/* A job that could not start or did not end by itself. */
static void failed(slot *s, const char *input, int jsonl, const char *what)
{
    if (!s->messages)
        s->messages = tmpfile();
    if (s->messages)
        fprintf(s->messages, "release2xbrl: %s: error: %s; nothing written for it\n",
                strcmp(input, "-") ? input : "<stdin>", what);
    if (jsonl && !s->json)
        s->json = tmpfile();
    if (jsonl && s->json) {
        fflush(s->json);
        if (ftell(s->json) == 0) {
            fputs("{\"file\": ", s->json);
            cli_json_string(s->json, input);
            fputs(", \"status\": 2, \"outputs\": [], \"error\": ", s->json);
            cli_json_string(s->json, what);
            fputs("}\n", s->json);
        }
    }
    s->status = EXIT_FAILURE_RUN;
    s->done = 1;
}

int cli_batch_run(const cli_batch *b)
{
    const char *const *inputs = b->inputs;
    const char *const *outputs = b->outputs;
    size_t n = b->n;
    int jsonl = b->jsonl;
    if (n == 1 && b->jobs <= 1) {
        cli_job job = {0, inputs[0], outputs ? outputs[0] : NULL, stderr,
                       jsonl ? stdout : NULL};
        return b->fn(b->ctx, &job);
    }
    slot *slots = calloc(n, sizeof *slots);
    cli_job *job = calloc(n, sizeof *job);
    if (!slots || !job) {
        free(slots);
        free(job);
        fprintf(stderr, "release2xbrl: error: out of memory\n");
        return EXIT_FAILURE_RUN;
    }
    size_t next = 0, printed = 0;
    int running = 0, worst = EXIT_OK;
    size_t by_status[3] = {0, 0, 0};
    while (printed < n) {
        while (running < b->jobs && next < n && next < printed + WINDOW) {
            job[next] = (cli_job){next, inputs[next], outputs ? outputs[next] : NULL, NULL,
                                  NULL};
            if (start(&slots[next], &job[next], b))
                failed(&slots[next], inputs[next], jsonl, strerror(errno));
            else
                running++;
            next++;
        }
        while (printed < n && slots[printed].done) {
            slot *s = &slots[printed];
            copy_out(s->messages, stderr);
            copy_out(s->json, stdout);
            fflush(stdout);
            fflush(stderr);
            if (s->status > worst)
                worst = s->status;
            by_status[s->status <= EXIT_FAILURE_RUN ? s->status : EXIT_FAILURE_RUN]++;
            printed++;
        }
        if (printed == n || !running)
            continue;
        int st;
        pid_t pid = waitpid(-1, &st, 0);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            break;                 /* no children left: cannot happen */
        }
        for (size_t i = 0; i < next; i++) {
            if (slots[i].pid != pid || slots[i].done)
                continue;
            running--;
            if (WIFEXITED(st)) {
                slots[i].status = WEXITSTATUS(st);
                slots[i].done = 1;
            } else {
                char what[96];
                snprintf(what, sizeof what, "stopped by signal %d (%s)",
                         WIFSIGNALED(st) ? WTERMSIG(st) : 0,
                         WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "?");
                failed(&slots[i], inputs[i], jsonl, what);
            }
        }
    }
    fprintf(stderr, "release2xbrl: %zu inputs: %zu %s, %zu %s, %zu %s\n", n, by_status[0],
            b->words[0], by_status[1], b->words[1], by_status[2], b->words[2]);
    free(slots);
    free(job);
    return worst;
}

int cli_batch_writers(const char *const *inputs, size_t n, const char *output,
                      const char *output_dir, const char *ext, int jobs, int jsonl,
                      cli_job_fn fn, void *ctx)
{
    char **names = NULL;
    if (output_dir && !(names = cli_batch_output_names(inputs, n, output_dir, ext))) {
        cli_error("out of memory");
        return EXIT_FAILURE_RUN;
    }
    const char *const single[1] = {output};
    cli_batch b = {inputs, names ? (const char *const *)names : single, n, jobs ? jobs : 1,
                   jsonl, jsonl, {"written", "with input errors (nothing written)", "failed"},
                   fn, ctx};
    int rc = cli_batch_run(&b);
    cli_batch_names_free(names, n);
    return rc;
}
