/* locate.c — where a reviewer would cite each block, from the text and
 * labels alone (the same for DOCX and ODT).
 *
 * Convention (Taiwanese legal citation, 條 > 項 > 款 > 目):
 *   - A body block whose label or text starts with 第N條 opens article N
 *     (N in Chinese, Arabic or full-width digits). 第N章 / 第N節 / 第N編
 *     open a chapter or section (no article until the next 第N條). A
 *     heading (style) that is not one of these also opens an article,
 *     cited by its label and text.
 *   - Within an article, unlabeled paragraphs are its 項 (第一項, 第二項…).
 *     When the article's first line carries body text after 第N條 and its
 *     title (a sentence: it has ，。； or is long), that line is 第一項.
 *   - Labeled items are cited by the kind of label, in the order the kinds
 *     first appear in the article: the first kind is 款, the second 目
 *     (so 一、 is 款 and (一) is 目 in the usual layout, and in the PCC
 *     templates where (一) comes first, (一) is 款); deeper kinds are
 *     cited by their label ("1.", "(1)").
 *     Items right under the article's title belong to an implicit 第一項.
 *     Multi-level numbers ("2.1.3") are cited as written.
 *   - 項 is left out when the article has only one (the law's way:
 *     第十二條第三款), so "第十二條 第二項" and "第五條 第三款 第一目".
 *   - Outside 第N條 articles (or under a heading article), items are
 *     cited by their chain of labels: "三、(二)".
 *   - A body block starting with 附件N / 附錄N / 附表N followed by a title
 *     or nothing opens an annex: everything after it is in the annex
 *     (CK_BLOCK_IN_ANNEX) and cited "附件一 …".
 *   - Table cells: "表 2 第 3 列", after the article or annex when inside
 *     one ("第十二條 表 2 第 3 列"); notes "註腳 3" / "章節附註 1"; text
 *     boxes "文字方塊 1"; headers "頁首", footers "頁尾"; TOC lines "目錄";
 *     body text before the first article "前言".
 * Locations are citations in Chinese whatever the interface language.
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
    static const char *const words[] = { "附件", "附錄", "附表" };
    size_t pos = ck_label_skip_spaces(s, len, 0), n, used;
    for (size_t i = 0; i < 3; i++) {
        size_t w = strlen(words[i]);
        if (len - pos < w || memcmp(s + pos, words[i], w) != 0)
            continue;
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

/* The text a block starts with for recognising labels: its numbering label
 * and then its text. */
static void leading_text(const ck_block *b, ck_buf *out)
{
    ck_buf_clear(out);
    if (b->label) {
        ck_buf_puts(out, b->label);
        ck_buf_putc(out, ' ');
    }
    size_t n = b->text_len < 400 ? b->text_len : 400;
    /* do not cut a character in two */
    while (n < b->text_len && n > 0 && ((unsigned char)b->text[n] & 0xC0) == 0x80)
        n--;
    ck_buf_append(out, b->text, n);
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
    static const char *const words[] = { "附件", "附錄", "附表" };
    ck_buf flat = CK_BUF_INIT;
    size_t n;
    for (size_t pos = 0; pos < len; pos += n) {
        utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
        if (!n)
            break;
        if (!ck_label_is_space(c))
            ck_buf_append(&flat, s + pos, n);
    }
    const char *word = "附件";
    size_t from = 0;
    for (size_t i = 0; i < 3; i++)
        if (flat.len >= 6 && memcmp(flat.data, words[i], 6) == 0) {
            word = words[i];
            from = 6;
        }
    utf8proc_int32_t c = ck_label_peek(flat.data, flat.len, from, &n);
    if (from && (c == 0x3001 || c == 0xFF1A || c == ':' || c == '-' || c == 0x2014 || c == 0xFF0D))
        from += n;
    ck_buf_puts(out, word);
    if (from < flat.len) {
        ck_buf_putc(out, ' ');
        trimmed(out, flat.data + from, flat.len - from, 40);
    }
    ck_buf_free(&flat);
}

/* Per-block facts of the first pass. */
typedef struct place {
    long article;        /* block index of the article heading, -1 */
    long annex;          /* block index of the annex heading, -1 */
    int item;            /* 項 number, 0 */
    int levels;          /* labeled levels below the article */
    long chain;          /* the labeled block ending its chain of labels, -1 */
    ck_label own;           /* a labeled block's own label */
    long parent;         /* a labeled block's labeled block one level up, -1 */
} place;

