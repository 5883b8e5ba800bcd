#include "support.h"

#include "util/buf.h"
#include "util/lang.h"
#include "xml/xml.h"

typedef struct collect {
    ck_buf names;
    ck_buf text;
} collect;

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_ns, const xmlChar **ns, int nb_attr, int nb_def, const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)nb_ns, (void)ns, (void)nb_def;
    collect *c = CK_XML_STATE(ctx);
    ck_buf_printf(&c->names, "<%s", (const char *)local);
    char *v = ck_xml_attr(nb_attr, attrs, NULL, "v");
    if (v)
        ck_buf_printf(&c->names, " v=%s", v);
    free(v);
    ck_buf_puts(&c->names, ">");
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
    collect *c = CK_XML_STATE(ctx);
    ck_buf_append(&c->text, ch, (size_t)len);
}

static xmlSAXHandler handlers(void)
{
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.startElementNs = on_start;
    h.characters = on_chars;
    return h;
}

static int parse(const char *xml, collect *c, ck_error *err)
{
    xmlSAXHandler h = handlers();
    memset(c, 0, sizeof *c);
    ck_error_clear(err);
    return ck_xml_parse_memory(xml, strlen(xml), "part.xml", &h, c, err);
}

static void free_collect(collect *c)
{
    ck_buf_free(&c->names);
    ck_buf_free(&c->text);
}

static void parses_elements_attributes_and_text(void **state)
{
    (void)state;
    collect c;
    ck_error err;
    assert_int_equal(parse("<?xml version=\"1.0\"?><!-- hi --><a v=\"1\"><b>甲方&amp;乙方</b></a>", &c, &err), 0);
    assert_string_equal(c.names.data, "<a v=1><b>");
    assert_string_equal(c.text.data, "甲方&乙方");
    free_collect(&c);
}

static void doctype_is_refused_before_parsing(void **state)
{
    (void)state;
    collect c;
    ck_error err;
    const char *laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                         "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                         "<lolz>&lol2;</lolz>";
    assert_int_equal(parse(laughs, &c, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "DOCTYPE"));
    assert_string_equal(err.part, "part.xml");
    assert_null(c.text.data);
    free_collect(&c);

    const char *external = "<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a>&x;</a>";
    assert_int_equal(parse(external, &c, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "DOCTYPE"));
    free_collect(&c);
}

static void invalid_utf8_is_named(void **state)
{
    (void)state;
    collect c;
    ck_error err;
    assert_int_equal(parse("<a>\xff\xfe bad</a>", &c, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "UTF-8"));
    assert_int_equal(err.line, 1);
    free_collect(&c);
}

static void deep_nesting_is_refused(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    for (int i = 0; i < 100000; i++)
        ck_buf_puts(&b, "<a>");
    collect c;
    ck_error err;
    assert_int_equal(parse(b.data, &c, &err), CK_ELIMIT);
    assert_non_null(strstr(err.message, "deeply"));
    free_collect(&c);
    ck_buf_free(&b);
}

/* attrs N: an element with N attributes, split across parse chunks. */
static void many_attributes(ck_buf *b, int n, const char *quote)
{
    ck_buf_puts(b, "<?xml version=\"1.0\"?><!-- a=\"1\" b=\"2\" --><r x=\"a>b=c\"><e");
    for (int i = 0; i < n; i++)
        ck_buf_printf(b, " a%d=%s%d%s", i, quote, i, quote);
    ck_buf_puts(b, "/>text = more</r>");
}

static void too_many_attributes_are_refused_before_libxml2(void **state)
{
    (void)state;
    collect c;
    ck_error err;
    ck_buf b = CK_BUF_INIT;
    many_attributes(&b, 200000, "\"");
    assert_int_equal(parse(b.data, &c, &err), CK_ELIMIT);
    assert_non_null(strstr(err.message, "more than 1000 attributes"));
    assert_string_equal(err.part, "part.xml");
    assert_null(c.names.data); /* stopped before any element was seen */
    free_collect(&c);
    ck_buf_free(&b);

    /* the DOM reader too */
    xmlDocPtr doc = NULL;
    ck_buf_clear(&b);
    many_attributes(&b, 5000, "'");
    ck_error_clear(&err);
    assert_int_equal(ck_xml_read_dom_memory(b.data, b.len, "p.xml", &doc, &err), CK_ELIMIT);
    assert_null(doc);

    /* '=' in comments, text and quoted values is not counted; 1000 is fine */
    ck_buf_clear(&b);
    many_attributes(&b, 1000, "\"");
    assert_int_equal(parse(b.data, &c, &err), 0);
    assert_string_equal(c.names.data, "<r><e>");
    assert_string_equal(c.text.data, "text = more");
    free_collect(&c);
    ck_buf_free(&b);
}

