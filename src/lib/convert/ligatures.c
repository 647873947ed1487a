/* ligatures.c - "fi", "fl" and "ff" ligatures, kept or lost by extraction.
 *
 * A PDF sets "fi" in many fonts as one glyph.  Extraction gives either the
 * ligature character (U+FB01) or, where the font maps the glyph to no
 * character, nothing: "Gross pro t", "Income tax bene t", "Cash ows from
 * nancing activities".  The first is written out; the second is repaired
 * only where the letters make a word of the statements' vocabulary out of
 * fragments that are no words themselves, so that text which merely has a
 * space stays as it is.
 */
#include "ligatures.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "release2xbrl.h"

/* Words of financial statements and their releases that hold a ligature's
 * letters, sorted (strcmp) for bsearch. */
static const char *const vocabulary[] = {
    "affect", "affected", "affiliate", "affiliated", "affiliates", "affiliation", "affordable",
    "artificial", "beneficial", "beneficiary", "benefit", "benefits", "buffer", "certificate",
    "certificates", "certified", "classified", "confidence", "confident", "conflict",
    "deficiency", "deficit", "deficits", "defined", "definite", "definitive", "differ",
    "difference", "differences", "different", "differential", "diversified", "effect",
    "effective", "effectively", "effectiveness", "effects", "efficiencies", "efficiency",
    "efficient", "effort", "efforts", "fifth", "figure", "figures", "filed", "filing", "filings",
    "final", "finalization", "finalized", "finance", "financed", "financial", "financials",
    "financing", "financings", "finished", "finite", "firm", "first", "fiscal", "five", "fixed",
    "fixtures", "fleet", "flexibility", "flexible", "flight", "floating", "floor", "flow",
    "flows", "fluctuation", "fluctuations", "identifiable", "identified", "indefinite",
    "ineffective", "ineffectiveness", "inflow", "inflows", "influence", "insignificant",
    "insufficient", "justified", "layoff", "layoffs", "modification", "modifications", "modified",
    "notified", "off", "offering", "offerings", "office", "officer", "officers", "offices",
    "official", "offs", "offset", "offsets", "outflow", "outflows", "pacific", "payoff",
    "proficiency", "profile", "profit", "profitability", "profitable", "profits", "qualified",
    "quantified", "ratified", "reclassification", "reclassifications", "reclassified",
    "refinance", "refinanced", "refinancing", "reflect", "reflected", "reflecting", "reflects",
    "satisfied", "significant", "significantly", "simplified", "specific", "specifically",
    "specified", "staff", "sufficient", "tariff", "tariffs", "traffic", "unaffiliated", "unified",
    "verified", "writeoff", "writeoffs",
};

/* Short words a fragment must not be: "fl" + "at" is no repair. */
static const char *const short_words[] = {"a",  "an", "as", "at", "be", "by", "do", "go", "he",
                                          "if", "in", "is", "it", "me", "my", "no", "of", "on",
                                          "or", "so", "to", "up", "us", "we"};

static const char *const ligatures[] = {"ffi", "ffl", "fi", "fl", "ff"};

enum { WORD_MAX = 40 };

static int by_name(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

static int in_vocabulary(const char *w)
{
    return bsearch(w, vocabulary, sizeof vocabulary / sizeof *vocabulary, sizeof *vocabulary,
                   by_name) != NULL;
}

static int is_short_word(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof short_words / sizeof *short_words; i++)
        if (strlen(short_words[i]) == n && !strncasecmp(short_words[i], w, n))
            return 1;
    return 0;
}

/* The word a + lig + b (lower case) is of the vocabulary; a or b may be
 * empty. */
static int makes_word(const char *a, size_t na, const char *lig, const char *b, size_t nb)
{
    char w[WORD_MAX + 1];
    size_t nl = strlen(lig);
    if (na + nl + nb > WORD_MAX)
        return 0;
    for (size_t i = 0; i < na; i++)
        w[i] = (char)tolower((unsigned char)a[i]);
    memcpy(w + na, lig, nl);
    for (size_t i = 0; i < nb; i++)
        w[na + nl + i] = (char)tolower((unsigned char)b[i]);
    w[na + nl + nb] = '\0';
    return in_vocabulary(w);
}

