/* fuzz_xml — libFuzzer harness for the XML layer on its own: any bytes as a
 * part, through the SAX path and the DOM path. */
#include <stdint.h>
#include <string.h>

#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
    size_t *count = CK_XML_STATE(ctx);
    *count += (size_t)len;
    (void)ch;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xmlSAXHandler h;
    ck_error err;
    size_t count = 0;
    xmlDocPtr doc = NULL;

    ck_xml_init();
    memset(&h, 0, sizeof h);
    h.characters = on_chars;
    ck_error_clear(&err);
    ck_xml_parse_memory((const char *)data, size, "fuzz.xml", &h, &count, &err);
    ck_error_clear(&err);
    if (ck_xml_read_dom_memory((const char *)data, size, "fuzz.xml", &doc, &err) == 0)
        xmlFreeDoc(doc);
    return 0;
}
