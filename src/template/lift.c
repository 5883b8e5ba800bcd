/* lift.c — the parsed body: checked, and section tags that begin or end an
 * element lifted out of it onto the element (see template.c). */
#include "template/internal.h"

#include <cmark-gfm-core-extensions.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/lang.h"

/* ============================================================================
 * Units: the children of a node as a sequence of text, tags and nodes
 * ========================================================================== */


static void unit_push(unit_list *u, unit x)
{
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 16;
        u->v = ck_realloc(u->v, sizeof *u->v * u->cap);
    }
    u->v[u->n++] = x;
}

/* Finds the next marker in s[0..len) at or after *pos: sets *start, *end
 * (past the marker) and *index. Returns 0 when there is none. */
int ck_template_next_marker(const char *s, size_t len, size_t pos, size_t *start, size_t *end, int *index)
{
    for (size_t i = pos; i + MARK_LEN <= len; i++) {
        if (memcmp(s + i, MARK_OPEN, MARK_LEN) == 0) {
            size_t j = i + MARK_LEN;
            long n = 0;
            while (j < len && s[j] >= '0' && s[j] <= '9')
                n = n * 10 + (s[j++] - '0');
            if (j + MARK_LEN <= len && memcmp(s + j, MARK_CLOSE, MARK_LEN) == 0) {
                *start = i;
                *end = j + MARK_LEN;
                *index = (int)n;
                return 1;
            }
        }
    }
    return 0;
}

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return 0;
    return 1;
}

static lift *lift_of(cmark_node *node)
{
    return (lift *)cmark_node_get_user_data(node);
}

int ck_template_node_is_break(cmark_node *node)
{
    cmark_node_type type = cmark_node_get_type(node);
    return type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK;
}

void ck_template_build_units(const ck_template *t, cmark_node *parent, unit_list *u)
{
    u->n = 0;
    for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
        lift *lf = lift_of(c);
        if (lf)
            for (size_t i = 0; i < lf->lead_count; i++)
                unit_push(u, (unit){ UNIT_TOKEN, NULL, 0, lf->lead[i], c, FROM_LEAD, 0 });
        if (cmark_node_get_type(c) == CMARK_NODE_TEXT) {
            const char *s = cmark_node_get_literal(c);
            size_t len = strlen(s), pos = 0, start, end;
            int index;
            while (ck_template_next_marker(s, len, pos, &start, &end, &index)) {
                if (start > pos)
                    unit_push(u, (unit){ UNIT_TEXT, s + pos, start - pos, 0, c, FROM_TEXT, !is_blank(s + pos, start - pos) });
                unit_push(u, (unit){ UNIT_TOKEN, NULL, 0, index, c, FROM_TEXT,
                                     (size_t)index < t->token_count && t->tokens[index].kind == TOK_VAR });
                pos = end;
            }
            if (pos < len)
                unit_push(u, (unit){ UNIT_TEXT, s + pos, len - pos, 0, c, FROM_TEXT, !is_blank(s + pos, len - pos) });
        } else if (!(lf && lf->empty)) {
            int content = ck_template_node_is_break(c) ? 0 : lf ? lf->has_content : 1;
            unit_push(u, (unit){ UNIT_NODE, NULL, 0, 0, c, FROM_SELF, content });
        }
        if (lf)
            for (size_t i = 0; i < lf->trail_count; i++)
                unit_push(u, (unit){ UNIT_TOKEN, NULL, 0, lf->trail[i], c, FROM_TRAIL, 0 });
    }
}

static int is_section_token(const ck_template *t, const unit *x)
{
    return x->type == UNIT_TOKEN && t->tokens[x->token].kind != TOK_VAR;
}

/* Pairs the section tags of u: for an opening tag at i, close[i] is its
 * closing tag and mid[i] its {{else}} (-1 when none). Tags left unmatched
 * get unmatched[i] = 1 (unmatched may be NULL when the caller knows the
 * structure is sound). Returns 0, or the index + 1 of a tag that closes the
 * wrong kind of section, negated. */