static int is_letter(unsigned char c)
{
    return isalpha(c) != 0;
}

/* The letters of the ligature character U+FB00..U+FB06 at s[i], NULL if
 * none starts there. */
static const char *ligature_char(const unsigned char *s, size_t n, size_t i)
{
    static const char *const letters[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
    if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xAC && s[i + 2] <= 0x86 && s[i + 2] >= 0x80)
        return letters[s[i + 2] - 0x80];
    return NULL;
}

/* The ligature lost in the gap between fragments a and b of one word
 * ("pro" and "t": "profit"), NULL none. */
static const char *lost_within(const char *a, size_t na, const char *b, size_t nb)
{
    if (!na || !nb || is_short_word(b, nb))
        return NULL;
    for (size_t k = 0; k < sizeof ligatures / sizeof *ligatures; k++)
        if (makes_word(a, na, ligatures[k], b, nb))
            return ligatures[k];
    return NULL;
}

/* The ligature lost at the start of the fragment b ("nancing":
 * "financing"), NULL none. */
static const char *lost_before(const char *b, size_t nb)
{
    if (nb < 2 || is_short_word(b, nb) || makes_word("", 0, "", b, nb))
        return NULL;
    for (size_t k = 0; k < sizeof ligatures / sizeof *ligatures; k++)
        if (makes_word("", 0, ligatures[k], b, nb))
            return ligatures[k];
    return NULL;
}

static size_t letters_from(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && is_letter((unsigned char)s[j]))
        j++;
    return j - i;
}

/* The expanded text t[0..n) into out, lost ligatures put back. */
static int repair_gaps(r2x_buf *out, const char *t, size_t n)
{
    size_t word = 0;                  /* where the letters before i start */
    for (size_t i = 0; i < n; i++) {
        const char *lig = NULL;
        if (t[i] == ' ' && i > word && i + 1 < n && is_letter((unsigned char)t[i + 1])) {
            size_t nb = letters_from(t, n, i + 1);
            lig = lost_within(t + word, i - word, t + i + 1, nb);
            if (lig) {
                /* "pro t": the gap was the ligature; the word goes on */
                if (buf_add(out, lig, strlen(lig)) || buf_add(out, t + i + 1, nb))
                    return R2X_ENOMEM;
                i += nb;
                continue;
            }
        }
        if (is_letter((unsigned char)t[i]) && (i == 0 || t[i - 1] == ' ')) {
            word = i;
            lig = lost_before(t + i, letters_from(t, n, i));
            if (lig && buf_add(out, lig, strlen(lig)))
                return R2X_ENOMEM;
        }
        if (buf_addc(out, t[i]))
            return R2X_ENOMEM;
        if (!is_letter((unsigned char)t[i]))
            word = i + 1;
    }
    return R2X_OK;
}

int ligatures_copy(r2x_buf *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    int any_char = 0;
    for (size_t i = 0; i < n && !any_char; i++)
        any_char = ligature_char(u, n, i) != NULL;
    if (!any_char)
        return repair_gaps(out, s, n);     /* most cells: no copy to expand first */
    r2x_buf t;
    buf_init(&t, R2X_BUF_NOCAP);
    int rc = R2X_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const char *letters = ligature_char(u, n, i);
        if (letters) {
            rc = buf_add(&t, letters, strlen(letters)) ? R2X_ENOMEM : R2X_OK;
            i += 2;
        } else {
            rc = buf_addc(&t, s[i]) ? R2X_ENOMEM : R2X_OK;
        }
    }
    if (!rc)
        rc = repair_gaps(out, t.data ? t.data : "", t.len);
    buf_release(&t);
    return rc;
}
