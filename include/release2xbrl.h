/*
 * release2xbrl.h - public API of librelease2xbrl.
 *
 * The library turns a financial press release into tables whose every column
 * knows its period, unit and scale (and, in later stages, into XBRL).  It never
 * prints and never exits: every function returns an int status (R2X_OK or an
 * R2X_E* code) and fills a caller-supplied r2x_error.  Non-fatal findings
 * (repairs, unlabeled rows) go to a diagnostic callback on the options.
 *
 * Ownership: objects returned through an out-parameter belong to the caller and
 * are released with the matching *_free(), which accepts NULL.
 *
 * Memory the library returns through a char ** (a fetched document, a
 * path) is released with r2x_free().
 *
 * Process-wide state and threads (doc/api.md says more):
 *  - r2x_global_init() sets up, once, what the library shares with the
 *    whole process: libxml2 (xmlInitParser, and a counting allocator wrapped
 *    around libxml2's, which tells allocation failures apart from bad
 *    input) and, with R2X_GLOBAL_CURL, libcurl (opened and
 *    curl_global_init).  Call it from the main thread before other threads
 *    use this library, libxml2 or libcurl, as curl_global_init.  A program
 *    that does not call it still works: the same is done lazily, libxml2's
 *    at the first document parsed, libcurl's at the first download (each
 *    once, under a lock).  r2x_global_cleanup() undoes what the init did
 *    (libxml2's allocator restored, xsltCleanupGlobals, xmlCleanupParser,
 *    curl_global_cleanup), once no thread uses this library, libxml2 or
 *    libcurl any more; inits and cleanups pair up, the last cleanup does
 *    the work.
 *  - Thread-safe, from any thread at any time: r2x_version,
 *    r2x_strerror, r2x_error_clear, the *_name and *_from_name functions,
 *    r2x_sniff, the decimal, date and unit helpers, r2x_free,
 *    r2x_remove_temp_files (also signal-safe).
 *  - Every other call: one at a time in the process.  Different threads may
 *    each own documents, tablesets, profiles, fetchers and validators and
 *    take turns, but two calls must not run at once, because calls share
 *    process-wide state: r2x_validate sets libxml2's external entity loader
 *    (every schema read through its fetcher) for its XML Schema check; the
 *    Inline XBRL output sets libxslt's error handler (a process-wide
 *    global); an output reads the umask (set and set back) and claims a slot
 *    of the fixed table of outputs being written (32) without a lock; the
 *    XML writer keeps one guard for the writer open; a conversion keeps the
 *    share-count concept names in a static buffer.  The CLI runs a batch as
 *    processes, one per input.  Objects hold no reference to the thread that
 *    made them.
 * A program that uses libxml2 or libcurl itself should call r2x_global_init
 * (or initialise them) before its first call into this library, and not
 * change libxml2's allocator, error handlers or entity loader while a call
 * is running.
 */
#ifndef R2X_RELEASE2XBRL_H
#define R2X_RELEASE2XBRL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ------------------------------------------------------------- */

/* The version of this header (configure reads it from here).  A program
 * built against one version may check at run time the library it got:
 * r2x_version_info() gives its R2X_VERSION_NUM. */
#define R2X_VERSION_MAJOR 0
#define R2X_VERSION_MINOR 1
#define R2X_VERSION_PATCH 0
#define R2X_VERSION_STRING "0.1.0"
/* 0xMMmmpp, as libcurl's LIBCURL_VERSION_NUM: comparable with < and >. */
#define R2X_VERSION_NUM \
    ((R2X_VERSION_MAJOR << 16) | (R2X_VERSION_MINOR << 8) | R2X_VERSION_PATCH)

/* ---- Process-wide setup ------------------------------------------------ */

#define R2X_GLOBAL_XML  0x1u   /* libxml2: xmlInitParser, the counting allocator */
#define R2X_GLOBAL_CURL 0x2u   /* libcurl: opened (dlopen) and curl_global_init */
#define R2X_GLOBAL_ALL  (R2X_GLOBAL_XML | R2X_GLOBAL_CURL)

struct r2x_error;
/* Set up what flags name, now (see "Process-wide state" above).  R2X_EIO when
 * libcurl cannot be loaded (R2X_GLOBAL_CURL), R2X_EUSAGE for an unknown
 * flag; err may be NULL.  Without R2X_GLOBAL_CURL, libcurl is still opened
 * at the first download (what the CLI does: some 70 libraries it pulls in
 * cost ~40 ms a run that downloads nothing). */
int r2x_global_init(unsigned flags, struct r2x_error *err);
/* Undo the last r2x_global_init not yet undone; nothing when none is. */
void r2x_global_cleanup(void);

/* Release memory the library returned through a char ** (NULL is fine). */
void r2x_free(void *p);

/* ---- Structs that grow ------------------------------------------------------
 *
 * Every options or result struct the caller allocates starts with
 * `size_t size`, the struct's size as the caller's header declared it, set
 * by its static inline *_init() (compiled into the caller, so it is the
 * caller's sizeof), which also zeroes every field (0 and NULL are the
 * defaults).  A later library whose struct has more fields reads and fills
 * only the fields that fit in size, and takes the defaults for the rest: a
 * program built against an older header keeps working.  A size smaller
 * than the size field itself (a struct zeroed without its *_init) is
 * R2X_EUSAGE.  Fields are only ever added at the end.  r2x_versions and the
 * fetcher's structs follow the same rule. */

/* ---- Status codes and the error record -------------------------------- */

enum r2x_status {
    R2X_OK = 0,
    R2X_ENOMEM,     /* out of memory */
    R2X_EIO,        /* a file could not be read or written */
    R2X_EUSAGE,     /* the caller passed something invalid */
    R2X_EINPUT,     /* the input document is malformed (binary, bad UTF-8, ...) */
    R2X_ERANGE,     /* a value does not fit the exact decimal type */
    R2X_ETOOBIG,    /* the input exceeds a configured limit */
    R2X_EPROFILE,   /* a company profile is malformed */
    R2X_ETABLE      /* a table could not be read consistently */
};

/* A note says what was decided and why (which rule identified the entity);
 * a warning, something the caller should look at; an error, something
 * wrong. */
enum r2x_severity { R2X_SEV_WARNING = 1, R2X_SEV_ERROR = 2, R2X_SEV_NOTE = 3 };
/* "note", "warning" or "error". */
const char *r2x_severity_name(int severity);

/* One error or diagnostic: what went wrong and where.  Fixed buffers, so that
 * reporting never allocates (as curl's error buffer). */
