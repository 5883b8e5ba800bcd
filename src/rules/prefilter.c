/* prefilter.c — the characters a pattern needs (prefilter.h). A small
 * reader of PCRE2 syntax builds an and/or tree of required characters,
 * which is simplified and laid out flat for a fast test per block. */
#include "rules/prefilter.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* ======================================================================
 * Character sets.
 * ==================================================================== */

static unsigned bit_of(uint32_t cp)
{
    return (unsigned)((cp * UINT32_C(0x9E3779B1)) >> 21); /* 11 bits: 0..2047 */
}

/* The code point at s[0..n) and its length in bytes; an invalid or cut
 * sequence gives its first byte alone. */
static uint32_t decode(const unsigned char *s, size_t n, size_t *used)
{
    uint32_t c = s[0];
    if (c < 0x80) {
        *used = 1;
        return c;
    }
    size_t need = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    if (need == 0) {
        *used = 1;
        return c;
    }
    if (need >= n) {
        *used = 1;
        return c;
    }
    c &= 0x3Fu >> need;
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *used = 1;
            return s[0];
        }
        c = c << 6 | (s[i] & 0x3F);
    }
    *used = need + 1;
    return c;
}

void ck_charset_fill(ck_charset *set, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    memset(set, 0, sizeof *set);
    for (size_t i = 0; i < len;) {
        size_t used;
        uint32_t c = decode(s + i, len - i, &used);
        unsigned b = bit_of(c);
        set->bits[b >> 6] |= UINT64_C(1) << (b & 63);
        i += used;
    }
}

static int has(const ck_charset *set, unsigned b)
{
    return (set->bits[b >> 6] >> (b & 63)) & 1;
}

/* A character the filter may require: one that only itself matches under
 * PCRE2_CASELESS | PCRE2_UCP. */
static int caseless_safe(uint32_t c)
{
    if (c >= 0x21 && c <= 0x7E)
        return !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    return c >= 0x3000 && c <= 0x9FFF; /* CJK punctuation, kana, bopomofo, ideographs */
}

/* ======================================================================
 * The tree.
 * ==================================================================== */

typedef enum node_kind { NODE_TRUE = 0, NODE_CHAR, NODE_AND, NODE_OR } node_kind;

typedef struct node {
    node_kind kind;
    uint32_t cp;
    struct node **kids;
    size_t count, room;
    size_t weight; /* nodes in the subtree, once counted */
} node;

/* The nodes of one pattern's tree come from chunks freed together when the
 * formula is laid out: a tree is built and thrown away for every pattern
 * of every pack loaded, and a malloc per node was most of the load's time
 * in the filter. */
typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    max_align_t data[];
} chunk;

typedef struct arena {
    chunk *chunks;
} arena;

