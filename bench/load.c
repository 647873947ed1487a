/*
 * bench/load.c - how long the converter's data takes to load and to query:
 * the concept dictionary, the label table, and label lookups.  Prints one line
 * a case in milliseconds of CPU time: the first run (what a conversion, which
 * loads them once, pays: the pages of the files and of what is built from
 * them are new to the process) and the best of 20 (figures, not assertions:
 * compare them across changes).  bench/run calls it.
 *
 * Usage: bench/load DATADIR
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "labels.h"
#include "taxonomy.h"

#define RUNS 20

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* User and system CPU time so far, in milliseconds. */
static void usage_ms(double *user, double *sys)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    *user = (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3;
    *sys = (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void report(const char *name, long bytes, double first, double best, const char *what)
{
    printf("%-28s %10ld bytes  %7.2f ms first  %7.2f ms best  %s\n", name, bytes, first, best,
           what);
}

/* Release lines: each looked up in its statement. */
static const struct {
    const char *label;
    int statement;
} lines[] = {
    {"Total net sales", R2X_STMT_INCOME},
    {"Cost of sales", R2X_STMT_INCOME},
    {"Research and development", R2X_STMT_INCOME},
    {"Income (loss) before income taxes", R2X_STMT_INCOME},
    {"Interest and debt expense", R2X_STMT_INCOME},
    {"Accounts payable", R2X_STMT_BALANCE_SHEET},
    {"Financing receivables and operating lease equipment, net", R2X_STMT_BALANCE_SHEET},
    {"Advances and progress billings", R2X_STMT_BALANCE_SHEET},
    {"Net cash provided by (used in) operating activities", R2X_STMT_CASH_FLOWS},
    {"Purchases of property and equipment", R2X_STMT_CASH_FLOWS},
    {"Other financing activities", R2X_STMT_CASH_FLOWS},
    {"Gain on dispositions, net", R2X_STMT_CASH_FLOWS},
};
#define NLINES (sizeof lines / sizeof *lines)

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench/load DATADIR\n");
        return 2;
    }
    char dict[4096], table[4096], usage[4096];
    snprintf(dict, sizeof dict, "%s/taxonomy/us-gaap-2024.concepts", argv[1]);
    snprintf(table, sizeof table, "%s/mappings/labels.tsv", argv[1]);
    snprintf(usage, sizeof usage, "%s/mappings/label-concepts.tsv", argv[1]);
    r2x_error err;
    double best_dict = 1e9, best_table = 1e9, best_lookup = 1e9;
    double first_dict = 0, first_table = 0, first_lookup = 0;
    double u0, s0, u1, s1;
    size_t nconcepts = 0, nrows = 0, ncands = 0;
    for (int run = 0; run < RUNS; run++) {
        taxonomy *t = NULL;
        label_table *lt = NULL;
        if (!run)
            usage_ms(&u0, &s0);
        double a = cpu_ms();
        if (taxonomy_new(&t, &err) || taxonomy_load(t, dict, 0, &err)) {
            fprintf(stderr, "bench/load: %s:%ld: %s\n", err.file, err.line, err.message);
            return 1;
        }
        double b = cpu_ms();
        if (labels_load(&lt, table, usage, t, &err)) {
            fprintf(stderr, "bench/load: %s:%ld: %s\n", err.file, err.line, err.message);
            return 1;
        }
        double c = cpu_ms();
        if (!run)
            usage_ms(&u1, &s1);
        ncands = 0;
        for (size_t i = 0; i < NLINES; i++) {
            label_candidate cand[5];
            size_t n;
            labels_candidates(lt, lines[i].label, lines[i].statement, cand, 5, &n);
            ncands += n;
        }
        double d = cpu_ms();
        if (!run) {
            first_dict = b - a;
            first_table = c - b;
            first_lookup = d - c;
        }
        best_dict = b - a < best_dict ? b - a : best_dict;
        best_table = c - b < best_table ? c - b : best_table;
        best_lookup = d - c < best_lookup ? d - c : best_lookup;
        nconcepts = taxonomy_count(t);
        nrows = labels_rows(lt);
        labels_free(lt);
        taxonomy_free(t);
    }
    char what[128];
    snprintf(what, sizeof what, "%zu concepts", nconcepts);
    report("load dictionary", file_size(dict), first_dict, best_dict, what);
    snprintf(what, sizeof what, "%zu rows", nrows);
    report("load label table", file_size(table) + file_size(usage), first_table, best_table,
           what);
    snprintf(what, sizeof what, "%zu lines, %zu candidates", NLINES, ncands);
    report("label lookups", 0, first_lookup, best_lookup, what);
    printf("(the first loads of both: %.0f ms user, %.0f ms system)\n", u1 - u0, s1 - s0);
    return 0;
}