typedef struct r2x_error {
    int code;                 /* enum r2x_status */
    int severity;             /* enum r2x_severity */
    char file[512];           /* the file it concerns, "" if none */
    long line;                /* 1-based, 0 if unknown */
    long column;              /* 1-based, 0 if unknown */
    char message[1024];
    char rule[128];           /* a validation finding's rule code
                               * ("xbrl.4.6.1:itemContextRef"), "" for other
                               * errors and diagnostics */
} r2x_error;

/* A short, static description of a status code. */
const char *r2x_strerror(int code);

/* Clear an error record. */
void r2x_error_clear(r2x_error *err);

/* Receives non-fatal diagnostics (warnings) and non-fatal errors that let the
 * run go on; the record is only valid during the call. */
typedef void (*r2x_diag_fn)(void *userdata, const r2x_error *diag);

/* ---- Exact decimals ------------------------------------------------------ */

/* An exact decimal: value = coef * 10^exp.  Amounts never pass through floating
 * point; a number whose digits do not fit in 18 significant digits is
 * R2X_ERANGE, never wrapped. */
typedef struct r2x_decimal {
    int64_t coef;
    int exp;
} r2x_decimal;

#define R2X_DECIMAL_MAX_DIGITS 18
/* Longest text r2x_decimal_format() writes, with its NUL (18 digits, 40
 * zeros, a sign and a point). */
#define R2X_DECIMAL_STRLEN 64
/* The exponents an r2x_decimal may have. */
#define R2X_DECIMAL_MAX_EXP 40

/* Multiply by 10^power (power may be negative: -2 turns 46.6 into 0.466).
 * R2X_ERANGE if the result needs more than R2X_DECIMAL_MAX_DIGITS digits. */
int r2x_decimal_scale(r2x_decimal *d, int power);

/* Sum a + b exactly into *out; R2X_ERANGE on overflow. */
int r2x_decimal_add(r2x_decimal a, r2x_decimal b, r2x_decimal *out);

/* Compare exactly: <0, 0, >0. */
int r2x_decimal_cmp(r2x_decimal a, r2x_decimal b);

/* Plain decimal notation, no exponent, no trailing zeros after the point:
 * 32275024000, -0.466, 1780.11.  buf must hold R2X_DECIMAL_STRLEN bytes.  An
 * exponent beyond +-R2X_DECIMAL_MAX_EXP writes "out-of-range". */
void r2x_decimal_format(r2x_decimal d, char *buf);

/* ---- Dates and periods --------------------------------------------------- */

typedef struct r2x_date {
    int year, month, day;     /* all 0 when unknown */
} r2x_date;

enum r2x_period_kind {
    R2X_PERIOD_NONE = 0,      /* not a period (a change column, say) */
    R2X_PERIOD_INSTANT,
    R2X_PERIOD_DURATION
};

typedef struct r2x_period {
    int kind;                 /* enum r2x_period_kind */
    r2x_date start;           /* durations only */
    r2x_date end;             /* the instant, or the last day of a duration */
} r2x_period;

/* How a company names its fiscal years: IIJ's "FY2009" runs April 2009 to
 * March 2010 (named by the year it starts in); most US companies name a year
 * by the calendar year it ends in. */
enum r2x_fiscal_naming { R2X_FY_NAMED_BY_END = 0, R2X_FY_NAMED_BY_START = 1 };

typedef struct r2x_fiscal_calendar {
    int end_month;            /* 1..12 */
    int end_day;              /* 1..31, the last day of the fiscal year */
    int naming;               /* enum r2x_fiscal_naming */
} r2x_fiscal_calendar;

/* "2009-09-30" into buf (11 bytes). */
void r2x_date_format(r2x_date d, char *buf);

/* ---- Units --------------------------------------------------------------- */

enum r2x_unit_kind {
    R2X_UNIT_NONE = 0,        /* no unit known */
    R2X_UNIT_CURRENCY,        /* ISO 4217 code in .measure */
    R2X_UNIT_SHARES,          /* share counts */
    R2X_UNIT_PER_SHARE,       /* currency per share: .measure / .denominator */
    R2X_UNIT_PURE,            /* ratios and percentages (values as ratios) */
    R2X_UNIT_OTHER            /* anything else: ADSs, contracts, Gbps... */
};

typedef struct r2x_unit {
    int kind;                 /* enum r2x_unit_kind */
    char measure[16];         /* "JPY", "shares", "pure", "ADS", "Gbps" */
    char denominator[16];     /* "shares" or "ADS" for per-share units, else "" */
} r2x_unit;

/* "JPY", "USD/shares", "shares", "pure" into buf (40 bytes). */
void r2x_unit_format(const r2x_unit *u, char *buf);

/* ---- Company profile ----------------------------------------------------- */

typedef struct r2x_profile r2x_profile;

/* Read a profile file (key: value lines, '#' comments; see mappings/README). */
int r2x_profile_load(const char *path, r2x_profile **out, r2x_error *err);
void r2x_profile_free(r2x_profile *profile);
/* A profile with nothing set: fiscal year ending 31 December, named by end. */
int r2x_profile_new_default(r2x_profile **out, r2x_error *err);
const r2x_fiscal_calendar *r2x_profile_calendar(const r2x_profile *profile);
/* NULL when the profile does not say. */
const char *r2x_profile_get(const r2x_profile *profile, const char *key);
/* Override the fiscal year end from "MM-DD" or "--MM-DD". */
int r2x_profile_set_fiscal_year_end(r2x_profile *profile, const char *mmdd,
                                    r2x_error *err);
/* Set (or replace) a key, as a command-line option overrides the profile. */
int r2x_profile_set(r2x_profile *profile, const char *key, const char *value,
                    r2x_error *err);
/* Override the fiscal-year naming from "start" or "end". */
int r2x_profile_set_fiscal_year_named_by(r2x_profile *profile, const char *naming,
                                         r2x_error *err);
/* Set the entity identifier, as --entity does: "cik:320193" (the SEC's
 * Central Index Key, up to 10 digits, kept zero-padded to 10) or
 * "lei:HWUPKR0MPOU8FGXBT394" (an ISO 17442 Legal Entity Identifier, its
 * check digits verified); the scheme is case-insensitive.  R2X_EUSAGE with a
 * message saying what is wrong otherwise.  An identifier set so is the
 * caller's word: it comes before the profile's and anything inferred. */
int r2x_profile_set_entity(r2x_profile *profile, const char *scheme_id, r2x_error *err);
/* True when any of the profile's "match:" phrases occurs in text. */
int r2x_profile_matches(const r2x_profile *profile, const char *text, size_t len);

typedef struct r2x_document r2x_document;
typedef struct r2x_tableset r2x_tableset;

/* Where the shipped data is (mappings/, taxonomy/, xslt/): $R2X_DATADIR
 * when set, else the installed data directory, else the source tree the
 * library was built from (so that it runs before `make install`); NULL when
 * none holds mappings/.  What the CLI uses; a caller may pass its own to
 * r2x_profile_find and r2x_convert_options.data_dir. */
