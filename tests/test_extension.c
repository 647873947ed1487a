/*
 * test_extension.c - unit tests for the extension taxonomy's naming
 * (extension.c, ext_default_naming): the prefix from a ticker or from the
 * entity's name, the namespace from the prefix and the period end (TAP).
 * The taxonomy itself is pinned by tests/taxonomy.sh's goldens.
 */
#include "extension.h"

#include "tap.h"

static void naming(const char *ticker, const char *name, const char *want_prefix,
                   const char *why)
{
    char prefix[32], ns[256], want_ns[256];
    r2x_date end = {2009, 12, 31};
    ext_default_naming(ticker, name, end, prefix, sizeof prefix, ns, sizeof ns);
    is_str(prefix, want_prefix, "%s", why);
    snprintf(want_ns, sizeof want_ns, "http://release2xbrl.invalid/%s/20091231", want_prefix);
    is_str(ns, want_ns, "%s: the namespace", why);
}

int main(void)
{
    naming("AAPL", "Apple Inc.", "aapl", "a ticker, lower case, before the name");
    naming("BRK.B", "Berkshire Hathaway Inc.", "brkb", "a ticker's dot is left out");
    naming(NULL, "Apple Inc.", "apple", "one word and a legal form: the word");
    naming(NULL, "Internet Initiative Japan Inc.", "iij", "several words: their initials");
    naming(NULL, "Time Warner Inc.", "tw", "two words: their initials");
    naming(NULL, "Sears, Roebuck and Co.", "sr", "'and' and 'Co.' are left out");
    naming(NULL, "The Coca-Cola Company", "cocacola", "'The' left out, Coca-Cola one word");
    naming(NULL, "International Business Machines Corporation", "ibm", "IBM");
    naming("", "Exxon Mobil Corporation", "em", "an empty ticker is none");
    naming(NULL, "3M Company", "co3m", "a prefix starts with a letter");
    naming(NULL, "XML Holdings Ltd", "coxml", "a prefix never starts with 'xml'");
    naming(NULL, NULL, "co", "no name at all");
    naming(NULL, "Inc.", "co", "a name of legal forms alone");

    char prefix[8], ns[64];
    r2x_date end = {2010, 3, 31};
    ext_default_naming("ABCDEFGHIJKL", NULL, end, prefix, sizeof prefix, ns, sizeof ns);
    is_str(prefix, "abcdefg", "the prefix is cut to its buffer");
    return tap_done();
}
