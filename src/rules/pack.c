/* pack.c — loading a rule pack: YAML → checked, compiled ck_rule_pack.
 *
 * The file is read with libyaml's document API (every node keeps its
 * line:column) and walked along the known schema only, so nesting in the
 * file never drives recursion here. Every problem is collected (lint shows
 * them all); loading fails when there is at least one, and the half-built
 * pack is freed, never returned.
 */
#include "rules/pack.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <yaml.h>

#include "model/numerals.h"
#include "normalise/normalise.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/lang.h"
#include "util/text.h"

/* A pack is a hand-written text file; anything bigger is a mistake. */
#define PACK_MAX_BYTES (4u * 1024u * 1024u)
/* Guards against YAML aliases multiplying a list. */
#define PACK_MAX_PATTERNS 20000u
/* A pack needs about seven levels; deeper nesting is refused before
 * libyaml builds a tree of it (its loader slows down badly on it). */
#define PACK_MAX_DEPTH 32
/* Lint stops listing after this many problems (the rest are noise). */
#define PACK_MAX_PROBLEMS 200u

/* ==== problems ============================================================ */

typedef struct loader {
    const char *file;
    yaml_document_t doc;
    ck_rule_lint_report *report;
    size_t first_problem; /* report->count when this file started */
    ck_rule_pack *pack;
    size_t pattern_total;
} loader;

static void problem_at(loader *l, long line, long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void problem_at(loader *l, long line, long column, const char *fmt, ...)
{
    ck_rule_lint_report *r = l->report;
    ck_error *e;
    va_list ap;

    if (r->count - l->first_problem >= PACK_MAX_PROBLEMS)
        return;
    r->items = ck_realloc(r->items, (r->count + 1) * sizeof *r->items);
    e = &r->items[r->count++];
    ck_error_clear(e);
    va_start(ap, fmt);
    ck_error_vset(e, CK_EDATA, fmt, ap);
    va_end(ap);
    ck_error_set_file(e, l->file);
    ck_error_set_line(e, line, column);
}

#define NODE_LINE(n) ((long)(n)->start_mark.line + 1)
#define NODE_COLUMN(n) ((long)(n)->start_mark.column + 1)
#define problem(l, node, ...) problem_at((l), NODE_LINE(node), NODE_COLUMN(node), __VA_ARGS__)

static ck_rule_place place_of(const yaml_node_t *node)
{
    ck_rule_place p = { NODE_LINE(node), NODE_COLUMN(node) };
    return p;
}

static int problems(const loader *l)
{
    return l->report->count > l->first_problem;
}

/* ==== small helpers ======================================================== */

/* The closest word to `word` among `known` (NULL-terminated) when it is close
 * enough to be a typing mistake, else NULL. */
static const char *closest(const char *word, const char *const *known, size_t count)
{
    const char *best = NULL;
    size_t best_distance = (size_t)-1;
    size_t limit = strlen(word) / 2 + 1;

    if (limit > 3)
        limit = 3;
    for (size_t i = 0; i < count && known[i]; i++) {
        size_t d = ck_text_edit_distance(word, known[i]);
        if (d < best_distance) {
            best_distance = d;
            best = known[i];
        }
    }
    return best_distance <= limit ? best : NULL;
}

static void hint_suffix(ck_buf *b, const char *word, const char *const *known, size_t count)
{
    const char *guess = closest(word, known, count);

    if (guess) {
        ck_buf_printf(b, ck_tr("（是否應為「%s」？）", " (did you mean '%s'?)"), guess);
        return;
    }
    ck_buf_puts(b, ck_tr("（可用：", " (known: "));
    for (size_t i = 0; i < count && known[i]; i++)
        ck_buf_printf(b, "%s%s", i ? ck_tr("、", ", ") : "", known[i]);
    ck_buf_puts(b, ck_tr("）", ")"));
}

static yaml_node_t *node_at(loader *l, int index)
{
    return yaml_document_get_node(&l->doc, index);
}

static size_t map_length(const yaml_node_t *map)
{
    return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

static size_t list_length(const yaml_node_t *list)
{
    return (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
}

static yaml_node_t *list_item(loader *l, const yaml_node_t *list, size_t i)
{
    return node_at(l, list->data.sequence.items.start[i]);
}

static const char *scalar(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static const char *kind_name(const yaml_node_t *node)
{
    switch (node->type) {
    case YAML_SCALAR_NODE: return ck_tr("文字", "a text");
    case YAML_SEQUENCE_NODE: return ck_tr("清單", "a list");
    case YAML_MAPPING_NODE: return ck_tr("對照表（鍵: 值）", "a mapping (key: value)");
    default: return ck_tr("空白", "empty");
    }
}

static int expect_type(loader *l, const yaml_node_t *node, yaml_node_type_t type, const char *what)
{
    const char *want;

    if (node->type == type)
        return 1;
    want = type == YAML_SCALAR_NODE   ? ck_tr("文字", "a text")
           : type == YAML_SEQUENCE_NODE ? ck_tr("清單（- 開頭的各行）", "a list (lines starting with -)")
                                        : ck_tr("對照表（鍵: 值）", "a mapping (key: value lines)");
    problem(l, node, ck_tr("「%s」應為%s，而不是%s", "'%s' must be %s, not %s"), what, want, kind_name(node));
    return 0;
}

/* Checks the keys of a mapping against the known ones: unknown keys (with
 * the closest known key), keys that are not plain words, keys given twice. */
static void check_keys(loader *l, const yaml_node_t *map, const char *const *known, size_t count)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *key = node_at(l, p->key);
        const char *name = scalar(key);
        int found = 0;

        if (!name) {
            problem(l, key, "%s", ck_tr("鍵必須是文字", "a key must be a plain word"));
            continue;
        }
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
            const char *other = scalar(node_at(l, q->key));
            if (other && strcmp(other, name) == 0) {
                problem(l, key, ck_tr("鍵「%s」重複出現（第一次在第 %ld 行）", "key '%s' appears twice (first at line %ld)"),
                        name, NODE_LINE(node_at(l, q->key)));
                found = 1;
                break;
            }
        }
        if (found || !known)
            continue;
        for (size_t i = 0; i < count; i++)
            if (strcmp(known[i], name) == 0)
                found = 1;
        if (!found) {
            ck_buf b = CK_BUF_INIT;
            yaml_node_t *value = node_at(l, p->value);
            ck_buf_printf(&b, ck_tr("不明的鍵「%s」", "unknown key '%s'"), name);
            if (map->data.mapping.style == YAML_FLOW_MAPPING_STYLE && value && scalar(value) && !*scalar(value))
                /* {zh: 甲, en: a, b}: the comma started a new key. */
                ck_buf_puts(&b, ck_tr("（{…} 裡的逗號會開始新的鍵：請把文字加上引號 '…'）",
                                      " (a comma inside {...} starts a new key: put the text in quotes '...')"));
            else
                hint_suffix(&b, name, known, count);
            problem(l, key, "%s", b.data);
            ck_buf_free(&b);
        }
    }
}

static yaml_node_t *map_get(loader *l, const yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *name = scalar(node_at(l, p->key));
        if (name && strcmp(name, key) == 0)
            return node_at(l, p->value);
    }
    return NULL;
}

