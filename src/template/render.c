/* render.c — a template filled from a record: the tree copied node by node,
 * markers replaced by values (always as text nodes), sections expanded. */
#include "template/internal.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/lang.h"

/* ============================================================================
 * Rendering
 * ========================================================================== */

typedef struct scope {
    const ck_value *item; /* the {{#each}} item */
    long index;           /* 1-based */
    const struct scope *up;
} scope;

/* A filled form is capped: nested {{#each}} multiply (16 levels over 10
 * names would be 10^16 items), and a form far past any real one is a
 * mistake in the template or the data, not something to wait for. */
#define MAX_RENDER_ITEMS 100000                /* {{#each}} items, all levels together */
#define MAX_RENDER_BYTES (16u * 1024 * 1024)   /* text put into the form */

typedef struct render_ctx {
    const ck_template *t;
    const ck_value *record;
    ck_error *err;
    size_t items, bytes;
    /* The text node being appended to and its text so far: values join
     * the text before them in one buffer, set on the node when it is
     * complete, so a paragraph of n values costs n, not n^2. */
    cmark_node *open_text;
    ck_buf open_buf;
} render_ctx;

/* Sets the open text node's literal: before anything reads the tree. */
static void flush_text(render_ctx *ctx)
{
    if (ctx->open_text)
        cmark_node_set_literal(ctx->open_text, ctx->open_buf.data ? ctx->open_buf.data : "");
    ctx->open_text = NULL;
    ck_buf_clear(&ctx->open_buf);
}

static int too_large(render_ctx *ctx, const token *tok, int items)
{
    if (items)
        ck_error_set(ctx->err, CK_ELIMIT,
                     ck_tr("範本展開超過 %d 項（巢狀的 {{#each}} 會相乘）；請檢查範本的巢狀區段與資料",
                           "the template expands to more than %d {{#each}} items (nested sections multiply); "
                           "check the template's nesting and the data"),
                     MAX_RENDER_ITEMS);
    else
        ck_error_set(ctx->err, CK_ELIMIT,
                     ck_tr("填入後的表單超過 %u MiB 文字；請檢查範本的巢狀區段與資料",
                           "the filled form exceeds %u MiB of text; check the template's nesting and the data"),
                     MAX_RENDER_BYTES / (1024 * 1024));
    ck_error_set_file(ctx->err, ctx->t->path);
    if (tok)
        ck_error_set_line(ctx->err, tok->line, tok->column);
    return CK_ELIMIT;
}

static int render_children(render_ctx *ctx, cmark_node *tparent, cmark_node *oparent, const scope *sc);

static const ck_value *lookup(render_ctx *ctx, const scope *sc, const char *name)
{
    if (strcmp(name, "this") == 0 || strcmp(name, ".") == 0)
        return sc ? sc->item : NULL;
    for (const scope *s = sc; s; s = s->up)
        if (s->item && s->item->kind == CK_VALUE_MAP) {
            const ck_value *v = ck_value_get(s->item, name);
            if (v)
                return v;
        }
    return ctx->record ? ck_value_get(ctx->record, name) : NULL;
}

static char *value_text(const ck_value *v)
{
    ck_buf b = CK_BUF_INIT;
    if (!v)
        return ck_strdup("");
    if (v->kind == CK_VALUE_STRING)
        return ck_strdup(v->string ? v->string : "");
    if (v->kind == CK_VALUE_LIST)
        for (size_t i = 0; i < v->count; i++)
            if (v->items[i]->kind == CK_VALUE_STRING) {
                if (b.len)
                    ck_buf_puts(&b, "、");
                ck_buf_puts(&b, v->items[i]->string);
            }
    return ck_buf_detach(&b);
}

