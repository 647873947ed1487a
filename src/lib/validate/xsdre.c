/* xsdre.c - XML Schema regular expressions (xsdre.h).
 *
 * The pattern is parsed into a tree, the tree built into a Thompson
 * automaton (counted repetitions expanded: [0-9]{10} is ten states), and a
 * value is matched by following every state at once, one character at a
 * time: no backtracking, so no pattern takes more than linear time.
 */
#include "xsdre.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define MAX_STATES 200000

/* ---- character classes --------------------------------------------------------- */

/* Predefined classes: escapes (\d \s \w \i \c) and Unicode categories. */
enum {
    B_DIGIT = 1 << 0, B_SPACE = 1 << 1, B_WORD = 1 << 2, B_INITIAL = 1 << 3,
    B_NAMECHAR = 1 << 4, B_LETTER = 1 << 5, B_UPPER = 1 << 6, B_LOWER = 1 << 7,
    B_NUMBER = 1 << 8, B_PUNCT = 1 << 9, B_SEPARATOR = 1 << 10, B_SYMBOL = 1 << 11,
    B_OTHER = 1 << 12, B_MARK = 1 << 13, B_ANY = 1 << 14
};

typedef struct range { unsigned lo, hi; } range;

typedef struct cclass {
    int negated;
    size_t first, n;           /* its ranges in the regex's range array */
    unsigned builtins;         /* matches what these match ... */
    unsigned not_builtins;     /* ... or what these do not */
    int minus;                 /* a class subtracted from it, -1 if none */
} cclass;

static int is_punct(unsigned c)
{
    if (c < 0x80)
        return strchr("!\"#%&'()*,-./:;?@[\\]_{}", (int)c) && c;
    return c == 0xA1 || c == 0xA7 || c == 0xAB || c == 0xB6 || c == 0xB7 || c == 0xBB ||
           c == 0xBF || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
           (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
           (c >= 0xFF01 && c <= 0xFF0F);
}

static int is_separator(unsigned c)
{
    return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_symbol(unsigned c)
{
    if (c < 0x80)
        return strchr("$+<=>^`|~", (int)c) && c;
    return (c >= 0xA2 && c <= 0xA9 && c != 0xA7) || c == 0xAC || c == 0xAE || c == 0xAF ||
           c == 0xB0 || c == 0xB1 || c == 0xB4 || c == 0xB8 || c == 0xD7 || c == 0xF7 ||
           (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2100 && c <= 0x2BFF);
}

static int is_other(unsigned c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) ||
           (c >= 0xE000 && c <= 0xF8FF) || c == 0xFEFF;
}

static int is_mark(unsigned c)
{
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

static int is_digit(unsigned c)
{
    return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0xFF10 && c <= 0xFF19);
}

/* A letter: exact for ASCII; beyond it, whatever is no digit, mark,
 * punctuation, separator, symbol or control. */
static int is_letter(unsigned c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    return c >= 0xAA && !is_digit(c) && !is_mark(c) && !is_punct(c) && !is_separator(c) &&
           !is_symbol(c) && !is_other(c);
}

static int builtin_match(unsigned b, unsigned c)
{
    switch (b) {
    case B_DIGIT: return is_digit(c);
    case B_SPACE: return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    case B_WORD: return !is_punct(c) && !is_separator(c) && !is_other(c);
    case B_INITIAL: return is_letter(c) || c == '_' || c == ':';
    case B_NAMECHAR:
        return is_letter(c) || is_digit(c) || is_mark(c) || c == '_' || c == ':' || c == '-' ||
               c == '.' || c == 0xB7;
    case B_LETTER: return is_letter(c);
    case B_UPPER: return c < 0x80 ? c >= 'A' && c <= 'Z' : is_letter(c);
    case B_LOWER: return c < 0x80 ? c >= 'a' && c <= 'z' : is_letter(c);
    case B_NUMBER: return is_digit(c) || c == 0xB2 || c == 0xB3 || c == 0xB9 || c == 0xBC ||
                          c == 0xBD || c == 0xBE;
    case B_PUNCT: return is_punct(c);
    case B_SEPARATOR: return is_separator(c);
    case B_SYMBOL: return is_symbol(c);
    case B_OTHER: return is_other(c);
    case B_MARK: return is_mark(c);
    case B_ANY: return 1;
    }
    return 0;
}

/* ---- the compiled expression ---------------------------------------------------- */

enum { S_CLASS, S_EPS, S_SPLIT, S_MATCH };
typedef struct state { int kind, cls, out, out1; } state;

struct xsd_regex {
    r2x_buf classes;           /* cclass */
    r2x_buf ranges;            /* range */
    r2x_buf states;            /* state */
    int start;
};

/* The tree, as parsed. */
enum { A_EMPTY, A_CLASS, A_SEQ, A_ALT, A_REPEAT };
typedef struct anode { int kind, cls, left, right; long min, max; } anode;

typedef struct parser {
    const unsigned char *p;
    xsd_regex *re;
    r2x_buf nodes;             /* anode */
    int status;
} parser;

static const cclass *classes(const xsd_regex *re)
{
    return (const cclass *)re->classes.data;
}

static int class_match(const xsd_regex *re, int k, unsigned c)
{
    const cclass *cl = &classes(re)[k];
    const range *r = (const range *)re->ranges.data + cl->first;
    int in = 0;
    for (size_t i = 0; i < cl->n && !in; i++)
        in = c >= r[i].lo && c <= r[i].hi;
    for (unsigned b = 1; !in && b <= B_ANY; b <<= 1)
        in = ((cl->builtins & b) && builtin_match(b, c)) ||
             ((cl->not_builtins & b) && !builtin_match(b, c));
    in ^= cl->negated;
    return in && (cl->minus < 0 || !class_match(re, cl->minus, c));
}

/* One UTF-8 character (a byte beyond ASCII that starts no sequence stands
 * for itself). */
static unsigned next_char(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned c = s[0];
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (n) {
        unsigned v = c & (0x3F >> n);
        for (int i = 1; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80) {
                n = 0;
                v = c;
                break;
            }
            v = (v << 6) | (s[i] & 0x3F);
        }
        c = v;
    }
    *p = s + n + 1;
    return c;
}