/* A value that must be there. `where` names the mapping for the message. */
static yaml_node_t *map_require(loader *l, const yaml_node_t *map, const char *key, const char *where)
{
    yaml_node_t *v = map_get(l, map, key);

    if (v)
        return v;
    /* A misspelt key ('sevrity') already got "did you mean 'severity'?";
     * saying that severity is missing too would only repeat it. */
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *name = scalar(node_at(l, p->key));
        const char *guess = name ? closest(name, &key, 1) : NULL;
        if (guess && strcmp(name, key) != 0)
            return NULL;
    }
    problem(l, map, ck_tr("%s缺少必要的鍵「%s」", "%s: missing required key '%s'"), where, key);
    return NULL;
}

static char *dup_scalar(loader *l, const yaml_node_t *node, const char *what)
{
    if (!expect_type(l, node, YAML_SCALAR_NODE, what))
        return NULL;
    return ck_strdup(scalar(node));
}

static int is_blank(const char *s)
{
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* true / false only: a reviewer should not have to know YAML 1.1's yes/on. */
static int read_bool(loader *l, const yaml_node_t *node, const char *what, int *out)
{
    const char *s = scalar(node);

    if (s && strcmp(s, "true") == 0)
        *out = 1;
    else if (s && strcmp(s, "false") == 0)
        *out = 0;
    else {
        problem(l, node, ck_tr("「%s」應為 true 或 false", "'%s' must be true or false"), what);
        return 0;
    }
    return 1;
}

/* `{zh: ..., en: ...}` or a plain text (Chinese only). */
static void read_text(loader *l, const yaml_node_t *node, ck_rule_text *out, const char *what)
{
    static const char *const keys[] = { "zh", "en" };
    yaml_node_t *zh, *en;

    if (node->type == YAML_SCALAR_NODE) {
        if (is_blank(scalar(node)))
            problem(l, node, ck_tr("「%s」是空的", "'%s' is empty"), what);
        out->zh = ck_strdup(scalar(node));
        return;
    }
    if (!expect_type(l, node, YAML_MAPPING_NODE, what))
        return;
    check_keys(l, node, keys, CK_ARRAY_LEN(keys));
    zh = map_require(l, node, "zh", what);
    en = map_get(l, node, "en");
    if (zh && expect_type(l, zh, YAML_SCALAR_NODE, "zh")) {
        if (is_blank(scalar(zh)))
            problem(l, zh, ck_tr("「%s」的 zh 是空的", "'%s': zh is empty"), what);
        out->zh = ck_strdup(scalar(zh));
    }
    if (en && expect_type(l, en, YAML_SCALAR_NODE, "en"))
        out->en = ck_strdup(scalar(en));
}

static void free_text(ck_rule_text *t)
{
    free(t->zh);
    free(t->en);
}

/* Lowercase words joined by '-' (condition, pack and definition names). */
static int is_name(const char *s, int allow_underscore)
{
    if (!s || !*s || !(islower((unsigned char)*s) || isdigit((unsigned char)*s)))
        return 0;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-' ||
              (allow_underscore && *s == '_')))
            return 0;
    return 1;
}

/* ==== patterns ============================================================= */

/* While expanding {{name}} we remember where each reference went, so that a
 * PCRE2 error offset can be shown in the text the reviewer wrote. */
typedef struct expansion_ref {
    size_t source_start, source_end;     /* "{{name}}" in the source */
    size_t expanded_start, expanded_end; /* its alternation in the expansion */
} expansion_ref;

static size_t source_offset(const expansion_ref *refs, size_t count, size_t expanded)
{
    size_t shift_source = 0, shift_expanded = 0;

    for (size_t i = 0; i < count; i++) {
        if (expanded < refs[i].expanded_start)
            break;
        if (expanded < refs[i].expanded_end)
            return refs[i].source_start;
        shift_source = refs[i].source_end;
        shift_expanded = refs[i].expanded_end;
    }
    return shift_source + (expanded - shift_expanded);
}

static const ck_rule_definition *find_definition(const ck_rule_pack *pack, const char *name, size_t len)
{
    for (size_t i = 0; i < pack->definition_count; i++)
        if (pack->definitions[i].alternation && strlen(pack->definitions[i].name) == len &&
            memcmp(pack->definitions[i].name, name, len) == 0)
            return &pack->definitions[i];
    return NULL;
}

/* Replaces each {{name}} by its definition's alternation. Only definitions
 * loaded so far are visible, so a definition can use earlier ones and
 * cycles cannot happen. Returns NULL (problem recorded) on an unknown name. */
static char *expand(loader *l, const yaml_node_t *node, const char *source, expansion_ref **refs_out,
                    size_t *ref_count)
{
    ck_buf out = CK_BUF_INIT;
    expansion_ref *refs = NULL;
    size_t count = 0;
    const char *p = source;
    int ok = 1;

    ck_buf_puts(&out, "");
    while (*p) {
        const char *open = strstr(p, "{{");
        if (!open) {
            ck_buf_puts(&out, p);
            break;
        }
        ck_buf_append(&out, p, (size_t)(open - p));
        const char *close = strstr(open + 2, "}}");
        if (!close) {
            problem(l, node, ck_tr("樣式「%s」的「{{」沒有對應的「}}」", "pattern '%s': '{{' without a closing '}}'"),
                    source);
            ok = 0;
            break;
        }
        const char *name = open + 2, *end = close;
        while (name < end && *name == ' ')
            name++;
        while (end > name && end[-1] == ' ')
            end--;
        const ck_rule_definition *d = find_definition(l->pack, name, (size_t)(end - name));
        if (!d) {
            ck_buf b = CK_BUF_INIT;
            const char *known[64];
            size_t n = 0;
            char *word = ck_strndup(name, (size_t)(end - name));
            for (size_t i = 0; i < l->pack->definition_count && n < 64; i++)
                if (l->pack->definitions[i].alternation)
                    known[n++] = l->pack->definitions[i].name;
            ck_buf_printf(&b, ck_tr("樣式「%s」引用了不明的定義「{{%s}}」", "pattern '%s': unknown definition '{{%s}}'"),
                          source, word);
            if (n)
                hint_suffix(&b, word, known, n);
            else
                ck_buf_puts(&b, ck_tr("（請先在 definitions 下定義）", " (define it under definitions first)"));
            problem(l, node, "%s", b.data);
            ck_buf_free(&b);
            free(word);
            ok = 0;
            p = close + 2;
            continue;
        }
        refs = ck_realloc(refs, (count + 1) * sizeof *refs);
        refs[count].source_start = (size_t)(open - source);
        refs[count].source_end = (size_t)(close + 2 - source);
        refs[count].expanded_start = out.len;
        ck_buf_puts(&out, d->alternation);
        refs[count].expanded_end = out.len;
        count++;
        p = close + 2;
    }
    if (!ok) {
        ck_buf_free(&out);
        free(refs);
        return NULL;
    }
    *refs_out = refs;
    *ref_count = count;
    return ck_buf_detach(&out);
}

