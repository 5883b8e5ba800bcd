/* locate.c — where a reviewer would cite each block, from the text and
 * labels alone (the same for DOCX and ODT). docs/reader.md has the rules
 * with examples; in short:
 *
 *   - A body block whose label or text starts with 第N條 opens article N;
 *     第N章 / 第N節 / 第N編 open a chapter or section; a heading that is
 *     not one of these opens a section cited by its label or words.
 *   - The document's convention is decided first: the PCC models' (款 >
 *     目 > 子目; (一) is a 款; unlabelled lines take no number) where its
 *     text uses 子目 or its articles' items start with (一) and none with
 *     一、; else the law's (中央法規標準法 §8: unlabelled paragraphs are 項,
 *     labels 款 and 目 in the order their kinds appear). Options, drafting
 *     notes, field lines and paragraphs carrying on a cut-off sentence are
 *     never a 項 (ck_document_mark_agreed() runs between two passes).
 *   - 附件N / 附錄N / 附表N, and after the last article a form's or an
 *     appendix's title (保 密 切 結 書, 附錄、…), open an annex
 *     (CK_BLOCK_IN_ANNEX) with points of its own: 「附件 保密切結書 第3點」.
 *   - Table cells "表 2 第 3 列", notes "註腳 3", text boxes "文字方塊 1",
 *     headers "頁首", footers "頁尾", TOC lines "目錄", text before the
 *     first article "前言".
 * Every block gets a location ("第八條 第十六款 第二目") and a place as the
 * contract cites itself ("第8條第16款第2目"). Both are Chinese citations
 * whatever the interface language.
 */
#include "model/locate.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "model/agreed.h"
#include "model/label.h"
#include "model/numerals.h"
#include "util/buf.h"


enum {
    MAX_LEVELS = 8,
    PLACES_GIVEN_BACK = 8192 /* blocks cited between two shrinkings of the table of places */
};

/* "第N條" (or 章/節/編) at the start of s: returns the unit character
 * (條 章 節 編) and sets *number and *end (bytes through the unit). */
static utf8proc_int32_t read_article(const char *s, size_t len, long *number, size_t *end)
{
    size_t n, pos = ck_label_skip_spaces(s, len, 0), used;
    if (ck_label_peek(s, len, pos, &n) != 0x7B2C) /* 第 */
        return 0;
    pos = ck_label_skip_spaces(s, len, pos + n);
    long v = ck_numeral_parse(s + pos, len - pos, &used);
    if (v <= 0)
        return 0;
    pos = ck_label_skip_spaces(s, len, pos + used);
    utf8proc_int32_t unit = ck_label_peek(s, len, pos, &n);
    if (unit != 0x689D && unit != 0x7AE0 && unit != 0x7BC0 && unit != 0x7DE8) /* 條 章 節 編 */
        return 0;
    *number = v;
    *end = pos + n;
    return unit;
}

/* After 第N條 in a block's text: a title alone ("違約金", "（保密）") or
 * body text that makes the heading line its article's first 項. *opener:
 * the rest may only be a title or a separator (else 第N條 was a reference
 * inside a sentence, "第五條所定…"). */
static int rest_is_body(const char *s, size_t len, size_t pos, int *opener)
{
    size_t n;
    utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
    *opener = c < 0 || ck_label_is_space(c) || c == 0xFF1A || c == ':' || c == 0x3001 || c == '(' || c == 0xFF08 ||
              c == 0xFF0E || c == '.' || c == 0x3010 || c == '-' || c == 0x2014;
    if (!*opener)
        return 0;
    if (c == 0xFF1A || c == ':' || c == 0x3001 || c == 0xFF0E || c == '.' || c == '-' || c == 0x2014)
        pos += n;
    pos = ck_label_skip_spaces(s, len, pos);
    c = ck_label_peek(s, len, pos, &n);
    if (c == '(' || c == 0xFF08 || c == 0x3010) { /* a title in brackets */
        size_t q = pos + n;
        utf8proc_int32_t d;
        while ((d = ck_label_peek(s, len, q, &n)) >= 0 && d != ')' && d != 0xFF09 && d != 0x3011)
            q += n;
        pos = d >= 0 ? q + n : len;
        pos = ck_label_skip_spaces(s, len, pos);
        c = ck_label_peek(s, len, pos, &n);
        if (c == 0xFF1A || c == ':')
            pos = ck_label_skip_spaces(s, len, pos + n);
        return pos < len;
    }
    size_t chars = 0;
    for (size_t q = pos; q < len; q += n) {
        utf8proc_int32_t d = ck_label_peek(s, len, q, &n);
        if (!n)
            break;
        if (d == 0xFF0C || d == 0x3002 || d == 0xFF1B || d == ',' || d == ';')
            return 1;
        chars++;
    }
    return chars > 20;
}

