/*
 * alloc_fail.c - every reader with its Nth allocation failing, for every N
 * until a run needs fewer than N (expat's alloc_tests.c).  Run under
 * LD_PRELOAD=tests/.libs/libfailmalloc.so by tests/memory.sh.
 *
 * Each run is a child process, so a crash is caught as a signal.  A run
 * must either succeed or fail with R2X_ENOMEM ("out of memory"), or with an
 * I/O error that says "Cannot allocate memory" (stdio could not allocate its
 * FILE); any other outcome means a failed allocation was mistaken for
 * something else.  A run that succeeds must give what a run with no failure
 * gives (its output file and its diagnostics): a reader that took a failed
 * allocation for, say, a missing attribute would succeed with a wrong
 * result.  Prints TAP, one line per stage.
 *
 * The whole sweep is quadratic (run n repeats the n - 1 allocations before
 * it) and takes minutes: so by default each stage fails its first
 * SWEEP_HEAD allocations (setting up), its last SWEEP_TAIL (writing out,
 * freeing) and about SWEEP_BUDGET more between them, every stride-th, the
 * stride from the count of a run with no failure.  R2X_FULL_SWEEP=1 (make
 * check-full) fails every one.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mapping.h"
#include "release2xbrl.h"
#include "taxonomy.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static void (*arm)(long n);
static int (*triggered)(void);
static long (*allocations)(void);

#define SWEEP_HEAD 100
#define SWEEP_TAIL 25
#define SWEEP_BUDGET 200
static char scratch[4096];     /* the output file a stage writes, if any */
static char reference[sizeof scratch + 8];   /* what the run with no failure gave */

/* The diagnostics of a run, in a static buffer: nothing here may allocate,
 * or it would shift the allocation being failed. */
static char diags[1 << 16];
static size_t ndiags;

static void capture_diag(void *userdata, const r2x_error *diag)
{
    (void)userdata;
    if (ndiags < sizeof diags) {
        int n = snprintf(diags + ndiags, sizeof diags - ndiags, "%ld:%ld: [%s] %s\n",
                         diag->line, diag->column, diag->rule, diag->message);
        ndiags += n > 0 ? (size_t)n : 0;
    }
}

/* The stages: each returns an r2x status and fills err. */

static int stage_document(r2x_error *err)
{
    r2x_document *doc = NULL;
    r2x_profile *profile = NULL;
    r2x_tableset *set = NULL;
    int rc = r2x_document_read_file(R2X_SRCDIR "/tests/fixtures/us-style.txt", NULL, NULL,
                                    &doc, err);
    if (!rc)
        rc = r2x_profile_new_default(&profile, err);
    r2x_extract_options xo = {sizeof(r2x_extract_options), profile, capture_diag, NULL};
    if (!rc)
        rc = r2x_tables_extract(doc, &xo, &set, NULL, err);
    if (!rc)
        rc = r2x_tables_write_json(set, doc, scratch, err);
    r2x_tableset_free(set);
    r2x_profile_free(profile);
    r2x_document_free(doc);
    return rc;
}

/* The tables of doc, which a reader gave with status rc; frees doc. */
static int tables_of(int rc, r2x_document *doc, r2x_error *err)
{
    r2x_tableset *set = NULL;
    r2x_extract_options xo = {sizeof(r2x_extract_options), NULL, capture_diag, NULL};
    if (!rc)
        rc = r2x_tables_extract(doc, &xo, &set, NULL, err);
    if (!rc)
        rc = r2x_tables_write_json(set, doc, scratch, err);
    r2x_tableset_free(set);
    r2x_document_free(doc);
    return rc;
}

/* The tables of len bytes of text, read with ro. */
static int tables_of_memory(const char *name, const char *text, size_t len,
                            const r2x_read_options *ro, r2x_error *err)
{
    r2x_document *doc = NULL;
    int rc = r2x_document_read_memory(name, text, len, ro, &doc, err);
    return tables_of(rc, doc, err);
}

static int stage_windows_1252(r2x_error *err)
{
    static const char text[] = "Statement \x93of\x94 Income\n\n\tSix Months Ended September 30, "
                               "2009\n\tThousands of JPY\nRevenues\t1,234\n";
    r2x_read_options ro = {sizeof(r2x_read_options), 0, 0, 1, R2X_INPUT_AUTO, 0, 0};
    return tables_of_memory("cp1252", text, sizeof text - 1, &ro, err);
}

