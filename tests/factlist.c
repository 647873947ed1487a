/*
 * factlist.c - test helper: the facts of an XBRL instance, one a line, in a
 * form two instances can be compared in with sort and diff:
 *
 *   {namespace}local  contextRef  unitRef  decimals  value
 *
 * Numeric values (a fact with a unitRef) are written as canonical decimals
 * (1234.50 and 01234.5 are both 1234.5); other values with their white space
 * collapsed; a nil fact as (nil).  Prefixes are not written: two instances may choose them apart.
 *
 *   factlist INSTANCE
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_XBRLI "http://www.xbrl.org/2003/instance"
#define NS_LINK "http://www.xbrl.org/2003/linkbase"

static void canonical_number(const char *s, char *out, size_t size)
{
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    int neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    while (*s == '0' && s[1] >= '0' && s[1] <= '9')
        s++;
    char buf[256];
    size_t n = 0;
    for (; *s && *s != ' ' && *s != '\n' && *s != '\t' && *s != '\r' && n + 1 < sizeof buf; s++)
        buf[n++] = *s;
    buf[n] = '\0';
    if (strchr(buf, '.')) {
        while (n && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    if (!n || !strcmp(buf, "0"))
        neg = 0;
    snprintf(out, size, "%s%s", neg ? "-" : "", n ? buf : "0");
}

static void collapse(const char *s, FILE *fp)
{
    int space = 0, any = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        int ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
                 (c == 0xC2 && (unsigned char)s[1] == 0xA0);
        if (ws) {
            if (c == 0xC2)
                s++;
            space = 1;
            continue;
        }
        if (space && any)
            fputc(' ', fp);
        space = 0;
        any = 1;
        fputc(c, fp);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: factlist INSTANCE\n");
        return 2;
    }
    xmlDocPtr doc = xmlReadFile(argv[1], NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
    if (!doc) {
        fprintf(stderr, "factlist: %s is not well-formed\n", argv[1]);
        return 2;
    }
    for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !n->ns ||
            !strcmp((const char *)n->ns->href, NS_XBRLI) ||
            !strcmp((const char *)n->ns->href, NS_LINK))
            continue;
        xmlChar *ctx = xmlGetProp(n, BAD_CAST "contextRef");
        xmlChar *unit = xmlGetProp(n, BAD_CAST "unitRef");
        xmlChar *dec = xmlGetProp(n, BAD_CAST "decimals");
        xmlChar *v = xmlNodeGetContent(n);
        printf("{%s}%s\t%s\t%s\t%s\t", (const char *)n->ns->href, (const char *)n->name,
               ctx ? (const char *)ctx : "", unit ? (const char *)unit : "",
               dec ? (const char *)dec : "");
        xmlChar *nil = xmlGetNsProp(n, BAD_CAST "nil",
                                    BAD_CAST "http://www.w3.org/2001/XMLSchema-instance");
        int is_nil = nil && !strcmp((const char *)nil, "true");
        xmlFree(nil);
        if (is_nil) {
            fputs("(nil)", stdout);
        } else if (unit) {
            char num[300];
            canonical_number(v ? (const char *)v : "", num, sizeof num);
            fputs(num, stdout);
        } else {
            collapse(v ? (const char *)v : "", stdout);
        }
        putchar('\n');
        xmlFree(ctx);
        xmlFree(unit);
        xmlFree(dec);
        xmlFree(v);
    }
    xmlFreeDoc(doc);
    return 0;
}
