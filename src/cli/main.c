/*
 * main.c - release2xbrl: subcommand table, --help, --version, dispatch.
 *
 * Each cmd_*.c parses its own options and calls the library; nothing below
 * the CLI prints or exits.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <libxml/xmlversion.h>
#include <libxslt/xsltconfig.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fetch_options.h"
#include "read_pdf.h"

static const cli_option_doc tables_options[] = {
    {"--output", "FILE", "write the JSON to FILE instead of standard output"},
    {"--profile", "FILE", "read the company profile FILE (default: the installed "
                          "profile whose match phrase the release contains)"},
    {"--fiscal-year-end", "--MM-DD", "the last day of the fiscal year (overrides the profile)"},
    {"--fiscal-year-named-by", "start|end", "whether FY2009 starts or ends in 2009"},
    {"--encoding", "utf-8|windows-1252", "the input's character encoding (default utf-8)"},
    {"--input-format", "auto|text|html|pdf", "read the release as text, HTML or PDF "
                                             "(default: by what it looks like)"},
    {"--max-input", "BYTES", "refuse inputs larger than BYTES (default 67108864)"},
    {"--max-pages", "N", "refuse PDFs of more than N pages (default 500)"},
    {"--pdf-timeout", "SECONDS", "give up reading a PDF after SECONDS (default 30)"},
    {"--quiet", NULL, "do not print warnings"},
    {"--help", NULL, "show this help"},
    {NULL, NULL, NULL},
};

/* The options convert and map share, after their own. */
#define CONVERT_AND_MAP_OPTION_DOCS                                                         \
    {"--profile", "FILE", "read the company profile FILE (default: the installed "          \
                          "profile whose match phrase the release contains)"},               \
    {"--cik", "DIGITS", "the entity's SEC Central Index Key (overrides the profile)"},      \
    {"--entity-name", "NAME", "the registrant's name (overrides the profile)"},             \
    {"--fiscal-year-end", "--MM-DD", "the last day of the fiscal year (overrides the profile)"}, \
    {"--fiscal-year-named-by", "start|end", "whether FY2009 starts or ends in 2009"},       \
    {"--strict", NULL, "exit 1 when a statement line is unmapped or a total does not add up"}, \
    {"--encoding", "utf-8|windows-1252", "the input's character encoding (default utf-8)"}, \
    {"--input-format", "auto|text|html|pdf", "read the release as text, HTML or PDF "       \
                                             "(default: by what it looks like)"},           \
    {"--max-input", "BYTES", "refuse inputs larger than BYTES (default 67108864)"},         \
    {"--max-pages", "N", "refuse PDFs of more than N pages (default 500)"},                 \
    {"--pdf-timeout", "SECONDS", "give up reading a PDF after SECONDS (default 30)"},       \
    {"--quiet", NULL, "do not print warnings"},                                             \
    {"--help", NULL, "show this help"},                                                     \
    {NULL, NULL, NULL}

static const cli_option_doc convert_options[] = {
    {"--output", "FILE", "write to FILE (default: standard output), and the extension "
                         "taxonomy beside it (PREFIX-DATE.xsd and its _lab, _pre, _cal, "
                         "_def.xml)"},
    {"--format", "xbrl|ixbrl|json|csv|all", "an XBRL 2.1 instance (default), the release "
                                   "as Inline XBRL 1.1, xBRL-JSON, xBRL-CSV (FILE.csv and "
                                   "FILE-metadata.json), or all of them beside FILE.xml"},
    {"--stylesheet", "FILE|review", "the XSLT stylesheet that renders the Inline XBRL "
                             "(default: the installed xslt/ixbrl.xsl; review: one that "
                             "marks every tagged cell)"},
    CONVERT_AND_MAP_OPTION_DOCS,
};

/* map's: no --format or --stylesheet, which only a writer of XBRL has
 * (src/cli/cmd_convert.c refuses them for map) */
static const cli_option_doc map_options[] = {
    {"--output", "FILE", "write the review table to FILE (default: standard output)"},
    CONVERT_AND_MAP_OPTION_DOCS,
};

static const cli_option_doc fetch_option_docs[] = {
    CLI_FETCH_OPTION_DOCS,
    {"--quiet", NULL, "do not list what was fetched"},
    {"--help", NULL, "show this help"},
    {NULL, NULL, NULL},
};

