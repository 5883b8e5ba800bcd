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


enum { MAX_LEVELS = 8 };

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

/* Per-block facts of the first pass. */
typedef struct place {
    long article;        /* block index of the article heading, -1 */
    long annex;          /* block index of the annex heading, -1 */
    int item;            /* 項 number (law convention), 0 */
    int point;           /* 點 number in an annex, 0 */
    int levels;          /* labelled levels below the article, point or section */
    long last;           /* the labelled block of the innermost level, -1 */
    long parent;         /* a labelled block's labelled block one level up, -1 */
    ck_label own;        /* a labelled block's own label */
} place;

typedef struct article_info {
    int is_article;      /* 第N條 (else a chapter, section or heading) */
    int is_label;        /* name is the heading's label ("一、"): items follow it directly */
    int items;           /* 項 counted */
    int number;          /* N of 第N條, or 0 */
    ck_buf name;         /* "第十二條", "第二章", heading text */
} article_info;

/* A level of the list being read: a labelled item, or an option without
 * a label of its own (which takes no number but ends where its list does). */
typedef struct level {
    int kind;            /* label kind; CK_LABEL_NONE for an unlabelled option */
    long block;          /* the labelled block, -1 for an option */
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
static convention find_convention(const ck_document *doc, const place *places, const article_info *articles)
{
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
        if (article < 0 || !articles[article].is_article || (long)i == article || places[i].annex >= 0)
            continue;
        if (b->flags & (CK_BLOCK_UNAGREED | CK_BLOCK_DRAFTING_NOTE))
            continue;
        if (places[i].own.kind != CK_LABEL_NONE && first_kind == CK_LABEL_NONE)
            first_kind = places[i].own.kind;
    }
    return sub_items || (paren && !cjk) ? CONVENTION_PCC : CONVENTION_LAW;
}

/* First pass: articles, annexes, 項, points and label chains, read the
 * way conv says. Fills places[] and articles[]. */
