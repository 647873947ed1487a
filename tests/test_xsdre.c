/*
 * test_xsdre.c - the XML Schema regular expressions of the types check
 * (src/lib/validate/xsdre.c): hand-worked cases, then every pattern of the DEI, DTR and
 * US-GAAP types schemas where ../shared has them and a set of others,
 * against values meant to match and not, agreeing with libxml2's own
 * engine (xmlRegexpExec) on every pair.
 */
#include <libxml/xmlregexp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "xsdre.h"

static int ours(const char *pattern, const char *value)
{
    int status;
    xsd_regex *re = xsd_regex_compile(pattern, &status);
    if (!re)
        return -10 - status;
    int m = xsd_regex_match(re, value);
    xsd_regex_free(re);
    return m;
}

static void is_match(const char *pattern, const char *value, int want)
{
    ok(ours(pattern, value) == want, "'%s' %s /%s/", value, want ? "matches" : "does not match",
       pattern);
}

static const char *const patterns[] = {
    "[0-9]{10}", "[A-Z0-9]{18}[0-9]{2}", "\\s*(-?[0-9]{4,}(\\s+-?[0-9]{4,})*)?\\s*",
    "[0-9]{3}", "Q[1-4]", "[A-Z]{2}", "\\d{3}-\\d{2}-\\d{4}", "[^a-z]+", "[a-z-[aeiou]]+",
    "(ab|cd)*e?", "\\p{Lu}\\p{Ll}*", "[\\i-[:]][\\c-[:]]*", ".*", "x{2,3}", "a|", "(a|b)+c",
    "[\\-\\[\\]]+", "\\w+", "[\\s\\S]", "\\.\\*", "[^\\s]+", "\\P{N}+", "(\\d+(\\.\\d+)?|INF)",
    "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*", "[0-9]{1,2}(/[0-9]{1,2}){0,2}", "^$", "a?b?c?",
    "([A-Z]{3})?", "\\d*\\.\\d+", "[+-]?[0-9]+"};

static const char *const values[] = {
    "", "0000320193", "12345", "549300XVCQGZQBHZEM22", "2019 2020", " 2019  2020 ", "201",
    "Q1", "Q5", "FR", "fr", "123-45-6789", "ABC", "bcd", "abe", "ababcde", "Abc", "abc",
    "ncName-1.x", "1bad", "xx", "xxxx", "a", "ab", "aabc", "-[]", "word", "two words", " ",
    ".*", "3.14", "INF", "en-US", "12/31/24", "^$", "ac", "-42", "+7",
    "\xC3\x89t\xC3\xA9", "x\ny"};

int main(void)
{
    /* by hand */
    is_match("[0-9]{10}", "0000320193", 1);
    is_match("[0-9]{10}", "000032019", 0);
    is_match("Q[1-4]", "Q4", 1);
    is_match("Q[1-4]", "q4", 0);
    is_match("[a-z-[aeiou]]+", "bcd", 1);          /* subtraction */
    is_match("[a-z-[aeiou]]+", "bad", 0);
    is_match("^a$", "^a$", 1);                     /* ^ and $ are ordinary characters */
    is_match("(ab|cd)*e?", "", 1);
    is_match("(ab|cd)*e?", "abcdab e", 0);
    is_match("\\s*(-?[0-9]{4,}(\\s+-?[0-9]{4,})*)?\\s*", "2027, 2028", 0);
    is_match("\\s*(-?[0-9]{4,}(\\s+-?[0-9]{4,})*)?\\s*", " 2027 2028 ", 1);
    is_match("\\p{Lu}\\p{Ll}*", "\xC3\x89t\xC3\xA9", 1);   /* non-ASCII letters */
    is_match("a{2,}", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1);
    /* (a*)* on a long non-match: linear, no backtracking */
    char longa[4096];
    memset(longa, 'a', sizeof longa - 2);
    longa[sizeof longa - 2] = 'b';
    longa[sizeof longa - 1] = '\0';
    is_match("(a*)*c", longa, 0);
    ok(ours("[a-", "a") == -10 - XSDRE_SYNTAX, "an unclosed class is no pattern");
    ok(ours("a{3,2}", "aa") == -10 - XSDRE_SYNTAX, "{3,2} is no quantifier");
    ok(ours("(a", "a") == -10 - XSDRE_SYNTAX && ours("a)", "a") == -10 - XSDRE_SYNTAX,
       "unbalanced parentheses are no pattern");
    ok(ours("a{1000000}", "a") == -10 - XSDRE_TOO_LARGE, "a million repetitions are not expanded");

    /* against libxml2's engine */
    size_t pairs = 0, agree = 0;
    for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++) {
        xmlRegexpPtr lx = xmlRegexpCompile(BAD_CAST patterns[i]);
        if (!lx)
            continue;
        for (size_t j = 0; j < sizeof values / sizeof *values; j++) {
            int a = ours(patterns[i], values[j]), b = xmlRegexpExec(lx, BAD_CAST values[j]);
            pairs++;
            if (a == b)
                agree++;
            else
                printf("# /%s/ on '%s': ours %d, libxml2 %d\n", patterns[i], values[j], a, b);
        }
        xmlRegFreeRegexp(lx);
    }
    ok(pairs > 1000 && agree == pairs, "%zu of %zu pattern and value pairs as libxml2 has them",
       agree, pairs);

    /* the patterns of the taxonomies themselves */
    static const char *const schemas[] = {
        R2X_SRCDIR "/../shared/xbrl-cache/xbrl.sec.gov/dei/2024/dei-2024.xsd",
        R2X_SRCDIR "/../shared/xbrl-cache/www.xbrl.org/dtr/type/2024-01-31/types.xsd",
        R2X_SRCDIR "/../shared/xbrl-cache/xbrl.fasb.org/us-gaap/2024/elts/us-types-2024.xsd",
        R2X_SRCDIR "/../shared/xbrl-cache/xbrl.fasb.org/srt/2024/elts/srt-types-2024.xsd"};
    size_t found = 0;
    pairs = agree = 0;
    for (size_t s = 0; s < sizeof schemas / sizeof *schemas; s++) {
        FILE *f = fopen(schemas[s], "rb");
        if (!f)
            continue;
        static char text[1 << 22];
        size_t n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[n] = '\0';
        for (char *p = text; (p = strstr(p, "pattern value=")); ) {
            char q = p[14];
            char *start = p + 15, *end = strchr(start, q);
            if (!end)
                break;
            char pat[512];
            snprintf(pat, sizeof pat, "%.*s", (int)(end - start), start);
            /* the XML escapes patterns use */
            for (char *a; (a = strstr(pat, "&amp;"));)
                memmove(a + 1, a + 5, strlen(a + 5) + 1);
            found++;
            xmlRegexpPtr lx = xmlRegexpCompile(BAD_CAST pat);
            for (size_t j = 0; lx && j < sizeof values / sizeof *values; j++) {
                int a = ours(pat, values[j]), b = xmlRegexpExec(lx, BAD_CAST values[j]);
                pairs++;
                if (a == b)
                    agree++;
                else
                    printf("# /%s/ on '%s': ours %d, libxml2 %d\n", pat, values[j], a, b);
            }
            xmlRegFreeRegexp(lx);
            p = end;
        }
    }
    if (!found)
        skip("the taxonomies' patterns: ../shared is absent");
    else
        ok(agree == pairs, "the %zu patterns of the DEI, DTR and US-GAAP types schemas: %zu of "
           "%zu pairs as libxml2 has them", found, agree, pairs);
    return tap_done();
}