static void *take(arena *a, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    chunk *c = a->chunks;
    if (!c || c->size - c->used < n) {
        size_t size = n > 16384 ? n : 16384;
        c = ck_malloc(sizeof *c + size);
        c->next = a->chunks;
        c->used = 0;
        c->size = size;
        a->chunks = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

static void arena_free(arena *a)
{
    while (a->chunks) {
        chunk *next = a->chunks->next;
        free(a->chunks);
        a->chunks = next;
    }
}

/* TRUE has no parts: one node serves every tree, and is never changed. */
static node true_node = { NODE_TRUE, 0, NULL, 0, 0, 1 };

static node *make(arena *a, node_kind kind, uint32_t cp)
{
    if (kind == NODE_TRUE)
        return &true_node;
    node *n = take(a, sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->cp = cp;
    return n;
}

static void adopt(arena *a, node *parent, node *kid)
{
    if (parent->count == parent->room) {
        size_t room = parent->room ? parent->room * 2 : 4;
        node **kids = take(a, room * sizeof *kids);
        if (parent->count)
            memcpy(kids, parent->kids, parent->count * sizeof *kids);
        parent->kids = kids;
        parent->room = room;
    }
    parent->kids[parent->count++] = kid;
}

/* Adds kid to an AND or OR: a TRUE kid of an AND is nothing; a TRUE kid
 * makes an OR true (the caller checks); a kid of the same kind is merged. */
static void join(arena *a, node *parent, node *kid)
{
    if (kid->kind == NODE_TRUE && parent->kind == NODE_AND)
        return;
    if (kid->kind == parent->kind) {
        for (size_t i = 0; i < kid->count; i++)
            join(a, parent, kid->kids[i]);
        return;
    }
    /* A character already there is left out (不得不 needs 不 once); larger
     * repeats cost a test more, not a wrong answer, and comparing them
     * cost more at load than they save. */
    if (kid->kind == NODE_CHAR)
        for (size_t i = 0; i < parent->count; i++)
            if (parent->kids[i]->kind == NODE_CHAR && parent->kids[i]->cp == kid->cp)
                return;
    adopt(a, parent, kid);
}

/* An AND or OR with one kid is that kid; an empty AND is TRUE; an OR with
 * a TRUE kid is TRUE. */
static node *settle(arena *a, node *n)
{
    if (n->kind == NODE_OR)
        for (size_t i = 0; i < n->count; i++)
            if (n->kids[i]->kind == NODE_TRUE)
                return make(a, NODE_TRUE, 0);
    if (n->count == 0 && (n->kind == NODE_AND || n->kind == NODE_OR))
        return make(a, NODE_TRUE, 0); /* an empty OR cannot come from a pattern */
    if (n->count == 1 && (n->kind == NODE_AND || n->kind == NODE_OR))
        return n->kids[0];
    return n;
}

/* ======================================================================
 * Reading PCRE2 syntax.
 * ==================================================================== */

typedef struct reader {
    arena nodes;
    const char *p;
    int unknown; /* something the reader does not know: no filter */
    int depth;
} reader;

static node *read_alternation(reader *r);

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(char c)
{
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Skips a {…} after \p, \x and the like. */
static void skip_braces(reader *r)
{
    if (*r->p != '{')
        return;
    while (*r->p && *r->p != '}')
        r->p++;
    if (*r->p == '}')
        r->p++;
    else
        r->unknown = 1;
}

/* A character class [...]: any one of several characters, never required. */
static void skip_class(reader *r)
{
    r->p++; /* [ */
    if (*r->p == '^')
        r->p++;
    if (*r->p == ']')
        r->p++; /* a ] first is a member */
    while (*r->p && *r->p != ']') {
        if (*r->p == '\\') {
            r->p++;
            if (!*r->p)
                break;
            char e = *r->p++;
            if (e == 'p' || e == 'P' || e == 'x' || e == 'o' || e == 'N')
                skip_braces(r);
            else if (e == 'Q')
                r->unknown = 1;
            continue;
        }
        if (r->p[0] == '[' && (r->p[1] == '.' || r->p[1] == '=')) {
            r->unknown = 1; /* collating elements: not read */
            return;
        }
        if (r->p[0] == '[' && r->p[1] == ':') {
            const char *end = strstr(r->p + 2, ":]");
            if (!end) {
                r->unknown = 1;
                return;
            }
            r->p = end + 2;
            continue;
        }
        r->p++;
    }
    if (*r->p == ']')
        r->p++;
    else
        r->unknown = 1;
}

/* A literal character: required when the filter can test it. */
static node *literal(reader *r)
{
    size_t used;
    uint32_t c = decode((const unsigned char *)r->p, 4, &used); /* stops at the NUL */
    r->p += used;
    return caseless_safe(c) ? make(&r->nodes, NODE_CHAR, c) : make(&r->nodes, NODE_TRUE, 0);
}

/* \x: a class, an assertion, a literal punctuation character. */
static node *escape(reader *r)
{
    r->p++; /* backslash */
    char e = *r->p;
    if (!e) {
        r->unknown = 1;
        return make(&r->nodes, NODE_TRUE, 0);
    }
    if (!is_alnum(e) && (unsigned char)e < 0x80)
        return literal(r);
    if ((unsigned char)e >= 0x80) /* \ before a non-ASCII character is that character */
        return literal(r);
    r->p++;
    switch (e) {
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W': case 'h': case 'H': case 'v': case 'V':
    case 'R': case 'X': case 'C': case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
    case 'n': case 't': case 'r': case 'f': case 'e': case 'a':
        return make(&r->nodes, NODE_TRUE, 0);
    case 'p': case 'P':
        if (*r->p == '{')
            skip_braces(r);
        else if (*r->p)
            r->p++;
        return make(&r->nodes, NODE_TRUE, 0);
    case 'x':
        if (*r->p == '{')
            skip_braces(r);
        else
            for (int i = 0; i < 2 && ((*r->p >= '0' && *r->p <= '9') || (*r->p >= 'a' && *r->p <= 'f') ||
                                      (*r->p >= 'A' && *r->p <= 'F'));
                 i++)
                r->p++;
        return make(&r->nodes, NODE_TRUE, 0);
    default:
        /* Back references, \Q…\E, \N{…}, \c, octal, \g, \k: not read. */
        r->unknown = 1;
        return make(&r->nodes, NODE_TRUE, 0);
    }
}

/* ( … ): a group, or a lookaround (never required: what it looks at need
 * not be in the text the match covers). */
static node *group(reader *r)
{
    int look = 0;
    r->p++; /* ( */
    if (*r->p == '*') {
        r->unknown = 1; /* (*VERB) */
        return make(&r->nodes, NODE_TRUE, 0);
    }
    if (*r->p == '?') {
        const char *q = r->p + 1;
        if (*q == ':' || *q == '>' || *q == '|') {
            r->p = q + 1;
        } else if (*q == '=' || *q == '!') {
            look = 1;
            r->p = q + 1;
        } else if (q[0] == '<' && (q[1] == '=' || q[1] == '!')) {
            look = 1;
            r->p = q + 2;
        } else if (*q == '<' || *q == '\'' || (q[0] == 'P' && q[1] == '<')) {
            /* A named group. */
            char close = *q == '\'' ? '\'' : '>';
            const char *end = strchr(q + 1, close);
            if (!end) {
                r->unknown = 1;
                return make(&r->nodes, NODE_TRUE, 0);
            }
            r->p = end + 1;
        } else if (*q == '#') {
            const char *end = strchr(q, ')');
            if (!end) {
                r->unknown = 1;
                return make(&r->nodes, NODE_TRUE, 0);
            }
            r->p = end + 1;
            return make(&r->nodes, NODE_TRUE, 0);
        } else {
            r->unknown = 1; /* options, conditionals, recursion, callouts */
            return make(&r->nodes, NODE_TRUE, 0);
        }
    }
    if (++r->depth > 200) {
        r->unknown = 1;
        return make(&r->nodes, NODE_TRUE, 0);
    }
    node *inner = read_alternation(r);
    r->depth--;
    if (*r->p != ')') {
        r->unknown = 1;
        return make(&r->nodes, NODE_TRUE, 0);
    }
    r->p++;
    if (look) {
        return make(&r->nodes, NODE_TRUE, 0);
    }
    return inner;
}

static node *atom(reader *r)
{
    switch (*r->p) {
    case '(':
        return group(r);
    case '[':
        skip_class(r);
        return make(&r->nodes, NODE_TRUE, 0);
    case '\\':
        return escape(r);
    case '.': case '^': case '$':
        r->p++;
        return make(&r->nodes, NODE_TRUE, 0);
    case '*': case '+': case '?': case '{':
        r->unknown = 1; /* a quantifier with nothing before it, or a literal { */
        r->p++;
        return make(&r->nodes, NODE_TRUE, 0);
    default:
        return literal(r);
    }
}

/* A quantifier after an atom: 1 when it lets the atom be absent. *found is
 * 0 when there is none. */
static int quantifier(reader *r, int *found)
{
    int optional = 0;
    *found = 1;
    switch (*r->p) {
    case '*': case '?':
        optional = 1;
        r->p++;
        break;
    case '+':
        r->p++;
        break;
    case '{': {
        const char *q = r->p + 1;
        long min = 0;
        if (!is_digit(*q)) {
            r->unknown = 1; /* {,n} or a literal { */
            return 1;
        }
        for (; is_digit(*q); q++)
            if (min < 100000)
                min = min * 10 + (*q - '0');
        if (*q == ',') {
            q++;
            while (is_digit(*q))
                q++;
        }
        if (*q != '}') {
            r->unknown = 1;
            return 1;
        }
        r->p = q + 1;
        optional = min == 0;
        break;
    }
    default:
        *found = 0;
        return 0;
    }
    if (*r->p == '?' || *r->p == '+')
        r->p++; /* lazy or possessive */
    return optional;
}

static node *read_sequence(reader *r)
{
    node *all = make(&r->nodes, NODE_AND, 0);
    while (*r->p && *r->p != '|' && *r->p != ')' && !r->unknown) {
        node *a = atom(r);
        int found;
        if (quantifier(r, &found)) {
            /* The atom may be absent: it requires nothing. */
            a = make(&r->nodes, NODE_TRUE, 0);
        }
        join(&r->nodes, all, a);
    }
    return settle(&r->nodes, all);
}

static node *read_alternation(reader *r)
{
    node *any = make(&r->nodes, NODE_OR, 0);
    join(&r->nodes, any, read_sequence(r));
    while (*r->p == '|' && !r->unknown) {
        r->p++;
        join(&r->nodes, any, read_sequence(r));
    }
    return settle(&r->nodes, any);
}

/* ======================================================================
 * The flat formula.
 * ==================================================================== */

typedef struct op {
    uint8_t kind;   /* NODE_CHAR, NODE_AND, NODE_OR, or OP_WORD: an AND of characters only */
    uint16_t bit;   /* NODE_CHAR: its bit in a ck_charset */
    uint32_t cp;    /* NODE_CHAR: the character */
    uint32_t next;  /* index just past this op's subtree */
} op;

enum { OP_WORD = NODE_OR + 1 };

struct ck_prefilter {
    op *ops;
    size_t count;
};

/* Cheap tests first: a single character decides an AND or an OR sooner
 * than a long list of words. Stable, so that equal weights keep the
 * pattern's order. */
static void order_kids(node *n)
{
    if (n->kind == NODE_TRUE)
        return; /* the shared node, never in a tree that is laid out */
    n->weight = 1;
    for (size_t i = 0; i < n->count; i++) {
        order_kids(n->kids[i]);
        n->weight += n->kids[i]->weight;
    }
    for (size_t i = 1; i < n->count; i++) {
        node *x = n->kids[i];
        size_t j = i;
        while (j > 0 && n->kids[j - 1]->weight > x->weight) {
            n->kids[j] = n->kids[j - 1];
            j--;
        }
        n->kids[j] = x;
    }
}

/* Lays n out after the ops already in f (room for its weight is there). */
static void lay_out(ck_prefilter *f, const node *n)
{
    size_t at = f->count++;
    f->ops[at].kind = (uint8_t)n->kind;
    f->ops[at].cp = n->cp;
    f->ops[at].bit = (uint16_t)(n->kind == NODE_CHAR ? bit_of(n->cp) : 0);
    int word = n->kind == NODE_AND;
    for (size_t i = 0; i < n->count; i++) {
        word &= n->kids[i]->kind == NODE_CHAR;
        lay_out(f, n->kids[i]);
    }
    if (word)
        f->ops[at].kind = OP_WORD;
    f->ops[at].next = (uint32_t)f->count;
}

ck_prefilter *ck_prefilter_build(const char *pattern)
{
    reader r = { { NULL }, pattern, 0, 0 };
    node *tree = read_alternation(&r);
    ck_prefilter *f = NULL;

    if (!r.unknown && *r.p == '\0' && tree->kind != NODE_TRUE) {
        f = ck_calloc(1, sizeof *f);
        order_kids(tree);
        f->ops = ck_malloc(tree->weight * sizeof *f->ops);
        lay_out(f, tree);
    }
    arena_free(&r.nodes);
    return f;
}

/* Does the AND or OR at ops[i] hold? Characters are tested in the loop,
 * not by a call each: most of the ops are characters. */
static int holds(const op *ops, size_t i, const ck_charset *set)
{
    const op *o = &ops[i];
    int want = o->kind == NODE_OR; /* the answer that decides early */
    for (size_t k = i + 1; k < o->next;) {
        const op *kid = &ops[k];
        int answer;
        if (kid->kind == NODE_CHAR) {
            answer = has(set, kid->bit);
            k++;
        } else if (kid->kind == OP_WORD) {
            answer = 1;
            for (size_t c = k + 1; c < kid->next && answer; c++)
                answer = has(set, ops[c].bit);
            k = kid->next;
        } else {
            answer = holds(ops, k, set);
            k = kid->next;
        }
        if (answer == want)
            return want;
    }
    return !want;
}

int ck_prefilter_possible(const ck_prefilter *filter, const ck_charset *set)
{
    if (!filter)
        return 1;
    if (filter->ops[0].kind == NODE_CHAR)
        return has(set, filter->ops[0].bit);
    return holds(filter->ops, 0, set); /* an OP_WORD holds as the AND it is */
}

static void describe(const op *ops, size_t i, ck_buf *b)
{
    const op *o = &ops[i];
    if (o->kind == NODE_CHAR) {
        char u[5];
        uint32_t c = o->cp;
        size_t n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (n == 1)
            u[0] = (char)c;
        else {
            for (size_t k = n - 1; k > 0; k--, c >>= 6)
                u[k] = (char)(0x80 | (c & 0x3F));
            u[0] = (char)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | c);
        }
        ck_buf_append(b, u, n);
        return;
    }
    ck_buf_putc(b, '(');
    for (size_t k = i + 1; k < o->next; k = ops[k].next) {
        if (k > i + 1)
            ck_buf_puts(b, o->kind == NODE_OR ? " | " : " & ");
        describe(ops, k, b);
    }
    ck_buf_putc(b, ')');
}

char *ck_prefilter_describe(const ck_prefilter *filter)
{
    ck_buf b = { 0 };
    if (!filter)
        ck_buf_puts(&b, "TRUE");
    else
        describe(filter->ops, 0, &b);
    return ck_buf_detach(&b);
}

void ck_prefilter_free(ck_prefilter *filter)
{
    if (!filter)
        return;
    free(filter->ops);
    free(filter);
}