static void read_structure(ck_document *doc, place *places, article_info *articles, convention conv)
{
    ck_buf text = CK_BUF_INIT;
    long article = -1, annex = -1;
    int item = 0, point = 0, depth = 0, in_form = 0, preamble = 0;
    level stack[MAX_LEVELS];
    const ck_block *prev = NULL;

    /* Whether the contract has 第N條 articles: then a heading without a
     * label (the title, 簽署) does not start a section of its own. */
    int has_articles = 0;
    size_t last_article = doc->count;
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        size_t end;
        long number;
        int opener = 0;
        if (!body_kind(b))
            continue;
        ck_block_leading_text(b, &text);
        if (read_article(text.data, text.len, &number, &end) == 0x689D) {
            has_articles = 1;
            rest_is_body(text.data, text.len, end, &opener);
            if (opener || b->kind == CK_BLOCK_HEADING)
                last_article = i;
        }
    }

    for (size_t i = 0; i < doc->count; i++) {
        ck_block *b = &doc->blocks[i];
        place *pl = &places[i];
        memset(pl, 0, sizeof *pl);
        b->flags &= ~(uint32_t)CK_BLOCK_IN_ANNEX;
        b->article = -1;
        b->article_number = 0;
        if (b->kind == CK_BLOCK_HEADER || b->kind == CK_BLOCK_FOOTER || b->kind == CK_BLOCK_COMMENT) {
            pl->article = pl->annex = -1;
            continue;
        }
        if (body_kind(b)) {
            ck_block_leading_text(b, &text);
            size_t end = 0;
            long number = 0;
            utf8proc_int32_t unit = read_article(text.data, text.len, &number, &end);
            int opener = 0, body = 0;
            if (unit)
                body = rest_is_body(text.data, text.len, end, &opener);
            if (unit && (opener || b->kind == CK_BLOCK_HEADING) && !(annex >= 0 && unit == 0x689D && i > last_article)) {
                article = (long)i;
                articles[i].is_article = unit == 0x689D;
                articles[i].number = unit == 0x689D ? (int)number : 0;
                ck_buf_clear(&articles[i].name);
                put_chinese_ordinal(&articles[i].name, unit == 0x689D ? "條" : unit == 0x7AE0 ? "章" : unit == 0x7BC0 ? "節" : "編", number);
                item = unit == 0x689D && body && conv == CONVENTION_LAW ? 1 : 0;
                depth = 0;
                prev = NULL; /* a heading ends no sentence a paragraph could carry on */
                if (unit == 0x689D)
                    b->article_number = (int)number;
                pl->article = article;
                pl->annex = annex;
                pl->item = item;
                articles[i].items = item;
                b->article = unit == 0x689D ? article : -1;
                if (annex >= 0)
                    b->flags |= CK_BLOCK_IN_ANNEX;
                continue;
            }
            int numbered = is_annex_start(text.data, text.len, &end);
            if (numbered || (last_article < doc->count && i > last_article && !b->label &&
                             ck_annex_title(b->text, b->text_len))) {
                annex = (long)i;
                article = -1;
                item = depth = point = 0;
                prev = NULL; /* a heading ends no sentence a paragraph could carry on */
                b->flags |= CK_BLOCK_IN_ANNEX;
                pl->article = -1;
                pl->annex = annex;
                ck_buf_clear(&articles[i].name);
                if (numbered)
                    trimmed(&articles[i].name, text.data, end, 40);
                else
                    annex_name(&articles[i].name, b->text, b->text_len);
                /* a form's first paragraph that lists what follows is its preamble */
                in_form = !numbered && (strstr(b->text, "書") || strstr(b->text, "表"));
                preamble = in_form;
                continue;
            }
            if (b->kind == CK_BLOCK_HEADING && is_toc_title(text.data, text.len)) {
                b->flags |= CK_BLOCK_TOC;
                pl->article = pl->annex = -1;
                continue;
            }
            ck_label hl = b->kind == CK_BLOCK_HEADING ? ck_label_read(text.data, text.len, b->label != NULL) : (ck_label){ 0, 0, 0 };
            if (b->kind == CK_BLOCK_HEADING && (!has_articles || (hl.kind != CK_LABEL_NONE && hl.kind != CK_LABEL_BULLET))) {
                /* a heading without 第N條: an article cited by its label, or
                 * by its words in a contract that has no 第N條 at all */
                article = (long)i;
                articles[i].is_article = 0;
                ck_buf_clear(&articles[i].name);
                articles[i].is_label = hl.kind != CK_LABEL_NONE && hl.kind != CK_LABEL_BULLET;
                if (articles[i].is_label)
                    put_label_text(&articles[i].name, b, &hl);
                else
                    trimmed(&articles[i].name, text.data, text.len, 30);
                item = depth = 0;
                prev = NULL; /* a heading ends no sentence a paragraph could carry on */
                pl->article = article;
                pl->annex = annex;
                if (annex >= 0)
                    b->flags |= CK_BLOCK_IN_ANNEX;
                continue;
            }

            ck_label own;
            int ticked = 0;
            int option = ck_option_read(text.data, text.len, b->label != NULL, &own, &ticked);
            ck_label l = option ? own : ck_label_read(text.data, text.len, b->label != NULL);
            int labelled = l.kind != CK_LABEL_NONE && l.kind != CK_LABEL_BULLET;
            int law = conv == CONVENTION_LAW && article >= 0 && articles[article].is_article;
            if (numberless(b) && !(labelled && !(b->flags & CK_BLOCK_DRAFTING_NOTE))) {
                /* a note or a field line keeps the place it is in */
            } else if (labelled) {
                int k;
                if (law && item == 0)
                    articles[article].items = item = 1; /* items right under the title: 第一項's */
                for (k = 0; k < depth && stack[k].kind != l.kind; k++)
                    ;
                if (k == depth && depth == MAX_LEVELS)
                    k = MAX_LEVELS - 1;
                stack[k] = (level){ l.kind, (long)i };
                depth = k + 1;
                pl->own = l;
                pl->parent = -1;
                for (int j = k - 1; j >= 0 && pl->parent < 0; j--)
                    pl->parent = stack[j].block;
                preamble = 0;
            } else if (option) {
                /* an option without a label: a sibling of the last such option */
                int k = depth;
                for (int j = depth - 1; j >= 0; j--)
                    if (stack[j].block < 0) {
                        k = j;
                        break;
                    }
                if (k == depth && depth == MAX_LEVELS)
                    k = MAX_LEVELS - 1;
                stack[k] = (level){ CK_LABEL_NONE, -1 };
                depth = k + 1;
            } else if (l.kind != CK_LABEL_BULLET) {
                int carries = ck_block_carries_on(prev, b);
                if (law) {
                    /* a paragraph of its own is a 項; one that carries on the
                     * sentence before it, or is not agreed, is not */
                    if (!carries && !(b->flags & CK_BLOCK_UNAGREED)) {
                        depth = 0;
                        articles[article].items = ++item;
                    }
                } else if (depth && stack[depth - 1].block < 0) {
                    /* after an option: part of it when it carries on its
                     * sentence or opens a list; else back to the item */
                    if (!carries && !ck_block_opens_list(b))
                        while (depth && stack[depth - 1].block < 0)
                            depth--;
                } else if (annex >= 0 && article < 0 && !carries && is_sentence(b) && !(b->flags & CK_BLOCK_UNAGREED)) {
                    /* an annex's points: its paragraphs until items begin */
                    int items = 0;
                    for (int j = 0; j < depth; j++)
                        items |= stack[j].block >= 0;
                    if (preamble && (strstr(b->text, "下列") ||
                                     (b->text_len >= 3 && memcmp(b->text + b->text_len - 3, "：", 3) == 0))) {
                        preamble = 0; /* cited as the form itself */
                    } else if (!items) {
                        preamble = 0;
                        point++;
                        depth = 0;
                    }
                }
                preamble = 0;
            }
            prev = b;
        }
        pl->article = article;
        pl->annex = annex;
        pl->item = item;
        pl->point = annex >= 0 && article < 0 ? point : 0;
        pl->levels = 0;
        pl->last = -1;
        if (annex >= 0 && article < 0 && body_kind(b) && numberless(b) && !depth)
            pl->point = 0; /* a form's field lines and notes are the form's */
        else if (body_kind(b))
            for (int k = 0; k < depth; k++)
                if (stack[k].block >= 0) {
                    pl->levels++;
                    pl->last = stack[k].block;
                }
        if (annex >= 0)
            b->flags |= CK_BLOCK_IN_ANNEX;
        if (article >= 0 && articles[article].is_article) {
            b->article = article;
            b->article_number = doc->blocks[article].article_number;
        }
    }
    ck_buf_free(&text);
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
static void cite(const ck_document *doc, size_t i, const place *places, const article_info *articles,
                 convention conv, int as_place, ck_buf *out)
{
    const ck_block *b = &doc->blocks[i];
    const place *pl = &places[i];
    long chain[MAX_LEVELS]; /* the labelled blocks of its levels, outermost first */
    long at = pl->last;
    for (int k = pl->levels - 1; k >= 0; k--) {
        chain[k] = at;
        at = at >= 0 ? places[at].parent : -1;
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
        ck_buf_puts(out, articles[pl->annex].name.data ? articles[pl->annex].name.data : "附件");
    int in_article = pl->article >= 0;
    const article_info *a = in_article ? &articles[pl->article] : NULL;
    if (in_article) {
        if (as_place && a->is_article) {
            if (out->len)
                ck_buf_putc(out, ' ');
            ck_buf_printf(out, "第%d條", a->number);
        } else {
            put_word(out, a->name.data ? a->name.data : "");
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
            const ck_label *l = &places[chain[k]].own;
            const char *unit = unit_name(conv, annex_units, k);
            if (l->kind >= CK_LABEL_MULTI || !unit) {
                /* "2.1.3", and levels past the last unit, are cited as written */
                if (!as_place)
                    ck_buf_putc(out, ' ');
                put_label_text(out, &doc->blocks[chain[k]], l);
            } else {
                put_unit(out, as_place, unit, l->number);
            }
        }
    } else if ((long)i != pl->article && (long)i != pl->annex && pl->levels > 0) {
        /* no 第N條 here: the chain of labels, "三、(二)" */
        ck_buf chain_text = CK_BUF_INIT;
        for (int k = 0; k < pl->levels; k++)
            put_label_text(&chain_text, &doc->blocks[chain[k]], &places[chain[k]].own);
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
    size_t count = doc->count ? doc->count : 1;
    place *places = ck_calloc(count, sizeof *places);
    article_info *articles = ck_calloc(count, sizeof *articles);
    ck_buf loc = CK_BUF_INIT;

    /* articles and annexes first, for what is agreed; then again, now that
     * what is not agreed, notes and field lines take no number; then the
     * way the document numbers its items, if not the PCC models' */
    read_structure(doc, places, articles, CONVENTION_PCC);
    ck_document_mark_agreed(doc);
    read_structure(doc, places, articles, CONVENTION_PCC);
    convention conv = find_convention(doc, places, articles);
    if (conv != CONVENTION_PCC)
        read_structure(doc, places, articles, conv);

    for (size_t i = 0; i < doc->count; i++) {
        cite(doc, i, places, articles, conv, 0, &loc);
        ck_block_set_location(&doc->blocks[i], loc.data);
        cite(doc, i, places, articles, conv, 1, &loc);
        ck_block_set_place(&doc->blocks[i], loc.data);
    }

    for (size_t i = 0; i < doc->count; i++)
        ck_buf_free(&articles[i].name);
    free(articles);
    free(places);
    ck_buf_free(&loc);
}