static int is_annex_start(const char *s, size_t len, size_t *end)
{
    size_t pos = ck_label_skip_spaces(s, len, 0), n, used;
    size_t w = ck_label_annex_word(s + pos, len - pos);
    if (w) {
        size_t q = ck_label_skip_spaces(s, len, pos + w);
        if (ck_numeral_parse(s + q, len - q, &used) <= 0)
            return 0;
        q += used;
        utf8proc_int32_t c = ck_label_peek(s, len, q, &n);
        if (!(c < 0 || ck_label_is_space(c) || c == 0xFF1A || c == ':' || c == 0x3001 || c == '(' || c == 0xFF08 ||
              c == '-' || c == 0x2014 || c == 0xFF0D || c == '.' || c == 0xFF0E))
            return 0;
        *end = q;
        return 1;
    }
    return 0;
}

/* 目錄 / 目次 (spaces between allowed) alone: the title of a table of contents. */
static int is_toc_title(const char *s, size_t len)
{
    static const utf8proc_int32_t second[] = { 0x9304, 0x6B21 }; /* 錄 次 */
    size_t n, pos = ck_label_skip_spaces(s, len, 0);
    if (ck_label_peek(s, len, pos, &n) != 0x76EE) /* 目 */
        return 0;
    pos = ck_label_skip_spaces(s, len, pos + n);
    utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
    if (c != second[0] && c != second[1])
        return 0;
    return ck_label_skip_spaces(s, len, pos + n) == len;
}

static void put_chinese_ordinal(ck_buf *out, const char *unit, long n)
{
    ck_buf_puts(out, "第");
    ck_numeral_format(n, "taiwaneseCountingThousand", out);
    ck_buf_puts(out, unit);
}

static void trimmed(ck_buf *out, const char *s, size_t len, size_t max_chars)
{
    size_t pos = ck_label_skip_spaces(s, len, 0), n, chars = 0;
    while (pos < len && chars < max_chars) {
        utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
        if (!n || c == '\n' || c == '\t')
            break;
        ck_buf_append(out, s + pos, n);
        pos += n;
        chars++;
    }
    while (out->len && out->data[out->len - 1] == ' ')
        ck_buf_truncate(out, out->len - 1);
}

/* The name an attached form or appendix is cited by: 「附件 保密切結書」
 * for a form titled 保 密 切 結 書, 「附錄 機關處置…程序」 for 附錄、機關處置…程序. */
static void annex_name(ck_buf *out, const char *s, size_t len)
{
    ck_buf flat = CK_BUF_INIT;
    size_t n;
    for (size_t pos = 0; pos < len; pos += n) {
        utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
        if (!n)
            break;
        if (!ck_label_is_space(c))
            ck_buf_append(&flat, s + pos, n);
    }
    size_t from = flat.data ? ck_label_annex_word(flat.data, flat.len) : 0;
    if (from)
        ck_buf_append(out, flat.data, from);
    else
        ck_buf_puts(out, ck_label_annex_words[0]);
    utf8proc_int32_t c = ck_label_peek(flat.data, flat.len, from, &n);
    if (from && (c == 0x3001 || c == 0xFF1A || c == ':' || c == '-' || c == 0x2014 || c == 0xFF0D))
        from += n;
    if (from < flat.len) {
        ck_buf_putc(out, ' ');
        trimmed(out, flat.data + from, flat.len - from, 40);
    }
    ck_buf_free(&flat);
}

/* How a contract cites the items of its articles (see docs/reader.md). */
typedef enum convention {
    CONVENTION_LAW, /* the drafting convention of laws and regulations (中央法規標準法 §8):
                       unlabelled paragraphs are 項, labels 款 (一、), 目 ((一)) in order of
                       appearance, deeper ones cited as written */
    CONVENTION_PCC  /* the PCC model contracts': (一) 款, 1. 目, (1) 子目; unlabelled
                       lines count for nothing */
} convention;

/* Per-block facts of the first pass: 24 bytes a block, since a large
 * contract has tens of thousands of blocks and the table lives until every
 * block is cited. */
