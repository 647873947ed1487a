/* write_json.c - the extracted tables as JSON (deterministic, UTF-8). */
#include <stdio.h>
#include <string.h>

#include "document.h"
#include "error.h"
#include "json_out.h"
#include "output.h"

static void json_period(FILE *fp, const r2x_period *p)
{
    char a[16], b[16];
    if (p->kind == R2X_PERIOD_INSTANT) {
        r2x_date_format(p->end, a);
        fprintf(fp, "{\"instant\": \"%s\"}", a);
    } else if (p->kind == R2X_PERIOD_DURATION) {
        r2x_date_format(p->start, a);
        r2x_date_format(p->end, b);
        fprintf(fp, "{\"start\": \"%s\", \"end\": \"%s\"}", a, b);
    } else {
        fputs("null", fp);
    }
}

static void json_unit(FILE *fp, const r2x_unit *u)
{
    char buf[40];
    if (u->kind == R2X_UNIT_NONE) {
        fputs("null", fp);
        return;
    }
    r2x_unit_format(u, buf);
    json_string(fp, buf);
}

static void write_table(FILE *fp, const r2x_table *t, size_t number,
                        const r2x_document *doc)
{
    fprintf(fp, "    {\n      \"table\": %zu,\n      \"title\": ", number);
    json_string(fp, t->title);
    /* line numbers are the input file's (an HTML file's own lines) */
    fprintf(fp, ",\n      \"title_line\": %zu,\n", document_source_line(doc, (size_t)t->title_line));
    fprintf(fp, "      \"lines\": [%zu, %zu],\n", document_source_line(doc, (size_t)t->first_line),
            document_source_line(doc, (size_t)t->last_line));
    fprintf(fp, "      \"statement\": \"%s\",\n", r2x_statement_name(t->statement));
    if (t->continues)
        fprintf(fp, "      \"continues\": %d,\n", t->continues);
    fputs("      \"columns\": [", fp);
    for (size_t i = 0; i < t->ncolumns; i++) {
        const r2x_column *c = &t->columns[i];
        fprintf(fp, "%s\n        {\"cell\": %d, \"role\": \"%s\", \"heading\": ",
                i ? "," : "", c->index + 1, r2x_column_role_name(c->role));
        json_string(fp, c->heading);
        fputs(", \"period\": ", fp);
        json_period(fp, &c->period);
        fputs(", \"unit\": ", fp);
        json_unit(fp, &c->unit);
        fprintf(fp, ", \"scale\": %d}", c->scale);
    }
    fputs(t->ncolumns ? "\n      ],\n" : "],\n", fp);
    fputs("      \"rows\": [", fp);
    for (size_t r = 0; r < t->nrows; r++) {
        const r2x_row *row = &t->rows[r];
        fprintf(fp, "%s\n        {\"line\": %zu, ", r ? "," : "",
                document_source_line(doc, (size_t)row->line));
        if (row->label_line != row->line)
            fprintf(fp, "\"label_line\": %zu, ", document_source_line(doc, (size_t)row->label_line));
        fputs("\"label\": ", fp);
        json_string(fp, row->label);
        if (row->footnote) {
            fputs(", \"footnote\": ", fp);
            json_string(fp, row->footnote);
        }
        fprintf(fp, ", \"indent\": %d", row->indent);
        if (row->is_total)
            fputs(", \"total\": true", fp);
        fputs(", \"values\": [", fp);
        for (size_t v = 0; v < row->nvalues; v++) {
            const r2x_value *val = &row->values[v];
            char num[R2X_DECIMAL_STRLEN];
            r2x_decimal_format(val->value, num);
            fprintf(fp, "%s\n          {\"column\": %d, \"value\": \"%s\", \"unit\": ",
                    v ? "," : "", t->columns[val->column].index + 1, num);
            json_unit(fp, &val->unit);
            fprintf(fp, ", \"decimals\": %d, \"text\": ", val->decimals);
            json_string(fp, val->text);
            if (val->nil_dash)
                fputs(", \"nil\": true", fp);
            fputc('}', fp);
        }
        fputs(row->nvalues ? "\n        ]}" : "]}", fp);
    }
    fputs(t->nrows ? "\n      ]\n    }" : "]\n    }", fp);
}

int r2x_tables_write_json(const r2x_tableset *set, const r2x_document *doc,
                          const char *path, r2x_error *err)
{
    r2x_output *o;
    int rc = output_open(path, &o, err);
    if (rc)
        return rc;
    FILE *fp = output_stream(o);
    fputs("{\n  \"source\": ", fp);
    json_string(fp, doc->name);
    fputs(",\n  \"tables\": [", fp);
    for (size_t i = 0; i < set->ntables; i++) {
        fputs(i ? ",\n" : "\n", fp);
        write_table(fp, &set->tables[i], i + 1, doc);
    }
    fputs(set->ntables ? "\n  ]\n}\n" : "]\n}\n", fp);
    return output_commit(o, err);
}