static int stage_profile(r2x_error *err)
{
    r2x_profile *p = NULL;
    int rc = r2x_profile_load(R2X_SRCDIR "/mappings/profiles/iij.profile", &p, err);
    if (!rc)
        rc = r2x_profile_set(p, "cik", "0000000001", err);
    r2x_profile_free(p);
    return rc;
}

static int stage_mapping(r2x_error *err)
{
    taxonomy *t = NULL;
    mapping *m = NULL;
    int rc = taxonomy_new(&t, err);
    if (!rc)
        rc = taxonomy_load(t, R2X_SRCDIR "/taxonomy/us-gaap-2024.concepts", 0, err);
    if (!rc)
        rc = taxonomy_declare(t, "iij", "http://www.iij.ad.jp/xbrl/2009-09-30", err);
    if (!rc)
        rc = taxonomy_load(t, R2X_SRCDIR "/mappings/companies/iij.concepts", 1, err);
    if (!rc)
        rc = mapping_new(&m, err);
    if (!rc)
        rc = mapping_load(m, R2X_SRCDIR "/mappings/companies/iij.map", t, err);
    mapping_free(m);
    taxonomy_free(t);
    return rc;
}

static int stage_convert(r2x_error *err)
{
    r2x_document *doc = NULL;
    r2x_profile *profile = NULL;
    r2x_tableset *set = NULL;
    int rc = r2x_document_read_file(R2X_SRCDIR "/tests/fixtures/us-style.txt", NULL, NULL,
                                    &doc, err);
    if (!rc)
        rc = r2x_profile_new_default(&profile, err);
    if (!rc)
        rc = r2x_profile_set(profile, "cik", "0000000001", err);
    r2x_extract_options xo = {sizeof(r2x_extract_options), profile, capture_diag, NULL};
    if (!rc)
        rc = r2x_tables_extract(doc, &xo, &set, NULL, err);
    /* tests/memory.sh points this at a short mapping table: each run
     * repeats every allocation before the failing one */
    const char *data = getenv("ALLOC_FAIL_DATADIR");
    r2x_convert_options co = {.size = sizeof(r2x_convert_options), .profile = profile,
                              .data_dir = data && *data ? data : R2X_SRCDIR,
                              .diag = capture_diag};
    r2x_convert_result res;
    r2x_convert_result_init(&res);
    if (!rc)
        rc = r2x_convert(doc, set, &co, scratch, &res, err);
    r2x_tableset_free(set);
    r2x_profile_free(profile);
    r2x_document_free(doc);
    return rc;
}

/* A table-reading stage over one fixture, read as format says. */
static int read_and_extract(const char *path, int format, r2x_error *err)
{
    r2x_read_options ro = {sizeof(r2x_read_options), 0, 0, 0, format, 0, 0};
    r2x_document *doc = NULL;
    int rc = r2x_document_read_file(path, NULL, &ro, &doc, err);
    return tables_of(rc, doc, err);
}

static int stage_html(r2x_error *err)
{
    return read_and_extract(R2X_SRCDIR "/tests/fixtures/html/colspan.html", R2X_INPUT_HTML, err);
}

/* A declared charset: iconv converts it (and glibc's iconv_open says
 * EINVAL, not ENOMEM, when its own allocation fails). */
static int stage_html_sjis(r2x_error *err)
{
    static const char page[] = "<html><head><meta charset=\"Shift_JIS\"></head><body>"
                               "<table><tr><td>\x94\x84\x8F\xE3\x8D\x82</td><td>1,234</td>"
                               "</tr></table></body></html>";
    r2x_read_options ro = {sizeof(r2x_read_options), 0, 0, 0, R2X_INPUT_HTML, 0, 0};
    return tables_of_memory("sjis.html", page, sizeof page - 1, &ro, err);
}

static int stage_layout(r2x_error *err)
{
    return read_and_extract(R2X_SRCDIR "/tests/fixtures/text/edgar-crlf.txt", R2X_INPUT_TEXT,
                            err);
}

