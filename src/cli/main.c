/*
 * main.c - release2xbrl: subcommand table, --help, --version, dispatch.
 *
 * Each cmd_*.c parses its own options and calls the library; nothing below
 * the CLI prints or exits.
 */
#include <ctype.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef HAVE_MALLOPT
#include <malloc.h>
#endif

#include "cli.h"
#include "cli_common.h"
#include "fetch_options.h"
#include "messages.h"

#define HELP_OPTION {"-h, --help", NULL, "show this help"}

static const cli_option_doc tables_options[] = {
    {"-o, --output", "FILE", "write the JSON to FILE instead of standard output"},
    {"--stats", NULL, "print how well the tables were read (statement figures placed in a "
                      "period and unit, totals that add up) instead of the JSON; with "
                      "--output, the JSON too"},
    CLI_INPUT_OPTION_DOCS("write nothing and exit 1 when a figure cannot be placed in "
                          "its table"),
    HELP_OPTION,
    {NULL, NULL, NULL},
};

/* The entity options convert and map share. */
#define ENTITY_OPTION_DOCS                                                                  \
    {"--entity", "SCHEME:ID", "the entity identifier: cik:320193 or lei:CODE (default: "    \
                              "the profile's, else one the release prints, else its ticker "\
                              "or name in the SEC's company list)"},                        \
    {"--cik", "DIGITS", "the same as --entity cik:DIGITS"},                                 \
    {"--entity-name", "NAME", "the registrant's name (overrides the profile)"},             \
    {"--companies", "FILE", "the SEC's company list to look tickers and names up in "       \
                            "(default: the one 'fetch --companies' refreshed, else the "     \
                            "installed snapshot)"}

/* The roll-forward convert and map share. */
#define PRIOR_OPTION_DOC                                                                    \
    {"--prior", "FILING", "the company's last filing, an XBRL instance or Inline XBRL "    \
                          "document (a path or an https URL): lines whose figures are its " \
                          "facts take its concepts and signs, lines with its labels its "   \
                          "concepts"}

#define STRICT_CONVERT "write nothing and exit 1 when a line is unmapped, a total does not " \
                       "add up, duplicates disagree, a figure cannot be placed or the entity " \
                       "has no registry identifier"

/* The options of every command that runs over many inputs. */
#define BATCH_OPTION_DOCS(EXT)                                                               \
    {"-d, --output-dir", "DIR", "write each input's output into DIR, as its name with "      \
                                EXT " (several inputs need it)"},                            \
    {"-j, --jobs", "N", "work on N inputs at once, each in its own process (default 1)"},    \
    {"--jsonl", NULL, "print one JSON line per input on standard output: its status, "      \
                      "outputs and counts"}

static const cli_option_doc convert_options[] = {
    {"-o, --output", "FILE", "write to FILE (default: standard output), and the extension "
                             "taxonomy beside it (PREFIX-DATE.xsd and its _lab, _pre, _cal, "
                             "_def.xml)"},
    BATCH_OPTION_DOCS(".xml (.htm, .json, .csv for --format ixbrl, json, csv)"),
    {"-f, --format", "xbrl|ixbrl|json|csv|all", "an XBRL 2.1 instance (default), the release "
                                                "as Inline XBRL 1.1, xBRL-JSON, xBRL-CSV "
                                                "(FILE.csv and FILE-metadata.json), or all of "
                                                "them beside FILE.xml"},
    {"--stylesheet", "FILE|review", "the XSLT stylesheet that renders the Inline XBRL "
                                    "(default: the installed xslt/ixbrl.xsl; review: one that "
                                    "marks every tagged cell)"},
    ENTITY_OPTION_DOCS,
    PRIOR_OPTION_DOC,
    CLI_INPUT_OPTION_DOCS(STRICT_CONVERT),
    HELP_OPTION,
    {NULL, NULL, NULL},
};