typedef struct place {
    int32_t article;     /* block index of the article heading, -1 */
    int32_t annex;       /* block index of the annex heading, -1 */
    int32_t item;        /* 項 number (law convention), 0 */
    int32_t point;       /* 點 number in an annex, 0 */
    int32_t last;        /* the labelled block of the innermost level (an index into
                            structure.labels), -1 */
    uint8_t levels;      /* labelled levels below the article, point or section */
} place;

/* A labelled block (only these have a label to cite and a parent). */
typedef struct labelled {
    int32_t block;       /* its index in the document */
    int32_t parent;      /* the labelled block one level up (index into labels), -1 */
    ck_label own;        /* its own label */
} labelled;

/* An article, chapter, section or annex heading. */
typedef struct article_info {
    int32_t block;       /* its index in the document */
    int is_article;      /* 第N條 (else a chapter, section or heading) */
    int is_label;        /* name is the heading's label ("一、"): items follow it directly */
    int items;           /* 項 counted */
    int number;          /* N of 第N條, or 0 */
    uint32_t name_at;    /* its name in structure.names: "第十二條", "第二章", heading text */
} article_info;

/* What the first pass finds: a place per block, and the few labelled
 * blocks and headings apart, in document order. */
typedef struct structure {
    place *places;
    labelled *labels;
    size_t label_count, label_cap;
    article_info *articles;
    size_t article_count, article_cap;
    ck_buf names;        /* the headings' names, each ending with a NUL */
    int has_articles;        /* the contract has 第N條 articles: then a heading without
                                a label (the title, 簽署) starts no section of its own */
    size_t last_article;     /* the block of the last 第N條, or the block count */
} structure;

/* A new heading at block (headings are found in document order); its name
 * is what is appended to st->names until name_done(). */
static article_info *article_add(structure *st, size_t block)
{
    if (st->article_count == st->article_cap) {
        st->article_cap = st->article_cap ? st->article_cap * 2 : 64;
        st->articles = ck_realloc(st->articles, st->article_cap * sizeof *st->articles);
    }
    article_info *a = &st->articles[st->article_count++];
    memset(a, 0, sizeof *a);
    a->block = (int32_t)block;
    a->name_at = (uint32_t)st->names.len;
    return a;
}

static void name_done(structure *st)
{
    ck_buf_putc(&st->names, '\0');
}

static const char *article_name(const structure *st, const article_info *a)
{
    return st->names.data + a->name_at;
}

/* The heading at block, which must be one. */
static article_info *article_at(const structure *st, long block)
{
    size_t lo = 0, hi = st->article_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->articles[mid].block < block)
            lo = mid + 1;
        else
            hi = mid;
    }
    return &st->articles[lo];
}

static int32_t label_add(structure *st, size_t block, ck_label own, int32_t parent)
{
    if (st->label_count == st->label_cap) {
        st->label_cap = st->label_cap ? st->label_cap * 2 : 256;
        st->labels = ck_realloc(st->labels, st->label_cap * sizeof *st->labels);
    }
    st->labels[st->label_count] = (labelled){ (int32_t)block, parent, own };
    return (int32_t)st->label_count++;
}

/* Block i's own label, if the pass found it labelled. */
static int own_label_kind(const structure *st, size_t i)
{
    int32_t last = st->places[i].last;
    return last >= 0 && st->labels[last].block == (int32_t)i ? st->labels[last].own.kind : CK_LABEL_NONE;
}

/* A level of the list being read: a labelled item, or an option without
 * a label of its own (which takes no number but ends where its list does). */
typedef struct level {
    int kind;            /* label kind; CK_LABEL_NONE for an unlabelled option */
    int32_t label;       /* the labelled block (index into labels), -1 for an option */
} level;

static int body_kind(const ck_block *b)
{
    return (b->kind == CK_BLOCK_PARAGRAPH || b->kind == CK_BLOCK_HEADING || b->kind == CK_BLOCK_LIST_ITEM) &&
           !(b->flags & (CK_BLOCK_TOC | CK_BLOCK_IN_TABLE | CK_BLOCK_IN_TEXT_BOX));
}

static void put_label_text(ck_buf *out, const ck_block *b, const ck_label *l)
{
    /* the label as written, without trailing spaces or a check box before it */
    ck_buf tmp = CK_BUF_INIT;
    ck_block_leading_text(b, &tmp);
    size_t start = ck_label_skip_spaces(tmp.data, tmp.len, 0), n;
    while (ck_check_box_state(ck_label_peek(tmp.data, tmp.len, start, &n)) >= 0)
        start += n;
    size_t end = l->length <= tmp.len ? l->length : tmp.len;
    if (end > start)
        ck_buf_append(out, tmp.data + start, end - start);
    ck_buf_free(&tmp);
}