const char *r2x_data_dir(void);

/* The profile in data_dir/mappings/profiles/ (files *.profile, read in name
 * order) whose "match:" phrase occurs in the first 16 KiB of the document,
 * into *out; NULL when none does or data_dir is NULL or has no profiles.
 * The CLI's choice when --profile is not given. */
int r2x_profile_find(const char *data_dir, const r2x_document *doc, r2x_profile **out,
                     r2x_error *err);

/* A profile made by r2x_profile_new_default() (no company profile) learns
 * what it can from the release: the entity name (the company named most
 * often with a legal form: "Sears, Roebuck and Co.") and the fiscal year end
 * ("fiscal year ended January 3, 2004", a column of a whole year, the
 * balance-sheet date of the last year end, the quarter the release names,
 * or 31 December where a period starts on 1 January or a balance sheet is
 * dated 31 December).  Where nothing says it, no fiscal year is claimed
 * (the cover facts that depend on it are left out) and a note says so.
 * What is already set (by options) is kept; each inference is reported
 * through diag as a note that says so.  set may be NULL.  Profiles read
 * from a file are left alone. */
int r2x_profile_infer(r2x_profile *profile, const r2x_document *doc,
                      const r2x_tableset *set, r2x_diag_fn diag, void *userdata,
                      r2x_error *err);

/* ---- What a file is ------------------------------------------------------ */

enum r2x_input_kind {
    R2X_KIND_TEXT = 0,            /* text (a release, or anything else) */
    R2X_KIND_HTML,                /* HTML that is not Inline XBRL */
    R2X_KIND_PDF,
    R2X_KIND_WORD,                /* .doc (OLE2) or .docx */
    R2X_KIND_OFFICE,              /* another Office file: .xls(x), .ppt(x), OLE2 */
    R2X_KIND_RTF,
    R2X_KIND_XBRL_INSTANCE,
    R2X_KIND_INLINE_XBRL,
    R2X_KIND_XBRL_TAXONOMY,       /* a taxonomy schema or linkbase */
    R2X_KIND_IMAGE,
    R2X_KIND_TAXONOMY_PACKAGE,    /* a zip with META-INF/taxonomyPackage.xml */
    R2X_KIND_ZIP,
    R2X_KIND_GZIP,
    R2X_KIND_XML                  /* other XML */
};

typedef struct r2x_sniffed {
    int kind;                     /* enum r2x_input_kind */
    char what[64];                /* "a PDF document", "a Word document (.docx)",
                                   * "a PNG image", "an XBRL instance" */
} r2x_sniffed;

/* What the first bytes of a file (64 KiB are enough) say it is: magic
 * numbers, zip entry names, the XML root element and its namespaces. */
void r2x_sniff(const char *data, size_t len, r2x_sniffed *out);

/* The same for a file ("-" is not sniffed: text).  R2X_EIO if it cannot be
 * read. */
int r2x_sniff_file(const char *path, r2x_sniffed *out, r2x_error *err);

/* ---- The release document ------------------------------------------------ */

typedef struct r2x_read_options {
    size_t size;              /* sizeof(r2x_read_options): r2x_read_options_init */
    size_t max_input_bytes;   /* 0: R2X_DEFAULT_MAX_INPUT; for a PDF, its text
                                 is held to the same limit */
    size_t max_line_bytes;    /* 0: R2X_DEFAULT_MAX_LINE */
    int windows_1252;         /* decode the input as Windows-1252, not UTF-8 */
    int format;               /* enum r2x_input_format */
    size_t max_pdf_pages;     /* 0: R2X_DEFAULT_MAX_PDF_PAGES; more is R2X_ETOOBIG */
    unsigned long pdf_timeout_ms;   /* 0: R2X_DEFAULT_PDF_TIMEOUT_MS; reading a PDF
                                 longer is R2X_ETOOBIG (checked between pages) */
} r2x_read_options;

