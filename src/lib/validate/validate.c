/* validate.c - r2x_validate: an XBRL instance (or the DTS of a schema or
 * linkbase) checked whole, and the report of what was checked.
 *
 * The DTS is streamed once (dts.c), with the taxonomy rules watching it
 * (dts_rules.c); then the Dimensions taxonomy rules (xdt_dts.c); then the
 * instance is read (instance.c), every fact checked against its concept's
 * type as the DTS declares it (typecheck.c), without compiling the schema
 * set; then the checks over sets of facts: duplicates and calculations
 * (calc.c), dimensions (xdt_instance.c).  libxml2's XML Schema processor
 * (schema_check.c) adds content models of the XBRL instance schema and
 * PSVI defaults where the DTS is small enough to compile (--schema).
 * Inline XBRL is extracted first (ixbrl_extract.c), each element of the
 * instance remembering where in the .htm it came from.  Every finding goes
 * through one reporter (report.c).
 */
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "calc.h"
#include "dts_rules.h"
#include "error.h"
#include "fetch.h"
#include "instance.h"
#include "ixbrl_extract.h"
#include "schema_check.h"
#include "sized.h"
#include "validate.h"
#include "xdt.h"
#include "xdt_dts.h"
#include "xdt_instance.h"
#include "xml_guard.h"

struct r2x_validator {
    r2x_validate_options opts;
    fetcher *fetch;
    int own_fetch;                  /* made here, freed here */
};

typedef struct vrun {
    r2x_validator *v;
    const char *name;               /* the input, as messages call it */
    r2x_validate_result *res;
    reporter rp;
    vreporter rep;
    dts *d;
    dts_rules *rules;
    srcpos_map *positions;          /* where the instance's elements are in the input */
    r2x_buf schema_findings;        /* r2x_error: XML Schema validity, held back */
    r2x_buf error_lines;            /* long: lines the instance checks found errors on */
    int oom;
} vrun;

/* ---- reporting -------------------------------------------------------------- */

srcpos vpos(const vreporter *v, const xmlNode *n)
{
    return srcpos_of(v->positions, n);
}

void report_at(const vreporter *v, int severity, srcpos at, const char *code, const char *fmt,
               ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(v->rp, severity, code, v->file, at.line, at.column, fmt, ap);
    va_end(ap);
    /* the lines of the instance's errors, for the XML Schema findings held
     * back (release_schema_findings) */
    if (severity == R2X_SEV_ERROR && v->error_lines &&
        buf_add(v->error_lines, &at.line, sizeof at.line))
        v->rp->oom = 1;
}

/* XML Schema validity findings of the instance wait for the instance checks:
 * a line they found an error on (a value not in its type's lexical space, a
 * unitRef missing) needs no second, less specific message. */