/* Whether the block's text is all blank (a form's field line). */
static int all_blank(const ck_block *b)
{
    for (size_t i = 0; i < b->span_count; i++)
        if ((b->spans[i].flags & CK_SPAN_BLANK) && b->spans[i].start == 0 && b->spans[i].end >= b->text_len)
            return 1;
    return 0;
}

/* A block that takes no number of its own: a drafting note, a field line. */
static int numberless(const ck_block *b)
{
    return (b->flags & CK_BLOCK_DRAFTING_NOTE) || all_blank(b);
}

/* A sentence (not a flow-chart box or caption): it has ，。； or ends with ：. */
static int is_sentence(const ck_block *b)
{
    return strstr(b->text, "。") || strstr(b->text, "，") || strstr(b->text, "；") ||
           (b->text_len >= 3 && memcmp(b->text + b->text_len - 3, "：", 3) == 0);
}

/* "第N條" and "第N項" style units for the citation, by convention and depth. */
static const char *unit_name(convention c, int annex, int depth)
{
    static const char *const pcc[] = { "款", "目", "子目" };
    static const char *const law[] = { "款", "目" };
    if (annex || c == CONVENTION_PCC)
        return depth < 3 ? pcc[depth] : NULL;
    return depth < 2 ? law[depth] : NULL;
}

/* The convention of the document: the PCC models' where its own
 * cross-references use 子目, or where its articles' items start with (一)
 * and none with 一、 (then (一) cannot be a 目 under a 款); else the law's. */
static convention find_convention(const ck_document *doc, const structure *st)
{
    const place *places = st->places;
    int paren = 0, cjk = 0, sub_items = 0;
    long article = -1;
    int first_kind = CK_LABEL_NONE;
    for (size_t i = 0; i <= doc->count; i++) {
        const ck_block *b = i < doc->count ? &doc->blocks[i] : NULL;
        if (b && !body_kind(b))
            continue;
        if (b && strstr(b->text, "子目"))
            sub_items = 1;
        if (!b || places[i].article != article) {
            cjk += first_kind == CK_LABEL_CJK;
            paren += first_kind == CK_LABEL_CJK_PAREN;
            if (!b)
                break;
            article = places[i].article;
            first_kind = CK_LABEL_NONE;
        }
        if (article < 0 || !article_at(st, article)->is_article || (long)i == article || places[i].annex >= 0)
            continue;
        if (b->flags & (CK_BLOCK_UNAGREED | CK_BLOCK_DRAFTING_NOTE))
            continue;
        int own = own_label_kind(st, i);
        if (own != CK_LABEL_NONE && first_kind == CK_LABEL_NONE)
            first_kind = own;
    }
    return sub_items || (paren && !cjk) ? CONVENTION_PCC : CONVENTION_LAW;
}

/* The state of the first pass as it reads the blocks in order. */
typedef struct structure_reader {
    ck_document *doc;
    structure *st;
    convention conv;
    ck_buf text;             /* the leading text of the block being read */
    long article, annex;     /* the heading blocks the block is under, -1 */
    int item, point, depth, in_form, preamble;
    level stack[MAX_LEVELS];
    const ck_block *prev;    /* the paragraph before, for sentences carried on */
    int has_articles;        /* structure.has_articles */
    size_t last_article;     /* structure.last_article */
    long title;              /* the document's title: a heading without a label before any text,
                                which names the document, not a section checked together; -1 */
    int seen_text;           /* a block with text has been read */
} structure_reader;

/* Whether the contract has 第N條 articles, and where the last one is: the
 * same in every pass, since it depends on the text alone. */
static void find_articles(const ck_document *doc, structure *st)
{
    ck_buf text = CK_BUF_INIT;
    st->has_articles = 0;
    st->last_article = doc->count;
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        size_t end;
        long number;
        int opener = 0;
        if (!body_kind(b))
            continue;
        ck_block_leading_text(b, &text);
        if (read_article(text.data, text.len, &number, &end) == 0x689D) {
            st->has_articles = 1;
            rest_is_body(text.data, text.len, end, &opener);
            if (opener || b->kind == CK_BLOCK_HEADING)
                st->last_article = i;
        }
    }
    ck_buf_free(&text);
}

