/*
 * xbrl_validate.c - test helper: XML Schema validation of an instance
 * against its DTS, with every http(s) URL read from a local copy laid out by
 * URL (../shared/xbrl-cache/<host>/<path>).  Nothing reaches the network.
 *
 *   xbrl_validate CACHE-DIR SCHEMA INSTANCE
 *
 * libxml2 cannot compile the whole US-GAAP schema (17,000 elements in the
 * xbrli:item substitution group make its content-model automaton explode:
 * gigabytes, minutes), so each taxonomy schema of more than 1 MB is read
 * with its top-level element declarations pruned to the ones the instance
 * uses; types, imports and the used declarations stay as published.
 *
 * Exit 0 valid, 1 invalid (errors on stderr), 2 could not run.
 */
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *cache_dir;
static xmlExternalEntityLoader default_loader;
static int errors;
static xmlHashTablePtr used;          /* "{ns}local" of every fact element */
static xmlHashTablePtr pruned;        /* cache path -> pruned temporary copy */
static char tmpdir[] = "/tmp/xbrl-validate.XXXXXX";
static int ntmp;

#define XS_NS "http://www.w3.org/2001/XMLSchema"

/* A copy of a large schema holding only the element declarations in use. */
static const char *prune(const char *path)
{
    struct stat st;
    if (stat(path, &st) || st.st_size < (1 << 20))
        return path;
    const char *have = xmlHashLookup(pruned, (const xmlChar *)path);
    if (have)
        return have;
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (!doc)
        return path;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlChar *tns = xmlGetProp(root, BAD_CAST "targetNamespace");
    for (xmlNodePtr n = root->children, next; n; n = next) {
        next = n->next;
        if (n->type != XML_ELEMENT_NODE || !n->ns || strcmp((const char *)n->ns->href, XS_NS) ||
            strcmp((const char *)n->name, "element"))
            continue;
        xmlChar *name = xmlGetProp(n, BAD_CAST "name");
        char key[1024];
        snprintf(key, sizeof key, "{%s}%s", tns ? (const char *)tns : "", name ? (const char *)name : "");
        if (!xmlHashLookup(used, (const xmlChar *)key)) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        }
        xmlFree(name);
    }
    xmlFree(tns);
    char out[4096];
    snprintf(out, sizeof out, "%s/%d-%s", tmpdir, ntmp++, strrchr(path, '/') + 1);
    /* relative imports must still resolve: rewrite them against the original */
    xmlNodeSetBase(root, BAD_CAST path);
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "import"))
            continue;
        xmlChar *loc = xmlGetProp(n, BAD_CAST "schemaLocation");
        if (loc && !strstr((const char *)loc, "://")) {
            xmlChar *abs = xmlBuildURI(loc, BAD_CAST path);
            xmlSetProp(n, BAD_CAST "schemaLocation", abs);
            xmlFree(abs);
        }
        xmlFree(loc);
    }
    xmlSaveFile(out, doc);
    xmlFreeDoc(doc);
    char *copy = strdup(out);
    xmlHashAddEntry(pruned, (const xmlChar *)path, copy);
    return copy;
}

static xmlParserInputPtr cache_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    const char *rest = NULL;
    if (url && !strncmp(url, "http://", 7))
        rest = url + 7;
    else if (url && !strncmp(url, "https://", 8))
        rest = url + 8;
    if (rest) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", cache_dir, rest);
        return default_loader(prune(path), id, ctxt);
    }
    if (url && strstr(url, "://") && strncmp(url, "file://", 7)) {
        fprintf(stderr, "refused to load %s\n", url);
        return NULL;
    }
    return default_loader(url, id, ctxt);
}

static void free_pruned(void *payload, const xmlChar *name)
{
    (void)name;
    unlink(payload);
    free(payload);
}

static void report(void *ctx, const xmlError *e)
{
    (void)ctx;
    if (e->level >= XML_ERR_ERROR) {
        errors++;
        fprintf(stderr, "%s:%d: %s", e->file ? e->file : "?", e->line, e->message);
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: xbrl_validate CACHE-DIR SCHEMA INSTANCE\n");
        return 2;
    }
    cache_dir = argv[1];
    xmlInitParser();
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    used = xmlHashCreate(1024);
    pruned = xmlHashCreate(16);
    xmlDocPtr inst = xmlReadFile(argv[3], NULL, XML_PARSE_NONET);
    if (!inst) {
        fprintf(stderr, "xbrl_validate: %s is not well-formed\n", argv[3]);
        return 1;
    }
    for (xmlNodePtr n = xmlDocGetRootElement(inst)->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && n->ns) {
            char key[1024];
            snprintf(key, sizeof key, "{%s}%s", n->ns->href, n->name);
            xmlHashAddEntry(used, (const xmlChar *)key, (void *)1);
        }
    xmlFreeDoc(inst);
    default_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(cache_loader);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(argv[2]);
    xmlSchemaSetParserStructuredErrors(pc, (xmlStructuredErrorFunc)report, NULL);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (!schema) {
        fprintf(stderr, "xbrl_validate: cannot parse the schema %s\n", argv[2]);
        return 2;
    }
    int schema_errors = errors;
    xmlDocPtr doc = xmlReadFile(argv[3], NULL, XML_PARSE_NONET);
    if (!doc) {
        fprintf(stderr, "xbrl_validate: %s is not well-formed\n", argv[3]);
        xmlSchemaFree(schema);
        return 1;
    }
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(vc, (xmlStructuredErrorFunc)report, NULL);
    int rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlFreeDoc(doc);
    xmlSchemaFree(schema);
    xmlHashFree(used, NULL);
    xmlHashFree(pruned, (xmlHashDeallocator)free_pruned);
    rmdir(tmpdir);
    xmlCleanupParser();
    if (schema_errors)
        fprintf(stderr, "xbrl_validate: %d errors in the schemas\n", schema_errors);
    printf("%s: %s\n", argv[3], rc == 0 ? "valid" : "INVALID");
    return rc == 0 ? 0 : 1;
}