int ck_template_pair_sections(const ck_template *t, const unit_list *u, int *close, int *mid, char *unmatched)
{
    int stack[MAX_SECTION_DEPTH * 4];
    int depth = 0;

    for (size_t i = 0; i < u->n; i++) {
        close[i] = mid[i] = -1;
        if (unmatched)
            unmatched[i] = 0;
    }
    for (size_t i = 0; i < u->n; i++) {
        token_kind kind;
        if (!is_section_token(t, &u->v[i]))
            continue;
        kind = t->tokens[u->v[i].token].kind;
        if (kind == TOK_EACH || kind == TOK_IF) {
            if (depth == (int)CK_ARRAY_LEN(stack))
                return -(int)(i + 1);
            stack[depth++] = (int)i;
        } else if (kind == TOK_ELSE) {
            if (depth == 0 || mid[stack[depth - 1]] >= 0) {
                if (unmatched)
                    unmatched[i] = 1;
            } else {
                mid[stack[depth - 1]] = (int)i;
            }
        } else {
            token_kind want = kind == TOK_END_EACH ? TOK_EACH : TOK_IF;
            if (depth == 0) {
                if (unmatched)
                    unmatched[i] = 1;
                continue;
            }
            if (t->tokens[u->v[stack[depth - 1]].token].kind != want)
                return -(int)(i + 1);
            close[stack[--depth]] = (int)i;
        }
    }
    while (depth > 0) {
        int i = stack[--depth];
        if (unmatched)
            unmatched[i] = 1;
        if (mid[i] >= 0 && unmatched) {
            /* an {{else}} of a section closed outside belongs outside too */
            unmatched[mid[i]] = 1;
            mid[i] = -1;
        }
    }
    return 0;
}

/* ============================================================================
 * Lifting section tags out of the elements they begin or end
 * ========================================================================== */

static lift *lift_new(ck_template *t, cmark_node *node)
{
    lift *lf = lift_of(node);
    if (lf)
        return lf;
    lf = ck_calloc(1, sizeof *lf);
    t->lifts = ck_realloc(t->lifts, sizeof *t->lifts * (t->lift_count + 1));
    t->lifts[t->lift_count++] = lf;
    cmark_node_set_user_data(node, lf);
    return lf;
}

static void int_push(int **v, size_t *n, int x)
{
    *v = ck_realloc(*v, sizeof **v * (*n + 1));
    (*v)[(*n)++] = x;
}

static int lift_fail(ck_template *t, int token_index, ck_error *err, const char *zh, const char *en)
{
    token *tok = &t->tokens[token_index];
    return ck_template_token_fail(t, err, tok->line, tok->column, ck_tr(zh, en), ck_template_token_label(tok));
}

/* Rebuilds the text children and lifts of parent's children without the
 * units marked in drop. */
static void drop_units(ck_template *t, cmark_node *parent, const unit_list *u, const char *drop)
{
    ck_buf b = CK_BUF_INIT;
    cmark_node *c = cmark_node_first_child(parent);

    (void)t;
    while (c) {
        cmark_node *next = cmark_node_next(c);
        lift *lf = lift_of(c);
        int changed = 0;
        ck_buf_clear(&b);
        if (lf) {
            size_t nl = 0, nt = 0;
            for (size_t i = 0; i < u->n; i++) {
                if (u->v[i].node != c || u->v[i].type != UNIT_TOKEN)
                    continue;
                if (u->v[i].from == FROM_LEAD && !drop[i])
                    lf->lead[nl++] = u->v[i].token;
                if (u->v[i].from == FROM_TRAIL && !drop[i])
                    lf->trail[nt++] = u->v[i].token;
            }
            lf->lead_count = nl;
            lf->trail_count = nt;
        }
        if (cmark_node_get_type(c) == CMARK_NODE_TEXT) {
            for (size_t i = 0; i < u->n; i++) {
                if (u->v[i].node != c || u->v[i].from != FROM_TEXT)
                    continue;
                if (drop[i]) {
                    changed = 1;
                } else if (u->v[i].type == UNIT_TEXT) {
                    ck_buf_append(&b, u->v[i].text, u->v[i].len);
                } else {
                    ck_buf_printf(&b, MARK_OPEN "%d" MARK_CLOSE, u->v[i].token);
                }
            }
            if (changed) {
                if (b.len == 0) {
                    cmark_node_free(c);
                } else {
                    cmark_node_set_literal(c, b.data);
                }
            }
        }
        c = next;
    }
    ck_buf_free(&b);
}

/* Decides, for node, which of its children's tags stay inside it and which
 * move out (lead/trail) to its parent. */