/* A heading that the block after it cannot carry on. */
static void open_heading(structure_reader *r, size_t i, place *pl)
{
    r->article = (long)i;
    r->item = r->depth = 0;
    r->prev = NULL;
    pl->article = (int32_t)r->article;
    pl->annex = (int32_t)r->annex;
    if (r->annex >= 0)
        r->doc->blocks[i].flags |= CK_BLOCK_IN_ANNEX;
}

/* 第N條 (or 第N章, 第N節, 第N編) at block i, read from the text: opens it
 * and returns 1, unless it is a reference inside a sentence or a 第N條 of
 * a form after the last article. */
static int open_numbered_heading(structure_reader *r, size_t i, place *pl)
{
    ck_block *b = &r->doc->blocks[i];
    size_t end = 0;
    long number = 0;
    utf8proc_int32_t unit = read_article(r->text.data, r->text.len, &number, &end);
    int opener = 0, body = 0;
    if (unit)
        body = rest_is_body(r->text.data, r->text.len, end, &opener);
    if (!unit || !(opener || b->kind == CK_BLOCK_HEADING) || (r->annex >= 0 && unit == 0x689D && i > r->last_article))
        return 0;
    int is_article = unit == 0x689D;
    article_info *a = article_add(r->st, i);
    a->is_article = is_article;
    a->number = is_article ? (int)number : 0;
    put_chinese_ordinal(&r->st->names, is_article ? "條" : unit == 0x7AE0 ? "章" : unit == 0x7BC0 ? "節" : "編", number);
    name_done(r->st);
    open_heading(r, i, pl);
    r->item = is_article && body && r->conv == CONVENTION_LAW ? 1 : 0;
    a->items = r->item;
    pl->item = r->item;
    if (is_article) {
        b->article_number = (int32_t)number;
        b->article = (int32_t)i;
    }
    ck_document_set_section(r->doc, i, (int32_t)i);
    r->seen_text = 1;
    return 1;
}

/* 附件N, or after the last article a form's or appendix's title, at block
 * i: opens an annex and returns 1. */
static int open_annex(structure_reader *r, size_t i, place *pl)
{
    ck_block *b = &r->doc->blocks[i];
    size_t end = 0;
    int numbered = is_annex_start(r->text.data, r->text.len, &end);
    if (!numbered && !(r->last_article < r->doc->count && i > r->last_article && !b->label &&
                       ck_annex_title(b->text, b->text_len)))
        return 0;
    r->annex = (long)i;
    r->article = -1;
    r->item = r->depth = r->point = 0;
    r->prev = NULL; /* a heading ends no sentence a paragraph could carry on */
    b->flags |= CK_BLOCK_IN_ANNEX;
    pl->article = -1;
    pl->annex = (int32_t)r->annex;
    article_add(r->st, i);
    if (numbered)
        trimmed(&r->st->names, r->text.data, end, 40);
    else
        annex_name(&r->st->names, b->text, b->text_len);
    name_done(r->st);
    /* a form's first paragraph that lists what follows is its preamble */
    r->in_form = !numbered && (strstr(b->text, "書") || strstr(b->text, "表"));
    r->preamble = r->in_form;
    return 1;
}

/* A heading without 第N條 at block i: an article cited by its label, or by
 * its words in a contract that has no 第N條 at all. Returns 1 if opened. */
static int open_section(structure_reader *r, size_t i, place *pl)
{
    const ck_block *b = &r->doc->blocks[i];
    if (b->kind != CK_BLOCK_HEADING)
        return 0;
    ck_label hl = ck_label_read(r->text.data, r->text.len, b->label != NULL);
    int is_label = hl.kind != CK_LABEL_NONE && hl.kind != CK_LABEL_BULLET;
    if (r->has_articles && !is_label)
        return 0;
    article_info *a = article_add(r->st, i);
    a->is_label = is_label;
    if (is_label)
        put_label_text(&r->st->names, b, &hl);
    else
        trimmed(&r->st->names, r->text.data, r->text.len, 30);
    name_done(r->st);
    open_heading(r, i, pl);
    if (!r->seen_text && !is_label && r->annex < 0)
        r->title = (long)i;
    ck_document_set_section(r->doc, i, r->article == r->title ? -1 : (int32_t)i);
    r->seen_text = 1;
    return 1;
}

/* A labelled item at block i: its level is the first open one of its
 * kind, else a new one. */
