/* common.c - reading a release and its profile, for every command. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_common.h"

void cli_input_options_init(cli_input_options *in)
{
    memset(in, 0, sizeof *in);
}

int cli_input_option(cli_input_options *in, int c, const char *arg, const char *word)
{
    switch (c) {
    case 'p': in->profile_path = arg; return 0;
    case 'F': in->fiscal_year_end = arg; return 0;
    case 'N':
        if (strcmp(arg, "start") && strcmp(arg, "end")) {
            fprintf(stderr, "release2xbrl: --fiscal-year-named-by takes 'start' or 'end', "
                            "not '%s'\n", arg);
            return 1;
        }
        in->named_by = arg;
        return 0;
    case 'E':
        if (!strcasecmp(arg, "utf-8") || !strcasecmp(arg, "utf8"))
            in->read.windows_1252 = 0;
        else if (!strcasecmp(arg, "windows-1252") || !strcasecmp(arg, "cp1252") ||
                 !strcasecmp(arg, "latin1") || !strcasecmp(arg, "iso-8859-1"))
            in->read.windows_1252 = 1;
        else {
            fprintf(stderr, "release2xbrl: --encoding takes utf-8 or windows-1252, not '%s'\n",
                    arg);
            return 1;
        }
        return 0;
    case 'I':
        if (!strcmp(arg, "auto"))
            in->read.format = R2X_INPUT_AUTO;
        else if (!strcmp(arg, "text"))
            in->read.format = R2X_INPUT_TEXT;
        else if (!strcmp(arg, "html"))
            in->read.format = R2X_INPUT_HTML;
        else if (!strcmp(arg, "pdf"))
            in->read.format = R2X_INPUT_PDF;
        else {
            fprintf(stderr, "release2xbrl: --input-format takes auto, text, html or pdf, "
                            "not '%s'\n", arg);
            return 1;
        }
        return 0;
    case 'P': {
        char *end;
        errno = 0;
        unsigned long v = strtoul(arg, &end, 10);
        if (errno || *end || !v || v > 1000000 || arg[0] == '-' || arg[0] == '+') {
            fprintf(stderr, "release2xbrl: --max-pages takes a number of pages (1 to 1000000), "
                            "not '%s'\n", arg);
            return 1;
        }
        in->read.max_pdf_pages = (size_t)v;
        return 0;
    }
    case 'T': {
        char *end;
        errno = 0;
        double secs = strtod(arg, &end);
        /* a second's thousandth to a day */
        if (errno || end == arg || *end || !(secs >= 0.001 && secs <= 86400)) {
            fprintf(stderr, "release2xbrl: --pdf-timeout takes a number of seconds "
                            "(0.001 to 86400), not '%s'\n", arg);
            return 1;
        }
        in->read.pdf_timeout_ms = (unsigned long)(secs * 1000 + 0.5);
        return 0;
    }
    case 'M': {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(arg, &end, 10);
        if (errno || *end || !v || arg[0] == '-') {
            fprintf(stderr, "release2xbrl: --max-input takes a number of bytes, not '%s'\n", arg);
            return 1;
        }
        in->read.max_input_bytes = (size_t)v;
        return 0;
    }
    case 'q': in->quiet = 1; return 0;
    case ':':
        fprintf(stderr, "release2xbrl: option '%s' needs an argument\n", word);
        return 1;
    }
    fprintf(stderr, "release2xbrl: unknown option '%s'; see --help\n", word);
    return 1;
}

/* An installed profile whose "match:" phrase occurs in the release. */
static int find_profile(const r2x_document *doc, r2x_profile **out, r2x_error *err)
{
    *out = NULL;
    const char *data = cli_data_dir();
    if (!data)
        return R2X_OK;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/mappings/profiles", data);
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);   /* sorted: deterministic */
    if (n < 0)
        return R2X_OK;
    size_t len;
    const char *text = r2x_document_text(doc, &len);
    /* The company names itself near the top; do not scan a whole large file. */
    if (len > 16384)
        len = 16384;
    int rc = R2X_OK;
    for (int i = 0; i < n; i++) {
        const char *nm = names[i]->d_name;
        size_t nl = strlen(nm);
        if (!*out && rc == R2X_OK && nl > 8 && !strcmp(nm + nl - 8, ".profile")) {
            char path[4096 + 256];
            snprintf(path, sizeof path, "%s/%s", dir, nm);
            r2x_profile *p;
            rc = r2x_profile_load(path, &p, err);
            if (rc == R2X_OK) {
                if (r2x_profile_matches(p, text, len))
                    *out = p;
                else
                    r2x_profile_free(p);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int cli_load_input(const cli_input_options *in, const char *path, r2x_document **doc,
                   r2x_profile **profile, r2x_error *err)
{
    *doc = NULL;
    *profile = NULL;
    int rc = r2x_document_read_file(path, NULL, &in->read, doc, err);
    if (rc)
        return rc;
    if (in->profile_path)
        rc = r2x_profile_load(in->profile_path, profile, err);
    else
        rc = find_profile(*doc, profile, err);
    if (!rc && !*profile)
        rc = r2x_profile_new_default(profile, err);
    if (!rc && in->fiscal_year_end)
        rc = r2x_profile_set_fiscal_year_end(*profile, in->fiscal_year_end, err);
    if (!rc && in->named_by)
        rc = r2x_profile_set_fiscal_year_named_by(*profile, in->named_by, err);
    if (rc) {
        r2x_document_free(*doc);
        r2x_profile_free(*profile);
        *doc = NULL;
        *profile = NULL;
    }
    return rc;
}

int cli_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!strcmp(a, "-") || !strcmp(b, "-"))
        return 0;
    if (stat(a, &sa) || stat(b, &sb))
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

const char *cli_output_clash(const cli_input_options *in, const char *input,
                             const char *output)
{
    if (cli_same_file(input, output))
        return "the input file";
    if (in->profile_path && cli_same_file(in->profile_path, output))
        return "the --profile file";
    return NULL;
}

void cli_diag(void *userdata, const r2x_error *diag)
{
    cli_input_options *in = userdata;
    if (diag->severity == R2X_SEV_WARNING)
        in->counts.warnings++;
    else
        in->counts.errors++;
    if (in->quiet && diag->severity == R2X_SEV_WARNING)
        return;
    cli_report(diag);
}

void cli_summary_tables(const char *name, const r2x_tableset *set, const cli_counts *c)
{
    size_t rows = 0, figures = 0;
    for (size_t i = 0; i < set->ntables; i++) {
        rows += set->tables[i].nrows;
        for (size_t r = 0; r < set->tables[i].nrows; r++)
            figures += set->tables[i].rows[r].nvalues;
    }
    fprintf(stderr, "release2xbrl: %s: %zu tables, %zu rows, %zu figures; "
            "%zu warnings, %zu errors\n", name, set->ntables, rows, figures,
            c->warnings, c->errors);
}