static int token_value(render_ctx *ctx, const token *tok, const scope *sc, char **out)
{
    char *text;

    *out = NULL;
    if (strcmp(tok->name, "@index") == 0) {
        ck_buf b = CK_BUF_INIT;
        ck_buf_printf(&b, "%ld", sc ? sc->index : 0L);
        text = ck_buf_detach(&b);
    } else if (strcmp(tok->name, "表單編號") == 0 && !lookup(ctx, sc, tok->name)) {
        text = ck_strdup(ctx->t->form);
    } else if (strcmp(tok->name, "表單名稱") == 0 && !lookup(ctx, sc, tok->name)) {
        text = ck_strdup(ck_template_title(ctx->t));
    } else {
        text = value_text(lookup(ctx, sc, tok->name));
    }
    for (size_t i = 0; i < tok->filter_count; i++) {
        char *next = NULL;
        int rc = ck_template_apply_filter(tok->filters[i].name, tok->filters[i].arg, text, &next, ctx->err);
        free(text);
        if (rc != 0) {
            ck_error_set_file(ctx->err, ctx->t->path);
            ck_error_set_line(ctx->err, tok->line, tok->column);
            return rc;
        }
        text = next;
    }
    *out = text;
    return 0;
}

/* Appends text to parent's last text node, or a new one; a newline in a
 * value becomes a hard line break, so an address keeps its lines. */
static void append_text(render_ctx *ctx, cmark_node *parent, const char *s, size_t len, int split_lines)
{
    ctx->bytes += len;
    while (len > 0) {
        const char *nl = split_lines ? memchr(s, '\n', len) : NULL;
        size_t piece = nl ? (size_t)(nl - s) : len;
        if (piece > 0) {
            cmark_node *last = cmark_node_last_child(parent);
            if (!last || last != ctx->open_text) {
                flush_text(ctx);
                if (last && cmark_node_get_type(last) == CMARK_NODE_TEXT) {
                    ck_buf_puts(&ctx->open_buf, cmark_node_get_literal(last));
                    ctx->open_text = last;
                } else {
                    cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
                    if (cmark_node_append_child(parent, text))
                        ctx->open_text = text;
                    else
                        cmark_node_free(text);
                }
            }
            if (ctx->open_text)
                ck_buf_append(&ctx->open_buf, s, piece);
        }
        if (!nl)
            break;
        if (piece + 1 < len || piece > 0) {
            cmark_node *line_break = cmark_node_new(CMARK_NODE_LINEBREAK);
            /* A table cell holds no line break: its lines are joined by a space. */
            if (!cmark_node_append_child(parent, line_break)) {
                cmark_node_free(line_break);
                append_text(ctx, parent, " ", 1, 0);
            }
        }
        s = nl + 1;
        len -= piece + 1;
    }
}

/* A literal with its markers replaced by values (code spans, code blocks). */
static int fill_literal(render_ctx *ctx, const char *s, const scope *sc, char **out)
{
    ck_buf b = CK_BUF_INIT;
    size_t len = strlen(s), pos = 0, start, end;
    int index;

    while (ck_template_next_marker(s, len, pos, &start, &end, &index)) {
        char *v;
        ck_buf_append(&b, s + pos, start - pos);
        if (token_value(ctx, &ctx->t->tokens[index], sc, &v) != 0) {
            ck_buf_free(&b);
            return ctx->err->code;
        }
        ck_buf_puts(&b, v);
        free(v);
        pos = end;
    }
    ck_buf_append(&b, s + pos, len - pos);
    *out = ck_buf_detach(&b);
    return 0;
}