static void read_labelled(structure_reader *r, size_t i, ck_label l, int law)
{
    int k;
    if (law && r->item == 0)
        article_at(r->st, r->article)->items = r->item = 1; /* items right under the title: 第一項's */
    for (k = 0; k < r->depth && r->stack[k].kind != l.kind; k++)
        ;
    if (k == r->depth && r->depth == MAX_LEVELS)
        k = MAX_LEVELS - 1;
    int32_t parent = -1;
    for (int j = k - 1; j >= 0 && parent < 0; j--)
        parent = r->stack[j].label;
    r->stack[k] = (level){ l.kind, label_add(r->st, i, l, parent) };
    r->depth = k + 1;
    r->preamble = 0;
}

/* An option without a label: a sibling of the last such option. */
static void read_unlabelled_option(structure_reader *r)
{
    int k = r->depth;
    for (int j = r->depth - 1; j >= 0; j--)
        if (r->stack[j].label < 0) {
            k = j;
            break;
        }
    if (k == r->depth && r->depth == MAX_LEVELS)
        k = MAX_LEVELS - 1;
    r->stack[k] = (level){ CK_LABEL_NONE, -1 };
    r->depth = k + 1;
}

/* A paragraph without a label: a 項 of its own (law convention), part of
 * the option before it, an annex's point, or part of the item it is in. */
static void read_paragraph(structure_reader *r, const ck_block *b, int law)
{
    int carries = ck_block_carries_on(r->prev, b);
    if (law) {
        /* a paragraph of its own is a 項; one that carries on the
         * sentence before it, or is not agreed, is not */
        if (!carries && !(b->flags & CK_BLOCK_UNAGREED)) {
            r->depth = 0;
            article_at(r->st, r->article)->items = ++r->item;
        }
    } else if (r->depth && r->stack[r->depth - 1].label < 0) {
        /* after an option: part of it when it carries on its
         * sentence or opens a list; else back to the item */
        if (!carries && !ck_block_opens_list(b))
            while (r->depth && r->stack[r->depth - 1].label < 0)
                r->depth--;
    } else if (r->annex >= 0 && r->article < 0 && !carries && is_sentence(b) && !(b->flags & CK_BLOCK_UNAGREED)) {
        /* an annex's points: its paragraphs until items begin */
        int items = 0;
        for (int j = 0; j < r->depth; j++)
            items |= r->stack[j].label >= 0;
        if (r->preamble && (strstr(b->text, "下列") ||
                            (b->text_len >= 3 && memcmp(b->text + b->text_len - 3, "：", 3) == 0))) {
            r->preamble = 0; /* cited as the form itself */
        } else if (!items) {
            r->preamble = 0;
            r->point++;
            r->depth = 0;
        }
    }
    r->preamble = 0;
}

/* A body block that opens nothing: an item, an option, a note or a
 * paragraph, read into the list being read. */
static void read_body_block(structure_reader *r, size_t i)
{
    const ck_block *b = &r->doc->blocks[i];
    ck_label own;
    int ticked = 0;
    int option = ck_option_read(r->text.data, r->text.len, b->label != NULL, &own, &ticked);
    ck_label l = option ? own : ck_label_read(r->text.data, r->text.len, b->label != NULL);
    int has_label = l.kind != CK_LABEL_NONE && l.kind != CK_LABEL_BULLET;
    int law = r->conv == CONVENTION_LAW && r->article >= 0 && article_at(r->st, r->article)->is_article;
    if (numberless(b) && !(has_label && !(b->flags & CK_BLOCK_DRAFTING_NOTE))) {
        /* a note or a field line keeps the place it is in */
    } else if (has_label) {
        read_labelled(r, i, l, law);
    } else if (option) {
        read_unlabelled_option(r);
    } else if (l.kind != CK_LABEL_BULLET) {
        read_paragraph(r, b, law);
    }
    r->prev = b;
}

/* Where block i is once read: its article, annex, 項, point and levels. */
static void record_place(structure_reader *r, size_t i, place *pl)
{
    ck_block *b = &r->doc->blocks[i];
    pl->article = (int32_t)r->article;
    pl->annex = (int32_t)r->annex;
    pl->item = r->item;
    pl->point = r->annex >= 0 && r->article < 0 ? r->point : 0;
    pl->levels = 0;
    pl->last = -1;
    if (r->annex >= 0 && r->article < 0 && body_kind(b) && numberless(b) && !r->depth)
        pl->point = 0; /* a form's field lines and notes are the form's */
    else if (body_kind(b))
        for (int k = 0; k < r->depth; k++)
            if (r->stack[k].label >= 0) {
                pl->levels++;
                pl->last = r->stack[k].label;
            }
    if (r->annex >= 0)
        b->flags |= CK_BLOCK_IN_ANNEX;
    if (r->article >= 0 && article_at(r->st, r->article)->is_article) {
        b->article = (int32_t)r->article;
        b->article_number = r->doc->blocks[r->article].article_number;
    }
    /* What is checked together: the article or heading's section, else
     * the top-level item (三、 of 三、(一)). */
    if (r->article >= 0 && r->article != r->title)
        ck_document_set_section(r->doc, i, (int32_t)r->article);
    else if (r->annex < 0 && r->depth > 0 && r->stack[0].label >= 0 && body_kind(b))
        ck_document_set_section(r->doc, i, r->st->labels[r->stack[0].label].block);
}

