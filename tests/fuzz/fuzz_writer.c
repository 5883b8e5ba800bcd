/* fuzz_writer — libFuzzer harness: any bytes as Markdown (GFM tables and
 * strikethrough, as the forms use), rendered by the DOCX, ODT and HTML
 * writers. The DOCX document and numbering parts and the ODT content must
 * be well-formed XML whatever the text says: a text node is data, never
 * markup. Only libxml2's nesting limit may refuse them (very deep lists or
 * quotes). */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "util/buf.h"
#include "writer/writer.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void assert_well_formed(const ck_buf *xml)
{
    xmlDocPtr doc;

    if (!xml->len)
        return;
    doc = xmlReadMemory(xml->data, (int)xml->len, "fuzz.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc) {
        xmlFreeDoc(doc);
        return;
    }
    const xmlError *e = xmlGetLastError();
    assert(e && e->message && strstr(e->message, "depth"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cmark_parser *parser;
    cmark_node *doc;
    ck_buf out = CK_BUF_INIT, numbering = CK_BUF_INIT;
    ck_error err;

    ck_xml_init();
    cmark_gfm_core_extensions_ensure_registered();
    parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("table"));
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("strikethrough"));
    cmark_parser_feed(parser, (const char *)data, size);
    doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);

    ck_error_clear(&err);
    if (ck_writer_docx_render(&doc, 1, NULL, &out, &numbering, &err) == 0) {
        assert_well_formed(&out);
        assert_well_formed(&numbering);
    }
    ck_buf_free(&out);
    ck_buf_free(&numbering);
    ck_error_clear(&err);
    if (ck_writer_odt_render(&doc, 1, NULL, &out, &err) == 0)
        assert_well_formed(&out);
    ck_buf_free(&out);
    ck_error_clear(&err);
    ck_writer_html_render(&doc, 1, NULL, &out, &err);
    ck_buf_free(&out);
    cmark_node_free(doc);
    return 0;
}
