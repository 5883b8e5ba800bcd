/* agreed.c — agreed text, drafting notes and blanks (see agreed.h).
 *
 * Model contracts are copied, not written: the agency ticks options, fills
 * blanks and deletes the notes addressed to it. What it has not done yet is
 * not part of the deal, and a reader that takes it as contract text reads
 * obligations nobody agreed to. The rules, on the document model alone so
 * DOCX and ODT read alike:
 *
 *   - An option is a body block whose text (after its numbering label, or
 *     after a label of its own: 「□1.」「1□」「【1】□」「■(1)」) starts with a
 *     check box. □ ☐ are unticked; ■ ☑ ☒ █ ▉ ▣ ticked. Check-box content
 *     controls and form controls reach the model as these glyphs.
 *   - An unticked option is not agreed, nor is every line under it: the
 *     lines that follow until the next option of its list, or a line whose
 *     label is of a kind its list sits in (「(九)」 after options under
 *     「(八)」; 「(4)」 after options under 「█(3)」), or an unlabelled
 *     paragraph of the enclosing item (one that neither continues the
 *     option's cut-off sentence nor introduces a list with 「：」).
 *     Labelled lines deeper than the option are under it.
 *   - Drafting notes: paragraphs opening with 註： 例： 說明： (also 註1：
 *     and 填表說明：), and the points of a note (「註：1.…」 then 「2.…」);
 *     a paragraph that is only a parenthesised instruction to the agency
 *     (「(由機關視需要於招標時載明)。」). Such an instruction inside a sentence
 *     is a CK_SPAN_DRAFTING_NOTE span; the sentence stays agreed.
 *   - Blanks (CK_SPAN_BLANK): runs of ＿ ﹍ and of two or more _, ○○, 〇〇;
 *     white space before a unit (「　　元」 「 %」 「　年　月　日」), a run of
 *     white space holding U+3000, white space between two ideographs that
 *     is not letter spacing (「自 起至」), 「： 。」; and in an attached form
 *     the field lines (「身分證字號：」, the date line), whole.
 */
#include "model/agreed.h"

#include <stdlib.h>
#include <string.h>

#include "model/label.h"
#include "model/numerals.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/text.h"

enum { MAX_DEPTH = 16 };

int ck_check_box_state(int c)
{
    if (c == 0x25A1 || c == 0x2610)
        return 0;
    if (c == 0x25A0 || c == 0x2611 || c == 0x2612 || c == 0x2588 || c == 0x2589 || c == 0x25A3)
        return 1;
    return -1;
}