/* Column of byte `offset` of a one-line plain or single-quoted scalar, so
 * the caret lands where PCRE2 stopped; the node's own column otherwise. */
static long column_of_offset(const yaml_node_t *node, const char *source, size_t offset)
{
    long column = NODE_COLUMN(node);
    yaml_scalar_style_t style = node->data.scalar.style;

    if (node->start_mark.line != node->end_mark.line)
        return column;
    if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE) {
        if (strstr(source, "'"))
            return column; /* '' escapes shift positions */
        column++;
    } else if (style != YAML_PLAIN_SCALAR_STYLE) {
        return column;
    }
    for (size_t i = 0; i < offset && source[i]; i++)
        if (((unsigned char)source[i] & 0xC0) != 0x80)
            column++;
    return column;
}

/* The text a pattern is matched against has been normalised (see
 * normalise/normalise.h); a pattern holding what normalisation removes or
 * folds away can never match. The checks use the normaliser's own tables. */
static void check_normalised(loader *l, const yaml_node_t *node, const char *source)
{
    utf8proc_uint8_t *nfkc = utf8proc_NFKC((const utf8proc_uint8_t *)source);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)source;
    utf8proc_int32_t c, prev = 0;
    int variant_reported = 0, space_reported = 0;

    if (nfkc && strcmp((const char *)nfkc, source) != 0) {
        problem(l, node,
                ck_tr("樣式「%s」含有全形或相容字元，但比對的文字已經 NFKC 正規化：請寫成「%s」",
                      "pattern '%s' holds full-width or compatibility characters, but the text it is matched "
                      "against is NFKC-normalised: write '%s'"),
                source, (const char *)nfkc);
    }
    free(nfkc);
    while (*p) {
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
        if (n <= 0)
            break;
        int32_t folded = ck_normalise_variant(c);
        if (folded != c && !variant_reported) {
            utf8proc_uint8_t want[8] = { 0 }, have[8] = { 0 };
            utf8proc_encode_char(folded, want);
            utf8proc_encode_char(c, have);
            /* [台臺] is redundant but harmless. */
            if (!strstr(source, (const char *)want)) {
                problem(l, node,
                        ck_tr("樣式「%s」含有「%s」，但比對的文字一律寫成「%s」",
                              "pattern '%s' holds '%s', but the text it is matched against always has '%s'"),
                        source, (const char *)have, (const char *)want);
                variant_reported = 1;
            }
        }
        /* Whitespace next to a Chinese character is dropped from the text. */
        int space = utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
        int prev_space = prev && utf8proc_category(prev) == UTF8PROC_CATEGORY_ZS;
        if (!space_reported && prev &&
            ((space && ck_normalise_is_cjk(prev)) || (prev_space && ck_normalise_is_cjk(c)))) {
            problem(l, node,
                    ck_tr("樣式「%s」在中文字旁有空格，但比對的文字中文字旁沒有空格",
                          "pattern '%s' has a space next to a Chinese character, which the normalised text never has"),
                    source);
            space_reported = 1;
        }
        prev = c;
        p += n;
    }
}

/* Expands, checks and compiles one pattern into *out. */
static int compile_pattern(loader *l, const yaml_node_t *node, ck_rule_pattern *out)
{
    const char *source = scalar(node);
    expansion_ref *refs = NULL;
    size_t ref_count = 0;
    int errorcode;
    PCRE2_SIZE erroroffset;
    int ok = 0;

    memset(out, 0, sizeof *out);
    out->place = place_of(node);
    if (!expect_type(l, node, YAML_SCALAR_NODE, ck_tr("樣式", "pattern")))
        return 0;
    if (++l->pattern_total > PACK_MAX_PATTERNS) {
        if (l->pattern_total == PACK_MAX_PATTERNS + 1)
            problem(l, node, ck_tr("樣式超過 %u 個", "more than %u patterns"), PACK_MAX_PATTERNS);
        return 0;
    }
    out->source = ck_strdup(source);
    if (is_blank(source)) {
        problem(l, node, "%s", ck_tr("樣式是空的", "empty pattern"));
        return 0;
    }
    check_normalised(l, node, source);
    out->expanded = expand(l, node, source, &refs, &ref_count);
    if (!out->expanded)
        goto done;
    out->code = pcre2_compile((PCRE2_SPTR)out->expanded, PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &errorcode, &erroroffset, NULL);
    if (!out->code) {
        PCRE2_UCHAR message[256];
        size_t at = source_offset(refs, ref_count, (size_t)erroroffset);
        pcre2_get_error_message(errorcode, message, sizeof message);
        size_t chars = 0;
        for (size_t i = 0; i < at && source[i]; i++)
            chars += ((unsigned char)source[i] & 0xC0) != 0x80;
        problem_at(l, NODE_LINE(node), column_of_offset(node, source, at),
                   ck_tr("樣式「%s」：%s（在第 %zu 個字元）", "pattern '%s': %s at offset %zu"), source,
                   (const char *)message, chars);
        goto done;
    }
    pcre2_jit_compile(out->code, PCRE2_JIT_COMPLETE); /* an optimisation: failure is fine */
    {
        /* A pattern that matches empty text is found everywhere. */
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(out->code, NULL);
        int rc = pcre2_match(out->code, (PCRE2_SPTR) "", 0, 0, 0, md, NULL);
        pcre2_match_data_free(md);
        if (rc >= 0) {
            problem(l, node,
                    ck_tr("樣式「%s」可以比對到空字串，會在任何地方成立", "pattern '%s' matches empty text, so it "
                                                                    "would be found everywhere"),
                    source);
            goto done;
        }
    }
    ok = 1;
done:
    free(refs);
    return ok;
}

