/* companies.h - the SEC's list of companies (CIK, ticker, exchange, name):
 * the snapshot shipped in mappings/sec-companies.tsv or refreshed by
 * `release2xbrl fetch --companies`, looked up by ticker and by name
 * (internal). */
#ifndef R2X_COMPANIES_H
#define R2X_COMPANIES_H

#include <stddef.h>

#include "buf.h"
#include "release2xbrl.h"

typedef struct company {
    unsigned long cik;
    const char *ticker;       /* "AAPL", "BRK-B" */
    const char *exchange;     /* "Nasdaq", "NYSE", "OTC", "CBOE" or "" */
    const char *name;         /* as the SEC lists it: "Apple Inc.", "BOEING CO" */
    const char *key;          /* company_name_key() of name */
} company;

typedef struct companies companies;

/* Read the snapshot: '#' comment lines, then CIK TAB TICKER TAB EXCHANGE TAB
 * NAME lines.  A malformed line is an error naming it. */
int companies_load(const char *path, companies **out, r2x_error *err);
void companies_free(companies *c);
size_t companies_count(const companies *c);

/* The entry of a ticker (upper case; "BRK.B" is looked up as "BRK-B"), or
 * NULL. */
const company *companies_by_ticker(const companies *c, const char *ticker);

/* The companies whose name has the key of name: returns how many distinct
 * CIKs have it (0: none, 2 or more: the name does not say which) and the
 * first of them in *first. */
size_t companies_by_name(const companies *c, const char *name, const company **first);

/* A company name reduced to what identifies it, so that "The Boeing Company",
 * "BOEING CO" and "Boeing Co." agree: lower case, "&" read as "and",
 * apostrophes dropped, every other run of punctuation and spaces one space,
 * a leading "the" and trailing legal forms (Inc., Corp., Co., Ltd., plc,
 * N.V., ...) removed.  out receives "" when nothing is left ("The
 * Company" names nobody). */
void company_name_key(const char *name, char *out, size_t size);

/* The same reduction over a whole text (for finding a name in it), into
 * *out (malloc'd; R2X_ENOMEM): words separated by one space, with a space at
 * each end. */
int company_text_key(const char *text, size_t len, char **out) R2X_WARN_UNUSED;

/* The snapshot (the text of mappings/sec-companies.tsv, sorted by CIK and
 * ticker) from the SEC's company_tickers_exchange.json, whose address is
 * source; *count receives the companies written.  A document that is not
 * that JSON is an error. */
int companies_from_sec_json(const char *json, size_t len, const char *source,
                            r2x_buf *tsv, size_t *count, r2x_error *err);

#define COMPANIES_SEC_URL R2X_COMPANIES_SEC_URL
/* The snapshot's file name, in mappings/ and in the download cache. */
#define COMPANIES_FILE R2X_COMPANIES_FILE

#endif