static int stage_ixbrl(r2x_error *err)
{
    size_t nfacts = 0, nerrors = 0;
    return r2x_ixbrl_extract_file(R2X_SRCDIR "/tests/fixtures/ixbrl/formats.htm", scratch,
                                  capture_diag, NULL, &nfacts, &nerrors, err);
}

/* The instance reader and the DTS reader, offline from the shared taxonomy
 * cache (no XML Schema pass: libxml2's schema compiler alone would make
 * this a hundred thousand runs); the counts of the result are compared too. */
static int validate_offline(const char *path, r2x_error *err)
{
    r2x_validate_options vo;
    r2x_validate_options_init(&vo);
    vo.cache_dir = R2X_SRCDIR "/../shared/xbrl-cache";
    vo.offline = 1;
    vo.schema = R2X_SCHEMA_NONE;
    vo.diag = capture_diag;
    r2x_validator *v = NULL;
    r2x_validate_result res;
    r2x_validate_result_init(&res);
    int rc = r2x_validator_new(&vo, &v, err);
    if (!rc)
        rc = r2x_validate(v, path, &res, err);
    if (!rc && ndiags < sizeof diags) {
        int k = snprintf(diags + ndiags, sizeof diags - ndiags,
                         "%zu errors, %zu warnings, %zu facts, %zu contexts, %zu units, "
                         "%zu unchecked, %zu documents, %zu missing, %zu concepts, "
                         "%zu relationships, %zu arcs\n", res.errors, res.warnings, res.facts,
                         res.contexts, res.units, res.unchecked, res.documents, res.missing,
                         res.concepts, res.relationships, res.arcs);
        ndiags += k > 0 ? (size_t)k : 0;
    }
    r2x_validator_free(v);
    return rc;
}

static int stage_validate(r2x_error *err)
{
    return validate_offline(R2X_SRCDIR "/tests/validate/valid.xml", err);
}

/* The types check: a valid instance of every kind of type of
 * tests/validate/types (facets, unions, lists, QNames, attributes, a tuple,
 * a typed dimension), then a tuple out of order */
static int stage_types(r2x_error *err)
{
    int rc = validate_offline(R2X_SRCDIR "/tests/validate/types/valid.xml", err);
    return rc ? rc : validate_offline(R2X_SRCDIR "/tests/validate/types/tuple-order.xml", err);
}

/* Inline XBRL validated: extraction with positions, a footnote, a missing
 * schema */
static int stage_ixbrl_validate(r2x_error *err)
{
    return validate_offline(R2X_SRCDIR "/tests/fixtures/ixbrl/footnotes.htm", err);
}

/* Dimensions: a member outside its domain, from the XDT conformance suite */
#define XDT_CASE R2X_SRCDIR "/../shared/conformance/xdt-conf-cr4-2009-10-06/200-xbrldie/" \
                 "203-PrimaryItemDimensionallyInvalidError/" \
                 "InstanceInvalidTheValueIsNotADomainMember.xbrl"

static int stage_dimensions(r2x_error *err)
{
    return validate_offline(XDT_CASE, err);
}

static const struct stage {
    const char *name;
    int (*run)(r2x_error *err);
    const char *needs;         /* a file of ../shared it reads, or NULL */
} stages[] = {
    {"document + tables + JSON", stage_document, NULL},
    {"windows-1252 document + tables", stage_windows_1252, NULL},
    {"profile", stage_profile, NULL},
    {"concept dictionaries + mapping table", stage_mapping, NULL},
    {"convert", stage_convert, NULL},
    {"HTML document + tables", stage_html, NULL},
    {"HTML in Shift_JIS + tables", stage_html_sjis, NULL},
    {"space-aligned EDGAR text + tables", stage_layout, NULL},
    {"Inline XBRL extract", stage_ixbrl, NULL},
    {"validate (instance and DTS readers)", stage_validate, R2X_SRCDIR "/../shared/xbrl-cache"},
    {"validate (dimensions)", stage_dimensions, XDT_CASE},
    {"validate (types)", stage_types, R2X_SRCDIR "/../shared/xbrl-cache"},
    {"validate (Inline XBRL)", stage_ixbrl_validate, R2X_SRCDIR "/../shared/xbrl-cache"},
};