/* A pattern list: one text or a non-empty list of texts. */
static void read_patterns(loader *l, const yaml_node_t *node, ck_rule_pattern_list *list, const char *what)
{
    if (node->type == YAML_SCALAR_NODE) {
        list->items = ck_calloc(1, sizeof *list->items);
        list->count = 1;
        compile_pattern(l, node, &list->items[0]);
        return;
    }
    if (!expect_type(l, node, YAML_SEQUENCE_NODE, what))
        return;
    size_t n = list_length(node);
    if (n == 0) {
        problem(l, node, ck_tr("「%s」是空的清單", "'%s' is an empty list"), what);
        return;
    }
    list->items = ck_calloc(n, sizeof *list->items);
    for (size_t i = 0; i < n; i++) {
        compile_pattern(l, list_item(l, node, i), &list->items[i]);
        list->count++;
    }
}

static void free_patterns(ck_rule_pattern_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].source);
        free(list->items[i].expanded);
        pcre2_code_free(list->items[i].code);
    }
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

/* ==== sections ============================================================= */

static void read_metadata(loader *l, const yaml_node_t *node)
{
    static const char *const keys[] = { "id", "version", "title", "source", "language" };
    const char *where = "pack";
    ck_rule_pack *pack = l->pack;
    yaml_node_t *v;

    if (!expect_type(l, node, YAML_MAPPING_NODE, "pack"))
        return;
    check_keys(l, node, keys, CK_ARRAY_LEN(keys));
    if ((v = map_require(l, node, "id", where)) && (pack->id = dup_scalar(l, v, "id")) && !is_name(pack->id, 0))
        problem(l, v, ck_tr("套件代號「%s」只能用小寫英文字母、數字與 -", "pack id '%s' may only use a-z, 0-9 and -"),
                pack->id);
    if ((v = map_require(l, node, "version", where)))
        pack->version = dup_scalar(l, v, "version");
    if ((v = map_require(l, node, "title", where)))
        read_text(l, v, &pack->title, "title");
    if ((v = map_require(l, node, "source", where)))
        pack->source = dup_scalar(l, v, "source");
    v = map_get(l, node, "language");
    pack->language = v ? dup_scalar(l, v, "language") : ck_strdup("zh-TW");
}

static void read_definitions(loader *l, const yaml_node_t *node)
{
    ck_rule_pack *pack = l->pack;
    size_t n;

    if (!expect_type(l, node, YAML_MAPPING_NODE, "definitions"))
        return;
    check_keys(l, node, NULL, 0);
    n = map_length(node);
    pack->definitions = ck_calloc(n ? n : 1, sizeof *pack->definitions);
    for (size_t i = 0; i < n; i++) {
        yaml_node_pair_t *p = &node->data.mapping.pairs.start[i];
        yaml_node_t *key = node_at(l, p->key), *value = node_at(l, p->value);
        ck_rule_definition *d = &pack->definitions[pack->definition_count++];
        const char *name = scalar(key);
        size_t before = l->report->count;

        d->place = place_of(key);
        d->name = ck_strdup(name ? name : "");
        if (!is_name(name, 1)) {
            problem(l, key, ck_tr("定義名稱「%s」只能用小寫英文字母、數字、- 與 _",
                                  "definition name '%s' may only use a-z, 0-9, - and _"),
                    d->name);
            continue;
        }
        read_patterns(l, value, &d->patterns, d->name);
        if (l->report->count != before)
            continue;
        /* Only a definition without problems becomes usable by {{name}}, so
         * one mistake is reported once, not at every use. */
        ck_buf b = CK_BUF_INIT;
        ck_buf_puts(&b, "(?:");
        for (size_t j = 0; j < d->patterns.count; j++)
            ck_buf_printf(&b, "%s%s", j ? "|" : "", d->patterns.items[j].expanded);
        ck_buf_puts(&b, ")");
        d->alternation = ck_buf_detach(&b);
    }
}

static void read_conditions(loader *l, const yaml_node_t *node)
{
    static const char *const keys[] = { "description", "patterns", "amount_at_least" };
    ck_rule_pack *pack = l->pack;
    size_t n;

    if (!expect_type(l, node, YAML_MAPPING_NODE, "applicability"))
        return;
    check_keys(l, node, NULL, 0);
    n = map_length(node);
    pack->conditions = ck_calloc(n ? n : 1, sizeof *pack->conditions);
    for (size_t i = 0; i < n; i++) {
        yaml_node_pair_t *p = &node->data.mapping.pairs.start[i];
        yaml_node_t *key = node_at(l, p->key), *value = node_at(l, p->value), *v;
        ck_rule_condition *c = &pack->conditions[pack->condition_count++];
        const char *name = scalar(key);

        c->place = place_of(key);
        c->name = ck_strdup(name ? name : "");
        if (!is_name(name, 0) || strcmp(name, "always") == 0 || strncmp(name, "no-", 3) == 0) {
            problem(l, key,
                    ck_tr("條件名稱「%s」只能用小寫英文字母、數字與 -，且不可為 always 或以 no- 開頭",
                          "condition name '%s' may only use a-z, 0-9 and -, and is neither 'always' nor starts with 'no-'"),
                    c->name);
        }
        if (!expect_type(l, value, YAML_MAPPING_NODE, c->name))
            continue;
        check_keys(l, value, keys, CK_ARRAY_LEN(keys));
        if ((v = map_require(l, value, "description", c->name)))
            read_text(l, v, &c->description, "description");
        if ((v = map_get(l, value, "patterns")))
            read_patterns(l, v, &c->patterns, "patterns");
        if ((v = map_get(l, value, "amount_at_least"))) {
            long long amount;
            if (ck_numeral_parse_grouped(scalar(v), CK_NUMERAL_LOOSE_SEPARATORS, &amount) != 0 ||
                amount >= 1000000000000000LL)
                problem(l, v, "%s", ck_tr("amount_at_least 應為新臺幣金額（阿拉伯數字，如 10000000）",
                                    "amount_at_least must be an amount in NT$ written with digits, e.g. 10000000"));
            else
                c->amount_at_least = amount;
        }
        if (!map_get(l, value, "patterns") && !map_get(l, value, "amount_at_least"))
            problem(l, key, ck_tr("條件「%s」需要 patterns 或 amount_at_least", "condition '%s' needs patterns or "
                                                                             "amount_at_least"),
                    c->name);
    }
}