/* Every option 0: the defaults. */
static inline void r2x_read_options_init(r2x_read_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* What the input is: AUTO reads a PDF when "%PDF-" starts within its first
 * 1024 bytes, HTML when it starts as HTML (<!DOCTYPE html, <html, XHTML) or
 * has <tr>/<td> tags, else text.  PDFs are read when the library was built
 * with poppler-glib (./configure --with-pdf), and refused with R2X_EINPUT
 * otherwise. */
enum r2x_input_format { R2X_INPUT_AUTO = 0, R2X_INPUT_TEXT, R2X_INPUT_HTML, R2X_INPUT_PDF };

#define R2X_DEFAULT_MAX_INPUT ((size_t)64 << 20)
#define R2X_DEFAULT_MAX_LINE ((size_t)64 << 10)
#define R2X_DEFAULT_MAX_PDF_PAGES ((size_t)500)
#define R2X_DEFAULT_PDF_TIMEOUT_MS 30000UL

/* Read a release from a file ("-" is standard input).  name is what messages
 * call it (the path when NULL).  Errors name the file and line.  A file that
 * cannot be a release is R2X_EINPUT naming what it is and what to do
 * (r2x_sniff): a PDF in a build without the PDF reader, a Word or Office
 * document, an image, an archive; with R2X_INPUT_AUTO also an XBRL instance,
 * taxonomy or Inline XBRL document (R2X_INPUT_HTML reads the latter).  An HTML
 * release becomes lines of text, each table row one tab-separated line;
 * line numbers in diagnostics are still those of the HTML file.  A PDF
 * release becomes the lines of its pages laid out as `pdftotext -layout`
 * lays them out (a page break a line of its own, a form feed); diagnostics
 * count those lines. */
int r2x_document_read_file(const char *path, const char *name,
                           const r2x_read_options *opts, r2x_document **out,
                           r2x_error *err);
/* The same from memory; the bytes are copied. */
int r2x_document_read_memory(const char *name, const char *data, size_t len,
                             const r2x_read_options *opts, r2x_document **out,
                             r2x_error *err);
void r2x_document_free(r2x_document *doc);
const char *r2x_document_name(const r2x_document *doc);
size_t r2x_document_line_count(const r2x_document *doc);
/* Line n (1-based): a pointer into the text, ending at the next newline;
 * NULL past the end. */
const char *r2x_document_line(const r2x_document *doc, size_t n);
/* The whole text, NUL-terminated, lines separated by '\n'. */
const char *r2x_document_text(const r2x_document *doc, size_t *len);
/* The input file's line of line n, to name in messages: n itself for text;
 * for HTML, the line of the HTML file the row came from (0 stays 0, "no
 * line"). */
size_t r2x_document_source_line(const r2x_document *doc, size_t n);

/* ---- Tables -------------------------------------------------------------- */

enum r2x_statement {
    R2X_STMT_OTHER = 0,
    R2X_STMT_BALANCE_SHEET,
    R2X_STMT_INCOME,
    R2X_STMT_CASH_FLOWS,
    R2X_STMT_EQUITY,
    R2X_STMT_SEGMENT
};
const char *r2x_statement_name(int statement);

enum r2x_column_role {
    R2X_COL_AMOUNT = 0,       /* a figure of its period */
    R2X_COL_PERCENT_OF_TOTAL, /* "% of total revenues": a ratio, not an amount */
    R2X_COL_CONVENIENCE,      /* a convenience translation into another currency */
    R2X_COL_CHANGE            /* "YoY % change": no period of its own */
};
const char *r2x_column_role_name(int role);

typedef struct r2x_column {
    int index;                /* the cell position in the source rows */
    int role;                 /* enum r2x_column_role */
    char *heading;            /* heading text over the column, joined with " | " */
    r2x_period period;
    r2x_unit unit;
    int scale;                /* power of ten the printed figures are in: 3 = thousands */
} r2x_column;

typedef struct r2x_value {
    int column;               /* index into the table's columns[] */
    r2x_decimal value;        /* after scaling: the amount itself */
    r2x_unit unit;            /* the cell's unit (a row may override its column) */
    int decimals;             /* XBRL decimals: -3 for thousands, 2 for 1,780.11 */
    int nil_dash;             /* printed as a dash: a nil amount, value 0 */
    char *text;               /* the cell as printed */
    long column_no;           /* source column (characters, 1-based) where the
                               * cell starts; 0 unknown */
} r2x_value;

/* Where a row stands in its statement, for choosing its concept. */
enum r2x_position {
    R2X_POS_NONE = 0,
    R2X_POS_CURRENT_ASSETS,
    R2X_POS_NONCURRENT_ASSETS,
    R2X_POS_CURRENT_LIABILITIES,
    R2X_POS_NONCURRENT_LIABILITIES,
    R2X_POS_EQUITY,
    R2X_POS_OPERATING,        /* cash flows from operating activities */
    R2X_POS_INVESTING,
    R2X_POS_FINANCING,
    R2X_POS_SUPPLEMENTAL      /* below the cash-flow totals: cash paid, non-cash items */
};
const char *r2x_position_name(int position);

typedef struct r2x_row {
    long line;                /* source line of the figures */
    long label_line;          /* source line where the label starts */
    char *label;              /* NULL when extraction lost it */
    char *footnote;           /* footnote marker stripped from the label, or NULL */
    int indent;               /* leading spaces/levels of the label as printed */
    int is_total;             /* the label reads as a total ("Total ...") */
    int is_heading;           /* a label with no figures ("ASSETS", "REVENUES:") */
    long column;              /* source column (characters, 1-based) of the label; 0 unknown */
    int section;              /* index in the table's rows of the section heading
                               * the row stands under ("Current assets:"), -1 none */
    int position;             /* enum r2x_position */
    int total;                /* index in the table's rows of the printed total
                               * this row adds into, -1 none */
    int sum_checks;           /* a total that equals the sum of its addends (the
                               * rows whose total it is) in every amount column */
    size_t nvalues;
    r2x_value *values;
} r2x_row;

typedef struct r2x_table {
    char *title;
    long title_line;          /* 0 when no title line was found */
    long first_line, last_line;
    int statement;            /* enum r2x_statement */
    int continues;            /* 1-based number of the table this one continues, or 0 */
    int page;                 /* the page it starts on (PDF, form feeds), 0 unknown */
    int count_scale;          /* the power of ten its headings print share counts in
                               * ("(in millions, except per share data)": 6) */
    size_t ncolumns;
    r2x_column *columns;
    size_t nrows;
    r2x_row *rows;
} r2x_table;

struct r2x_tableset {
    size_t ntables;
    r2x_table *tables;
};

typedef struct r2x_extract_options {
    size_t size;                  /* sizeof(r2x_extract_options): r2x_extract_options_init */
    const r2x_profile *profile;   /* fiscal calendar; NULL: the default */
    r2x_diag_fn diag;             /* receives warnings; may be NULL */
    void *diag_userdata;
} r2x_extract_options;

/* No profile (the default calendar), no callback. */
static inline void r2x_extract_options_init(r2x_extract_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* Find every table in doc and read its columns (period, unit, scale) and
 * rows.  Repairs are reported through opts->diag as warnings; values that
 * cannot be placed are reported as errors through the same callback and the
 * count of those is stored in *nerrors (may be NULL).  Returns R2X_OK unless
 * the whole extraction failed (out of memory). */
int r2x_tables_extract(const r2x_document *doc, const r2x_extract_options *opts,
                       r2x_tableset **out, size_t *nerrors, r2x_error *err);
void r2x_tableset_free(r2x_tableset *set);

/* Write the tables as JSON (UTF-8, deterministic) to path ("-" for standard
 * output) through a temporary file renamed into place. */
int r2x_tables_write_json(const r2x_tableset *set, const r2x_document *doc,
                          const char *path, r2x_error *err);

/* How well the tables were read, for a release nobody has checked: the
 * statements' figures (income statement, balance sheet, cash flows,
 * equity), how many of them stand in a column with a period and carry a
 * unit, and how many printed totals equal the sum of the rows they total
 * (r2x_row.sum_checks). */
typedef struct r2x_table_stats {
    size_t size;              /* sizeof(r2x_table_stats): r2x_table_stats_init */
    size_t tables;            /* tables found */
    size_t statements;        /* of them, financial statements */
    size_t figures;           /* figures of the statements' amount columns (not
                               * of "% change" columns), nil dashes included */
    size_t placed;            /* of them, in a column with a period, with a unit */
    size_t totals;            /* the statements' total rows with figures */
    size_t totals_checked;    /* of them, sums of their rows in every column */
} r2x_table_stats;

/* Zero, and the size r2x_tables_stats may fill. */
static inline void r2x_table_stats_init(r2x_table_stats *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* R2X_EUSAGE when out->size is not set. */
int r2x_tables_stats(const r2x_tableset *set, r2x_table_stats *out);

/* ---- Conversion to XBRL ---------------------------------------------------- */

enum r2x_format {
    R2X_FORMAT_XBRL = 0,          /* an XBRL 2.1 instance */
    R2X_FORMAT_IXBRL,             /* the release as Inline XBRL 1.1 (XHTML) */
    R2X_FORMAT_ALL,               /* every format below but the listings, and the
                                   * extension taxonomy, all or none */
    R2X_FORMAT_JSON,              /* xBRL-JSON 1.0 (Open Information Model) */
    R2X_FORMAT_CSV,               /* xBRL-CSV 1.0: a CSV table and its JSON metadata */
    R2X_FORMAT_FACTS,             /* a listing of the facts, one a line, for people */
    R2X_FORMAT_FACTS_JSON         /* the same listing as JSON */
};

/* "xbrl", "ixbrl", "all", "json", "csv", "facts", "facts-json"; and back
 * (-1 when none). */
const char *r2x_format_name(int format);
int r2x_format_from_name(const char *name);
/* How the entity (the xbrli:identifier of every context) was identified,
 * in this order of precedence. */
enum r2x_entity_rule {
    R2X_ENTITY_NONE = 0,
    R2X_ENTITY_GIVEN,             /* by the caller: r2x_profile_set_entity (--entity) */
    R2X_ENTITY_PROFILE,           /* the company profile's entity: (or cik:) key */
    R2X_ENTITY_PRINTED,           /* a CIK or LEI printed in the release */
    R2X_ENTITY_TICKER,            /* an exchange ticker printed in the release
                                   * ("NYSE: BA"), in the SEC's company list, whose
                                   * company the release names */
    R2X_ENTITY_NAME,              /* the company's name, in the SEC's list, one
                                   * company only */
    R2X_ENTITY_OWN_SCHEME         /* none of those: the name under
                                   * R2X_SCHEME_ENTITY_NAME, with a warning */
};
/* "given", "profile", "printed", "ticker", "name", "own-scheme" ("none"). */
const char *r2x_entity_rule_name(int rule);

#define R2X_SCHEME_CIK "http://www.sec.gov/CIK"
#define R2X_SCHEME_LEI "http://standards.iso.org/iso/17442"
/* Ours, for an entity with no registry identifier: the identifier is its
 * name as the release prints it. */
#define R2X_SCHEME_ENTITY_NAME "urn:release2xbrl:entity-name"

typedef struct r2x_convert_options {
    size_t size;                  /* sizeof(r2x_convert_options): r2x_convert_options_init */
    const r2x_profile *profile;   /* company profile (fiscal year, entity, overlay) */
    const char *data_dir;         /* holds mappings/, taxonomy/ and xslt/ */
    r2x_diag_fn diag;             /* notes, warnings and non-fatal errors; may be NULL */
    void *diag_userdata;
    int format;                   /* enum r2x_format; 0: XBRL */
    const char *stylesheet;       /* Inline XBRL stylesheet: a file, or "review" (the
                                   * shipped data_dir/xslt/ixbrl-review.xsl, which
                                   * marks every tagged cell); NULL: data_dir/xslt/ixbrl.xsl */
    /* Added with the entity rules (issue 20): */
    int strict;                   /* refuse (R2X_EINPUT, nothing written) when a
                                   * statement line is unmapped, a total does not
                                   * add up, duplicates disagree or the entity has
                                   * no registry identifier */
    const char *companies;        /* the SEC's company list (mappings/sec-companies.tsv
                                   * format); NULL: data_dir/mappings/sec-companies.tsv */
    /* Added with the roll-forward (issue 16): */
    const char *prior;            /* the company's last filing: an XBRL instance or
                                   * Inline XBRL document, a path or an http(s) URL;
                                   * lines whose figures are its facts take its
                                   * concepts and signs.  NULL: none.  Not XBRL
                                   * or holding no numeric fact: R2X_EINPUT;
                                   * unreadable: R2X_EIO; a URL to a private
                                   * address is refused (R2X_EINPUT), as fetch
                                   * refuses it */
    const char *cache_dir;        /* where an http(s) prior filing is cached; NULL:
                                   * the fetcher's default */
    /* Added with the extension taxonomy (issue 17): */
    const char *taxonomy_name;    /* the extension taxonomy's file stem: "a-release"
                                   * gives a-release.xsd, a-release_lab.xml, ...;
                                   * NULL: PREFIX-YYYYMMDD (several conversions of
                                   * one company and period into one directory
                                   * need their own) */
} r2x_convert_options;

/* Every option 0 or NULL: the defaults (set data_dir and profile). */
static inline void r2x_convert_options_init(r2x_convert_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* The most files one conversion writes: the instance, the Inline XBRL,
 * xBRL-JSON, xBRL-CSV and its metadata, the extension schema and its four
 * linkbases. */
#define R2X_MAX_OUTPUTS 10

typedef struct r2x_convert_result {
    size_t size;                  /* sizeof(r2x_convert_result): r2x_convert_result_init */
    size_t facts, contexts;
    size_t unmapped;              /* statement rows no standard concept fits (an
                                   * extension concept, or none) */
    size_t failed_sums;           /* printed totals that do not add up */
    size_t errors;                /* disagreeing duplicates, misfit concepts */
    /* Added with the entity rules (issue 20): */
    int entity_rule;              /* enum r2x_entity_rule */
    char entity[192];             /* "cik:0000320193", "lei:...", "name:Sears, Roebuck and Co." */
    size_t noutputs;              /* files written (none for standard output) */
    char outputs[R2X_MAX_OUTPUTS][512];   /* their paths, the instance (or the
                                   * Inline XBRL, the JSON, the CSV) first, the
                                   * extension taxonomy last */
    /* Added with the extension taxonomy (issue 17): */
    size_t sums_written;          /* checked totals in the calculation linkbase */
    size_t sums_left_out;         /* checked totals it could not hold (warned of) */
} r2x_convert_result;

/* Zero, and the size r2x_convert may fill. */
static inline void r2x_convert_result_init(r2x_convert_result *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* Map the tables to concepts and write an XBRL 2.1 instance to path ("-":
 * standard output), with the company's extension taxonomy beside it: its
 * entry schema PREFIX-YYYYMMDD.xsd (the instance's schemaRef) and label,
 * presentation, calculation and definition linkbases (_lab.xml, _pre.xml,
 * _cal.xml, _def.xml).  The prefix and namespace are the profile's
 * (extension-prefix, extension-namespace), else made from the entity's
 * ticker or name and the period end (see README).  To standard output the
 * taxonomy is not written: the instance then refers to the US-GAAP, DEI
 * and SRT entry points, unless the company has concepts of its own (a
 * warning says so).  The entity is identified by the first of the rules of
 * enum r2x_entity_rule that applies, each decision reported through
 * opts->diag as a note.  Without opts->strict, disagreeing duplicates and
 * misfit concepts reach opts->diag as warnings (the output is written;
 * result->errors counts them).
 *
 * opts->format chooses what path gets: R2X_FORMAT_IXBRL, the release as
 * Inline XBRL (the same facts, contexts, units and schemaRef);
 * R2X_FORMAT_JSON, xBRL-JSON; R2X_FORMAT_CSV, the xBRL-CSV table (its
 * metadata beside it, path with "-metadata.json" for a final ".csv"; not to
 * standard output); R2X_FORMAT_ALL, the instance, and beside it the Inline
 * XBRL, xBRL-JSON and xBRL-CSV (path's final ".xml" made ".htm", ".json",
 * ".csv"); R2X_FORMAT_FACTS and R2X_FORMAT_FACTS_JSON, a listing of the
 * facts with the release's line of each (no taxonomy).  Whatever the
 * format, the files are committed only when all have been written. */
int r2x_convert(const r2x_document *doc, const r2x_tableset *set,
                const r2x_convert_options *opts, const char *path,
                r2x_convert_result *result, r2x_error *err);

/* Write a review table: every row with the concept it maps to (or
 * "unmapped"), the sign rule and the values it will write. */
int r2x_map_write(const r2x_document *doc, const r2x_tableset *set,
                  const r2x_convert_options *opts, const char *path,
                  r2x_convert_result *result, r2x_error *err);

/* ---- Inline XBRL -> XBRL ------------------------------------------------- */

/* Read an Inline XBRL 1.1 document (XHTML; the network is never used) and
 * write its target XBRL instance to out_path ("-": standard output):
 * transformation formats, scale and sign applied, continuations joined,
 * ix:exclude dropped, hidden facts included, contexts, units, schemaRef and
 * footnotes copied.  Facts whose format is unknown or whose text does not
 * fit it are reported through diag as errors and left out; their count goes
 * to *nerrors (may be NULL); *nfacts (may be NULL) gets the facts written. */
int r2x_ixbrl_extract_file(const char *path, const char *out_path, r2x_diag_fn diag,
                           void *diag_userdata, size_t *nfacts, size_t *nerrors,
                           r2x_error *err);
/* The same in another format: R2X_FORMAT_XBRL (the instance),
 * R2X_FORMAT_JSON (xBRL-JSON), R2X_FORMAT_CSV (xBRL-CSV, the metadata beside
 * out_path as for r2x_convert), or R2X_FORMAT_ALL (the instance to out_path
 * and, beside it, the xBRL-JSON and xBRL-CSV), all or none. */
int r2x_ixbrl_extract_to(const char *path, const char *out_path, int format,
                         r2x_diag_fn diag, void *diag_userdata, size_t *nfacts,
                         size_t *nerrors, r2x_error *err);

/* ---- Listing facts ---------------------------------------------------------- */

/* List the facts of an XBRL instance or Inline XBRL document to out_path
 * (format R2X_FORMAT_FACTS or R2X_FORMAT_FACTS_JSON): concept, period,
 * dimensions, unit, value as written, decimals and the line of path the
 * fact is on (r2x_sniff_file tells them).  A release is listed by
 * r2x_convert with those formats.
 * Extraction errors of an Inline XBRL document go to diag and *nerrors. */
int r2x_facts_list(const char *path, int format, const char *out_path, r2x_diag_fn diag,
                   void *diag_userdata, size_t *nfacts, size_t *nerrors, r2x_error *err);
/* ---- Validation ------------------------------------------------------------ */

enum r2x_calc_mode {
    R2X_CALC_C11 = 0,         /* Calculations 1.1, round-to-nearest (the default) */
    R2X_CALC_XBRL21,          /* XBRL 2.1 section 5.2.5.2, inferred decimals */
    R2X_CALC_NONE             /* no calculation checks */
};

/* Duplicate facts (XBRL 2.1 4.10: same concept, s-equal context, equal unit
 * and language, same parent).  Consistent ones are legal and, unless asked
 * for, not reported. */
enum r2x_duplicates_mode {
    R2X_DUP_ERROR = 0,        /* inconsistent duplicates are errors (as filing
                               * rules require; the default) */
    R2X_DUP_WARNING,          /* XBRL 2.1 alone: they are allowed, only warned of */
    R2X_DUP_ALL               /* inconsistent ones are errors and consistent ones
                               * warnings (the default before 2.0) */
};

enum r2x_schema_mode {
    R2X_SCHEMA_AUTO = 0,      /* XML Schema validation when the DTS is small enough
                               * to compile quickly (the default) */
    R2X_SCHEMA_FULL,          /* always, whatever it costs */
    R2X_SCHEMA_NONE           /* never: the streamed checks alone */
};

typedef struct r2x_fetcher r2x_fetcher;

typedef struct r2x_validate_options {
    size_t size;              /* sizeof(r2x_validate_options): r2x_validate_options_init */
    const char *cache_dir;    /* where http(s) documents are cached, laid out
                               * host/path; NULL: $XDG_CACHE_HOME/release2xbrl */
    int offline;              /* the cache alone; a miss is an error */
    int calc;                 /* enum r2x_calc_mode */
    int dts_only;             /* load the DTS of each input and check nothing else */
    int duplicates;           /* enum r2x_duplicates_mode */
    int schema;               /* enum r2x_schema_mode */
    /* Findings: the rule's code is the record's .rule
     * ("xbrl.4.6.1:itemContextRef"), .message says what is wrong, .file,
     * .line and .column where (for Inline XBRL, the element in the .htm).
     * May be NULL. */
    r2x_diag_fn diag;
    void *diag_userdata;
    const char *ca_file;      /* PEM certificate authorities trusted for https
                               * instead of the system's; NULL: the system's */
    /* Filters on findings, as Arelle's log filters: a finding is reported and
     * counted only when its severity is at least min_severity, its code
     * matches no pattern of ignore and, when only is set, one of only.
     * Patterns are shell globs on the code ("calc11e:*",
     * "xbrl.4.10:inconsistentDuplicateFacts"); each list ends with NULL.
     * Filtered findings are counted in r2x_validate_result.filtered. */
    const char *const *ignore;    /* NULL: none */
    const char *const *only;      /* NULL: every code */
    int min_severity;             /* 0 or R2X_SEV_WARNING: all; R2X_SEV_ERROR: errors */
    /* Added with the public fetcher (issue 19): */
    r2x_fetcher *fetcher;     /* read every document through it (its cache,
                               * remaps, catalogs, limits), instead of a fetcher
                               * made from cache_dir, offline and ca_file, which
                               * are then not read; borrowed: it must outlive the
                               * validator.  NULL: the validator makes its own */
} r2x_validate_options;

/* Every option 0 or NULL: the defaults. */
static inline void r2x_validate_options_init(r2x_validate_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* The checks a validation is made of; r2x_validate_result.checks says for
 * each whether it ran, in full or in part, or was skipped, and why. */
enum r2x_check {
    R2X_CHECK_DTS = 0,        /* discovery: every document of the DTS read */
    R2X_CHECK_TAXONOMY,       /* XBRL 2.1 schema and linkbase rules, XBRL
                               * Dimensions and enumeration taxonomy rules */
    R2X_CHECK_XML_SCHEMA,     /* libxml2's XML Schema processor (--schema) */
    R2X_CHECK_TYPES,          /* every fact's value and attributes against its
                               * concept's type: built-in types, facets, DTR and
                               * extensible enumeration types */
    R2X_CHECK_INSTANCE,       /* XBRL 2.1 instance rules: contexts, units, items,
                               * tuples, footnotes */
    R2X_CHECK_DUPLICATES,     /* duplicate facts (4.10) */
    R2X_CHECK_DIMENSIONS,     /* XBRL Dimensions 1.0 validity of contexts and facts */
    R2X_CHECK_CALCULATIONS,   /* summation-item consistency (--calc) */
    R2X_CHECK_COUNT
};

enum r2x_check_state {
    R2X_CHECK_NOT_RUN = 0,    /* not applicable to this input (a schema given
                               * as the entry point has no facts) */
    R2X_CHECK_RAN,            /* done in full */
    R2X_CHECK_PARTIAL,        /* done, but something could not be checked */
    R2X_CHECK_SKIPPED         /* not done */
};

typedef struct r2x_check_status {
    int state;                /* enum r2x_check_state */
    char reason[256];         /* for PARTIAL and SKIPPED: why, else "" */
} r2x_check_status;

/* "dts", "taxonomy", "xml-schema", "types", "instance", "duplicates",
 * "dimensions", "calculations"; NULL for an unknown check. */
const char *r2x_check_name(int check);
/* "not-run", "ran", "partial", "skipped". */
const char *r2x_check_state_name(int state);

typedef struct r2x_validate_result {
    size_t size;              /* sizeof(r2x_validate_result): r2x_validate_result_init */
    size_t errors, warnings;  /* findings sent to the callback */
    size_t facts, contexts, units;
    size_t unchecked;         /* of the facts, those whose schema could not be had */
    size_t documents;         /* documents in the DTS, read once each */
    size_t missing;           /* DTS documents that could not be had */
    size_t concepts, relationships, arcs;
    int input_kind;           /* 0 instance, 1 schema or linkbase (DTS only) */
    int schema_skipped;       /* XML Schema validation not done: 1 (auto) the DTS
                               * has more concepts than auto compiles, 2 documents
                               * of the DTS are missing (any mode) */
    size_t filtered;          /* findings the filters of the options held back
                               * (not in errors and warnings) */
    r2x_check_status checks[R2X_CHECK_COUNT];   /* by enum r2x_check */
} r2x_validate_result;

/* Zero, and the size r2x_validate may fill. */
static inline void r2x_validate_result_init(r2x_validate_result *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

typedef struct r2x_validator r2x_validator;

int r2x_validator_new(const r2x_validate_options *opts, r2x_validator **out,
                      r2x_error *err);
void r2x_validator_free(r2x_validator *v);

/* Validate one XBRL instance (or load the DTS of a schema or linkbase given
 * as the entry point): DTS discovery, schema-level checks of the facts
 * (lexical forms checked directly against each concept's type), the XBRL 2.1
 * instance rules, duplicate facts and calculations.  Findings go to the
 * callback and are counted in *result.  Returns R2X_OK when the check ran
 * (whatever it found), an error when it could not (unreadable file,
 * unsupported input). */
int r2x_validate(r2x_validator *v, const char *path, r2x_validate_result *result,
                 r2x_error *err);

/* The rule code of a validation finding ("xbrl.4.6.1:itemContextRef", its
 * .rule) into code (size bytes, "" when it has none); returns its message.
 * (Kept from 1.x, when the code was the message's "[code] " prefix: such a
 * prefix is still split off.) */
const char *r2x_diag_rule(const r2x_error *diag, char *code, size_t size);

/* ---- Fetching ------------------------------------------------------------ */

/* Every byte that does not come from the input file comes through a
 * fetcher: http and https through libcurl into an on-disk cache laid out
 * HOST/PATH, local files where the caller (a path, a catalog, a remap) or a
 * relative reference of a local document names them; no other scheme.  An
 * http(s) URL no remap or catalog rewrote is refused when its host is a
 * loopback, private or link-local address.  Downloads are checked against a
 * sidecar checksum when read back from the cache. */

typedef struct r2x_fetch_options {
    size_t size;              /* sizeof(r2x_fetch_options): r2x_fetch_options_init */
    const char *cache_dir;    /* NULL: r2x_default_cache_dir() (none when that is
                               * NULL: then nothing is cached) */
    int offline;              /* the cache alone; a miss is an error */
    long timeout_s;           /* a whole download, and the longest stall (at most
                               * 30 s); 0: 60 */
    long connect_timeout_s;   /* 0: 20 */
    size_t max_bytes;         /* largest document; 0: 64 MiB */
    long max_redirects;       /* 0: 5 */
    const char *ca_file;      /* PEM certificate authorities trusted for https
                               * instead of the system's; NULL: the system's */
    const char *user_agent;   /* NULL: "release2xbrl/VERSION" */
    /* "FROM=TO" (split at the first '='): URLs starting with FROM are read
     * from TO (a URL or a local directory) instead; the longest FROM wins.
     * NULL-terminated; NULL: none.  A remap to a local directory bypasses
     * the cache; a remapped URL is the caller's word (not address-checked). */
    const char *const *remaps;
    /* XML catalogs (OASIS: rewriteURI, rewriteSystem, uri, system), a
     * taxonomy package's META-INF/catalog.xml, or a taxonomy package (.zip)
     * itself, whose entries are then read from the archive; relative targets
     * resolve against the catalog.  NULL-terminated; NULL: none. */
    const char *const *catalogs;
    /* Warnings (a download that could not be stored in the cache) and why a
     * URL was refused while validating; may be NULL. */
    r2x_diag_fn diag;
    void *diag_userdata;
} r2x_fetch_options;

/* Every option 0 or NULL: the defaults. */
static inline void r2x_fetch_options_init(r2x_fetch_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* A fetcher with the options' remaps and catalogs applied (opts may be
 * NULL).  R2X_EUSAGE for a remap without '=', R2X_EIO or R2X_EINPUT for a
 * catalog that cannot be read, naming it; R2X_EIO for a cache directory
 * that cannot be made. */
int r2x_fetcher_new(const r2x_fetch_options *opts, r2x_fetcher **out, r2x_error *err);
void r2x_fetcher_free(r2x_fetcher *f);

/* The bytes of url: an http(s) URL (through remaps and catalogs, then the
 * cache, then the network unless offline), a local path, or a file: URL
 * naming one.  *data is NUL-terminated (*len without the NUL); *resolved
 * (may be NULL) receives the URL or path the bytes came from; both are
 * released with r2x_free.  Errors name the URL. */
int r2x_fetcher_get(r2x_fetcher *f, const char *url, char **data, size_t *len,
                    char **resolved, r2x_error *err);
/* The same for a document that changes (the SEC's company list): an http(s)
 * URL is downloaded again even when cached (unless offline), and the cache
 * updated. */
int r2x_fetcher_get_fresh(r2x_fetcher *f, const char *url, char **data, size_t *len,
                          char **resolved, r2x_error *err);

/* A taxonomy package (.zip) into the cache: every entry its catalog maps a
 * URL to is stored under that URL, so that the taxonomy is there offline;
 * *stored (may be NULL) receives their number. */
int r2x_fetcher_install_package(r2x_fetcher *f, const char *path, size_t *stored,
                                r2x_error *err);
/* True when path names a taxonomy package, as r2x_fetcher_install_package
 * and the catalogs option take one: by its name, a final ".zip". */
int r2x_is_taxonomy_package(const char *path);

/* How many documents this fetcher had, and how. */
typedef struct r2x_fetch_stats {
    size_t size;              /* sizeof(r2x_fetch_stats): r2x_fetch_stats_init */
    unsigned long cache_hits; /* read from the cache */
    unsigned long downloads;  /* downloaded */
    unsigned long local_reads;/* local files */
    unsigned long failures;   /* could not be had */
    unsigned long repeats;    /* asked for again, answered from memory */
} r2x_fetch_stats;

/* Zero, and the size r2x_fetcher_stats may fill. */
static inline void r2x_fetch_stats_init(r2x_fetch_stats *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* The counts so far; R2X_EUSAGE when out->size is not set. */
int r2x_fetcher_stats(const r2x_fetcher *f, r2x_fetch_stats *out);

/* The directory the fetcher caches into; NULL when there is none. */
const char *r2x_fetcher_cache_dir(const r2x_fetcher *f);
/* The cache file of an http(s) URL, CACHE/HOST/PATH (a query becomes a
 * hashed suffix, a port other than the default HOST_PORT), into *path
 * (r2x_free); R2X_EUSAGE when the fetcher has no cache or url is not
 * http(s), R2X_EINPUT when it cannot name a cache file (credentials, "."
 * or ".." segments...). */
int r2x_fetcher_cache_path(const r2x_fetcher *f, const char *url, char **path,
                           r2x_error *err);
/* $XDG_CACHE_HOME/release2xbrl, else $HOME/.cache/release2xbrl, in memory
 * to release with r2x_free; NULL when neither variable is set (or out of
 * memory). */
char *r2x_default_cache_dir(void);

/* What r2x_fetcher_get_dts read. */
typedef struct r2x_dts_fetch_result {
    size_t size;              /* sizeof(r2x_dts_fetch_result): r2x_dts_fetch_result_init */
    size_t documents;         /* documents of the DTS read */
    size_t missing;           /* documents it refers to that could not be had */
    unsigned long downloaded, cached, local;   /* how the documents were had */
} r2x_dts_fetch_result;

/* Zero, and the size r2x_fetcher_get_dts may fill. */
static inline void r2x_dts_fetch_result_init(r2x_dts_fetch_result *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* A schema or linkbase (URL, path or file: URL) and every document its DTS
 * reaches (imports, includes, linkbaseRefs, locators), each read once
 * through f, so that they are in the cache for an offline validation.  A
 * document that cannot be had or parsed goes to diag as an error (with the
 * referring document and line) and is counted in result->missing; the
 * return is R2X_OK unless the starting point is refused or memory runs
 * out. */
int r2x_fetcher_get_dts(r2x_fetcher *f, const char *url, r2x_diag_fn diag, void *userdata,
                        r2x_dts_fetch_result *result, r2x_error *err);

/* ---- The SEC's company list ------------------------------------------------ */

/* Where the SEC publishes it, and the name of the snapshot the entity rules
 * read (data_dir/mappings/, or the cache directory where `fetch
 * --companies` keeps a fresher one). */
#define R2X_COMPANIES_SEC_URL "https://www.sec.gov/files/company_tickers_exchange.json"
#define R2X_COMPANIES_FILE "sec-companies.tsv"

/* The SEC's company_tickers_exchange.json into the snapshot's TSV
 * (r2x_convert_options.companies), in *tsv (r2x_free; *tsv_len its length)
 * with source named in its header; *count (may be NULL) receives the
 * companies.  R2X_EINPUT for a document that is not that JSON. */
int r2x_companies_from_sec_json(const char *json, size_t len, const char *source,
                                char **tsv, size_t *tsv_len, size_t *count, r2x_error *err);

/* ---- Outputs ------------------------------------------------------------- */

/* A file written all or none (after git's lockfile): r2x_output_open writes
 * to a temporary file beside path; r2x_output_commit flushes, fsyncs and
 * renames it into place; r2x_output_abort removes it.  "-" writes to
 * standard output directly.  Every output the library writes goes so. */
typedef struct r2x_output r2x_output;

/* R2X_EIO naming path when its directory cannot take the temporary file. */
int r2x_output_open(const char *path, r2x_output **out, r2x_error *err);
/* Where to write. */
FILE *r2x_output_stream(r2x_output *o);
/* Commit and free: on failure (a write error seen now, a full disk) the
 * temporary file is removed, the target left as it was, and R2X_EIO
 * returned. */
int r2x_output_commit(r2x_output *o, r2x_error *err);
/* Discard and free (NULL is fine). */
void r2x_output_abort(r2x_output *o);


/* Remove every temporary output file still being written.  Only calls
 * unlink(2): safe in a signal handler, which is what it is for. */
void r2x_remove_temp_files(void);

/* ---- Versions ------------------------------------------------------------ */

/* The library's version, "0.1.0". */
const char *r2x_version(void);

/* The versions of the library and of the libraries it runs with, as they
 * are at run time (which may not be those it was built against). */
typedef struct r2x_versions {
    size_t size;              /* sizeof(r2x_versions), set by the caller: a
                               * later library that knows more fields fills
                               * only those an older caller allocated */
    unsigned version_num;     /* R2X_VERSION_NUM of the library */
    char version[16];         /* "0.1.0" */
    char libxml2[16];         /* "2.9.14" */
    char libxslt[16];         /* "1.1.35" */
    char libcurl[32];         /* "7.88.1"; "" when it cannot be loaded (it is
                               * opened when first needed) */
    char poppler[16];         /* poppler-glib's, "22.02.0"; "" in a build
                               * without PDF input or when it cannot be loaded */
    int pdf_support;          /* built with PDF input (poppler-glib) */
} r2x_versions;

/* Zero, and the size r2x_version_info may fill. */
static inline void r2x_versions_init(r2x_versions *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* Fill out up to out->size bytes.  R2X_EUSAGE when out->size is smaller
 * than its first two fields. */
int r2x_version_info(r2x_versions *out);

#ifdef __cplusplus
}
#endif

#endif /* R2X_RELEASE2XBRL_H */