/* ---- parsing ---------------------------------------------------------------------- */

/* Append an item of size bytes to b: its index, or -1 (out of memory). */
static int append(parser *ps, r2x_buf *b, const void *item, size_t size)
{
    if (buf_add(b, item, size)) {
        ps->status = XSDRE_OOM;
        return -1;
    }
    return (int)(b->len / size) - 1;
}

static int new_node(parser *ps, anode n)
{
    return ps->status ? -1 : append(ps, &ps->nodes, &n, sizeof n);
}

static int new_class(parser *ps)
{
    cclass c = {0, ps->re->ranges.len / sizeof(range), 0, 0, 0, -1};
    return append(ps, &ps->re->classes, &c, sizeof c);
}

static cclass *class_at(parser *ps, int k)
{
    return &((cclass *)ps->re->classes.data)[k];
}

static void add_range(parser *ps, int k, unsigned lo, unsigned hi)
{
    range r = {lo, hi};
    if (buf_add(&ps->re->ranges, &r, sizeof r))
        ps->status = XSDRE_OOM;
    else
        class_at(ps, k)->n++;
}

/* \p{Name} or \P{Name}: a category or a block, into class k. */
static void category(parser *ps, int k, int complement)
{
    if (*ps->p != '{') {
        ps->status = XSDRE_SYNTAX;
        return;
    }
    const char *name = (const char *)++ps->p;
    size_t n = strcspn(name, "}");
    if (!name[n] || !n) {
        ps->status = XSDRE_SYNTAX;
        return;
    }
    ps->p += n + 1;
    static const struct { const char *name; unsigned b; } cats[] = {
        {"L", B_LETTER}, {"Lu", B_UPPER}, {"Ll", B_LOWER}, {"Lt", B_LETTER}, {"Lm", B_LETTER},
        {"Lo", B_LETTER}, {"M", B_MARK}, {"Mn", B_MARK}, {"Mc", B_MARK}, {"Me", B_MARK},
        {"N", B_NUMBER}, {"Nd", B_DIGIT}, {"Nl", B_NUMBER}, {"No", B_NUMBER},
        {"P", B_PUNCT}, {"Pc", B_PUNCT}, {"Pd", B_PUNCT}, {"Ps", B_PUNCT}, {"Pe", B_PUNCT},
        {"Pi", B_PUNCT}, {"Pf", B_PUNCT}, {"Po", B_PUNCT}, {"Z", B_SEPARATOR},
        {"Zs", B_SEPARATOR}, {"Zl", B_SEPARATOR}, {"Zp", B_SEPARATOR}, {"S", B_SYMBOL},
        {"Sm", B_SYMBOL}, {"Sc", B_SYMBOL}, {"Sk", B_SYMBOL}, {"So", B_SYMBOL},
        {"C", B_OTHER}, {"Cc", B_OTHER}, {"Cf", B_OTHER}, {"Co", B_OTHER}, {"Cn", B_OTHER}};
    static const struct { const char *name; unsigned lo, hi; } blocks[] = {
        {"IsBasicLatin", 0, 0x7F}, {"IsLatin-1Supplement", 0x80, 0xFF},
        {"IsLatinExtended-A", 0x100, 0x17F}, {"IsLatinExtended-B", 0x180, 0x24F},
        {"IsGreek", 0x370, 0x3FF}, {"IsCyrillic", 0x400, 0x4FF}, {"IsHebrew", 0x590, 0x5FF},
        {"IsArabic", 0x600, 0x6FF}, {"IsHiragana", 0x3040, 0x309F},
        {"IsKatakana", 0x30A0, 0x30FF}, {"IsCJKUnifiedIdeographs", 0x4E00, 0x9FFF},
        {"IsHalfwidthandFullwidthForms", 0xFF00, 0xFFEF}};
    cclass *c = class_at(ps, k);
    for (size_t i = 0; i < sizeof cats / sizeof *cats; i++)
        if (strlen(cats[i].name) == n && !strncmp(name, cats[i].name, n)) {
            if (complement)
                c->not_builtins |= cats[i].b;
            else
                c->builtins |= cats[i].b;
            return;
        }
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        if (strlen(blocks[i].name) == n && !strncmp(name, blocks[i].name, n)) {
            if (complement)
                c->builtins |= B_ANY;   /* a complemented block: rare, not told apart */
            else
                add_range(ps, k, blocks[i].lo, blocks[i].hi);
            return;
        }
    if (n > 2 && !strncmp(name, "Is", 2))
        c->builtins |= B_ANY;          /* another block: not told apart, any character */
    else
        ps->status = XSDRE_SYNTAX;
}