static const ck_rule_condition *find_condition(const ck_rule_pack *pack, const char *name)
{
    for (size_t i = 0; i < pack->condition_count; i++)
        if (strcmp(pack->conditions[i].name, name) == 0)
            return &pack->conditions[i];
    return NULL;
}

static void read_when_term(loader *l, const yaml_node_t *node, ck_rule_when *when, int alone)
{
    const char *s = scalar(node);
    const char *name;
    const ck_rule_condition *c;
    int negated = 0;

    if (!expect_type(l, node, YAML_SCALAR_NODE, "applies_when"))
        return;
    if (strcmp(s, "always") == 0) {
        if (!alone)
            problem(l, node, "%s", ck_tr("always 不能與其他條件並列", "'always' cannot be listed with other conditions"));
        return;
    }
    name = s;
    if (strncmp(s, "no-", 3) == 0) {
        negated = 1;
        name = s + 3;
    }
    c = find_condition(l->pack, name);
    if (!c) {
        ck_buf b = CK_BUF_INIT;
        const char *known[65];
        size_t n = 0;
        known[n++] = "always";
        for (size_t i = 0; i < l->pack->condition_count && n < 65; i++)
            known[n++] = l->pack->conditions[i].name;
        ck_buf_printf(&b, ck_tr("不明的條件「%s」", "unknown condition '%s'"), s);
        hint_suffix(&b, name, known, n);
        ck_buf_puts(&b, ck_tr("；條件定義在 applicability 下", "; conditions are defined under applicability"));
        problem(l, node, "%s", b.data);
        ck_buf_free(&b);
        return;
    }
    when->terms = ck_realloc(when->terms, (when->count + 1) * sizeof *when->terms);
    when->terms[when->count].condition = c;
    when->terms[when->count].negated = negated;
    when->count++;
}

static void read_when(loader *l, const yaml_node_t *node, ck_rule_when *when)
{
    if (node->type == YAML_SEQUENCE_NODE) {
        size_t n = list_length(node);
        if (n == 0)
            problem(l, node, "%s", ck_tr("applies_when 是空的清單", "applies_when is an empty list"));
        for (size_t i = 0; i < n; i++)
            read_when_term(l, list_item(l, node, i), when, n == 1);
        return;
    }
    read_when_term(l, node, when, 1);
}

/* An enum value with a did-you-mean hint. Returns the index or -1. */
static int read_enum(loader *l, const yaml_node_t *node, const char *what, const char *const *values, size_t count)
{
    const char *s = scalar(node);

    if (!expect_type(l, node, YAML_SCALAR_NODE, what))
        return -1;
    for (size_t i = 0; i < count; i++)
        if (strcmp(s, values[i]) == 0)
            return (int)i;
    ck_buf b = CK_BUF_INIT;
    ck_buf_printf(&b, ck_tr("不明的 %s「%s」", "unknown %s '%s'"), what, s);
    hint_suffix(&b, s, values, count);
    problem(l, node, "%s", b.data);
    ck_buf_free(&b);
    return -1;
}

static const char *const severity_names[] = { "required", "recommended" };
static const char *const scope_names[] = { "sentence", "paragraph", "article", "document" };
static const char *const party_names[] = { "any", "agency", "vendor" };

static void read_element(loader *l, const yaml_node_t *node, ck_rule_element *e, const char *rule_id)
{
    static const char *const keys[] = { "name", "patterns", "optional", "topic", "party", "applies_when" };
    yaml_node_t *v;
    int party;

    e->place = place_of(node);
    if (!expect_type(l, node, YAML_MAPPING_NODE, "elements"))
        return;
    check_keys(l, node, keys, CK_ARRAY_LEN(keys));
    if ((v = map_require(l, node, "name", "element")))
        read_text(l, v, &e->name, "name");
    if ((v = map_require(l, node, "patterns", "element")))
        read_patterns(l, v, &e->patterns, "patterns");
    if ((v = map_get(l, node, "optional")))
        read_bool(l, v, "optional", &e->optional);
    if ((v = map_get(l, node, "topic")))
        read_bool(l, v, "topic", &e->topic);
    if ((v = map_get(l, node, "party")) && (party = read_enum(l, v, "party", party_names, 3)) >= 0) {
        e->party = (ck_rule_party)party;
        if (party != CK_PARTY_ANY && !find_definition(l->pack, party_names[party], strlen(party_names[party])))
            problem(l, v,
                    ck_tr("規則 %s：party: %s 需要 definitions 下的「%s」（列出這一方的稱呼）",
                          "rule %s: party: %s needs '%s' under definitions (the words naming that party)"),
                    rule_id, party_names[party], party_names[party]);
    }
    if ((v = map_get(l, node, "applies_when")))
        read_when(l, v, &e->applies_when);
}

/* `contrary:` and `exceptions:` — a pattern list, or {patterns, unless}. */
static void read_guarded(loader *l, const yaml_node_t *node, const char *what, ck_rule_pattern_list *patterns,
                         ck_rule_pattern_list *unless)
{
    static const char *const keys[] = { "patterns", "unless" };
    yaml_node_t *v;

    if (node->type != YAML_MAPPING_NODE) {
        read_patterns(l, node, patterns, what);
        return;
    }
    check_keys(l, node, keys, CK_ARRAY_LEN(keys));
    if ((v = map_require(l, node, "patterns", what)))
        read_patterns(l, v, patterns, "patterns");
    if ((v = map_get(l, node, "unless")))
        read_patterns(l, v, unless, "unless");
}

