#include "xml/paragraph.h"

#include <string.h>

#include "xml/xml.h"

static int equal(const char *uri, size_t len, const char *want)
{
    return strlen(want) == len && memcmp(uri, want, len) == 0;
}

int ck_xml_is_w(const char *uri, size_t len)
{
    return uri && (equal(uri, len, CK_NS_W) || equal(uri, len, CK_NS_W_STRICT));
}

int ck_xml_is_paragraph(ck_paragraph_format format, const char *uri, const char *local)
{
    if (!uri || !local)
        return 0;
    if (format == CK_PARAGRAPHS_DOCX)
        return strcmp(local, "p") == 0 && ck_xml_is_w(uri, strlen(uri));
    return (strcmp(local, "p") == 0 || strcmp(local, "h") == 0) && strcmp(uri, CK_NS_TEXT) == 0;
}