/* map's: no --format or --stylesheet, which only a writer of XBRL has
 * (src/cli/cmd_convert.c refuses them for map), and one input */
static const cli_option_doc map_options[] = {
    {"-o, --output", "FILE", "write the review table to FILE (default: standard output)"},
    ENTITY_OPTION_DOCS,
    PRIOR_OPTION_DOC,
    CLI_INPUT_OPTION_DOCS(STRICT_CONVERT),
    HELP_OPTION,
    {NULL, NULL, NULL},
};

static const cli_option_doc fetch_option_docs[] = {
    {"-r, --recursive", NULL, "also fetch every document each one refers to (a schema's "
                              "imports and linkbases: its whole DTS)"},
    {"--companies", NULL, "refresh the SEC's company list (for the entity rules of "
                          "convert) from sec.gov into the cache"},
    {"-o, --output", "FILE", "with --companies: write the list to FILE instead"},
    CLI_FETCH_OPTION_DOCS,
    {"-q, --quiet", NULL, "do not list what was fetched"},
    HELP_OPTION,
    {NULL, NULL, NULL},
};

static const cli_option_doc extract_options[] = {
    {"-o, --output", "FILE", "write the instance to FILE (default: standard output)"},
    BATCH_OPTION_DOCS(".xml (.json, .csv for --format json, csv)"),
    {"-f, --format", "xbrl|json|csv|all", "an XBRL 2.1 instance (default), xBRL-JSON, "
                                          "xBRL-CSV (FILE.csv and FILE-metadata.json), or all "
                                          "three beside FILE.xml"},
    {"--max-messages", "N", "print at most N messages (default: all)"},
    {"-q, --quiet", NULL, "print errors only (no warnings or summary)"},
    HELP_OPTION,
    {NULL, NULL, NULL},
};

/* facts: convert's options for a release, but none that writes XBRL */
static const cli_option_doc facts_options[] = {
    {"-o, --output", "FILE", "write the listing to FILE (default: standard output)"},
    {"-f, --format", "table|json", "a table for people (default) or JSON for programs"},
    ENTITY_OPTION_DOCS,
    CLI_INPUT_OPTION_DOCS(STRICT_CONVERT),
    HELP_OPTION,
    {NULL, NULL, NULL},
};

static const cli_option_doc validate_options[] = {
    CLI_FETCH_OPTION_DOCS,
    {"--calc", "c11|xbrl21|none", "calculation checks: Calculations 1.1 round-to-nearest "
                                  "(default), XBRL 2.1 section 5.2.5.2, or none"},
    {"-f, --format", "text|json|jsonl", "how findings are printed: text (default), one JSON "
                                        "document, or one JSON line per input; JSON also "
                                        "says which checks ran, in part or not at all, and "
                                        "why"},
    {"-j, --jobs", "N", "check N inputs at once, each in its own process (default 1)"},
    {"--jsonl", NULL, "the same as --format jsonl"},
    {"--dts-only", NULL, "load each input's DTS and print its counts; check nothing else"},
    {"--duplicates", "error|warning|all", "inconsistent duplicate facts are errors (default, "
                                          "as filing rules require) or warnings (XBRL 2.1 "
                                          "alone); all: consistent ones are warned of too"},
    {"--schema", "auto|full|none", "libxml2's XML Schema validation of the schemas and the "
                                   "instance, besides the types check: when the DTS has at "
                                   "most 3000 concepts (default), whatever its size, or never"},
    {"--ignore", "CODE", "leave out findings whose code matches CODE, a shell pattern "
                         "('calc11e:*'); may be repeated or comma-separated"},
    {"--only", "CODE", "report only findings whose code matches CODE; may be repeated"},
    {"--severity", "warning|error", "report findings of this severity and above (default "
                                    "warning: all)"},
    {"-q, --quiet", NULL, "do not print warnings (they are still counted)"},
    HELP_OPTION,
    {NULL, NULL, NULL},
};

