/*
 * bench/candidates.c - what the mapping table and the label table offer for
 * each line label read from standard input, for bench/labels to score.
 *
 * Usage: bench/candidates DATADIR [LABELS.tsv LABEL-CONCEPTS.tsv] <lines
 * Each input line is "STATEMENT<TAB>LABEL" (STATEMENT: income, balance-sheet,
 * cash-flows, equity, other); each output line is "MAP<TAB>C1<TAB>C2<TAB>C3":
 * the concept mappings/us-gaap.map gives the bare label ("-" for none), then
 * the label table's three best candidates ("-" where fewer).
 */
#include <stdio.h>
#include <string.h>

#include "labels.h"
#include "mapping.h"
#include "taxonomy.h"

static int statement_of(const char *w)
{
    return !strcmp(w, "income") ? R2X_STMT_INCOME
           : !strcmp(w, "balance-sheet") ? R2X_STMT_BALANCE_SHEET
           : !strcmp(w, "cash-flows") ? R2X_STMT_CASH_FLOWS
           : !strcmp(w, "equity") ? R2X_STMT_EQUITY : R2X_STMT_OTHER;
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 4) {
        fprintf(stderr, "usage: bench/candidates DATADIR [LABELS.tsv LABEL-CONCEPTS.tsv] <lines\n");
        return 2;
    }
    char dict[4096], map[4096], table[4096], usage[4096];
    snprintf(dict, sizeof dict, "%s/taxonomy/us-gaap-2024.concepts", argv[1]);
    snprintf(map, sizeof map, "%s/mappings/us-gaap.map", argv[1]);
    snprintf(table, sizeof table, "%s", argc == 4 ? argv[2] : "");
    snprintf(usage, sizeof usage, "%s", argc == 4 ? argv[3] : "");
    if (argc == 2) {
        snprintf(table, sizeof table, "%s/mappings/labels.tsv", argv[1]);
        snprintf(usage, sizeof usage, "%s/mappings/label-concepts.tsv", argv[1]);
    }
    r2x_error err;
    taxonomy *t = NULL;
    mapping *m = NULL;
    label_table *lt = NULL;
    if (taxonomy_new(&t, &err) || taxonomy_load(t, dict, 0, &err) || mapping_new(&m, &err) ||
        mapping_load(m, map, t, &err) || labels_load(&lt, table, usage, t, &err)) {
        fprintf(stderr, "bench/candidates: %s:%ld: %s\n", err.file, err.line, err.message);
        return 1;
    }
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        int statement = statement_of(line);
        char norm[1024];
        label_normalize(tab + 1, norm, sizeof norm);
        const char *forms[1] = {norm};
        const map_entry *e = mapping_match(m, statement, forms, 1);
        label_candidate c[3];
        size_t n = 0;
        labels_candidates(lt, tab + 1, statement == R2X_STMT_OTHER ? -1 : statement, c, 3, &n);
        printf("%s", e ? e->concept->qname : "-");
        for (size_t i = 0; i < 3; i++)
            printf("\t%s", i < n ? c[i].qname : "-");
        printf("\n");
    }
    labels_free(lt);
    mapping_free(m);
    taxonomy_free(t);
    return 0;
}