static cmark_node *clone_shallow(render_ctx *ctx, cmark_node *n, const scope *sc)
{
    cmark_node_type type = cmark_node_get_type(n);
    cmark_syntax_extension *ext = cmark_node_get_syntax_extension(n);
    cmark_node *c;
    char *filled = NULL;

    if (ext && type == CMARK_NODE_TABLE_CELL) {
        /* cmark-gfm 0.29 allocates per-cell parser data for a cell made with
         * its extension and never frees it; a cell needs none once parsed. */
        c = cmark_node_new(type);
        cmark_node_set_syntax_extension(c, ext);
    } else {
        c = ext ? cmark_node_new_with_ext(type, ext) : cmark_node_new(type);
    }

    switch (type) {
    case CMARK_NODE_HEADING:
        cmark_node_set_heading_level(c, cmark_node_get_heading_level(n));
        break;
    case CMARK_NODE_LIST:
        cmark_node_set_list_type(c, cmark_node_get_list_type(n));
        cmark_node_set_list_delim(c, cmark_node_get_list_delim(n));
        cmark_node_set_list_start(c, cmark_node_get_list_start(n));
        cmark_node_set_list_tight(c, cmark_node_get_list_tight(n));
        break;
    case CMARK_NODE_CODE_BLOCK:
        cmark_node_set_fence_info(c, cmark_node_get_fence_info(n));
        /* fall through */
    case CMARK_NODE_CODE:
        if (fill_literal(ctx, cmark_node_get_literal(n), sc, &filled) != 0) {
            cmark_node_free(c);
            return NULL;
        }
        cmark_node_set_literal(c, filled);
        free(filled);
        break;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_TEXT:
        cmark_node_set_literal(c, cmark_node_get_literal(n));
        break;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
        cmark_node_set_url(c, cmark_node_get_url(n));
        cmark_node_set_title(c, cmark_node_get_title(n));
        break;
    default:
        if (type == CMARK_NODE_TABLE) {
            uint16_t cols = cmark_gfm_extensions_get_table_columns(n);
            cmark_gfm_extensions_set_table_columns(c, cols);
            cmark_gfm_extensions_set_table_alignments(c, cols, cmark_gfm_extensions_get_table_alignments(n));
        } else if (type == CMARK_NODE_TABLE_ROW) {
            cmark_gfm_extensions_set_table_row_is_header(c, cmark_gfm_extensions_get_table_row_is_header(n));
        }
        break;
    }
    return c;
}

/* Removes spaces and tabs at the start (leading) or end of a text node. */
static void trim_text_end(cmark_node *text, int leading)
{
    const char *s;
    size_t len, start = 0;

    if (!text || cmark_node_get_type(text) != CMARK_NODE_TEXT)
        return;
    s = cmark_node_get_literal(text);
    len = strlen(s);
    if (leading)
        while (start < len && (s[start] == ' ' || s[start] == '\t'))
            start++;
    else
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
    if (start > 0 || len < strlen(s)) {
        char *copy = ck_strndup(s + start, len - start);
        cmark_node_set_literal(text, copy);
        free(copy);
    }
}

/* Tidies a container after its content was filled: no line breaks at either
 * end or twice in a row; an element that came out empty disappears. */
static void tidy(cmark_node *node, int *remove)
{
    cmark_node_type type = cmark_node_get_type(node);
    cmark_node *c;

    *remove = 0;
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_TABLE_CELL) {
        while ((c = cmark_node_first_child(node)) && ck_template_node_is_break(c))
            cmark_node_free(c);
        while ((c = cmark_node_last_child(node)) && ck_template_node_is_break(c))
            cmark_node_free(c);
        for (c = cmark_node_first_child(node); c;) {
            cmark_node *next = cmark_node_next(c);
            if (next && cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK && ck_template_node_is_break(next)) {
                cmark_node_free(c);
            }
            c = next;
        }
        /* spaces a false section left at either end, as cmark trims a line */
        trim_text_end(cmark_node_first_child(node), 1);
        trim_text_end(cmark_node_last_child(node), 0);
        while ((c = cmark_node_first_child(node)) && cmark_node_get_type(c) == CMARK_NODE_TEXT &&
               !*cmark_node_get_literal(c))
            cmark_node_free(c);
        while ((c = cmark_node_last_child(node)) && cmark_node_get_type(c) == CMARK_NODE_TEXT &&
               !*cmark_node_get_literal(c))
            cmark_node_free(c);
    }
    if (cmark_node_first_child(node))
        return;
    *remove = type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM || type == CMARK_NODE_LIST ||
              type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG;
}