static int lift_node(ck_template *t, cmark_node *node, unit_list *u, ck_error *err)
{
    cmark_node_type type = cmark_node_get_type(node);
    int *close = NULL, *mid = NULL;
    char *unmatched = NULL, *drop = NULL;
    lift *lf = NULL;
    long first_content = -1, last_content = -1;
    int rc = 0, any_tag = 0, bad;
    size_t lifted = 0;

    ck_template_build_units(t, node, u);
    if (u->n == 0)
        return 0;
    close = ck_malloc(sizeof *close * u->n);
    mid = ck_malloc(sizeof *mid * u->n);
    unmatched = ck_calloc(u->n, 1);
    drop = ck_calloc(u->n, 1);
    for (size_t i = 0; i < u->n; i++) {
        if (u->v[i].content) {
            if (first_content < 0)
                first_content = (long)i;
            last_content = (long)i;
        }
        any_tag |= is_section_token(t, &u->v[i]);
    }
    if (!any_tag)
        goto content;
    if (type == CMARK_NODE_TABLE_ROW) {
        /* Sections never span cells: tags go to the row (lead from the
         * first cell, trail from the last) or stay inside one cell. */
        long first_node = -1, last_node = -1;
        for (size_t i = 0; i < u->n; i++)
            if (u->v[i].type == UNIT_NODE) {
                if (first_node < 0)
                    first_node = (long)i;
                last_node = (long)i;
            }
        for (size_t i = 0; i < u->n; i++) {
            if (!is_section_token(t, &u->v[i]))
                continue;
            if ((long)i < first_node || (long)i > last_node || first_node < 0)
                unmatched[i] = 1;
            else {
                rc = lift_fail(t, u->v[i].token, err,
                               "%s 在表格列的中間：區段標記須在第一格開頭、最後一格結尾，或在同一格內成對",
                               "%s is in the middle of a table row: a section tag must begin the first cell, "
                               "end the last cell, or open and close inside one cell");
                goto done;
            }
        }
        first_content = first_node;
        last_content = last_node;
    } else {
        bad = ck_template_pair_sections(t, u, close, mid, unmatched);
        if (bad < 0) {
            rc = lift_fail(t, u->v[-bad - 1].token, err, "%s 結束的區段種類不對（#each 用 /each，#if 用 /if）",
                           "%s closes the wrong kind of section (#each with /each, #if with /if)");
            goto done;
        }
        if (type == CMARK_NODE_ITEM ||
            (type == CMARK_NODE_PARAGRAPH && cmark_node_parent(node) &&
             cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_ITEM)) {
            /* A list item wholly inside one section repeats as an item:
             * `- {{#each 人員}}{{this}}{{/each}}` gives one item per name. */
            long first = -1, last = -1;
            for (size_t i = 0; i < u->n; i++)
                if (u->v[i].type != UNIT_TEXT || u->v[i].content) {
                    if (first < 0)
                        first = (long)i;
                    last = (long)i;
                }
            if (first >= 0 && is_section_token(t, &u->v[first]) && close[first] == last && mid[first] < 0) {
                unmatched[first] = unmatched[last] = 1;
                close[first] = -1;
            }
        }
        if (type == CMARK_NODE_TABLE) {
            /* A section may not take in the header row. */
            cmark_node *header = cmark_node_first_child(node);
            for (size_t i = 0; i < u->n; i++)
                if (u->v[i].node == header && u->v[i].type == UNIT_TOKEN && !unmatched[i] &&
                    close[i] >= 0) {
                    rc = lift_fail(t, u->v[i].token, err, "%s 不能包含表格的標題列",
                                   "%s cannot take in the table's header row");
                    goto done;
                }
        }
    }
    for (size_t i = 0; i < u->n; i++) {
        if (!unmatched[i])
            continue;
        if (type == CMARK_NODE_DOCUMENT) {
            rc = lift_fail(t, u->v[i].token, err, "%s 沒有成對的標記（開頭與結尾須在同一層：同一段落、同一表格或同一清單）",
                           "%s has no partner at its level (opening and closing tags must be in the same "
                           "paragraph, table or list)");
            goto done;
        }
        if (first_content >= 0 && (long)i > first_content && (long)i < last_content) {
            rc = lift_fail(t, u->v[i].token, err,
                           "%s 的另一半不在同一段落：跨段落的區段標記須寫在段落的開頭或結尾",
                           "%s has no partner in its paragraph: a section spanning paragraphs must begin "
                           "or end one");
            goto done;
        }
        lf = lift_new(t, node);
        if (first_content < 0 || (long)i < first_content)
            int_push(&lf->lead, &lf->lead_count, u->v[i].token);
        else
            int_push(&lf->trail, &lf->trail_count, u->v[i].token);
        drop[i] = 1;
        lifted++;
    }
    if (lifted) {
        int keep = type == CMARK_NODE_TABLE_CELL || type == CMARK_NODE_TABLE;
        if (type == CMARK_NODE_TABLE_ROW && cmark_gfm_extensions_get_table_row_is_header(node))
            keep = 1;
        drop_units(t, node, u, drop);
        if (first_content < 0 && !keep)
            lf->empty = 1;
        if (type == CMARK_NODE_TABLE_ROW && !keep) {
            /* A row whose cells hold nothing but the tags is a marker row. */
            int row_content = 0;
            for (cmark_node *cell = cmark_node_first_child(node); cell; cell = cmark_node_next(cell)) {
                lift *cl = lift_of(cell);
                row_content |= cl ? cl->has_content : cmark_node_first_child(cell) != NULL;
            }
            lf->empty = !row_content;
        }
    }
content:
    if (!lf)
        lf = lift_new(t, node);
    lf->has_content = 0;
    if (type == CMARK_NODE_TABLE_ROW || type == CMARK_NODE_TABLE) {
        lf->has_content = 1;
    } else {
        ck_template_build_units(t, node, u);
        for (size_t i = 0; i < u->n; i++)
            lf->has_content |= u->v[i].content;
    }
done:
    free(close);
    free(mid);
    free(unmatched);
    free(drop);
    return rc;
}

