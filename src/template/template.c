/* template.c — loading, checking and filling Markdown form templates.
 *
 * Loading works in four steps:
 *  1. the YAML front matter is read with libyaml into field declarations;
 *  2. every `{{...}}` of the body is parsed into a token and replaced in the
 *     text by a marker of private-use characters (U+E000 n U+E001), so
 *     cmark never reads a placeholder's `|`, `*` or `_` as Markdown;
 *  3. the body is parsed with cmark-gfm (table extension);
 *  4. section tags that begin or end an element without closing inside it
 *     are lifted out of it and attached to the element (node user data),
 *     bottom-up: `{{#each}}` at the start of a table row's first cell ends
 *     up around the row, and the row repeats.
 * Rendering copies the tree node by node, replacing markers with values
 * (always as text nodes) and expanding sections.
 *
 * Steps 1 and 2 are in loader.c, 3 and 4 in lift.c, rendering in render.c;
 * this file holds the public entry points of template.h.
 */
#include "template/internal.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/lang.h"

/* ============================================================================
 * Loading
 * ========================================================================== */

static cmark_syntax_extension *table_extension(void)
{
    cmark_gfm_core_extensions_ensure_registered();
    return cmark_find_syntax_extension("table");
}

int ck_template_load_string(const char *name, const char *text, size_t len, ck_template **out,
                            ck_error *err)
{
    ck_template *t = ck_calloc(1, sizeof *t);
    ck_buf body = CK_BUF_INIT;
    cmark_parser *parser = NULL;
    const char *p = text, *end = text + len, *fm_start, *fm_end = NULL, *body_start = NULL;
    long line = 1;
    int rc = 0;

    *out = NULL;
    t->path = ck_strdup(name);
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    if (memchr(p, '\0', (size_t)(end - p))) {
        rc = ck_template_token_fail(t, err, 0, 0, ck_tr("範本不是文字檔（含有 NUL 位元組）%s", "the template is not a text file (it holds NUL bytes)%s"), "");
        goto done;
    }
    /* Front matter: "---" on the first line, up to the next "---" line. */
    if (!(end - p >= 4 && memcmp(p, "---", 3) == 0 &&
          (p[3] == '\n' || (end - p >= 5 && p[3] == '\r' && p[4] == '\n')))) {
        rc = ck_template_token_fail(t, err, 1, 1,
                        ck_tr("範本須以 --- 開頭的表頭（front matter）宣告表單與欄位",
                              "a template must begin with a --- front matter block declaring the form and fields%s"),
                        "");
        goto done;
    }
    p = (const char *)memchr(p, '\n', (size_t)(end - p)) + 1;
    line = 2;
    fm_start = p;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t l = eol ? (size_t)(eol - p) : (size_t)(end - p);
        if (l && p[l - 1] == '\r')
            l--;
        if ((l == 3 && (memcmp(p, "---", 3) == 0 || memcmp(p, "...", 3) == 0))) {
            fm_end = p;
            body_start = eol ? eol + 1 : end;
            break;
        }
        p = eol ? eol + 1 : end;
        line++;
    }
    if (!fm_end) {
        rc = ck_template_token_fail(t, err, 1, 1, ck_tr("表頭沒有以 --- 結束", "the front matter is not closed by ---%s"), "");
        goto done;
    }
    if ((rc = ck_template_parse_front_matter(t, fm_start, (size_t)(fm_end - fm_start), 2, err)) != 0)
        goto done;
    t->body_line = line + 1;
    if ((rc = ck_template_encode_body(t, body_start, (size_t)(end - body_start), &body, err)) != 0)
        goto done;
    if ((rc = ck_template_check_tokens(t, err)) != 0)
        goto done;
    parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(parser, table_extension());
    cmark_parser_feed(parser, body.data ? body.data : "", body.len);
    t->doc = cmark_parser_finish(parser);
    if ((rc = ck_template_compile(t, err)) != 0)
        goto done;
done:
    if (parser)
        cmark_parser_free(parser);
    ck_buf_free(&body);
    if (rc != 0)
        ck_template_free(t);
    else
        *out = t;
    return rc;
}

int ck_template_load(const char *path, ck_template **out, ck_error *err)
{
    ck_buf b = CK_BUF_INIT;
    int rc;

    *out = NULL;
    rc = ck_fs_read_all(path, MAX_TEMPLATE_BYTES, ck_tr("範本", "the template"), &b, err);
    if (!rc)
        rc = ck_template_load_string(path, b.data, b.len, out, err);
    ck_buf_free(&b);
    return rc;
}

void ck_template_free(ck_template *t)
{
    if (!t)
        return;
    free(t->path);
    free(t->form);
    free(t->title);
    for (size_t i = 0; i < t->ignore_count; i++)
        free(t->ignore_columns[i]);
    free(t->ignore_columns);
    for (size_t i = 0; i < t->field_count; i++) {
        ck_template_field *f = &t->fields[i];
        free(f->name);
        free(f->label);
        for (size_t j = 0; j < f->alias_count; j++)
            free(f->aliases[j]);
        free(f->aliases);
    }
    free(t->fields);
    for (size_t i = 0; i < t->token_count; i++)
        ck_template_token_clear(&t->tokens[i]);
    free(t->tokens);
    for (size_t i = 0; i < t->lift_count; i++) {
        free(t->lifts[i]->lead);
        free(t->lifts[i]->trail);
        free(t->lifts[i]);
    }
    free(t->lifts);
    if (t->doc)
        cmark_node_free(t->doc);
    free(t);
}

const char *ck_template_form(const ck_template *t) { return t->form; }
const char *ck_template_title(const ck_template *t) { return t->title ? t->title : t->form; }
const char *ck_template_path(const ck_template *t) { return t->path; }
const char *const *ck_template_ignore_columns(const ck_template *t)
{
    return (const char *const *)t->ignore_columns;
}
size_t ck_template_field_count(const ck_template *t) { return t->field_count; }

const ck_template_field *ck_template_field_at(const ck_template *t, size_t i)
{
    return i < t->field_count ? &t->fields[i] : NULL;
}

const ck_template_field *ck_template_find_field(const ck_template *t, const char *name)
{
    for (size_t i = 0; i < t->field_count; i++)
        if (strcmp(t->fields[i].name, name) == 0)
            return &t->fields[i];
    return NULL;
}