/* First pass: articles, annexes, 項, points and label chains, read the
 * way conv says. Fills st. */
static void read_structure(ck_document *doc, structure *st, convention conv)
{
    structure_reader r;
    memset(&r, 0, sizeof r);
    r.doc = doc;
    r.st = st;
    r.conv = conv;
    r.article = r.annex = r.title = -1;
    r.has_articles = st->has_articles;
    r.last_article = st->last_article;
    st->label_count = st->article_count = 0;
    ck_buf_clear(&st->names);

    for (size_t i = 0; i < doc->count; i++) {
        ck_block *b = &doc->blocks[i];
        place *pl = &st->places[i];
        *pl = (place){ -1, -1, 0, 0, -1, 0 };
        b->flags &= (uint16_t)~CK_BLOCK_IN_ANNEX;
        b->article = -1;
        b->article_number = 0;
        ck_document_set_section(doc, i, -1);
        if (b->kind == CK_BLOCK_HEADER || b->kind == CK_BLOCK_FOOTER || b->kind == CK_BLOCK_COMMENT)
            continue;
        if (body_kind(b)) {
            ck_block_leading_text(b, &r.text);
            if (open_numbered_heading(&r, i, pl) || open_annex(&r, i, pl))
                continue;
            if (b->kind == CK_BLOCK_HEADING && is_toc_title(r.text.data, r.text.len)) {
                b->flags |= CK_BLOCK_TOC;
                continue;
            }
            if (open_section(&r, i, pl))
                continue;
            r.seen_text = 1;
            read_body_block(&r, i);
        }
        record_place(&r, i, pl);
    }
    ck_buf_free(&r.text);
}

/* Appends " 第十二條" (location) or "第12條" (place). */
static void put_unit(ck_buf *out, int as_place, const char *unit, long n)
{
    if (as_place) {
        ck_buf_printf(out, "第%ld%s", n, unit);
    } else {
        if (out->len)
            ck_buf_putc(out, ' ');
        put_chinese_ordinal(out, unit, n);
    }
}

static void put_word(ck_buf *out, const char *word)
{
    if (out->len)
        ck_buf_putc(out, ' ');
    ck_buf_puts(out, word);
}

/* The citation of block i: as a reviewer writes it (location), or as the
 * contract cites itself (place: Arabic numbers, units run together). */
