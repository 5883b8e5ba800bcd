/* template_support.h — what the template tests share: a front matter with
 * every kind of field, loading a body under it, a record from YAML, and
 * the HTML cmark writes of a rendered template. */
#ifndef CK_TEST_TEMPLATE_SUPPORT_H
#define CK_TEST_TEMPLATE_SUPPORT_H

#include "support.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "data/data.h"
#include "template/template.h"
#include "util/buf.h"
#include "util/lang.h"

#define HEAD                                                                              \
    "---\n"                                                                               \
    "form: T-1\n"                                                                         \
    "title: 測試表\n"                                                                     \
    "fields:\n"                                                                           \
    "  - { name: 姓名, required: true, aliases: [立書人] }\n"                             \
    "  - { name: 身分證字號, kind: id }\n"                                                \
    "  - { name: 簽署日期, kind: date }\n"                                                \
    "  - { name: 金額, kind: amount }\n"                                                  \
    "  - { name: 稽核人員, kind: names }\n"                                               \
    "  - { name: 職稱 }\n"                                                                \
    "  - { name: 項目清單, kind: checklist }\n"                                           \
    "---\n"
/* HEAD has 12 lines: the body starts on line 13. */

static __attribute__((unused)) ck_template *load(const char *body, ck_error *err)
{
    ck_buf b = CK_BUF_INIT;
    ck_template *t = NULL;
    ck_buf_puts(&b, HEAD);
    ck_buf_puts(&b, body);
    ck_error_clear(err);
    ck_template_load_string("t.md", b.data, b.len, &t, err);
    ck_buf_free(&b);
    return t;
}

static __attribute__((unused)) ck_value *record(const char *yaml)
{
    ck_value *list = NULL, *one;
    ck_error err;
    ck_error_clear(&err);
    if (ck_record_read_memory(yaml, strlen(yaml), "r.yaml", NULL, &list, &err) != 0) {
        ck_error_print(&err, stderr);
        abort();
    }
    one = list->items[0];
    list->items[0] = ck_value_new_string("", 0);
    ck_value_free(list);
    return one;
}

/* Renders body with the record (YAML) and returns the HTML cmark writes. */
static __attribute__((unused)) char *html(const char *body, const char *yaml)
{
    ck_error err;
    ck_template *t = load(body, &err);
    ck_value *r = record(yaml);
    cmark_node *doc = NULL;
    cmark_llist *exts = NULL;
    char *out;

    if (!t) {
        ck_error_print(&err, stderr);
        fail_msg("template did not load");
    }
    if (ck_template_render(t, r, &doc, &err) != 0) {
        ck_error_print(&err, stderr);
        fail_msg("render failed");
    }
    exts = cmark_llist_append(cmark_get_default_mem_allocator(), exts, cmark_find_syntax_extension("table"));
    out = cmark_render_html(doc, CMARK_OPT_DEFAULT, exts);
    cmark_llist_free(cmark_get_default_mem_allocator(), exts);
    cmark_node_free(doc);
    ck_value_free(r);
    ck_template_free(t);
    return out;
}

static __attribute__((unused)) void expect_html(const char *body, const char *yaml, const char *want)
{
    char *got = html(body, yaml);
    if (strcmp(got, want) != 0)
        print_error("body:\n%s\ngot:\n%s\nwant:\n%s\n", body, got, want);
    assert_string_equal(got, want);
    free(got);
}

static __attribute__((unused)) void expect_load_error(const char *body, const char *pattern)
{
    ck_error err;
    char line[2048];
    ck_template *t = load(body, &err);
    assert_null(t);
    ck_error_format(&err, line, sizeof line);
    if (!strstr(line, pattern))
        print_error("error '%s' lacks '%s'\n", line, pattern);
    assert_non_null(strstr(line, pattern));
}


/* Loads a template from an exact-size heap copy of text, so that the
 * sanitizer build catches any read past its end. */
static __attribute__((unused)) int load_exact(const char *text, size_t len, ck_template **t, ck_error *err)
{
    char *copy = malloc(len);
    int rc;
    memcpy(copy, text, len);
    rc = ck_template_load_string("f.md", copy, len, t, err);
    free(copy);
    return rc;
}

#endif