static const cli_option_doc extract_options[] = {
    {"--output", "FILE", "write the instance to FILE (default: standard output)"},
    {"--format", "xbrl|json|csv|all", "an XBRL 2.1 instance (default), xBRL-JSON, xBRL-CSV "
                                      "(FILE.csv and FILE-metadata.json), or all three "
                                      "beside FILE.xml"},
    {"--quiet", NULL, "do not print the summary line"},
    {"--help", NULL, "show this help"},
    {NULL, NULL, NULL},
};

static const cli_option_doc facts_options[] = {
    {"--output", "FILE", "write the listing to FILE (default: standard output)"},
    {"--format", "table|json", "a table for people (default) or JSON for programs"},
    {"--quiet", NULL, "do not print warnings or the summary line"},
    {"--profile", "FILE", "a release: read the company profile FILE"},
    {"--cik", "DIGITS", "a release: the entity's SEC Central Index Key"},
    {"--entity-name", "NAME", "a release: the registrant's name"},
    {"--fiscal-year-end", "--MM-DD", "a release: the last day of the fiscal year"},
    {"--fiscal-year-named-by", "start|end", "a release: whether FY2009 starts or ends in 2009"},
    {"--strict", NULL, "a release: exit 1 when a statement line is unmapped or a total does "
                       "not add up"},
    {"--encoding", "utf-8|windows-1252", "a release: its character encoding (default utf-8)"},
    {"--input-format", "auto|text|html|pdf", "a release: read it as text, HTML or PDF"},
    {"--max-input", "BYTES", "a release: refuse one larger than BYTES (default 67108864)"},
    {"--max-pages", "N", "a release: refuse PDFs of more than N pages (default 500)"},
    {"--pdf-timeout", "SECONDS", "a release: give up reading a PDF after SECONDS (default 30)"},
    {"--help", NULL, "show this help"},
    {NULL, NULL, NULL},
};

static const cli_option_doc validate_options[] = {
    CLI_FETCH_OPTION_DOCS,
    {"--calc", "c11|xbrl21|none", "calculation checks: Calculations 1.1 round-to-nearest "
                                  "(default), XBRL 2.1 section 5.2.5.2, or none"},
    {"--format", "text|json", "how findings are printed (default text)"},
    {"--dts-only", NULL, "load each input's DTS and print its counts; check nothing else"},
    {"--duplicates", "error|warning", "inconsistent duplicate facts are errors (default, as "
                                      "filing rules require) or warnings (XBRL 2.1 alone)"},
    {"--schema", "auto|full|none", "XML Schema validation of the schemas and the instance: "
                                   "when the DTS has at most 3000 concepts (default), whatever "
                                   "its size, or never"},
    {"--quiet", NULL, "do not print warnings"},
    {"--help", NULL, "show this help"},
    {NULL, NULL, NULL},
};

const cli_command cli_commands[] = {
    {"tables", cmd_tables, "extract the tables of a release as JSON",
     "release2xbrl tables [OPTIONS] FILE", tables_options},
    {"convert", cmd_convert, "convert a release into an XBRL 2.1 instance",
     "release2xbrl convert [OPTIONS] FILE", convert_options},
    {"map", cmd_map, "show how every line item maps to a concept, for review",
     "release2xbrl map [OPTIONS] FILE", map_options},
    {"fetch", cmd_fetch, "fill the download cache with the documents at URLs",
     "release2xbrl fetch [OPTIONS] URL...", fetch_option_docs},
    {"extract", cmd_extract, "extract the XBRL 2.1 instance of an Inline XBRL document",
     "release2xbrl extract [OPTIONS] FILE", extract_options},
    {"validate", cmd_validate, "check XBRL instances against their taxonomy and XBRL 2.1",
     "release2xbrl validate [OPTIONS] FILE...", validate_options},
    {"facts", cmd_facts, "list the facts of an instance, Inline XBRL document or release",
     "release2xbrl facts [OPTIONS] FILE", facts_options},
    {NULL, NULL, NULL, NULL, NULL},
};