static void hold_schema_finding(void *userdata, const r2x_error *e)
{
    vrun *r = userdata;
    if (buf_add(&r->schema_findings, e, sizeof *e))
        r->oom = 1;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void release_schema_findings(vrun *r)
{
    long *lines = (long *)r->error_lines.data;
    size_t nl = r->error_lines.len / sizeof *lines;
    if (nl)
        qsort(lines, nl, sizeof *lines, cmp_long);
    const r2x_error *e = (const r2x_error *)r->schema_findings.data;
    for (size_t i = 0; i < r->schema_findings.len / sizeof *e; i++)
        if (!nl || !bsearch(&e[i].line, lines, nl, sizeof *lines, cmp_long))
            report_record(&r->rp, &e[i]);
    buf_reset(&r->schema_findings);
}

const char *r2x_diag_rule(const r2x_error *diag, char *code, size_t size)
{
    const char *m = diag->message;
    if (diag->rule[0]) {
        r2xi_strlcpy(code, diag->rule, size);
        return m;
    }
    if (size)
        code[0] = '\0';
    const char *close = m[0] == '[' ? strstr(m, "] ") : NULL;
    if (!close)
        return m;
    size_t n = (size_t)(close - m - 1);
    if (size) {
        if (n >= size)
            n = size - 1;
        memcpy(code, m + 1, n);
        code[n] = '\0';
    }
    return close + 2;
}

/* ---- what was checked ----------------------------------------------------------- */

const char *r2x_check_name(int check)
{
    static const char *const names[R2X_CHECK_COUNT] = {
        "dts", "taxonomy", "xml-schema", "types", "instance", "duplicates", "dimensions",
        "calculations"};
    return check >= 0 && check < R2X_CHECK_COUNT ? names[check] : NULL;
}

const char *r2x_check_state_name(int state)
{
    switch (state) {
    case R2X_CHECK_NOT_RUN: return "not-run";
    case R2X_CHECK_RAN: return "ran";
    case R2X_CHECK_PARTIAL: return "partial";
    case R2X_CHECK_SKIPPED: return "skipped";
    }
    return "?";
}

static void set_check(vrun *r, int check, int state, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void set_check(vrun *r, int check, int state, const char *fmt, ...)
{
    r2x_check_status *c = &r->res->checks[check];
    c->state = state;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->reason, sizeof c->reason, fmt, ap);
    va_end(ap);
}

static void dts_result(vrun *r)
{
    dts_counts dc;
    dts_get_counts(r->d, &dc);
    r->res->documents = dc.documents;
    r->res->missing = dc.missing;
    r->res->concepts = dc.concepts;
    r->res->relationships = dc.relationships;
    r->res->arcs = dc.arcs;
    if (dc.missing) {
        set_check(r, R2X_CHECK_DTS, R2X_CHECK_PARTIAL,
                  "%zu of its documents could not be had", dc.missing);
        set_check(r, R2X_CHECK_TAXONOMY, R2X_CHECK_PARTIAL,
                  "on the documents read (published taxonomies are taken as checked by their "
                  "publishers); what the %zu missing ones declare could not be checked",
                  dc.missing);
    } else {
        set_check(r, R2X_CHECK_DTS, R2X_CHECK_RAN, "%s", "");
        set_check(r, R2X_CHECK_TAXONOMY, R2X_CHECK_RAN, "%s",
                  "on the DTS's own documents (published taxonomies are taken as checked by "
                  "their publishers)");
    }
}

/* ---- the DTS ------------------------------------------------------------------------ */

/* After the DTS is loaded: its rules, the Dimensions taxonomy rules. */
static int check_dts(vrun *r, r2x_error *err)
{
    if (dts_rules_check(r->rules, &r->rp, NULL) || xdt_check_taxonomy(r->d, &r->rp, NULL))
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    check_alias_concepts(r->d, &r->rp);
    dts_result(r);
    return R2X_OK;
}

/* XML Schema validity (schema_check.c) of the DTS's schemas and of doc (NULL:
 * the schemas alone), as the mode and the DTS's size allow.  Before the
 * instance is read: the defaults it adds (decimals, precision, attributes in
 * segments) are then seen by every check. */
static int schema_pass(vrun *r, xmlDocPtr doc, r2x_error *err)
{
    int mode = r->v->opts.schema;
    dts_counts dc;
    dts_get_counts(r->d, &dc);
    if (mode == R2X_SCHEMA_NONE) {
        set_check(r, R2X_CHECK_XML_SCHEMA, R2X_CHECK_SKIPPED, "--schema none");
        return R2X_OK;
    }
    if (mode == R2X_SCHEMA_AUTO && dc.concepts > SCHEMA_AUTO_MAX_CONCEPTS) {
        r->res->schema_skipped = 1;
        set_check(r, R2X_CHECK_XML_SCHEMA, R2X_CHECK_SKIPPED,
                  "the DTS has %zu concepts, more than --schema auto compiles (%d); the types "
                  "check covers the facts' values and attributes", dc.concepts,
                  SCHEMA_AUTO_MAX_CONCEPTS);
        return R2X_OK;
    }
    if (!dc.documents) {            /* no schemaRef (said already): nothing to compile */
        set_check(r, R2X_CHECK_XML_SCHEMA, R2X_CHECK_SKIPPED, "the DTS has no documents");
        return R2X_OK;
    }
    if (dc.missing) {               /* libxml2 would fail on the missing import */
        r->res->schema_skipped = 2;
        set_check(r, R2X_CHECK_XML_SCHEMA, R2X_CHECK_SKIPPED,
                  "%zu documents of the DTS are missing, which libxml2 cannot compile without",
                  dc.missing);
        return R2X_OK;
    }
    if (doc && !doc->URL)           /* extracted from Inline XBRL: findings name the input */
        doc->URL = xmlStrdup(BAD_CAST r->name);
    schema_set *s = NULL;
    int rc = schema_set_new(r->d, r->v->fetch, &r->rp, doc, &s, err);
    if (!rc && s)
        schema_validate_documents(s);
    if (!rc && s && doc)
        schema_validate_instance(s, doc, r->positions, hold_schema_finding, r);
    if (!rc)
        set_check(r, R2X_CHECK_XML_SCHEMA, s ? R2X_CHECK_RAN : R2X_CHECK_SKIPPED, "%s",
                  s ? "" : "the schemas could not be compiled (see the xmlSchema:schema findings)");
    schema_set_free(s);
    return rc;
}

/* ---- the instance ----------------------------------------------------------------- */

static void instance_checks_state(vrun *r, const instance *in, size_t unjudged)
{
    size_t n = in->facts.len / sizeof(vfact) + in->unread;
    if (in->unchecked_facts)
        set_check(r, R2X_CHECK_TYPES, R2X_CHECK_PARTIAL,
                  "%zu of %zu facts could not be checked: their concepts or types are in schemas "
                  "that could not be had (see the documentUnavailable findings)",
                  in->unchecked_facts, n);
    else if (in->enum_unjudged)
        set_check(r, R2X_CHECK_TYPES, R2X_CHECK_PARTIAL,
                  "%zu enumeration fact%s not checked against their domains, whose schemas "
                  "could not be had", in->enum_unjudged, in->enum_unjudged == 1 ? " was" : "s were");
    else
        set_check(r, R2X_CHECK_TYPES, R2X_CHECK_RAN, "%s", "");
    set_check(r, R2X_CHECK_INSTANCE, in->unchecked_facts ? R2X_CHECK_PARTIAL : R2X_CHECK_RAN,
              "%s", in->unchecked_facts ? "facts of concepts in missing schemas were left out"
                                        : "");
    static const char *const dups[] = {
        "consistent duplicates are not reported (--duplicates all reports them)",
        "inconsistent duplicates are warnings, consistent ones not reported",
        "inconsistent duplicates are errors, consistent ones warnings"};
    int mode = r->v->opts.duplicates;
    set_check(r, R2X_CHECK_DUPLICATES, R2X_CHECK_RAN, "%s",
              mode >= 0 && mode <= R2X_DUP_ALL ? dups[mode] : "");
    if (unjudged)
        set_check(r, R2X_CHECK_DIMENSIONS, R2X_CHECK_PARTIAL,
                  "%zu fact%s not judged: their contexts name dimensions or members of "
                  "schemas that could not be had", unjudged, unjudged == 1 ? " was" : "s were");
    else
        set_check(r, R2X_CHECK_DIMENSIONS, R2X_CHECK_RAN, "%s", "");
    if (r->v->opts.calc == R2X_CALC_NONE)
        set_check(r, R2X_CHECK_CALCULATIONS, R2X_CHECK_SKIPPED, "--calc none");
    else
        set_check(r, R2X_CHECK_CALCULATIONS, R2X_CHECK_RAN, "%s",
                  r->v->opts.calc == R2X_CALC_XBRL21 ? "XBRL 2.1 (--calc xbrl21)"
                                                     : "Calculations 1.1, round-to-nearest");
}

static void skip_instance_checks(vrun *r, int state, const char *why)
{
    for (int c = R2X_CHECK_TYPES; c < R2X_CHECK_COUNT; c++)
        set_check(r, c, state, "%s", why);
}

/* The checks over sets of facts, once every fact is read. */
static int check_facts(vrun *r, instance *in)
{
    vfact *facts = (vfact *)in->facts.data;
    size_t nfacts = in->facts.len / sizeof *facts, unjudged = 0;
    r->res->unchecked = in->unchecked_facts;
    r->res->facts = nfacts + in->unread;
    r->res->contexts = in->context_list.len / sizeof(vcontext *);
    r->res->units = in->unit_list.len / sizeof(vunit *);
    check_duplicates(facts, nfacts, r->v->opts.duplicates, &r->rep);
    if (xdt_check_instance(facts, nfacts, (vcontext *const *)in->context_list.data,
                           r->res->contexts, r->d, &r->rep, &unjudged) ||
        check_essence_alias(facts, nfacts, r->d, &r->rep) ||
        check_calculations(facts, nfacts, r->d, r->v->opts.calc, &r->rep))
        return R2X_ENOMEM;
    instance_checks_state(r, in, unjudged);
    return R2X_OK;
}

static int check_instance(vrun *r, xmlDocPtr doc, r2x_error *err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    instance in;
    int rc = instance_init(&in, r->d, r->v->fetch, &r->rep);
    if (!rc)
        rc = instance_discover(&in, root, r->d, err);
    if (!rc)
        rc = dts_load(r->d, err);
    if (!rc)
        rc = check_dts(r, err);
    if (!rc)
        rc = schema_pass(r, r->v->opts.dts_only ? NULL : doc, err);
    if (!rc && r->v->opts.dts_only) {
        skip_instance_checks(r, R2X_CHECK_SKIPPED, "--dts-only");
    } else if (!rc) {
        instance_read(&in, root);
        instance_check_links(&in, root);
        instance_check_requires(&in, root);
        instance_report_unchecked(&in);
        if (!in.oom && check_facts(r, &in))
            in.oom = 1;
        release_schema_findings(r);
    }
    if (rc == R2X_ENOMEM || in.oom || r->oom)
        rc = r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    instance_release(&in);
    return rc;
}

/* ---- the input ------------------------------------------------------------------------ */

/* Inline XBRL: the target instance is extracted (formats, scale, sign,
 * continuations) and validated as any instance, each element at the place
 * in the .htm it came from; what the extraction finds wrong (an unknown
 * format, text that does not fit it) counts as errors. */
static void ixbrl_diag(void *userdata, const r2x_error *e)
{
    vrun *r = userdata;
    r2x_error copy = *e;
    if (!copy.rule[0])
        r2xi_strlcpy(copy.rule, "ix:extraction", sizeof copy.rule);
    report_record(&r->rp, &copy);
}

/* data: the document's bytes when they are had already (standard input),
 * else NULL: read path. */
static int ixbrl_to_instance(vrun *r, const char *path, const char *data, size_t len,
                             xmlDocPtr *out, r2x_error *err)
{
    *out = NULL;
    xmlDocPtr ix = NULL;
    srcpos_map *in_positions = srcpos_map_new();
    if (!in_positions || !(r->positions = srcpos_map_new())) {
        srcpos_map_free(in_positions);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    int rc = data ? ixbrl_parse_memory_mapped(path, data, len, &ix, in_positions, err)
                  : ixbrl_parse_file_mapped(path, &ix, in_positions, err);
    if (rc == R2X_EINPUT) {
        /* not well-formed: a finding, as for an XML instance (exit 1, not 2) */
        report(&r->rp, R2X_SEV_ERROR, "xml:wellFormedness", r->name, err->line, err->column,
               "%s", err->message);
        r2x_error_clear(err);
        srcpos_map_free(in_positions);
        return R2X_OK;
    }
    if (!rc) {
        rc = ixbrl_extract_mapped(ix, in_positions, path, ixbrl_diag, r, out, r->positions, NULL,
                                  NULL, err);
        xmlFreeDoc(ix);
    }
    srcpos_map_free(in_positions);
    if (rc == R2X_EINPUT) {
        /* not Inline XBRL at all: a finding of the input too */
        report(&r->rp, R2X_SEV_ERROR, "ix:notInlineXBRL", r->name, err->line, 0, "%s",
               err->message);
        r2x_error_clear(err);
        return R2X_OK;
    }
    return rc;
}

enum root_kind { ROOT_OTHER, ROOT_DTS, ROOT_BAD };

/* What the document is, from its first element alone: a schema or linkbase
 * is streamed by the DTS reader, never built as a tree here. */
static int root_kind(const char *data, size_t len, const char *url)
{
    xmlTextReaderPtr rd = xmlReaderForMemory(data, (int)len, url, NULL,
                                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                             XML_PARSE_NOWARNING);
    int kind = ROOT_BAD;
    while (rd && xmlTextReaderRead(rd) == 1) {
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
            continue;
        const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd);
        const char *local = (const char *)xmlTextReaderConstLocalName(rd);
        kind = ns && ((!strcmp(ns, XSD_NS) && !strcmp(local, "schema")) ||
                      (!strcmp(ns, LINK_NS) && !strcmp(local, "linkbase")))
                   ? ROOT_DTS : ROOT_OTHER;
        break;
    }
    xmlFreeTextReader(rd);
    return kind;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcasecmp(s + a - b, suffix);
}

/* An XML instance as a tree, each element's line and column kept; not
 * well-formed is a finding. */
static int parse_instance(vrun *r, const char *data, size_t len, xmlDocPtr *out, r2x_error *err)
{
    *out = NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt || !(r->positions = srcpos_map_new())) {
        xmlFreeParserCtxt(ctxt);
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    }
    xml_guard guard;
    xml_guard_begin(&guard);
    int oom = 0;
    xmlDocPtr doc = srcpos_read_memory(ctxt, data, (int)len, r->name,
                                       XML_PARSE_NONET | XML_PARSE_BIG_LINES |
                                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING,
                                       r->positions, &oom);
    int rc = R2X_OK;
    if (xml_guard_end(&guard) || oom) {
        rc = r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (!doc || !ctxt->wellFormed || ctxt->disableSAX) {
        /* disableSAX: a huge text node cut it short */
        xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
        char msg[600];
        snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "not well-formed XML");
        size_t n = strlen(msg);
        if (n && msg[n - 1] == '\n')
            msg[n - 1] = '\0';
        report(&r->rp, R2X_SEV_ERROR, "xml:wellFormedness", r->name, e ? e->line : 0,
               e ? e->int2 : 0, "%s", msg);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    *out = doc;
    return rc;
}

/* A schema or linkbase as the entry point: its DTS is the check. */
static int check_entry_dts(vrun *r, const char *path, r2x_error *err)
{
    r->res->input_kind = 1;
    int rc = dts_add(r->d, path, NULL, NULL, 0, err);
    if (!rc)
        rc = dts_load(r->d, err);
    if (!rc)
        rc = check_dts(r, err);
    if (!rc)
        rc = schema_pass(r, NULL, err);
    skip_instance_checks(r, R2X_CHECK_NOT_RUN, "a schema or linkbase has no facts");
    return rc;
}

/* Standard input whole, up to the limit on a release's size. */
static int read_stdin(char **data, size_t *len, r2x_error *err)
{
    r2x_buf b;
    size_t max = R2X_DEFAULT_MAX_INPUT;
    buf_init(&b, max);
    int rc = buf_read_fd(&b, 0);
    int e = errno;
    if (rc) {
        buf_release(&b);
        if (rc == R2X_ETOOBIG)
            return r2xi_fail(err, rc, "<stdin>", 0, "standard input is larger than %zu "
                            "bytes", max);
        if (rc == R2X_EIO)
            return r2xi_fail(err, rc, "<stdin>", 0, "read error: %s", strerror(e));
        return r2xi_fail(err, rc, "<stdin>", 0, "out of memory");
    }
    *data = buf_detach(&b, len);
    return *data ? R2X_OK : r2xi_fail(err, R2X_ENOMEM, "<stdin>", 0, "out of memory");
}

/* The input as a tree: an instance, or (R2X_OK, *doc NULL) a DTS entry
 * point checked already, or a finding that it is neither.  Standard input
 * ("-") is read whole, Inline XBRL told by its content; its relative
 * references resolve against the current directory. */
static int read_input(vrun *r, const char *path, xmlDocPtr *doc, r2x_error *err)
{
    *doc = NULL;
    char *data = NULL;
    size_t len = 0;
    int from_stdin = !strcmp(path, "-");
    int rc = R2X_OK;
    int inline_xbrl;
    if (from_stdin) {
        r2x_sniffed sniffed = {R2X_KIND_TEXT, ""};
        rc = read_stdin(&data, &len, err);
        if (rc)
            return rc;
        r2x_sniff(data, len, &sniffed);
        inline_xbrl = sniffed.kind == R2X_KIND_INLINE_XBRL || sniffed.kind == R2X_KIND_HTML;
    } else {
        inline_xbrl = has_suffix(path, ".htm") || has_suffix(path, ".html") ||
                      has_suffix(path, ".xhtml");
    }
    if (inline_xbrl) {
        rc = ixbrl_to_instance(r, path, data, len, doc, err);
        free(data);
        return rc;
    }
    if (!from_stdin)
        rc = fetcher_get(r->v->fetch, path, NULL, &data, &len, NULL, err);
    if (!rc && len > 0x7fffffff)
        rc = r2xi_fail(err, R2X_ETOOBIG, path, 0, "the input is larger than 2 GB");
    int dts_entry = !rc && root_kind(data, len, path) == ROOT_DTS;
    if (dts_entry && from_stdin)
        rc = r2xi_fail(err, R2X_EUSAGE, "<stdin>", 0, "a schema or linkbase is the entry point "
                      "of its DTS: name its file, not standard input");
    else if (dts_entry)
        rc = check_entry_dts(r, path, err);
    else if (!rc)
        rc = parse_instance(r, data, len, doc, err);
    free(data);
    return rc;
}

static int validate_guarded(r2x_validator *v, const char *path, r2x_validate_result *result,
                            r2x_error *err)
{
    memset(result, 0, sizeof *result);
    vrun r;
    memset(&r, 0, sizeof r);
    r.v = v;
    r.name = path;
    r.res = result;
    reporter_init(&r.rp, v->opts.diag, v->opts.diag_userdata);
    r.rp.ignore = v->opts.ignore;
    r.rp.only = v->opts.only;
    r.rp.min_severity = v->opts.min_severity;
    buf_init(&r.schema_findings, R2X_BUF_NOCAP);
    buf_init(&r.error_lines, R2X_BUF_NOCAP);
    r.rep = (vreporter){&r.rp, path, NULL, &r.error_lines};
    dts_options dopts = {v->fetch, &r.rp, 0};
    int rc = dts_new(&dopts, &r.d, err);
    if (!rc)
        rc = dts_rules_new(r.d, &r.rules, err);
    xmlDocPtr doc = NULL;
    if (!rc)
        rc = read_input(&r, path, &doc, err);
    r.rep.positions = r.positions;
    if (!rc && doc) {
        xmlNodePtr root = xmlDocGetRootElement(doc);
        if (!root || !root->ns || strcmp((const char *)root->ns->href, XBRLI_NS) ||
            strcmp((const char *)root->name, "xbrl")) {
            report_at(&r.rep, R2X_SEV_ERROR, vpos(&r.rep, root), "xbrl.4.1:rootElement",
                      "the root element is %s, not xbrli:xbrl",
                      root ? (const char *)root->name : "missing");
        } else {
            rc = check_instance(&r, doc, err);
        }
    }
    if (!rc && r.rp.oom)
        rc = r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    result->errors = r.rp.errors;
    result->warnings = r.rp.warnings;
    result->filtered = r.rp.filtered;
    xmlFreeDoc(doc);
    buf_release(&r.schema_findings);
    buf_release(&r.error_lines);
    srcpos_map_free(r.positions);
    dts_rules_free(r.rules);
    dts_free(r.d);
    return rc;
}

/* The whole run under a guard: libxml2 2.9 keeps some failed allocations
 * to itself (an attribute or a namespace left out of the tree), and a
 * finding made from such a tree would be wrong. */
int r2x_validate(r2x_validator *v, const char *path, r2x_validate_result *result,
                 r2x_error *err)
{
    if (!result)
        return r2xi_fail(err, R2X_EUSAGE, path, 0, "r2x_validate: no result to fill");
    int rc = sized_check(result, "r2x_validate_result", err);
    if (rc)
        return rc;
    r2x_validate_result res;
    xml_guard guard;
    xml_guard_begin(&guard);
    rc = validate_guarded(v, path, &res, err);
    if (xml_guard_end(&guard) && rc != R2X_ENOMEM)
        rc = r2xi_fail(err, R2X_ENOMEM, path, 0, "out of memory");
    sized_out(result, &res, sizeof res);
    return rc;
}

/* ---- validators ------------------------------------------------------------------------ */

int r2x_validator_new(const r2x_validate_options *opts, r2x_validator **out, r2x_error *err)
{
    *out = NULL;
    r2x_validate_options sized;
    int rc = sized_in(&sized, sizeof sized, opts, "r2x_validate_options", err);
    if (rc)
        return rc;
    if (sized.fetcher)
        return validator_new_with_fetcher(&sized, sized.fetcher, out, err);
    r2x_validator *v = calloc(1, sizeof *v);
    if (!v)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    v->opts = sized;
    fetch_options fo;
    memset(&fo, 0, sizeof fo);
    fo.cache_dir = v->opts.cache_dir;
    fo.offline = v->opts.offline;
    fo.ca_file = v->opts.ca_file;
    rc = fetcher_new(&fo, &v->fetch, err);
    if (rc) {
        free(v);
        return rc;
    }
    v->own_fetch = 1;
    *out = v;
    return R2X_OK;
}

int validator_new_with_fetcher(const r2x_validate_options *opts, fetcher *f,
                               r2x_validator **out, r2x_error *err)
{
    *out = NULL;
    r2x_validator *v = calloc(1, sizeof *v);
    if (!v)
        return r2xi_fail(err, R2X_ENOMEM, NULL, 0, "out of memory");
    if (opts)
        v->opts = *opts;
    v->fetch = f;
    *out = v;
    return R2X_OK;
}

void r2x_validator_free(r2x_validator *v)
{
    if (!v)
        return;
    if (v->own_fetch)
        fetcher_free(v->fetch);
    free(v);
}