/* An escape after '\\', into class k; its character in *single when it is
 * a single-character escape (1), else 0. */
static int escape(parser *ps, int k, unsigned *single)
{
    unsigned c = *ps->p ? next_char(&ps->p) : 0;
    static const char singles[] = "nrt\\|.?*+(){}-[]^";
    if (c && c < 0x80 && strchr(singles, (int)c)) {
        *single = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
        return 1;
    }
    cclass *cl = class_at(ps, k);
    switch (c) {
    case 'd': cl->builtins |= B_DIGIT; break;
    case 'D': cl->not_builtins |= B_DIGIT; break;
    case 's': cl->builtins |= B_SPACE; break;
    case 'S': cl->not_builtins |= B_SPACE; break;
    case 'w': cl->builtins |= B_WORD; break;
    case 'W': cl->not_builtins |= B_WORD; break;
    case 'i': cl->builtins |= B_INITIAL; break;
    case 'I': cl->not_builtins |= B_INITIAL; break;
    case 'c': cl->builtins |= B_NAMECHAR; break;
    case 'C': cl->not_builtins |= B_NAMECHAR; break;
    case 'p': category(ps, k, 0); break;
    case 'P': category(ps, k, 1); break;
    default: ps->status = XSDRE_SYNTAX;
    }
    return 0;
}