void cli_report(const r2x_error *err)
{
    const char *sev = err->severity == R2X_SEV_WARNING ? "warning: " : "";
    if (err->file[0] && err->line > 0 && err->column > 0)
        fprintf(stderr, "release2xbrl: %s:%ld:%ld: %s%s\n", err->file, err->line, err->column,
                sev, err->message);
    else if (err->file[0] && err->line > 0)
        fprintf(stderr, "release2xbrl: %s:%ld: %s%s\n", err->file, err->line, sev,
                err->message);
    else if (err->file[0])
        fprintf(stderr, "release2xbrl: %s: %s%s\n", err->file, sev, err->message);
    else
        fprintf(stderr, "release2xbrl: %s%s\n", sev, err->message);
}

int cli_exit_status(int code)
{
    switch (code) {
    case R2X_OK: return EXIT_OK;
    case R2X_EINPUT: case R2X_ETOOBIG: case R2X_ERANGE: case R2X_ETABLE:
    case R2X_EPROFILE:
        return EXIT_INVALID;
    }
    return EXIT_FAILURE_RUN;
}

static int is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_data_dir(void)
{
    /* $R2X_DATADIR, then the installed data, then the source tree the
     * program was built from (so that it runs before `make install`). */
    const char *env = getenv("R2X_DATADIR");
    if (env && *env)
        return env;
    if (is_dir(R2X_PKGDATADIR "/mappings"))
        return R2X_PKGDATADIR;
    if (is_dir(R2X_SRCDIR "/mappings"))
        return R2X_SRCDIR;
    return NULL;
}

const cli_command *cli_command_named(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

void cli_print_command_help(const cli_command *cmd)
{
    /* the summary is lower-case in the command list; a sentence here */
    printf("Usage: %s\n\n%c%s.\n\nOptions:\n", cmd->usage,
           toupper((unsigned char)cmd->summary[0]), cmd->summary + 1);
    for (const cli_option_doc *o = cmd->options; o->name; o++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
        printf("  %-34s %s\n", left, o->help);
    }
    printf("\nExit status: 0 success, 1 the input has errors, 2 usage or I/O failure.\n");
}

static void print_help(void)
{
    printf("Usage: release2xbrl COMMAND [OPTIONS] [FILE...]\n\n"
           "Turn a financial press release into XBRL.\n\nCommands:\n");
    for (const cli_command *c = cli_commands; c->name; c++)
        printf("  %-10s %s\n", c->name, c->summary);
    printf("\nGeneral options:\n"
           "  --help       show this help; 'release2xbrl COMMAND --help' for a command\n"
           "  --version    show the version of release2xbrl and its libraries\n\n"
           "Exit status: 0 success, 1 the input has errors, 2 usage or I/O failure.\n"
           "See release2xbrl(1).\n");
}

static void print_version(void)
{
    curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
    printf("release2xbrl %s\n", r2x_version());
    printf("libxml2 %s\n", LIBXML_DOTTED_VERSION);
    printf("libxslt %s\n", LIBXSLT_DOTTED_VERSION);
    printf("libcurl %s\n", cv && cv->version ? cv->version : LIBCURL_VERSION);
    const char *pdf = pdf_library_version();
    printf("%s\n", pdf ? pdf : "PDF input: not built (./configure --with-pdf)");
}

static void on_signal(int sig)
{
    /* Leave no partial output behind, then die of the same signal. */
    r2x_remove_temp_files();
    signal(sig, SIG_DFL);
    raise(sig);
}

int main(int argc, char **argv)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    if (argc < 2) {
        print_help();
        return EXIT_FAILURE_RUN;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        if (!strcmp(cmd, "help") && argc > 2) {
            for (const cli_command *c = cli_commands; c->name; c++)
                if (!strcmp(c->name, argv[2])) {
                    cli_print_command_help(c);
                    return EXIT_OK;
                }
            fprintf(stderr, "release2xbrl: unknown command '%s'\n", argv[2]);
            return EXIT_FAILURE_RUN;
        }
        print_help();
        return EXIT_OK;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V") || !strcmp(cmd, "version")) {
        print_version();
        return EXIT_OK;
    }
    for (const cli_command *c = cli_commands; c->name; c++)
        if (!strcmp(c->name, cmd))
            return c->run(argc - 1, argv + 1);
    fprintf(stderr, "release2xbrl: unknown command '%s'; try 'release2xbrl --help'\n", cmd);
    return EXIT_FAILURE_RUN;
}