static int process(render_ctx *ctx, const unit_list *u, const int *close, const int *mid, size_t from,
                   size_t to, cmark_node *oparent, const scope *sc)
{
    for (size_t i = from; i < to; i++) {
        const unit *x = &u->v[i];
        if (ctx->bytes > MAX_RENDER_BYTES)
            return too_large(ctx, NULL, 0);
        if (x->type == UNIT_TEXT) {
            append_text(ctx, oparent, x->text, x->len, 0);
        } else if (x->type == UNIT_TOKEN) {
            const token *tok = &ctx->t->tokens[x->token];
            size_t end = close[i] >= 0 ? (size_t)close[i] : i;
            size_t body_end = mid[i] >= 0 ? (size_t)mid[i] : end;
            if (tok->kind == TOK_VAR) {
                char *v;
                if (token_value(ctx, tok, sc, &v) != 0)
                    return ctx->err->code;
                append_text(ctx, oparent, v, strlen(v), 1);
                free(v);
            } else if (tok->kind == TOK_IF) {
                const ck_value *v = lookup(ctx, sc, tok->name);
                int truth = v && (v->kind == CK_VALUE_STRING ? v->string[0] != '\0' : v->count > 0);
                int rc = 0;
                if (truth)
                    rc = process(ctx, u, close, mid, i + 1, body_end, oparent, sc);
                else if (mid[i] >= 0)
                    rc = process(ctx, u, close, mid, (size_t)mid[i] + 1, end, oparent, sc);
                if (rc != 0)
                    return rc;
                i = end;
            } else if (tok->kind == TOK_EACH) {
                const ck_value *v = lookup(ctx, sc, tok->name);
                ck_value *split = NULL;
                size_t count;
                int rc = 0;
                if (v && v->kind == CK_VALUE_STRING) {
                    split = ck_template_split_names(v->string, 0);
                    v = split;
                }
                count = v && v->kind == CK_VALUE_LIST ? v->count : 0;
                for (size_t k = 0; k < count && rc == 0; k++) {
                    scope inner = { v->items[k], (long)k + 1, sc };
                    if (++ctx->items > MAX_RENDER_ITEMS) {
                        rc = too_large(ctx, tok, 1);
                        break;
                    }
                    rc = process(ctx, u, close, mid, i + 1, body_end, oparent, &inner);
                }
                if (rc == 0 && count == 0 && mid[i] >= 0)
                    rc = process(ctx, u, close, mid, (size_t)mid[i] + 1, end, oparent, sc);
                ck_value_free(split);
                if (rc != 0)
                    return rc;
                i = end;
            }
            /* {{else}}, {{/each}}, {{/if}} are reached only by the jumps above */
        } else {
            cmark_node *copy = clone_shallow(ctx, x->node, sc);
            int remove, rc;
            if (!copy)
                return ctx->err->code;
            if (!cmark_node_append_child(oparent, copy)) {
                cmark_node_free(copy);
                continue;
            }
            if (!ck_template_node_is_leaf(x->node)) {
                if ((rc = render_children(ctx, x->node, copy, sc)) != 0)
                    return rc;
                flush_text(ctx);
                tidy(copy, &remove);
                if (remove)
                    cmark_node_free(copy);
            }
        }
    }
    return 0;
}

static int render_children(render_ctx *ctx, cmark_node *tparent, cmark_node *oparent, const scope *sc)
{
    unit_list u = { NULL, 0, 0 };
    int *close = NULL, *mid = NULL;
    int rc;

    ck_template_build_units(ctx->t, tparent, &u);
    if (u.n == 0)
        return 0;
    close = ck_malloc(sizeof *close * u.n);
    mid = ck_malloc(sizeof *mid * u.n);
    ck_template_pair_sections(ctx->t, &u, close, mid, NULL);
    rc = process(ctx, &u, close, mid, 0, u.n, oparent, sc);
    free(close);
    free(mid);
    free(u.v);
    return rc;
}

int ck_template_render(const ck_template *t, const ck_value *record, cmark_node **out, ck_error *err)
{
    render_ctx ctx = { t, record, err, 0, 0, NULL, CK_BUF_INIT };
    cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
    int rc;

    *out = NULL;
    rc = render_children(&ctx, t->doc, doc, NULL);
    flush_text(&ctx);
    ck_buf_free(&ctx.open_buf);
    if (rc != 0) {
        cmark_node_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}