static void cite(const ck_document *doc, size_t i, const structure *st, convention conv, int as_place, ck_buf *out)
{
    const ck_block *b = &doc->blocks[i];
    const place *pl = &st->places[i];
    const labelled *chain[MAX_LEVELS]; /* the labelled blocks of its levels, outermost first */
    int32_t at = pl->last;
    for (int k = pl->levels - 1; k >= 0; k--) {
        chain[k] = &st->labels[at];
        at = st->labels[at].parent;
    }
    ck_buf_clear(out);
    switch (b->kind) {
    case CK_BLOCK_HEADER:
        ck_buf_puts(out, "頁首");
        return;
    case CK_BLOCK_FOOTER:
        ck_buf_puts(out, "頁尾");
        return;
    case CK_BLOCK_COMMENT:
        ck_buf_puts(out, "註解");
        return;
    default:
        break;
    }
    if (b->flags & CK_BLOCK_TOC) {
        ck_buf_puts(out, "目錄");
        return;
    }
    int in_annex = pl->annex >= 0;
    if (in_annex)
        ck_buf_puts(out, article_name(st, article_at(st, pl->annex)));
    int in_article = pl->article >= 0;
    const article_info *a = in_article ? article_at(st, pl->article) : NULL;
    if (in_article) {
        if (as_place && a->is_article) {
            if (out->len)
                ck_buf_putc(out, ' ');
            ck_buf_printf(out, "第%d條", a->number);
        } else {
            put_word(out, article_name(st, a));
        }
    }
    if (b->kind == CK_BLOCK_FOOTNOTE || b->kind == CK_BLOCK_ENDNOTE) {
        if (out->len)
            ck_buf_putc(out, ' ');
        ck_buf_printf(out, "%s %d", b->kind == CK_BLOCK_FOOTNOTE ? "註腳" : "章節附註", b->note);
    } else if (b->flags & CK_BLOCK_IN_TEXT_BOX) {
        if (out->len)
            ck_buf_putc(out, ' ');
        ck_buf_printf(out, "文字方塊 %d", b->text_box);
    } else if (b->flags & CK_BLOCK_IN_TABLE) {
        if (out->len)
            ck_buf_putc(out, ' ');
        ck_buf_printf(out, "表 %d 第 %d 列", b->table, b->row);
    } else if ((a && a->is_article && (long)i != pl->article) || (in_annex && !in_article && (long)i != pl->annex)) {
        int annex_units = in_annex && !in_article;
        if (annex_units && pl->point > 0) {
            if (as_place)
                ck_buf_putc(out, ' ');
            put_unit(out, as_place, "點", pl->point);
        } else if (!annex_units && conv == CONVENTION_LAW && a->items > 1 && pl->item > 0) {
            put_unit(out, as_place, "項", pl->item);
        }
        for (int k = 0; k < pl->levels; k++) {
            const ck_label *l = &chain[k]->own;
            const char *unit = unit_name(conv, annex_units, k);
            if (l->kind >= CK_LABEL_MULTI || !unit) {
                /* "2.1.3", and levels past the last unit, are cited as written */
                if (!as_place)
                    ck_buf_putc(out, ' ');
                put_label_text(out, &doc->blocks[chain[k]->block], l);
            } else {
                put_unit(out, as_place, unit, l->number);
            }
        }
    } else if ((long)i != pl->article && (long)i != pl->annex && pl->levels > 0) {
        /* no 第N條 here: the chain of labels, "三、(二)" */
        ck_buf chain_text = CK_BUF_INIT;
        for (int k = 0; k < pl->levels; k++)
            put_label_text(&chain_text, &doc->blocks[chain[k]->block], &chain[k]->own);
        if (out->len && !(a && a->is_label))
            ck_buf_putc(out, ' ');
        ck_buf_append(out, chain_text.data, chain_text.len);
        ck_buf_free(&chain_text);
    }
    if (!out->len)
        ck_buf_puts(out, "前言");
}

void ck_document_locate(ck_document *doc)
{
    structure st;
    ck_buf loc = CK_BUF_INIT;
    memset(&st, 0, sizeof st);
    st.places = ck_calloc(doc->count ? doc->count : 1, sizeof *st.places);

    /* articles and annexes first, for what is agreed; then again, now that
     * what is not agreed, notes and field lines take no number; then the
     * way the document numbers its items, if not the PCC models' */
    find_articles(doc, &st);
    read_structure(doc, &st, CONVENTION_PCC);
    ck_document_mark_agreed(doc);
    read_structure(doc, &st, CONVENTION_PCC);
    convention conv = find_convention(doc, &st);
    if (conv != CONVENTION_PCC)
        read_structure(doc, &st, conv);

    /* Cited from the last block back, with the table of places given back
     * behind: the citations grow into the memory the table leaves, and a
     * large contract never holds both whole. */
    for (size_t i = doc->count; i-- > 0;) {
        ck_block *b = &doc->blocks[i];
        const ck_block *next = i + 1 < doc->count ? &doc->blocks[i + 1] : NULL;
        /* a block cited like the one after it, or as its label reads,
         * shares those strings */
        cite(doc, i, &st, conv, 0, &loc);
        if (next && strcmp(next->location, loc.data) == 0)
            b->location = next->location;
        else if (b->label && strcmp(b->label, loc.data) == 0)
            b->location = b->label; /* an article's heading: 「第十二條」 */
        else
            ck_block_set_location(doc, b, loc.data);
        cite(doc, i, &st, conv, 1, &loc);
        if (next && strcmp(next->place, loc.data) == 0)
            b->place = next->place;
        else
            ck_block_set_place(doc, b, loc.data);
        if (i && i % PLACES_GIVEN_BACK == 0)
            st.places = ck_realloc(st.places, i * sizeof *st.places);
    }

    ck_buf_free(&st.names);
    free(st.articles);
    free(st.labels);
    free(st.places);
    ck_buf_free(&loc);
}