static void read_rule(loader *l, const yaml_node_t *node, ck_rule *r)
{
    static const char *const keys[] = { "id",       "title",      "source",     "severity", "applies_when",
                                        "scope",    "elements",   "contrary",   "exceptions", "not_evidence",
                                        "satisfied_by", "not_about", "advice", "audit" };
    const size_t nkeys = CK_ARRAY_LEN(keys);
    char where[160];
    yaml_node_t *v;
    int value;

    r->place = place_of(node);
    r->pack = l->pack;
    r->scope = CK_SCOPE_ARTICLE;
    if (!expect_type(l, node, YAML_MAPPING_NODE, "rules"))
        return;
    check_keys(l, node, keys, nkeys);
    if ((v = map_require(l, node, "id", ck_tr("規則", "rule")))) {
        r->id = dup_scalar(l, v, "id");
        if (r->id && (is_blank(r->id) || strpbrk(r->id, " \t\n")))
            problem(l, v, ck_tr("規則代號「%s」不可含空白", "rule id '%s' must not contain spaces"), r->id);
        for (size_t i = 0; r->id && i + 1 < l->pack->rule_count; i++) {
            const ck_rule *other = &l->pack->rules[i];
            if (other->id && strcmp(other->id, r->id) == 0) {
                problem(l, v, ck_tr("規則代號「%s」重複（第一次在第 %ld 行）", "duplicate rule id '%s' (first at line %ld)"),
                        r->id, other->place.line);
                break;
            }
        }
    }
    snprintf(where, sizeof where, ck_tr("規則 %s", "rule %s"), r->id ? r->id : "?");
    if ((v = map_require(l, node, "title", where)))
        read_text(l, v, &r->title, "title");
    if ((v = map_require(l, node, "source", where)))
        r->source = dup_scalar(l, v, "source");
    if ((v = map_require(l, node, "severity", where)) && (value = read_enum(l, v, "severity", severity_names, 2)) >= 0)
        r->severity = (ck_rule_severity)value;
    if ((v = map_get(l, node, "applies_when")))
        read_when(l, v, &r->applies_when);
    if ((v = map_get(l, node, "scope")) && (value = read_enum(l, v, "scope", scope_names, 4)) >= 0)
        r->scope = (ck_rule_scope)value;
    if ((v = map_require(l, node, "elements", where)) && expect_type(l, v, YAML_SEQUENCE_NODE, "elements")) {
        size_t n = list_length(v);
        int topic_seen = 0, required_seen = 0;
        if (n == 0)
            problem(l, v, ck_tr("%s：elements 是空的", "%s: elements is empty"), where);
        r->elements = ck_calloc(n ? n : 1, sizeof *r->elements);
        for (size_t i = 0; i < n; i++) {
            read_element(l, list_item(l, v, i), &r->elements[i], r->id ? r->id : "?");
            r->element_count++;
            if (r->elements[i].topic && !topic_seen) {
                r->topic = i;
                topic_seen = 1;
            }
            if (!r->elements[i].optional)
                required_seen = 1;
        }
        if (n && !required_seen)
            problem(l, v, ck_tr("%s：每個要素都是 optional，規則永遠不會缺漏", "%s: every element is optional, so the "
                                                                           "rule can never be missing"),
                    where);
        if (n && r->elements[r->topic].optional)
            problem(l, list_item(l, v, r->topic),
                    ck_tr("%s：主題要素不可為 optional", "%s: the topic element cannot be optional"), where);
    }
    if ((v = map_get(l, node, "contrary")))
        read_guarded(l, v, "contrary", &r->contrary, &r->contrary_unless);
    if ((v = map_get(l, node, "exceptions")))
        read_guarded(l, v, "exceptions", &r->exceptions, &r->exceptions_unless);
    if ((v = map_get(l, node, "not_evidence")))
        read_patterns(l, v, &r->not_evidence, "not_evidence");
    if ((v = map_get(l, node, "not_about")))
        read_patterns(l, v, &r->not_about, "not_about");
    if ((v = map_get(l, node, "satisfied_by")))
        read_patterns(l, v, &r->satisfied_by, "satisfied_by");
    if ((v = map_require(l, node, "advice", where)))
        read_text(l, v, &r->advice, "advice");
    if ((v = map_require(l, node, "audit", where)))
        read_text(l, v, &r->audit, "audit");
}

static void read_rules(loader *l, const yaml_node_t *node)
{
    ck_rule_pack *pack = l->pack;
    size_t n;

    if (!expect_type(l, node, YAML_SEQUENCE_NODE, "rules"))
        return;
    n = list_length(node);
    if (n == 0)
        problem(l, node, "%s", ck_tr("rules 是空的清單", "rules is an empty list"));
    pack->rules = ck_calloc(n ? n : 1, sizeof *pack->rules);
    for (size_t i = 0; i < n; i++) {
        pack->rule_count++;
        read_rule(l, list_item(l, node, i), &pack->rules[i]);
    }
}

/* ==== loading ============================================================== */

static void free_when(ck_rule_when *w)
{
    free(w->terms);
}

void ck_rule_pack_free(ck_rule_pack *pack)
{
    if (!pack)
        return;
    for (size_t i = 0; i < pack->rule_count; i++) {
        ck_rule *r = &pack->rules[i];
        free(r->id);
        free_text(&r->title);
        free(r->source);
        free_when(&r->applies_when);
        for (size_t j = 0; j < r->element_count; j++) {
            free_text(&r->elements[j].name);
            free_patterns(&r->elements[j].patterns);
            free_when(&r->elements[j].applies_when);
        }
        free(r->elements);
        free_patterns(&r->contrary);
        free_patterns(&r->contrary_unless);
        free_patterns(&r->exceptions);
        free_patterns(&r->exceptions_unless);
        free_patterns(&r->not_evidence);
        free_patterns(&r->not_about);
        free_patterns(&r->satisfied_by);
        free_text(&r->advice);
        free_text(&r->audit);
    }
    free(pack->rules);
    for (size_t i = 0; i < pack->condition_count; i++) {
        free(pack->conditions[i].name);
        free_text(&pack->conditions[i].description);
        free_patterns(&pack->conditions[i].patterns);
    }
    free(pack->conditions);
    for (size_t i = 0; i < pack->definition_count; i++) {
        free(pack->definitions[i].name);
        free(pack->definitions[i].alternation);
        free_patterns(&pack->definitions[i].patterns);
    }
    free(pack->definitions);
    free(pack->path);
    free(pack->id);
    free(pack->version);
    free_text(&pack->title);
    free(pack->source);
    free(pack->language);
    free(pack);
}

/* Lint lists problems in file order, as an editor would walk them. */
static void sort_problems(ck_rule_lint_report *report, size_t from)
{
    for (size_t i = from + 1; i < report->count; i++) {
        ck_error item = report->items[i];
        size_t j = i;
        while (j > from && (report->items[j - 1].line > item.line ||
                            (report->items[j - 1].line == item.line && report->items[j - 1].column > item.column))) {
            report->items[j] = report->items[j - 1];
            j--;
        }
        report->items[j] = item;
    }
}

/* libyaml's message, at its place, with a hint for the mistakes people
 * who do not write YAML every day make. */