static int is_ideograph(utf8proc_int32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* s without any white space, into out. */
static void compact(const char *s, size_t len, ck_buf *out)
{
    size_t n;
    ck_buf_clear(out);
    for (size_t pos = 0; pos < len; pos += n) {
        utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
        if (!n)
            break;
        if (!ck_label_is_space(c))
            ck_buf_append(out, s + pos, n);
    }
    ck_buf_putc(out, '\0');
    out->len--;
}

static int has_sentence_mark(const char *s, size_t len)
{
    static const char *const marks[] = { "。", "，", "；", "、", NULL };
    for (const char *const *m = marks; *m; m++)
        for (size_t i = 0; i + strlen(*m) <= len; i++)
            if (memcmp(s + i, *m, strlen(*m)) == 0)
                return 1;
    return 0;
}

int ck_annex_title(const char *s, size_t len)
{
    ck_buf c = CK_BUF_INIT;
    compact(s, len, &c);
    size_t chars = 0;
    for (size_t i = 0; i < c.len; i++)
        chars += ((unsigned char)c.data[i] & 0xC0) != 0x80;
    int title = 0;
    if (chars >= 3 && chars <= 40 && !has_sentence_mark(c.data, c.len) && !strstr(c.data, "：")) {
        title = ck_text_ends_with(c.data, c.len, "切結書") || ck_text_ends_with(c.data, c.len, "同意書") ||
                ck_text_ends_with(c.data, c.len, "切結書範本") || ck_text_ends_with(c.data, c.len, "同意書範本");
    }
    size_t word = ck_label_annex_word(c.data, c.len);
    if (!title && chars <= 60 && !strstr(c.data, "。") && !strstr(c.data, "，") && word) {
        /* 附錄、title / 附件：title / 附錄 alone — not 附件所列… in a sentence */
        size_t n;
        utf8proc_int32_t next = ck_label_peek(c.data, c.len, word, &n);
        title = next < 0 || next == 0x3001 || next == 0xFF1A || next == ':' || next == '-' || next == 0x2014 ||
                next == 0xFF0D || next == 0x3000;
        if (!title) {
            /* 「附錄 機關…程序」: a space after the word in the original */
            size_t pos = ck_label_skip_spaces(s, len, 0);
            title = len - pos > word && ck_label_is_space(ck_label_peek(s, len, pos + word, &n));
        }
    }
    ck_buf_free(&c);
    return title;
}

/* ---- options ---------------------------------------------------------------------- */

/* Whether text starts with an option: a check box, maybe after or before a
 * label of its own. *own: that label (kind CK_LABEL_NONE without). */
static int read_option(const char *s, size_t len, int whole, ck_label *own, int *ticked)
{
    size_t n, pos = ck_label_skip_spaces(s, len, 0);
    utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
    int state = ck_check_box_state(c);
    *own = (ck_label){ CK_LABEL_NONE, 0, 0 };
    if (state >= 0) {
        ck_label l = ck_label_read(s + pos + n, len - pos - n, 0);
        if (l.kind != CK_LABEL_NONE && l.kind != CK_LABEL_BULLET) {
            *own = l;
            own->length += pos + n;
        }
        *ticked = state;
        return 1;
    }
    ck_label l = ck_label_read(s, len, whole);
    if (l.kind != CK_LABEL_NONE && l.kind != CK_LABEL_BULLET) {
        size_t q = ck_label_skip_spaces(s, len, l.length);
        state = ck_check_box_state(ck_label_peek(s, len, q, &n));
        if (state >= 0) {
            *own = l;
            *ticked = state;
            return 1;
        }
        return 0;
    }
    /* 「1□」: a number right before the box */
    size_t used;
    long number;
    if ((c >= '0' && c <= '9') && (number = ck_numeral_parse(s + pos, len - pos, &used)) > 0) {
        state = ck_check_box_state(ck_label_peek(s, len, pos + used, &n));
        if (state >= 0) {
            *own = (ck_label){ CK_LABEL_ARABIC, number, pos + used };
            *ticked = state;
            return 1;
        }
    }
    return 0;
}

/* A row of alternatives (「□ 1年　■ 2年　□ ___年。」, 「【1】□重製權 【2】■改作權」):
 * a box ticked further on, outside brackets, makes the row agreed; the
 * unticked alternatives in it are the matcher's to leave out. Boxes in
 * brackets are choices inside the option (「□廠商應於…(■決標日…)」). */
static int ticked_further_on(const char *s, size_t len)
{
    size_t n, pos = ck_label_skip_spaces(s, len, 0);
    int depth = 0, boxes = 0;
    for (; pos < len; pos += n) {
        utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
        if (!n)
            break;
        if (c == '(' || c == 0xFF08)
            depth++;
        else if ((c == ')' || c == 0xFF09) && depth > 0)
            depth--;
        else if (depth == 0 && ck_check_box_state(c) >= 0 && boxes++ > 0 && ck_check_box_state(c) == 1)
            return 1;
    }
    return 0;
}

int ck_option_read(const char *s, size_t len, int whole, ck_label *own, int *ticked)
{
    if (!read_option(s, len, whole, own, ticked))
        return 0;
    if (!*ticked && ticked_further_on(s, len))
        *ticked = 1;
    return 1;
}

/* ---- notes ------------------------------------------------------------------------ */

/* 註： 例： 說明： 註1： 填表說明： at the start; *rest: bytes after it. */
static int note_opening(const char *s, size_t len, size_t *rest)
{
    static const char *const words[] = { "註", "例", "說明", NULL };
    size_t n, pos = ck_label_skip_spaces(s, len, 0);
    /* a short word before 說明 (填表說明：, 編註說明：) */
    size_t probe = pos, chars = 0;
    for (; chars < 6 && probe < len; chars++) {
        if (starts_with(s + probe, len - probe, "說明"))
            break;
        ck_label_peek(s, len, probe, &n);
        if (!n)
            break;
        probe += n;
    }
    if (chars < 6 && probe < len && starts_with(s + probe, len - probe, "說明"))
        pos = probe;
    for (const char *const *w = words; *w; w++) {
        if (!starts_with(s + pos, len - pos, *w))
            continue;
        size_t q = pos + strlen(*w), used;
        if (ck_numeral_parse(s + q, len - q, &used) > 0 && used <= 3)
            q += used;
        q = ck_label_skip_spaces(s, len, q);
        utf8proc_int32_t c = ck_label_peek(s, len, q, &n);
        if (c == 0xFF1A || c == ':') {
            *rest = ck_label_skip_spaces(s, len, q + n);
            return 1;
        }
    }
    return 0;
}

/* The words of a parenthesised instruction to the agency. */
static int instruction_words(const char *s, size_t len)
{
    static const char *const words[] = { "由機關", "無者免填", "於招標時", "於決標後", "機關得於", "請參考",
                                         "機關擇", "機關視", NULL };
    for (const char *const *w = words; *w; w++) {
        size_t n = strlen(*w);
        for (size_t i = 0; i + n <= len; i++)
            if (memcmp(s + i, *w, n) == 0)
                return 1;
    }
    return 0;
}

static int is_open(utf8proc_int32_t c)
{
    return c == '(' || c == 0xFF08;
}

static int is_close(utf8proc_int32_t c)
{
    return c == ')' || c == 0xFF09;
}

/* The end (after the closing bracket) of the bracketed group opening at
 * pos, or 0 when it is not closed. */
static size_t group_end(const char *s, size_t len, size_t pos)
{
    int depth = 0;
    size_t n;
    for (size_t q = pos; q < len; q += n) {
        utf8proc_int32_t c = ck_label_peek(s, len, q, &n);
        if (!n)
            return 0;
        if (is_open(c))
            depth++;
        else if (is_close(c) && --depth == 0)
            return q + n;
    }
    return 0;
}

/* A block that is nothing but an instruction: 「(由機關視需要於招標時載明)。」 */
static int whole_instruction(const char *s, size_t len)
{
    size_t n, pos = ck_label_skip_spaces(s, len, 0);
    if (!is_open(ck_label_peek(s, len, pos, &n)))
        return 0;
    size_t end = group_end(s, len, pos);
    if (!end || !instruction_words(s + pos, end - pos))
        return 0;
    end = ck_label_skip_spaces(s, len, end);
    utf8proc_int32_t c = ck_label_peek(s, len, end, &n);
    if (c == 0x3002 || c == '.' || c == 0xFF1B || c == 0xFF1A)
        end = ck_label_skip_spaces(s, len, end + n);
    return end >= len;
}

/* ---- blanks ----------------------------------------------------------------------- */

static int is_unit(utf8proc_int32_t c)
{
    static const utf8proc_int32_t units[] = { 0x5143 /* 元 */, '%', 0xFF05, 0x2030 /* ‰ */, 0x5E74 /* 年 */,
                                              0x6708 /* 月 */, 0x65E5 /* 日 */, 0x6642 /* 時 */, 0x5206 /* 分 */,
                                              0x671F /* 期 */, 0x5929 /* 天 */, 0x500D /* 倍 */, 0x500B /* 個 */,
                                              0x5C0F /* 小 */, 0x4EBA /* 人 */, 0x6B21 /* 次 */, 0x4EFD /* 份 */,
                                              0x9EDE /* 點 */, 0x842C /* 萬 */, 0x9031 /* 週 */, 0x5E74 };
    for (size_t i = 0; i < CK_ARRAY_LEN(units); i++)
        if (units[i] == c)
            return 1;
    return 0;
}

static int is_cjk_numeral(utf8proc_int32_t c)
{
    static const char digits[] = "一二三四五六七八九十百千零";
    size_t n;
    for (size_t pos = 0; pos < sizeof digits - 1; pos += n)
        if (ck_label_peek(digits, sizeof digits - 1, pos, &n) == c)
            return 1;
    return 0;
}

static void insert_span(ck_block *b, uint32_t start, uint32_t end, uint32_t flags)
{
    if (end <= start)
        return;
    size_t at = b->span_count;
    while (at > 0 && b->spans[at - 1].start > start)
        at--;
    if (at > 0 && b->spans[at - 1].flags == flags && b->spans[at - 1].end >= start) {
        if (b->spans[at - 1].end < end)
            b->spans[at - 1].end = end;
        return;
    }
    b->spans = ck_realloc(b->spans, (b->span_count + 1) * sizeof *b->spans);
    memmove(b->spans + at + 1, b->spans + at, (b->span_count - at) * sizeof *b->spans);
    b->spans[at] = (ck_span){ start, end, flags };
    b->span_count++;
}

static void drop_own_spans(ck_block *b)
{
    size_t k = 0;
    for (size_t i = 0; i < b->span_count; i++)
        if (b->spans[i].flags != CK_SPAN_BLANK && b->spans[i].flags != CK_SPAN_DRAFTING_NOTE)
            b->spans[k++] = b->spans[i];
    b->span_count = k;
}

/* The code point before byte pos (which starts a character), or -1. */
static utf8proc_int32_t before(const char *s, size_t len, size_t pos, size_t *at)
{
    if (pos == 0)
        return -1;
    size_t p = pos - 1, n;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    *at = p;
    return ck_label_peek(s, len, p, &n);
}

static void mark_blanks(ck_block *b)
{
    const char *s = b->text;
    size_t len = b->text_len, n;
    for (size_t pos = 0; pos < len;) {
        utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
        if (!n)
            break;
        size_t end = pos + n, m;
        if (c == '_' || c == 0xFF3F || c == 0xFE4D || c == 0xFE4F || c == 0x25CB || c == 0x3007) {
            size_t count = 1;
            while (end < len && ck_label_peek(s, len, end, &m) == c)
                end += m, count++;
            int blank = c == '_' ? count >= 2 : (c == 0x25CB || c == 0x3007) ? count >= 2 : 1;
            if (blank && c == 0x3007) { /* 〇 in 一〇二 is a digit */
                size_t at;
                blank = !is_cjk_numeral(before(s, len, pos, &at)) && !is_cjk_numeral(ck_label_peek(s, len, end, &m));
            }
            if (blank)
                insert_span(b, (uint32_t)pos, (uint32_t)end, CK_SPAN_BLANK);
            pos = end;
            continue;
        }
        if (ck_label_is_space(c) && c != '\n') {
            int wide = c == 0x3000;
            utf8proc_int32_t d;
            while (end < len && ck_label_is_space(d = ck_label_peek(s, len, end, &m)) && d != '\n') {
                wide |= d == 0x3000;
                end += m;
            }
            size_t at = 0, after;
            utf8proc_int32_t p = before(s, len, pos, &at);
            utf8proc_int32_t q = ck_label_peek(s, len, end, &after);
            int blank = 0;
            if (p >= 0 && p != '\n') {
                if (q >= 0 && is_unit(q))
                    blank = 1;
                else if (wide && (end - pos > 3 || q < 0 || is_ideograph(q) || is_ideograph(p)))
                    blank = 1;
                else if ((p == 0xFF1A || p == ':') && (q < 0 || q == 0x3002))
                    blank = 1;
                else if (is_ideograph(p) && (is_ideograph(q) || is_open(q)) &&
                         p != 0x689D && p != 0x7AE0 && p != 0x7BC0 && p != 0x7DE8) {
                    /* (not the space after 第N條, 第N章, 第N節, 第N編) */
                    /* letter spacing (中 華 民 國, 保 密 切 結 書) is not a blank */
                    size_t at2, m2;
                    utf8proc_int32_t pp = before(s, len, at, &at2);
                    utf8proc_int32_t qq = ck_label_peek(s, len, end + after, &m2);
                    int spaced = (pp < 0 || ck_label_is_space(pp)) || (qq < 0 || ck_label_is_space(qq));
                    if (is_open(q)) {
                        size_t g = group_end(s, len, end);
                        blank = g && g - end <= 30 && !instruction_words(s + end, g - end);
                    } else {
                        blank = !spaced;
                    }
                }
            }
            if (blank)
                insert_span(b, (uint32_t)pos, (uint32_t)end, CK_SPAN_BLANK);
            pos = end;
            continue;
        }
        pos = end;
    }
}

static void mark_instructions(ck_block *b)
{
    const char *s = b->text;
    size_t len = b->text_len, n;
    for (size_t pos = 0; pos < len; pos += n) {
        utf8proc_int32_t c = ck_label_peek(s, len, pos, &n);
        if (!n)
            break;
        if (!is_open(c))
            continue;
        size_t end = group_end(s, len, pos);
        if (end && instruction_words(s + pos, end - pos)) {
            insert_span(b, (uint32_t)pos, (uint32_t)end, CK_SPAN_DRAFTING_NOTE);
            n = end - pos;
        }
    }
}

/* The date line of a form (中華民國　年　月　日) or, in an attached form, a
 * field to fill in: short, no sentence, ending with ： or holding a blank
 * or a 簽章/蓋章 caption. */
static int form_line(const ck_block *b, int in_form)
{
    ck_buf c = CK_BUF_INIT;
    compact(b->text, b->text_len, &c);
    int yes = 0;
    if (starts_with(c.data, c.len, "中華民國") && strstr(c.data, "年") && strstr(c.data, "月") &&
        ck_text_ends_with(c.data, c.len, "日") && c.len <= 40) {
        yes = 1;
    } else if (in_form && !has_sentence_mark(c.data, c.len) && c.len <= 120) {
        int blank = 0;
        for (size_t i = 0; i < b->span_count; i++)
            blank |= (b->spans[i].flags & CK_SPAN_BLANK) != 0;
        size_t chars = 0;
        for (size_t i = 0; i < c.len; i++)
            chars += ((unsigned char)c.data[i] & 0xC0) != 0x80;
        yes = ((ck_text_ends_with(c.data, c.len, "：") || ck_text_ends_with(c.data, c.len, ":")) && chars <= 16) ||
              (chars <= 40 && (blank || strstr(c.data, "簽章") || strstr(c.data, "蓋章")));
    }
    ck_buf_free(&c);
    return yes;
}

/* ---- the pass --------------------------------------------------------------------- */

typedef struct level {
    int kind;    /* label kind; CK_LABEL_NONE for an option without a label */
    int option;  /* an option line */
    int ticked;
} level;

static int body_block(const ck_block *b)
{
    return (b->kind == CK_BLOCK_PARAGRAPH || b->kind == CK_BLOCK_HEADING || b->kind == CK_BLOCK_LIST_ITEM) &&
           !(b->flags & (CK_BLOCK_TOC | CK_BLOCK_IN_TABLE | CK_BLOCK_IN_TEXT_BOX));
}


/* Whether a block's text ends a sentence (。；！？ or a closing quote or
 * bracket after one, or a blank line to fill in). */
int ck_block_ends_sentence(const ck_block *b)
{
    size_t len = b->text_len;
    while (len > 0 && (b->text[len - 1] == ' ' || b->text[len - 1] == '\n' || b->text[len - 1] == '\t'))
        len--;
    static const char *const ends[] = { "。", "；", "！", "？", "：", ".", ";", ":", "_", "＿", "」", "）", ")", NULL };
    for (const char *const *e = ends; *e; e++)
        if (ck_text_ends_with(b->text, len, *e))
            return 1;
    return 0;
}

int ck_block_carries_on(const ck_block *prev, const ck_block *b)
{
    if (!prev || ck_block_ends_sentence(prev))
        return 0;
    /* prev was cut off inside a sentence (「…實際履約費用達」), or b cannot
     * start one (「元(上限…)時」, 「(由機關…)。其餘…」) */
    if (strstr(prev->text, "。") || strstr(prev->text, "，") || strstr(prev->text, "；"))
        return 1;
    size_t n, pos = ck_label_skip_spaces(b->text, b->text_len, 0);
    utf8proc_int32_t c = ck_label_peek(b->text, b->text_len, pos, &n);
    return is_open(c) || is_unit(c) || c == 0xFF0C || c == 0x3001 || c == 0x3002 || c == 0xFF1B;
}

int ck_block_opens_list(const ck_block *b)
{
    if (!ck_text_ends_with(b->text, b->text_len, "：") && !ck_text_ends_with(b->text, b->text_len, ":"))
        return 0;
    size_t chars = 0;
    for (size_t i = 0; i < b->text_len; i++)
        chars += ((unsigned char)b->text[i] & 0xC0) != 0x80;
    return chars <= 20 && !strstr(b->text, "。") && !strstr(b->text, "，");
}

static int all_ticked(const level *chain, int depth)
{
    for (int k = 0; k < depth; k++)
        if (chain[k].option && !chain[k].ticked)
            return 0;
    return 1;
}

static int find_kind(const level *chain, int depth, int kind)
{
    for (int k = 0; k < depth; k++)
        if (chain[k].kind == kind && kind != CK_LABEL_NONE)
            return k;
    return -1;
}

void ck_document_mark_agreed(ck_document *doc)
{
    level chain[MAX_DEPTH];
    int depth = 0, in_form = 0, prev_annex = 0;
    int note_kind = CK_LABEL_NONE;  /* the points of a note: 註：1. … 2. … */
    long note_next = 0;
    int note_header = 0;            /* a note that is only its heading (填表說明：) */
    const ck_block *prev = NULL;    /* previous body block */
    ck_buf text = CK_BUF_INIT, flat = CK_BUF_INIT;

    for (size_t i = 0; i < doc->count; i++) {
        ck_block *b = &doc->blocks[i];
        b->flags &= ~(uint32_t)(CK_BLOCK_UNAGREED | CK_BLOCK_DRAFTING_NOTE);
        drop_own_spans(b);
        if (b->kind == CK_BLOCK_COMMENT)
            continue;
        mark_blanks(b);
        mark_instructions(b);
        ck_block_leading_text(b, &text);
        ck_label own_label;
        int ticked = 0;
        int option = ck_option_read(text.data, text.len, b->label != NULL, &own_label, &ticked);
        int own = own_label.kind;
        size_t rest = 0;
        int note = note_opening(b->text, b->text_len, &rest) || whole_instruction(b->text, b->text_len);

        if (!body_block(b)) {
            /* a table cell, note or text box: its own option or note, no list */
            if (note)
                b->flags |= CK_BLOCK_DRAFTING_NOTE | CK_BLOCK_UNAGREED;
            else if (option && !ticked)
                b->flags |= CK_BLOCK_UNAGREED;
            continue;
        }

        int annex = (b->flags & CK_BLOCK_IN_ANNEX) != 0;
        int title = annex && ck_annex_title(b->text, b->text_len);
        if ((long)i == b->article || (annex && (!prev_annex || title))) {
            depth = 0;
            note_kind = CK_LABEL_NONE;
            note_header = 0;
            if (annex) {
                compact(b->text, b->text_len, &flat);
                in_form = title && (strstr(flat.data, "書") || strstr(flat.data, "表"));
            } else {
                in_form = 0;
            }
            prev_annex = annex;
            prev = b;
            continue;
        }
        prev_annex = annex;
        if (!note && form_line(b, in_form && annex)) {
            /* a field to fill in, whole: its caption says nothing either */
            size_t k = 0;
            for (size_t j = 0; j < b->span_count; j++)
                if (b->spans[j].flags != CK_SPAN_BLANK)
                    b->spans[k++] = b->spans[j];
            b->span_count = k;
            insert_span(b, 0, (uint32_t)b->text_len, CK_SPAN_BLANK);
            note_header = 0;
        }

        ck_label l = ck_label_read(text.data, text.len, b->label != NULL);
        if (!note && !option && note_kind != CK_LABEL_NONE && l.kind == note_kind && l.number == note_next) {
            note = 1;
            note_next++;
        } else if (!note && note_header && !option && l.kind == CK_LABEL_NONE && !b->span_count) {
            note = 1;
        }
        if (note) {
            b->flags |= CK_BLOCK_DRAFTING_NOTE | CK_BLOCK_UNAGREED;
            if (note_opening(b->text, b->text_len, &rest)) {
                ck_label inner = ck_label_read(b->text + rest, b->text_len - rest, 0);
                note_kind = inner.kind == CK_LABEL_BULLET ? CK_LABEL_NONE : inner.kind;
                note_next = inner.number + 1;
                note_header = rest >= b->text_len;
            }
            continue; /* notes leave the lists as they are */
        }
        note_kind = CK_LABEL_NONE;
        note_header = 0;

        if (option) {
            int k = own != CK_LABEL_NONE ? find_kind(chain, depth, own) : -1;
            if (own == CK_LABEL_NONE)
                for (int j = depth - 1; j >= 0 && k < 0; j--)
                    if (chain[j].option && chain[j].kind == CK_LABEL_NONE)
                        k = j;
            if (k >= 0)
                depth = k;
            if (depth < MAX_DEPTH)
                chain[depth++] = (level){ own, 1, ticked };
        } else if (l.kind != CK_LABEL_NONE && l.kind != CK_LABEL_BULLET) {
            int k = find_kind(chain, depth, l.kind);
            if (k >= 0)
                depth = k;
            if (depth < MAX_DEPTH)
                chain[depth++] = (level){ l.kind, 0, 1 };
        } else if (depth && chain[depth - 1].option) {
            /* an unlabelled paragraph right after an option: part of it when
             * it carries on its sentence or opens a list of its own */
            int carries = ck_block_carries_on(prev, b);
            int opens = ck_block_opens_list(b);
            if (!carries && !opens)
                while (depth && chain[depth - 1].option)
                    depth--;
        }
        if (!all_ticked(chain, depth))
            b->flags |= CK_BLOCK_UNAGREED;
        prev = b;
    }
    ck_buf_free(&text);
    ck_buf_free(&flat);
}