/* Short tags are passed over whole; a tag with too many attributes is
 * still found after 100,000 of them, wherever the chunks split it, and
 * written as tightly as XML allows. */
static void too_many_attributes_after_many_short_tags(void **state)
{
    (void)state;
    collect c;
    ck_error err;
    ck_buf b = CK_BUF_INIT;
    for (int lead = 0; lead < 3; lead++) {
        ck_buf_clear(&b);
        ck_buf_puts(&b, "<?xml version=\"1.0\"?><r>");
        for (int i = 0; i < 100000 + lead * 7; i++)
            ck_buf_puts(&b, "<s a=\"1\" b='2'>t</s>");
        ck_buf_puts(&b, "<e");
        for (int i = 0; i < 1001; i++)
            ck_buf_printf(&b, " %c%d=''", 'a' + i % 26, i / 26);
        ck_buf_puts(&b, "/></r>");
        assert_int_equal(parse(b.data, &c, &err), CK_ELIMIT);
        assert_non_null(strstr(err.message, "more than 1000 attributes"));
        free_collect(&c);
    }
    ck_buf_free(&b);
}

static void malformed_xml_names_line(void **state)
{
    (void)state;
    collect c;
    ck_error err;
    assert_int_equal(parse("<a>\n<b></a>", &c, &err), CK_EINPUT);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "malformed XML"));
    free_collect(&c);
}

static void streams_a_part_from_a_package(void **state)
{
    (void)state;
    ck_buf big = CK_BUF_INIT;
    ck_buf_puts(&big, "<r>");
    for (int i = 0; i < 50000; i++)
        ck_buf_puts(&big, "<p>條</p>");
    ck_buf_puts(&big, "</r>");
    const char *path = ck_test_package("s.zip", "x.xml", big.data, NULL);
    ck_zip *zip = NULL;
    ck_error err;
    collect c;
    xmlSAXHandler h = handlers();
    memset(&c, 0, sizeof c);
    ck_error_clear(&err);
    assert_int_equal(ck_zip_open(&zip, path, NULL, &err), 0);
    assert_int_equal(ck_xml_parse_part(zip, "x.xml", &h, &c, &err), 0);
    assert_int_equal(c.text.len, 50000 * strlen("條"));
    ck_zip_close(zip);
    free_collect(&c);
    ck_buf_free(&big);
}

static void dom_reader_is_protected_too(void **state)
{
    (void)state;
    xmlDocPtr doc = NULL;
    ck_error err;
    ck_error_clear(&err);
    const char *bad = "<!DOCTYPE a [<!ENTITY e SYSTEM \"/etc/passwd\">]><a>&e;</a>";
    assert_int_equal(ck_xml_read_dom_memory(bad, strlen(bad), "p.xml", &doc, &err), CK_EINPUT);
    assert_null(doc);
    const char *good = "<a xmlns:w=\"" CK_NS_W "\"><w:b w:val=\"x\"/></a>";
    ck_error_clear(&err);
    assert_int_equal(ck_xml_read_dom_memory(good, strlen(good), "p.xml", &doc, &err), 0);
    xmlNodePtr b = xmlDocGetRootElement(doc)->children;
    assert_true(ck_xml_is(b, CK_NS_W, "b"));
    xmlChar *v = ck_xml_dom_attr(b, CK_NS_W, "val");
    assert_string_equal((char *)v, "x");
    xmlFree(v);
    xmlFreeDoc(doc);
}

int main(void)
{
    ck_lang_set_name("en");
    ck_xml_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_elements_attributes_and_text),
        cmocka_unit_test(doctype_is_refused_before_parsing),
        cmocka_unit_test(invalid_utf8_is_named),
        cmocka_unit_test(deep_nesting_is_refused),
        cmocka_unit_test(too_many_attributes_are_refused_before_libxml2),
        cmocka_unit_test(too_many_attributes_after_many_short_tags),
        cmocka_unit_test(malformed_xml_names_line),
        cmocka_unit_test(streams_a_part_from_a_package),
        cmocka_unit_test(dom_reader_is_protected_too),
    };
    return cmocka_run_group_tests_name("xml", tests, NULL, NULL);
}