static void report_syntax_error(loader *l, const yaml_parser_t *parser, const char *text, size_t len)
{
    long line = (long)parser->problem_mark.line + 1, column = (long)parser->problem_mark.column + 1;
    size_t at = parser->problem_mark.index;
    const char *hint = "";

    if (parser->error == YAML_READER_ERROR) {
        /* Encoding errors carry a byte offset, not a mark. */
        at = parser->problem_offset < len ? parser->problem_offset : len;
        line = 1;
        column = 1;
        for (size_t i = 0; i < at; i++) {
            if (text[i] == '\n') {
                line++;
                column = 1;
            } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        hint = ck_tr("（檔案必須以 UTF-8 儲存）", " (save the file as UTF-8)");
    } else if (at < len && text[at] == '\t') {
        hint = ck_tr("（縮排請用空格，不要用 Tab）", " (indent with spaces, not tabs)");
    }
    problem_at(l, line, column, ck_tr("YAML 格式錯誤：%s%s%s%s", "YAML syntax: %s%s%s%s"),
               parser->problem ? parser->problem : "?", parser->context ? ", " : "",
               parser->context ? parser->context : "", hint);
}

/* Walks the YAML events once, only to refuse nesting deeper than a pack
 * ever needs. Returns 0 when the depth is fine (syntax errors are left to
 * the loader, which reports them with their place). */
static int too_deep(loader *l, const char *text, size_t len)
{
    yaml_parser_t parser;
    yaml_event_t event;
    int depth = 0, refused = 0;

    if (!yaml_parser_initialize(&parser))
        return 0;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    while (yaml_parser_parse(&parser, &event)) {
        yaml_event_type_t type = event.type;
        if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
            if (++depth > PACK_MAX_DEPTH) {
                problem_at(l, (long)event.start_mark.line + 1, (long)event.start_mark.column + 1,
                           ck_tr("巢狀層次超過 %d 層：規則套件不需要這麼深", "nested more than %d levels deep: a rule pack never needs that"),
                           PACK_MAX_DEPTH);
                refused = 1;
            }
        } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
            depth--;
        }
        yaml_event_delete(&event);
        if (refused || type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    return refused;
}

/* Parses text into a pack, recording every problem in report. Returns the
 * pack only when no problem was found. */
static ck_rule_pack *parse_pack(const char *name, const char *text, size_t len, ck_rule_lint_report *report)
{
    static const char *const keys[] = { "pack", "definitions", "applicability", "rules" };
    yaml_parser_t parser;
    loader l;
    yaml_node_t *root, *v;
    int have_doc = 0;

    memset(&l, 0, sizeof l);
    l.file = name;
    l.report = report;
    l.first_problem = report->count;
    l.pack = ck_calloc(1, sizeof *l.pack);
    l.pack->path = ck_strdup(name);
    if (too_deep(&l, text, len))
        goto done;
    if (!yaml_parser_initialize(&parser)) {
        problem_at(&l, 0, 0, "%s", ck_tr("記憶體不足", "out of memory"));
        goto done;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &l.doc)) {
        report_syntax_error(&l, &parser, text, len);
        yaml_parser_delete(&parser);
        goto done;
    }
    have_doc = 1;
    root = yaml_document_get_root_node(&l.doc);
    if (!root) {
        problem_at(&l, 1, 1, "%s", ck_tr("檔案是空的", "the file is empty"));
    } else if (expect_type(&l, root, YAML_MAPPING_NODE, ck_tr("規則套件", "a rule pack"))) {
        yaml_document_t extra;
        if (yaml_parser_load(&parser, &extra)) {
            if (yaml_document_get_root_node(&extra))
                problem_at(&l, (long)extra.start_mark.line + 1, (long)extra.start_mark.column + 1, "%s",
                           ck_tr("一個檔案只能有一份 YAML 文件（請刪除「---」）",
                                 "one YAML document per file (remove the '---')"));
            yaml_document_delete(&extra);
        }
        check_keys(&l, root, keys, CK_ARRAY_LEN(keys));
        if ((v = map_require(&l, root, "pack", ck_tr("規則套件", "rule pack"))))
            read_metadata(&l, v);
        if ((v = map_get(&l, root, "definitions")))
            read_definitions(&l, v);
        if ((v = map_get(&l, root, "applicability")))
            read_conditions(&l, v);
        /* A pack of definitions only is a vocabulary (rules/language.yaml). */
        if (!map_get(&l, root, "definitions") || map_get(&l, root, "applicability") || map_get(&l, root, "rules")) {
            if ((v = map_require(&l, root, "rules", ck_tr("規則套件", "rule pack"))))
                read_rules(&l, v);
        }
    }
    yaml_parser_delete(&parser);
done:
    sort_problems(report, l.first_problem);
    if (have_doc)
        yaml_document_delete(&l.doc);
    if (problems(&l)) {
        ck_rule_pack_free(l.pack);
        return NULL;
    }
    return l.pack;
}

/* Reads a whole pack file into memory (bounded). */
static char *read_file(const char *path, size_t *len, ck_error *err)
{
    ck_buf b = CK_BUF_INIT;

    if (ck_fs_read_all(path, PACK_MAX_BYTES, ck_tr("規則套件", "the rule pack"), &b, err) != 0) {
        ck_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return ck_buf_detach(&b);
}

/* ==== lint: patterns that give up on long text ============================ */

/* Appends a problem for pattern if PCRE2 gives up (match or depth limit, the
 * limits `clausekit check` uses) on any of texts. */
static void try_pattern(const char *file, const ck_rule_pattern *pattern, const char *where, const ck_buf *texts,
                        size_t text_count, pcre2_match_data *md, pcre2_match_context *mc, ck_rule_lint_report *report)
{
    for (size_t t = 0; t < text_count; t++) {
        int rc = pcre2_match(pattern->code, (PCRE2_SPTR)texts[t].data, texts[t].len, 0, 0, md, mc);
        if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH)
            continue;
        report->items = ck_realloc(report->items, (report->count + 1) * sizeof *report->items);
        ck_error *e = &report->items[report->count++];
        ck_error_clear(e);
        ck_error_set(e, CK_EDATA,
                     ck_tr("%s 的樣式「%s」在長篇文字上無法比對完成（超過比對上限）：請簡化（避免巢狀重複，如 (.*)*）",
                           "%s: pattern '%s' gives up on a long text (match limit): simplify it (avoid nested "
                           "repeats such as (.*)*)"),
                     where, pattern->source);
        ck_error_set_file(e, file);
        ck_error_set_line(e, pattern->place.line, pattern->place.column);
        return;
    }
}