#define EXIT_WRITTEN "0 the output was written (warnings may have been printed), 1 the " \
                     "input has errors and nothing was written, 2 usage or I/O failure"
#define EXIT_BATCH EXIT_WRITTEN "; over several inputs, the worst of theirs"

const cli_command cli_commands[] = {
    {"tables", cmd_tables, "extract the tables of a release as JSON",
     "release2xbrl tables [OPTIONS] FILE", tables_options, EXIT_WRITTEN},
    {"convert", cmd_convert, "convert a release into an XBRL 2.1 instance",
     "release2xbrl convert [OPTIONS] FILE...", convert_options, EXIT_BATCH},
    {"map", cmd_map, "show how every line item maps to a concept, for review",
     "release2xbrl map [OPTIONS] FILE", map_options, EXIT_WRITTEN},
    {"fetch", cmd_fetch, "fill the download cache with the documents at URLs",
     "release2xbrl fetch [OPTIONS] URL...\n       release2xbrl fetch --companies [OPTIONS]",
     fetch_option_docs,
     "0 every document was had, 1 one could not be had (or was refused), 2 usage or I/O "
     "failure"},
    {"extract", cmd_extract, "extract the XBRL 2.1 instance of an Inline XBRL document",
     "release2xbrl extract [OPTIONS] FILE...", extract_options, EXIT_BATCH},
    {"validate", cmd_validate, "check XBRL instances against their taxonomy and XBRL 2.1",
     "release2xbrl validate [OPTIONS] FILE...", validate_options,
     "0 valid (warnings may have been printed), 1 an input has errors, 2 usage or I/O "
     "failure (an input could not be checked)"},
    {"facts", cmd_facts, "list the facts of an instance, Inline XBRL document or release",
     "release2xbrl facts [OPTIONS] FILE", facts_options, EXIT_WRITTEN},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

static void vprint_error(const char *fmt, va_list ap)
{
    fputs("release2xbrl: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint_error(fmt, ap);
    va_end(ap);
}

void cli_report(const r2x_error *err)
{
    r2x_error e = *err;
    e.severity = R2X_SEV_ERROR;
    cli_messages_print(stderr, &e, NULL);
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

int cli_fail(r2x_error *err, int code, const char *file, long line, const char *fmt, ...)
{
    r2x_error_clear(err);
    err->code = code;
    err->severity = R2X_SEV_ERROR;
    err->line = line;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

const cli_command *cli_command_named(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

#define HELP_WIDTH 80
#define HELP_COLUMN 30      /* where an option's description starts */

/* text from column col, wrapped to HELP_WIDTH, continued lines at indent. */
static void print_wrapped(const char *text, int col, int indent)
{
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t room = (size_t)(HELP_WIDTH - col);
        size_t n = strlen(p);
        if (n > room) {
            n = room;
            while (n > 0 && p[n] != ' ')
                n--;
            if (!n)                     /* one word longer than the line */
                n = strcspn(p, " ");
        }
        printf("%.*s\n", (int)n, p);
        p += n;
        if (*p)
            printf("%*s", indent, "");
        col = indent;
    }
}

void cli_print_command_help(const cli_command *cmd)
{
    /* the summary is lower-case in the command list; a sentence here */
    printf("Usage: %s\n\n%c%s.\n\nOptions:\n", cmd->usage,
           toupper((unsigned char)cmd->summary[0]), cmd->summary + 1);
    for (const cli_option_doc *o = cmd->options; o->name; o++) {
        char left[80];
        /* long options line up under the long form of "-o, --output" */
        snprintf(left, sizeof left, "%s%s%s%s", o->name[1] == '-' ? "    " : "", o->name,
                 o->arg ? " " : "", o->arg ? o->arg : "");
        int col = printf("  %s", left);
        if (col > HELP_COLUMN - 2) {
            printf("\n%*s", HELP_COLUMN, "");
        } else {
            printf("%*s", HELP_COLUMN - col, "");
        }
        print_wrapped(o->help, HELP_COLUMN, HELP_COLUMN);
    }
    printf("\nExit status: ");
    print_wrapped(cmd->exit_status, 13, 0);
}

static void print_help(void)
{
    printf("Usage: release2xbrl COMMAND [OPTIONS] [FILE...]\n\n"
           "Turn a financial press release into XBRL.\n\nCommands:\n");
    for (const cli_command *c = cli_commands; c->name; c++)
        printf("  %-10s %s\n", c->name, c->summary);
    printf("\nGeneral options:\n"
           "  -h, --help     show this help; 'release2xbrl COMMAND --help' for a command\n"
           "  -V, --version  show the version of release2xbrl and its libraries\n\n"
           "Exit status, for every command: 0 an output was written (warnings may have\n"
           "been printed), 1 the input has errors and nothing was written, 2 usage or\n"
           "I/O failure.  See release2xbrl(1).\n");
}

static void print_version(void)
{
    r2x_versions v = {.size = sizeof v};
    r2x_version_info(&v);
    printf("release2xbrl %s\n", v.version);
    printf("libxml2 %s\n", v.libxml2);
    printf("libxslt %s\n", v.libxslt);
    if (v.libcurl[0])
        printf("libcurl %s\n", v.libcurl);
    else
        printf("libcurl: cannot be loaded: downloads fail\n");
    if (v.poppler[0])
        printf("poppler-glib %s\n", v.poppler);
    else if (v.pdf_support)
        printf("poppler-glib: cannot be loaded: PDF input fails\n");
    else
        printf("PDF input: not built (./configure --with-pdf)\n");
}

static void on_signal(int sig)
{
    /* Leave no partial output behind, then die of the same signal. */
    r2x_remove_temp_files();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* The heap in 2 MiB pages where the system gives them on request
 * (transparent huge pages, "madvise"): page faults, one a 4 KiB page, were a
 * third of validating a filing's CPU time.  malloc keeps blocks up to 32 MiB
 * in the heap (not in mappings of their own, which madvise would not reach)
 * and grows it 64 MiB at a time, which the kernel is asked to back with huge
 * pages; untouched, it costs no memory. */
static void heap_in_huge_pages(void)
{
#if defined(HAVE_MALLOPT) && defined(M_MMAP_THRESHOLD) && defined(M_TOP_PAD) && \
    defined(MADV_HUGEPAGE)
    const size_t pad = (size_t)64 << 20, huge = (size_t)2 << 20;
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    mallopt(M_TOP_PAD, (int)pad);
    char *block = malloc(huge);         /* makes malloc grow the heap */
    if (!block)
        return;
    uintptr_t from = ((uintptr_t)block + huge - 1) & ~(uintptr_t)(huge - 1);
    uintptr_t to = (uintptr_t)sbrk(0) & ~(uintptr_t)(huge - 1);
    free(block);
    if (to > from)
        madvise((void *)from, to - from, MADV_HUGEPAGE);
#endif
}

static int run(int argc, char **argv)
{
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
            cli_error("unknown command '%s'", argv[2]);
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
    cli_error("unknown command '%s'; try 'release2xbrl --help'", cmd);
    return EXIT_FAILURE_RUN;
}

int main(int argc, char **argv)
{
    /* validation's many small allocations gain (its page faults); a
     * conversion's large buffers would only be kept longer */
    if (argc > 1 && !strcmp(argv[1], "validate"))
        heap_in_huge_pages();
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    /* libxml2 now; libcurl when a download needs it (opening it costs
     * every run that downloads nothing ~40 ms) */
    r2x_error err;
    r2x_error_clear(&err);
    if (r2x_global_init(R2X_GLOBAL_XML, &err)) {
        cli_report(&err);
        return EXIT_FAILURE_RUN;
    }
    int status = run(argc, argv);
    r2x_global_cleanup();
    return status;
}
