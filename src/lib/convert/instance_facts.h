/*
 * instance_facts.h - the facts of an XBRL 2.1 instance as a flat list
 * (internal): each with its concept, entity, period, dimensions and unit
 * resolved from its context and unit, its value as written and the line it
 * is on.  What the OIM writers (write_oim.c) and the facts listing
 * (write_factlist.c) read, whether the instance was converted, extracted
 * from Inline XBRL or read from a file.
 *
 * QNames are written with the prefixes of the list's own namespace table:
 * the instance's prefixes where they are unambiguous and not reserved by
 * the Open Information Model for another namespace.
 */
#ifndef R2X_INSTANCE_FACTS_H
#define R2X_INSTANCE_FACTS_H

#include <libxml/tree.h>

#include "buf.h"
#include "release2xbrl.h"
#include "strmap.h"

enum xfact_period { XFACT_NO_PERIOD = 0, XFACT_INSTANT, XFACT_DURATION, XFACT_FOREVER };

typedef struct xdim {
    const char *axis;         /* "us-gaap:StatementBusinessSegmentsAxis" */
    const char *value;        /* the member's QName, or a typed member's text */
    int typed;
    int nil;                  /* a typed member xsi:nil */
} xdim;

typedef struct xfact {
    const char *id;           /* the element's id, NULL when it has none */
    const char *concept;      /* "us-gaap:Revenues" */
    const char *context_id;
    const char *entity;       /* "cik:0001090633": the scheme's prefix and the
                               * identifier, NULL without a context */
    int period;               /* enum xfact_period */
    const char *start, *end;  /* as written (a date or a dateTime); an instant
                               * in end; NULL when none */
    size_t first_dim, ndims;  /* xfacts_dim(first_dim ..) */
    int other_content;        /* its segment or scenario holds more than dimensions */
    const char *unit;         /* OIM form, "iso4217:JPY/xbrli:shares", "xbrli:pure";
                               * NULL for a non-numeric fact */
    const char *unit_measures;/* the measures' local names, "JPY/shares", "pure" */
    int numeric;              /* it has a unitRef */
    const char *value;        /* as written (a numeric one trimmed); NULL if nil */
    const char *decimals;     /* "-3", "INF"; NULL when not given */
    const char *precision;    /* NULL when not given */
    const char *lang;         /* xml:lang in scope, NULL none */
    int in_tuple;             /* an item inside a tuple */
    long line;                /* where it is (0: unknown) */
} xfact;

typedef struct xfacts xfacts;

/* The facts of the instance doc (name for messages).  R2X_EINPUT when doc
 * is no instance, or a fact names a context or unit it lacks. */
int xfacts_read(xmlDocPtr doc, const char *name, xfacts **out, r2x_error *err);
void xfacts_free(xfacts *x);

size_t xfacts_count(const xfacts *x);
const xfact *xfacts_at(const xfacts *x, size_t i);
const xdim *xfacts_dim(const xfacts *x, size_t i);
/* The namespace table: prefixes and URIs, in order of first use. */
size_t xfacts_namespace_count(const xfacts *x);
const char *xfacts_namespace(const xfacts *x, size_t i, const char **prefix);
/* The instance's schemaRef and linkbaseRef hrefs, in order. */
size_t xfacts_taxonomy_count(const xfacts *x);
const char *xfacts_taxonomy(const xfacts *x, size_t i);
/* Tuples and footnote links met (the OIM outputs carry neither). */
size_t xfacts_tuples(const xfacts *x);
size_t xfacts_footnote_links(const xfacts *x);

/* An XBRL date or dateTime as OIM writes it: a date alone is the start of
 * that day ("2009-04-01T00:00:00"), or, as an end or instant, the start of
 * the next ("2009-09-30" ends at "2009-10-01T00:00:00").  out holds 40. */
void xfacts_oim_datetime(const char *xbrl, int is_end, char *out, size_t size);

#endif