static void try_list(const char *file, const ck_rule_pattern_list *list, const char *where, const ck_buf *texts,
                     size_t n, pcre2_match_data *md, pcre2_match_context *mc, ck_rule_lint_report *report)
{
    for (size_t i = 0; i < list->count; i++)
        try_pattern(file, &list->items[i], where, texts, n, md, mc, report);
}

/* Tries every pattern of pack against long synthetic texts (contract prose
 * without 。, runs of one letter and one digit) under the matcher's limits. */
static void lint_slow_patterns(const char *file, const ck_rule_pack *pack, ck_rule_lint_report *report)
{
    static const char *const pieces[] = { "乙方應依本契約辦理各項工作並配合甲方之稽核,", "a", "1" };
    enum { TEXTS = 3, TEXT_BYTES = 30000 };
    ck_buf texts[TEXTS];
    pcre2_match_data *md = pcre2_match_data_create(16, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);

    pcre2_set_match_limit(mc, CK_RULE_MATCH_LIMIT);
    pcre2_set_depth_limit(mc, CK_RULE_DEPTH_LIMIT);
    for (int t = 0; t < TEXTS; t++) {
        texts[t] = (ck_buf)CK_BUF_INIT;
        while (texts[t].len < TEXT_BYTES)
            ck_buf_puts(&texts[t], pieces[t]);
    }
    for (size_t d = 0; d < pack->definition_count; d++)
        try_list(file, &pack->definitions[d].patterns, pack->definitions[d].name, texts, TEXTS, md, mc, report);
    for (size_t c = 0; c < pack->condition_count; c++)
        try_list(file, &pack->conditions[c].patterns, pack->conditions[c].name, texts, TEXTS, md, mc, report);
    for (size_t r = 0; r < pack->rule_count; r++) {
        const ck_rule *rule = &pack->rules[r];
        for (size_t e = 0; e < rule->element_count; e++)
            try_list(file, &rule->elements[e].patterns, rule->id, texts, TEXTS, md, mc, report);
        const ck_rule_pattern_list *lists[] = { &rule->contrary,   &rule->contrary_unless, &rule->exceptions,
                                                &rule->exceptions_unless, &rule->not_evidence, &rule->satisfied_by,
                                                &rule->not_about };
        for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
            try_list(file, lists[k], rule->id, texts, TEXTS, md, mc, report);
    }
    for (int t = 0; t < TEXTS; t++)
        ck_buf_free(&texts[t]);
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
}

int ck_rule_pack_lint_string(const char *name, const char *text, size_t len, ck_rule_lint_report *report)
{
    size_t before = report->count;
    ck_rule_pack *pack = parse_pack(name, text, len, report);

    if (pack)
        lint_slow_patterns(name, pack, report);
    ck_rule_pack_free(pack);
    return report->count > before ? CK_EDATA : 0;
}

int ck_rule_pack_lint(const char *path, ck_rule_lint_report *report)
{
    ck_error err;
    size_t len = 0;
    char *text;
    int rc;

    ck_error_clear(&err);
    text = read_file(path, &len, &err);
    if (!text) {
        report->items = ck_realloc(report->items, (report->count + 1) * sizeof *report->items);
        report->items[report->count++] = err;
        return err.code;
    }
    rc = ck_rule_pack_lint_string(path, text, len, report);
    free(text);
    return rc;
}

void ck_rule_lint_report_free(ck_rule_lint_report *report)
{
    if (!report)
        return;
    free(report->items);
    report->items = NULL;
    report->count = 0;
}

int ck_rule_pack_load_string(const char *name, const char *text, size_t len, ck_rule_pack **out, ck_error *err)
{
    ck_rule_lint_report report = { NULL, 0 };

    *out = parse_pack(name, text, len, &report);
    if (!*out) {
        int code = report.count ? report.items[0].code : CK_EDATA;
        if (report.count) {
            ck_error *first = &report.items[0];
            ck_error_set(err, code, "%s", first->message);
            ck_error_set_line(err, first->line, first->column);
        } else {
            ck_error_set(err, code, "%s", ck_tr("規則套件無法載入", "the rule pack cannot be loaded"));
        }
        ck_error_set_file(err, name);
        ck_rule_lint_report_free(&report);
        return code;
    }
    ck_rule_lint_report_free(&report);
    return 0;
}

int ck_rule_pack_load(const char *path, ck_rule_pack **out, ck_error *err)
{
    size_t len = 0;
    char *text;
    int rc;

    *out = NULL;
    text = read_file(path, &len, err);
    if (!text)
        return err && err->code ? err->code : CK_EIO;
    rc = ck_rule_pack_load_string(path, text, len, out, err);
    free(text);
    return rc;
}

/* ==== lookups and names ===================================================== */

const ck_rule *ck_rule_pack_find(const ck_rule_pack *pack, const char *id)
{
    for (size_t i = 0; pack && i < pack->rule_count; i++)
        if (strcmp(pack->rules[i].id, id) == 0)
            return &pack->rules[i];
    return NULL;
}

const ck_rule_condition *ck_rule_pack_condition(const ck_rule_pack *pack, const char *name)
{
    return pack ? find_condition(pack, name) : NULL;
}

int ck_rule_pattern_find(const ck_rule_pattern *pattern, const char *text, size_t len, size_t start,
                         pcre2_match_data *match_data, size_t *match_start, size_t *match_end)
{
    pcre2_match_data *md = match_data ? match_data : pcre2_match_data_create_from_pattern(pattern->code, NULL);
    int rc;

    if (!md)
        return CK_ENOMEM;
    rc = pcre2_match(pattern->code, (PCRE2_SPTR)text, len, start, 0, md, NULL);
    if (rc >= 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        *match_start = ov[0];
        *match_end = ov[1];
        rc = 1;
    } else if (rc == PCRE2_ERROR_NOMATCH) {
        rc = 0;
    } else {
        rc = CK_ELIMIT;
    }
    if (!match_data)
        pcre2_match_data_free(md);
    return rc;
}

const char *ck_rule_severity_name(ck_rule_severity severity)
{
    return (unsigned)severity < 2 ? severity_names[severity] : "?";
}

const char *ck_rule_scope_name(ck_rule_scope scope)
{
    return (unsigned)scope < 4 ? scope_names[scope] : "?";
}

const char *ck_rule_party_name(ck_rule_party party)
{
    return (unsigned)party < 3 ? party_names[party] : "?";
}

const char *ck_rule_text_get(const ck_rule_text *text)
{
    if (ck_lang_current() == CK_LANG_EN && text->en && *text->en)
        return text->en;
    return text->zh ? text->zh : "";
}