static int class_expr(parser *ps);

/* The inside of [...] after '[', up to and with ']'. */
static int class_expr(parser *ps)
{
    int k = new_class(ps);
    if (k < 0)
        return -1;
    if (*ps->p == '^') {
        class_at(ps, k)->negated = 1;
        ps->p++;
    }
    int first = 1;
    while (!ps->status) {
        if (!*ps->p) {
            ps->status = XSDRE_SYNTAX;
            break;
        }
        if (*ps->p == ']' && !first) {
            ps->p++;
            break;
        }
        if (*ps->p == '-' && ps->p[1] == '[' && !first) {
            ps->p += 2;
            int minus = class_expr(ps);
            class_at(ps, k)->minus = minus;
            if (*ps->p != ']')
                ps->status = XSDRE_SYNTAX;
            else
                ps->p++;
            break;
        }
        first = 0;
        unsigned lo;
        if (*ps->p == '\\') {
            ps->p++;
            if (!escape(ps, k, &lo))
                continue;
        } else if (*ps->p == '[') {
            ps->status = XSDRE_SYNTAX;
            break;
        } else {
            lo = next_char(&ps->p);
        }
        unsigned hi = lo;
        if (*ps->p == '-' && ps->p[1] && ps->p[1] != ']' && ps->p[1] != '[') {
            ps->p++;
            if (*ps->p == '\\') {
                ps->p++;
                if (!escape(ps, k, &hi)) {
                    ps->status = XSDRE_SYNTAX;
                    break;
                }
            } else {
                hi = next_char(&ps->p);
            }
            if (hi < lo) {
                ps->status = XSDRE_SYNTAX;
                break;
            }
        }
        add_range(ps, k, lo, hi);
    }
    return k;
}

static int regexp(parser *ps);

static int atom(parser *ps)
{
    unsigned c = *ps->p;
    if (c == '(') {
        ps->p++;
        int n = regexp(ps);
        if (*ps->p != ')')
            ps->status = XSDRE_SYNTAX;
        else
            ps->p++;
        return n;
    }
    int k = new_class(ps);
    if (k < 0)
        return -1;
    if (c == '[') {
        ps->p++;
        k = class_expr(ps);
    } else if (c == '.') {
        ps->p++;
        class_at(ps, k)->negated = 1;
        add_range(ps, k, '\n', '\n');
        add_range(ps, k, '\r', '\r');
    } else if (c == '\\') {
        ps->p++;
        unsigned one;
        if (escape(ps, k, &one))
            add_range(ps, k, one, one);
    } else if (!c || strchr("?*+{}])|", (int)c)) {
        ps->status = XSDRE_SYNTAX;
    } else {
        c = next_char(&ps->p);
        add_range(ps, k, c, c);
    }
    return new_node(ps, (anode){A_CLASS, k, -1, -1, 1, 1});
}

static long number(parser *ps)
{
    long n = 0;
    int digits = 0;
    while (*ps->p >= '0' && *ps->p <= '9') {
        n = n * 10 + (*ps->p++ - '0');
        if (++digits > 6) {
            ps->status = XSDRE_TOO_LARGE;
            return 0;
        }
    }
    if (!digits)
        ps->status = XSDRE_SYNTAX;
    return n;
}