/* Joins adjacent text nodes, which cmark leaves apart around characters
 * such as `[` or `*` that turned out to be plain text. */
static void merge_text_children(cmark_node *node)
{
    cmark_node *c = cmark_node_first_child(node);
    ck_buf b = CK_BUF_INIT;

    while (c) {
        cmark_node *next = cmark_node_next(c);
        if (cmark_node_get_type(c) == CMARK_NODE_TEXT && next && cmark_node_get_type(next) == CMARK_NODE_TEXT) {
            ck_buf_clear(&b);
            ck_buf_puts(&b, cmark_node_get_literal(c));
            ck_buf_puts(&b, cmark_node_get_literal(next));
            cmark_node_set_literal(c, b.data);
            cmark_node_free(next);
            continue;
        }
        c = next;
    }
    ck_buf_free(&b);
}

int ck_template_node_is_leaf(cmark_node *node)
{
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
        return 1;
    default:
        return 0;
    }
}

static int marker_line(const ck_template *t, const char *s, long *line, long *column)
{
    size_t start, end;
    int index;
    if (!s || !ck_template_next_marker(s, strlen(s), 0, &start, &end, &index) || (size_t)index >= t->token_count)
        return 0;
    *line = t->tokens[index].line;
    *column = t->tokens[index].column;
    return 1;
}

/* Leaves where only plain placeholders may stand (code), or none at all
 * (HTML, link targets, code block info strings). */
static int check_leaf(ck_template *t, cmark_node *node, ck_error *err)
{
    cmark_node_type type = cmark_node_get_type(node);
    long line, column;
    const char *where = NULL;

    if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
        if (marker_line(t, cmark_node_get_literal(node), &line, &column))
            where = ck_tr("HTML", "HTML");
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
        if (marker_line(t, cmark_node_get_url(node), &line, &column) ||
            marker_line(t, cmark_node_get_title(node), &line, &column))
            where = ck_tr("連結網址", "a link's address");
    } else if (type == CMARK_NODE_CODE_BLOCK) {
        if (marker_line(t, cmark_node_get_fence_info(node), &line, &column))
            where = ck_tr("程式碼區塊的標示", "a code block's info string");
    }
    if (where)
        return ck_template_token_fail(t, err, line, column, ck_tr("預留位置不能用在%s之內", "placeholders cannot be used inside %s"),
                          where);
    if (type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        const char *s = cmark_node_get_literal(node);
        size_t len = strlen(s), pos = 0, start, end;
        int index;
        while (ck_template_next_marker(s, len, pos, &start, &end, &index)) {
            if (t->tokens[index].kind != TOK_VAR)
                return ck_template_token_fail(t, err, t->tokens[index].line, t->tokens[index].column,
                                  ck_tr("區段標記 %s 不能在程式碼之內", "the section tag %s cannot be inside code"),
                                  ck_template_token_label(&t->tokens[index]));
            pos = end;
        }
    }
    return 0;
}

int ck_template_compile(ck_template *t, ck_error *err)
{
    cmark_iter *it = cmark_iter_new(t->doc);
    cmark_event_type ev;
    unit_list u = { NULL, 0, 0 };
    int depth = 0, rc = 0;

    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER) {
            if ((rc = check_leaf(t, node, err)) != 0)
                goto done;
            if (!ck_template_node_is_leaf(node) && ++depth > MAX_TREE_DEPTH) {
                rc = ck_template_token_fail(t, err, cmark_node_get_start_line(node) + t->body_line - 1, 0,
                                ck_tr("範本的巢狀結構超過 %d 層", "the template nests deeper than %d levels"),
                                MAX_TREE_DEPTH);
                goto done;
            }
        } else if (ev == CMARK_EVENT_EXIT) {
            depth--;
            merge_text_children(node);
            if ((rc = lift_node(t, node, &u, err)) != 0)
                goto done;
        }
    }
done:
    cmark_iter_free(it);
    free(u.v);
    return rc;
}