typedef struct article_info {
    int is_article;      /* 第N條 (else a chapter, section or heading) */
    int is_label;        /* name is the heading's label ("一、"): items follow it directly */
    int items;           /* 項 counted */
    ck_buf name;         /* "第十二條", "第二章", heading text */
} article_info;

static int body_kind(const ck_block *b)
{
    return (b->kind == CK_BLOCK_PARAGRAPH || b->kind == CK_BLOCK_HEADING || b->kind == CK_BLOCK_LIST_ITEM) &&
           !(b->flags & (CK_BLOCK_TOC | CK_BLOCK_IN_TABLE | CK_BLOCK_IN_TEXT_BOX));
}

static void put_label_text(ck_buf *out, const ck_block *b, const ck_label *l)
{
    /* the label as written, without trailing spaces */
    ck_buf tmp = CK_BUF_INIT;
    leading_text(b, &tmp);
    size_t start = ck_label_skip_spaces(tmp.data, tmp.len, 0);
    size_t end = l->length <= tmp.len ? l->length : tmp.len;
    if (end > start)
        ck_buf_append(out, tmp.data + start, end - start);
    ck_buf_free(&tmp);
}

static void assign_places(ck_document *doc)
{
    place *places = ck_calloc(doc->count ? doc->count : 1, sizeof *places);
    article_info *articles = ck_calloc(doc->count ? doc->count : 1, sizeof *articles);
    ck_buf text = CK_BUF_INIT, loc = CK_BUF_INIT;
    long article = -1, annex = -1;
    int item = 0, levels = 0;
    ck_label chain[MAX_LEVELS];
    long chain_blocks[MAX_LEVELS];

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
        leading_text(b, &text);
        if (read_article(text.data, text.len, &number, &end) == 0x689D) {
            has_articles = 1;
            rest_is_body(text.data, text.len, end, &opener);
            if (opener || b->kind == CK_BLOCK_HEADING)
                last_article = i;
        }
    }

    /* First pass: articles, annexes, 項 and label chains. */
    for (size_t i = 0; i < doc->count; i++) {
        ck_block *b = &doc->blocks[i];
        place *pl = &places[i];
        b->flags &= ~(uint32_t)CK_BLOCK_IN_ANNEX;
        b->article = -1;
        b->article_number = 0;
        if (b->kind == CK_BLOCK_HEADER || b->kind == CK_BLOCK_FOOTER || b->kind == CK_BLOCK_COMMENT) {
            pl->article = pl->annex = -1;
            continue;
        }
        if (body_kind(b)) {
            leading_text(b, &text);
            size_t end = 0;
            long number = 0;
            utf8proc_int32_t unit = read_article(text.data, text.len, &number, &end);
            int opener = 0, body = 0;
            if (unit)
                body = rest_is_body(text.data, text.len, end, &opener);
            if (unit && (opener || b->kind == CK_BLOCK_HEADING)) {
                article = (long)i;
                articles[i].is_article = unit == 0x689D;
                ck_buf_clear(&articles[i].name);
                put_chinese_ordinal(&articles[i].name, unit == 0x689D ? "條" : unit == 0x7AE0 ? "章" : unit == 0x7BC0 ? "節" : "編", number);
                item = unit == 0x689D && body ? 1 : 0;
                levels = 0;
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
                item = levels = 0;
                b->flags |= CK_BLOCK_IN_ANNEX;
                pl->article = -1;
                pl->annex = annex;
                ck_buf_clear(&articles[i].name);
                if (numbered)
                    trimmed(&articles[i].name, text.data, end, 40);
                else
                    annex_name(&articles[i].name, b->text, b->text_len);
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
                item = levels = 0;
                pl->article = article;
                pl->annex = annex;
                if (annex >= 0)
                    b->flags |= CK_BLOCK_IN_ANNEX;
                continue;
            }
            ck_label l = ck_label_read(text.data, text.len, b->label != NULL);
            if (l.kind != CK_LABEL_NONE && l.kind != CK_LABEL_BULLET) {
                int k;
                if (article >= 0 && item == 0)
                    articles[article].items = item = 1; /* items right under the title: 第一項's */
                for (k = 0; k < levels && chain[k].kind != l.kind; k++)
                    ;
                if (k == levels && levels == MAX_LEVELS)
                    k = MAX_LEVELS - 1;
                chain[k] = l;
                chain_blocks[k] = (long)i;
                levels = k + 1;
                pl->own = l;
                pl->parent = k ? chain_blocks[k - 1] : -1;
            } else if (l.kind != CK_LABEL_BULLET) {
                levels = 0;
                if (article >= 0)
                    articles[article].items = ++item;
            }
        }
        pl->article = article;
        pl->annex = annex;
        pl->item = item;
        pl->levels = body_kind(b) ? levels : 0;
        pl->chain = pl->levels ? chain_blocks[levels - 1] : -1;
        if (annex >= 0)
            b->flags |= CK_BLOCK_IN_ANNEX;
        if (article >= 0 && articles[article].is_article) {
            b->article = article;
            b->article_number = doc->blocks[article].article_number;
        }
    }

    /* Second pass: the citation strings. */
    for (size_t i = 0; i < doc->count; i++) {
        ck_block *b = &doc->blocks[i];
        place *pl = &places[i];
        ck_buf_clear(&loc);
        /* the chain of labels, rebuilt through the parents */
        long at = pl->chain;
        for (int k = pl->levels - 1; k >= 0; k--) {
            chain_blocks[k] = at;
            chain[k] = places[at].own;
            at = places[at].parent;
        }
        switch (b->kind) {
        case CK_BLOCK_HEADER:
            ck_block_set_location(b, "頁首");
            continue;
        case CK_BLOCK_FOOTER:
            ck_block_set_location(b, "頁尾");
            continue;
        case CK_BLOCK_COMMENT:
            ck_block_set_location(b, "註解");
            continue;
        default:
            break;
        }
        if (b->flags & CK_BLOCK_TOC) {
            ck_block_set_location(b, "目錄");
            continue;
        }
        if (pl->annex >= 0) {
            ck_buf_puts(&loc, articles[pl->annex].name.data ? articles[pl->annex].name.data : "附件");
        }
        int in_article = pl->article >= 0;
        const article_info *a = in_article ? &articles[pl->article] : NULL;
        if (in_article) {
            if (loc.len)
                ck_buf_putc(&loc, ' ');
            ck_buf_puts(&loc, a->name.data ? a->name.data : "");
        }
        if (b->kind == CK_BLOCK_FOOTNOTE || b->kind == CK_BLOCK_ENDNOTE) {
            if (loc.len)
                ck_buf_putc(&loc, ' ');
            ck_buf_printf(&loc, "%s %d", b->kind == CK_BLOCK_FOOTNOTE ? "註腳" : "章節附註", b->note);
        } else if (b->flags & CK_BLOCK_IN_TEXT_BOX) {
            if (loc.len)
                ck_buf_putc(&loc, ' ');
            ck_buf_printf(&loc, "文字方塊 %d", b->text_box);
        } else if (b->flags & CK_BLOCK_IN_TABLE) {
            if (loc.len)
                ck_buf_putc(&loc, ' ');
            ck_buf_printf(&loc, "表 %d 第 %d 列", b->table, b->row);
        } else if (a && a->is_article && (long)i != pl->article) {
            if (a->items > 1 && pl->item > 0) {
                ck_buf_putc(&loc, ' ');
                put_chinese_ordinal(&loc, "項", pl->item);
            }
            for (int k = 0; k < pl->levels; k++) {
                ck_buf_putc(&loc, ' ');
                if (chain[k].kind >= CK_LABEL_MULTI) /* "2.1.3" is cited as written */
                    put_label_text(&loc, &doc->blocks[chain_blocks[k]], &chain[k]);
                else if (k == 0)
                    put_chinese_ordinal(&loc, "款", chain[k].number);
                else if (k == 1)
                    put_chinese_ordinal(&loc, "目", chain[k].number);
                else
                    put_label_text(&loc, &doc->blocks[chain_blocks[k]], &chain[k]);
            }
        } else if ((long)i != pl->article && pl->levels > 0) {
            /* no 第N條 here: the chain of labels, "三、(二)" */
            ck_buf chain_text = CK_BUF_INIT;
            for (int k = 0; k < pl->levels; k++)
                put_label_text(&chain_text, &doc->blocks[chain_blocks[k]], &chain[k]);
            if (loc.len && !(a && a->is_label))
                ck_buf_putc(&loc, ' ');
            ck_buf_append(&loc, chain_text.data, chain_text.len);
            ck_buf_free(&chain_text);
        }
        if (!loc.len)
            ck_buf_puts(&loc, "前言");
        ck_block_set_location(b, loc.data);
    }

    for (size_t i = 0; i < doc->count; i++)
        ck_buf_free(&articles[i].name);
    free(articles);
    free(places);
    ck_buf_free(&text);
    ck_buf_free(&loc);
}

void ck_document_locate(ck_document *doc)
{
    /* places first (articles and annexes), then what is agreed, then the
     * places again: unagreed lines and notes do not count as 項 */
    assign_places(doc);
    ck_document_mark_agreed(doc);
    assign_places(doc);
}
