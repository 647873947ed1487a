/* common.c - reading a release and its profile, for every command, and the
 * checks made before any work. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_common.h"
#include "error.h"

void cli_input_options_init(cli_input_options *in)
{
    memset(in, 0, sizeof *in);
}

static int parse_count(const char *arg, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (errno || *end || end == arg || arg[0] == '-')
        return -1;
    *out = (size_t)v;
    return 0;
}

int cli_input_option(cli_input_options *in, int c, const char *arg)
{
    switch (c) {
    case 'p': in->profile_path = arg; return 0;
    case CLI_OPT_PROFILE_FYE: in->fiscal_year_end = arg; return 0;
    case CLI_OPT_NAMED_BY:
        if (strcmp(arg, "start") && strcmp(arg, "end")) {
            cli_error("--fiscal-year-named-by takes 'start' or 'end', not '%s'", arg);
            return 1;
        }
        in->named_by = arg;
        return 0;
    case CLI_OPT_ENCODING:
        if (!strcasecmp(arg, "utf-8") || !strcasecmp(arg, "utf8"))
            in->read.windows_1252 = 0;
        else if (!strcasecmp(arg, "windows-1252") || !strcasecmp(arg, "cp1252") ||
                 !strcasecmp(arg, "latin1") || !strcasecmp(arg, "iso-8859-1"))
            in->read.windows_1252 = 1;
        else {
            cli_error("--encoding takes utf-8 or windows-1252, not '%s'", arg);
            return 1;
        }
        return 0;
    case CLI_OPT_INPUT_FORMAT:
        if (!strcmp(arg, "auto"))
            in->read.format = R2X_INPUT_AUTO;
        else if (!strcmp(arg, "text"))
            in->read.format = R2X_INPUT_TEXT;
        else if (!strcmp(arg, "html"))
            in->read.format = R2X_INPUT_HTML;
        else if (!strcmp(arg, "pdf"))
            in->read.format = R2X_INPUT_PDF;
        else {
            cli_error("--input-format takes auto, text, html or pdf, not '%s'", arg);
            return 1;
        }
        return 0;
    case CLI_OPT_MAX_PAGES: {
        size_t v;
        if (parse_count(arg, &v) || !v || v > 1000000 || arg[0] == '+') {
            cli_error("--max-pages takes a number of pages (1 to 1000000), not '%s'", arg);
            return 1;
        }
        in->read.max_pdf_pages = v;
        return 0;
    }
    case CLI_OPT_PDF_TIMEOUT: {
        char *end;
        errno = 0;
        double secs = strtod(arg, &end);
        /* a second's thousandth to a day */
        if (errno || end == arg || *end || !(secs >= 0.001 && secs <= 86400)) {
            cli_error("--pdf-timeout takes a number of seconds (0.001 to 86400), not '%s'", arg);
            return 1;
        }
        in->read.pdf_timeout_ms = (unsigned long)(secs * 1000 + 0.5);
        return 0;
    }
    case CLI_OPT_MAX_INPUT: {
        size_t v;
        if (parse_count(arg, &v) || !v) {
            cli_error("--max-input takes a number of bytes, not '%s'", arg);
            return 1;
        }
        in->read.max_input_bytes = v;
        return 0;
    }
    case CLI_OPT_MAX_MESSAGES:
        if (parse_count(arg, &in->max_messages) || !in->max_messages) {
            cli_error("--max-messages takes a number of messages (1 or more), not '%s'", arg);
            return 1;
        }
        return 0;
    case CLI_OPT_STRICT: in->strict = 1; return 0;
    case 'q': in->quiet = 1; return 0;
    }
    return -1;
}

int cli_bad_option(int c, const char *word, const char *command)
{
    if (c == ':')
        cli_error("option '%s' needs an argument", word);
    else
        cli_error("unknown option '%s'; try 'release2xbrl %s --help'", word, command);
    return EXIT_FAILURE_RUN;
}