/* What a run gave: its output file (if it wrote one), then its
 * diagnostics, into path; 0 on success. */
static int save_result(const char *path)
{
    FILE *out = fopen(path, "wb");
    if (!out)
        return -1;
    FILE *in = fopen(scratch, "rb");
    if (in) {
        char b[8192];
        size_t k;
        while ((k = fread(b, 1, sizeof b, in)) > 0)
            fwrite(b, 1, k, out);
        fclose(in);
    }
    fprintf(out, "-- diagnostics\n%.*s", (int)ndiags, diags);
    return fclose(out) ? -1 : 0;
}

static int same_files(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    while (same) {
        int ca = getc(fa), cb = getc(fb);
        same = ca == cb;
        if (ca == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* The run with no failure, into reference, and the number of allocations
 * it made, into count_fd; 0 when it succeeded. */
static int run_reference(const struct stage *s, int count_fd)
{
    r2x_error err;
    r2x_error_clear(&err);
    unlink(scratch);
    ndiags = 0;
    arm(0);
    int rc = s->run(&err);
    long count = allocations();
    if (rc) {
        printf("#   with no allocation failing: status %d: %s\n", rc, err.message);
        return 1;
    }
    if (write(count_fd, &count, sizeof count) != (ssize_t)sizeof count)
        return 1;
    return save_result(reference) ? 1 : 0;
}

/* The allocations a sweep of a stage making count of them fails: n, then
 * the next one after n (see the top).  stride 1 is every one. */
static long sweep_stride(long count)
{
    const char *full = getenv("R2X_FULL_SWEEP");
    if ((full && *full && strcmp(full, "0")) || count <= SWEEP_HEAD + SWEEP_TAIL)
        return 1;
    long stride = (count - SWEEP_HEAD - SWEEP_TAIL) / SWEEP_BUDGET;
    return stride > 1 ? stride : 1;
}

static long sweep_next(long n, long count, long stride)
{
    if (n < SWEEP_HEAD || n >= count - SWEEP_TAIL)
        return n + 1;
    long next = n + stride;
    return next < count - SWEEP_TAIL ? next : count - SWEEP_TAIL + 1;
}

/* Child exit codes: 0 success, 2 out of memory (as the CLI), 3 anything
 * else (the message is printed), 4 the armed failure was never reached,
 * 5 success with another result than the reference. */
static int run_child(const struct stage *s, long n)
{
    r2x_error err;
    r2x_error_clear(&err);
    unlink(scratch);
    ndiags = 0;
    arm(n);
    int rc = s->run(&err);
    int hit = triggered();
    arm(0);
    if (!hit && rc) {
        printf("#   allocation %ld not reached, yet status %d: %s\n", n, rc, err.message);
        fflush(stdout);
        return 3;
    }
    if (!hit)
        return 4;
    if (rc == R2X_OK) {
        char mine[sizeof scratch + 32];
        snprintf(mine, sizeof mine, "%s.%ld", scratch, n);
        int same = !save_result(mine) && same_files(mine, reference);
        if (same)
            unlink(mine);
        else                       /* both files are kept, to be compared */
            printf("#   allocation %ld failed, and the run succeeded with another result: "
                   "diff %s %s\n", n, reference, mine);
        fflush(stdout);
        return same ? 0 : 5;
    }
    if ((rc == R2X_ENOMEM && strstr(err.message, "out of memory")) ||
        (rc == R2X_EIO && strstr(err.message, "Cannot allocate memory")))
        return 2;
    printf("#   allocation %ld: status %d (%s): %s:%ld: %s\n", n, rc, r2x_strerror(rc),
           err.file, err.line, err.message);
    fflush(stdout);            /* the child leaves by _exit */
    return 3;
}

int main(int argc, char **argv)
{
#ifdef UNDER_ASAN
    printf("1..0 # SKIP the sanitizers own malloc; run in the plain build\n");
    return 77;
#endif
    arm = (void (*)(long))dlsym(RTLD_DEFAULT, "failmalloc_arm");
    triggered = (int (*)(void))dlsym(RTLD_DEFAULT, "failmalloc_triggered");
    allocations = (long (*)(void))dlsym(RTLD_DEFAULT, "failmalloc_count");
    if (!arm || !triggered || !allocations) {
        printf("1..0 # SKIP run with LD_PRELOAD=tests/.libs/libfailmalloc.so\n");
        return 77;
    }
    const char *dir = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/r2x-alloc-%ld.out", dir && *dir ? dir : "/tmp",
             (long)getpid());
    snprintf(reference, sizeof reference, "%s.ref", scratch);
    int failed = 0;
    size_t nstages = sizeof stages / sizeof *stages;
    for (size_t i = 0; i < nstages; i++) {
        if (argc > 1 && !strstr(stages[i].name, argv[1]))
            continue;         /* alloc_fail NAME: only the stages named so */
        if (stages[i].needs && access(stages[i].needs, R_OK)) {
            printf("ok %zu - %s # SKIP %s is absent\n", i + 1, stages[i].name, stages[i].needs);
            continue;
        }
        /* the reference, in a child too: what it initialises (libxml2,
         * curl) must still be initialised, and failed, in every run */
        fflush(stdout);
        int count_pipe[2];
        if (pipe(count_pipe)) {
            perror("pipe");
            return 1;
        }
        pid_t ref = fork();
        if (ref == 0)
            _exit(run_reference(&stages[i], count_pipe[1]));
        close(count_pipe[1]);
        long count = 0;
        ssize_t got = read(count_pipe[0], &count, sizeof count);
        close(count_pipe[0]);
        int rst;
        if (ref < 0 || waitpid(ref, &rst, 0) < 0 || !WIFEXITED(rst) || WEXITSTATUS(rst) ||
            got != (ssize_t)sizeof count) {
            printf("not ok %zu - %s: the run with no allocation failing failed\n", i + 1,
                   stages[i].name);
            failed++;
            continue;
        }
        const char *only = getenv("ALLOC_FAIL_N");    /* for a debugger: one run */
        if (only)
            return run_child(&stages[i], strtol(only, NULL, 10));
        long n, ok = 0, oom = 0, bad = 0, runs = 0, stride = sweep_stride(count);
        for (n = 1;; n = sweep_next(n, count, stride)) {
            fflush(stdout);
            pid_t pid = fork();
            if (pid < 0) {
                perror("fork");
                return 1;
            }
            if (pid == 0) {
                alarm(60);     /* a run that hangs is killed and counted wrong */
                _exit(run_child(&stages[i], n));
            }
            int st;
            if (waitpid(pid, &st, 0) < 0) {
                perror("waitpid");
                return 1;
            }
            if (!WIFSIGNALED(st) && WEXITSTATUS(st) == 4)
                break;             /* needs fewer than n allocations: done */
            runs++;
            if (WIFSIGNALED(st)) {
                printf("#   allocation %ld: killed by signal %d\n", n, WTERMSIG(st));
                bad++;
                continue;
            }
            int code = WEXITSTATUS(st);
            if (code == 0 && getenv("ALLOC_FAIL_VERBOSE"))
                printf("#   allocation %ld failed, yet the run succeeded\n", n);
            if (code == 0)
                ok++;
            else if (code == 2)
                oom++;
            else
                bad++;
            if (n > 200000) {
                printf("#   more than 200000 allocations; stopped\n");
                bad++;
                break;
            }
        }
        if (n - 1 != count)        /* a few, as libxml2's hashes are seeded at random */
            printf("#   the sweep reached allocation %ld, the run with none failing made %ld\n",
                   n - 1, count);
        if (stride == 1)
            printf("%sok %zu - %s: %ld allocations, each failed once: %ld out of memory, "
                   "%ld recovered, %ld wrong\n", bad ? "not " : "", i + 1, stages[i].name,
                   n - 1, oom, ok, bad);
        else
            printf("%sok %zu - %s: %ld allocations, %ld of them failed once (the first %d, "
                   "the last %d, one in %ld between): %ld out of memory, %ld recovered, "
                   "%ld wrong\n", bad ? "not " : "", i + 1, stages[i].name, count, runs,
                   SWEEP_HEAD, SWEEP_TAIL, stride, oom, ok, bad);
        failed += bad != 0;
    }
    unlink(scratch);
    if (!failed)
        unlink(reference);
    printf("1..%zu\n", nstages);
    return failed ? 1 : 0;
}