static int piece(parser *ps)
{
    int a = atom(ps);
    long min = 1, max = 1;
    switch (*ps->p) {
    case '?': min = 0; ps->p++; break;
    case '*': min = 0; max = -1; ps->p++; break;
    case '+': max = -1; ps->p++; break;
    case '{':
        ps->p++;
        min = max = number(ps);
        if (*ps->p == ',') {
            ps->p++;
            max = *ps->p == '}' ? -1 : number(ps);
        }
        if (*ps->p != '}' || (max >= 0 && max < min))
            ps->status = XSDRE_SYNTAX;
        else
            ps->p++;
        break;
    default:
        return a;
    }
    return new_node(ps, (anode){A_REPEAT, -1, a, -1, min, max});
}

static int branch(parser *ps)
{
    int seq = -1;
    while (!ps->status && *ps->p && *ps->p != '|' && *ps->p != ')') {
        int pc = piece(ps);
        seq = seq < 0 ? pc : new_node(ps, (anode){A_SEQ, -1, seq, pc, 0, 0});
    }
    return seq < 0 ? new_node(ps, (anode){A_EMPTY, -1, -1, -1, 0, 0}) : seq;
}

static int regexp(parser *ps)
{
    int alt = branch(ps);
    while (!ps->status && *ps->p == '|') {
        ps->p++;
        int b = branch(ps);
        alt = new_node(ps, (anode){A_ALT, -1, alt, b, 0, 0});
    }
    return alt;
}

/* ---- the automaton ------------------------------------------------------------------- */

typedef struct frag { int start, end; } frag;

static int new_state(parser *ps, int kind, int cls)
{
    if (ps->status)
        return -1;
    if (ps->re->states.len / sizeof(state) >= MAX_STATES) {
        ps->status = XSDRE_TOO_LARGE;
        return -1;
    }
    state s = {kind, cls, -1, -1};
    return append(ps, &ps->re->states, &s, sizeof s);
}

static state *st(parser *ps, int i)
{
    return &((state *)ps->re->states.data)[i];
}

/* The fragment of node n: one entry, one exit (an epsilon state). */
static frag build(parser *ps, int n, int depth)
{
    frag f = {-1, -1};
    if (ps->status || n < 0 || depth > 1000) {
        if (!ps->status)
            ps->status = XSDRE_TOO_LARGE;
        return f;
    }
    anode a = ((anode *)ps->nodes.data)[n];
    switch (a.kind) {
    case A_EMPTY:
        f.start = f.end = new_state(ps, S_EPS, -1);
        return f;
    case A_CLASS:
        f.start = new_state(ps, S_CLASS, a.cls);
        f.end = new_state(ps, S_EPS, -1);
        if (!ps->status)
            st(ps, f.start)->out = f.end;
        return f;
    case A_SEQ: {
        frag l = build(ps, a.left, depth + 1), r = build(ps, a.right, depth + 1);
        if (!ps->status)
            st(ps, l.end)->out = r.start;
        return (frag){l.start, r.end};
    }
    case A_ALT: {
        f.start = new_state(ps, S_SPLIT, -1);
        f.end = new_state(ps, S_EPS, -1);
        frag l = build(ps, a.left, depth + 1), r = build(ps, a.right, depth + 1);
        if (!ps->status) {
            st(ps, f.start)->out = l.start;
            st(ps, f.start)->out1 = r.start;
            st(ps, l.end)->out = f.end;
            st(ps, r.end)->out = f.end;
        }
        return f;
    }
    }
    /* A_REPEAT: min copies in a row, then max - min optional ones, or a loop */
    f.start = f.end = new_state(ps, S_EPS, -1);
    for (long i = 0; i < a.min && !ps->status; i++) {
        frag c = build(ps, a.left, depth + 1);
        if (!ps->status) {
            st(ps, f.end)->out = c.start;
            f.end = c.end;
        }
    }
    int exit = new_state(ps, S_EPS, -1);
    if (a.max < 0) {
        int split = new_state(ps, S_SPLIT, -1);
        frag c = build(ps, a.left, depth + 1);
        if (!ps->status) {
            st(ps, f.end)->out = split;
            st(ps, split)->out = c.start;
            st(ps, split)->out1 = exit;
            st(ps, c.end)->out = split;
        }
    } else {
        for (long i = a.min; i < a.max && !ps->status; i++) {
            int split = new_state(ps, S_SPLIT, -1);
            frag c = build(ps, a.left, depth + 1);
            if (!ps->status) {
                st(ps, f.end)->out = split;
                st(ps, split)->out = c.start;
                st(ps, split)->out1 = exit;
                f.end = c.end;
            }
        }
        if (!ps->status)
            st(ps, f.end)->out = exit;
    }
    f.end = exit;
    return f;
}