void cli_input_messages(const cli_input_options *in, cli_messages *m, FILE *out)
{
    cli_messages_init(m, out);
    m->quiet = in->quiet;
    m->max = in->max_messages;
    m->errors_as_warnings = !in->strict;
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
        rc = r2x_profile_find(r2x_data_dir(), *doc, profile, err);
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

/* ---- Before any work ---------------------------------------------------------- */

int cli_check_stdin_once(int n, char **inputs)
{
    int dashes = 0;
    for (int i = 0; i < n; i++)
        dashes += !strcmp(inputs[i], "-");
    if (dashes > 1) {
        cli_error("standard input (-) can be read once, not %d times", dashes);
        return 1;
    }
    return 0;
}

static int failed_on(r2x_error *err, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failed_on(r2x_error *err, const char *file, const char *fmt, ...)
{
    r2x_error_clear(err);
    err->code = R2X_EIO;
    err->severity = R2X_SEV_ERROR;
    r2xi_strlcpy(err->file, file, sizeof err->file);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return EXIT_FAILURE_RUN;
}

int cli_check_input(const char *path, r2x_error *err)
{
    if (!strcmp(path, "-"))
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return failed_on(err, path, "cannot open: %s", strerror(errno));
    struct stat st;
    int dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
    close(fd);
    if (dir)
        return failed_on(err, path, "cannot read: %s", strerror(EISDIR));
    return 0;
}

int cli_check_output(const char *output, const char *input, const char *profile,
                     r2x_error *err)
{
    if (!strcmp(output, "-"))
        return 0;
    if (input && cli_same_file(input, output))
        return failed_on(err, "", "output '%s' is the input file; refusing to overwrite it",
                         output);
    if (profile && cli_same_file(profile, output))
        return failed_on(err, "", "output '%s' is the --profile file; refusing to overwrite "
                         "it", output);
    struct stat st;
    if (stat(output, &st) == 0 && S_ISDIR(st.st_mode))
        return failed_on(err, output, "output is a directory");
    /* the directory it goes into */
    const char *slash = strrchr(output, '/');
    char dir[4096];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == output)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - output), output);
    if (stat(dir, &st) != 0)
        return failed_on(err, output, "cannot create output: %s", strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return failed_on(err, output, "cannot create output: %s", strerror(ENOTDIR));
    if (access(dir, W_OK | X_OK) != 0)
        return failed_on(err, output, "cannot create output: %s", strerror(errno));
    return 0;
}

int cli_check_output_dir(const char *dir, r2x_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return failed_on(err, dir, "output directory (-d): %s", strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return failed_on(err, dir, "output directory (-d): %s", strerror(ENOTDIR));
    if (access(dir, W_OK | X_OK) != 0)
        return failed_on(err, dir, "output directory (-d): %s", strerror(errno));
    return 0;
}

/* ---- What an input of extract or validate is -------------------------------- */

/* Does the file start with a UTF-16 byte order mark (XML may)? */
static int starts_utf16(const char *path)
{
    unsigned char b[2] = {0, 0};
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    size_t n = fread(b, 1, 2, fp);
    fclose(fp);
    return n == 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
}

int cli_refuse_not_xbrl(const char *path, int inline_only, r2x_error *err)
{
    r2x_sniffed s;
    if (!strcmp(path, "-"))
        return 0;
    if (r2x_sniff_file(path, &s, err))
        return EXIT_FAILURE_RUN;
    const char *todo = NULL;
    switch (s.kind) {
    case R2X_KIND_PDF:
        todo = "if it is a release, `release2xbrl convert` turns it into XBRL";
        break;
    case R2X_KIND_WORD:
    case R2X_KIND_OFFICE:
    case R2X_KIND_RTF:
    case R2X_KIND_IMAGE:
    case R2X_KIND_ZIP:
    case R2X_KIND_GZIP:
        todo = "nothing in it can be read as XBRL";
        break;
    case R2X_KIND_TAXONOMY_PACKAGE:
        todo = "give it to `release2xbrl fetch` (into the cache) or to --catalog";
        break;
    case R2X_KIND_TEXT:
        if (!starts_utf16(path))
            todo = "if it is a release, `release2xbrl convert` turns it into XBRL";
        break;
    case R2X_KIND_XBRL_INSTANCE:
        if (inline_only)
            todo = "it is an instance already: `release2xbrl validate` checks it";
        break;
    case R2X_KIND_XBRL_TAXONOMY:
        if (inline_only)
            todo = "`release2xbrl validate` loads its DTS";
        break;
    }
    if (!todo)
        return 0;
    r2x_error_clear(err);
    err->code = R2X_EINPUT;
    err->severity = R2X_SEV_ERROR;
    r2xi_strlcpy(err->file, path, sizeof err->file);
    snprintf(err->message, sizeof err->message, "this is %s, not %s; %s", s.what,
             inline_only ? "Inline XBRL" : "XBRL", todo);
    return EXIT_INVALID;
}