xsd_regex *xsd_regex_compile(const char *pattern, int *status)
{
    xsd_regex *re = calloc(1, sizeof *re);
    if (!re) {
        *status = XSDRE_OOM;
        return NULL;
    }
    buf_init(&re->classes, R2X_BUF_NOCAP);
    buf_init(&re->ranges, R2X_BUF_NOCAP);
    buf_init(&re->states, R2X_BUF_NOCAP);
    parser ps = {(const unsigned char *)pattern, re, {0}, XSDRE_OK};
    buf_init(&ps.nodes, R2X_BUF_NOCAP);
    int root = regexp(&ps);
    if (!ps.status && *ps.p)
        ps.status = XSDRE_SYNTAX;      /* an unmatched ')' */
    frag f = build(&ps, root, 0);
    int match = new_state(&ps, S_MATCH, -1);
    if (!ps.status) {
        st(&ps, f.end)->out = match;
        re->start = f.start;
    }
    buf_release(&ps.nodes);
    *status = ps.status;
    if (ps.status) {
        xsd_regex_free(re);
        return NULL;
    }
    return re;
}

void xsd_regex_free(xsd_regex *re)
{
    if (!re)
        return;
    buf_release(&re->classes);
    buf_release(&re->ranges);
    buf_release(&re->states);
    free(re);
}

/* ---- matching ------------------------------------------------------------------------ */

/* Add state s and what epsilon and split edges reach from it to list (a
 * stack, not recursion: an expanded {1000} is a long chain). */
static void add_state(const state *sts, int s, int *list, size_t *n, unsigned *mark,
                      unsigned gen, int *stack)
{
    size_t top = 0;
    stack[top++] = s;
    while (top) {
        int i = stack[--top];
        if (i < 0 || mark[i] == gen)
            continue;
        mark[i] = gen;
        if (sts[i].kind == S_EPS) {
            stack[top++] = sts[i].out;
        } else if (sts[i].kind == S_SPLIT) {
            stack[top++] = sts[i].out1;
            stack[top++] = sts[i].out;
        } else {
            list[(*n)++] = i;
        }
    }
}

int xsd_regex_match(const xsd_regex *re, const char *s)
{
    const state *sts = (const state *)re->states.data;
    size_t ns = re->states.len / sizeof *sts;
    int *cur = malloc(ns * sizeof *cur), *next = malloc(ns * sizeof *next);
    int *stack = malloc((2 * ns + 1) * sizeof *stack);
    unsigned *mark = calloc(ns, sizeof *mark);
    int result = -1;
    if (!cur || !next || !stack || !mark)
        goto out;
    unsigned gen = 1;
    size_t nc = 0;
    add_state(sts, re->start, cur, &nc, mark, gen, stack);
    const unsigned char *p = (const unsigned char *)s;
    while (*p && nc) {
        unsigned c = next_char(&p);
        size_t nn = 0;
        gen++;
        for (size_t i = 0; i < nc; i++) {
            const state *x = &sts[cur[i]];
            if (x->kind == S_CLASS && class_match(re, x->cls, c))
                add_state(sts, x->out, next, &nn, mark, gen, stack);
        }
        int *t = cur;
        cur = next;
        next = t;
        nc = nn;
    }
    result = 0;
    for (size_t i = 0; !*p && i < nc && !result; i++)
        result = sts[cur[i]].kind == S_MATCH;
out:
    free(cur);
    free(next);
    free(stack);
    free(mark);
    return result;
}
