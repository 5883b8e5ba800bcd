/* xml.h — the XML layer shared by the readers and the writers.
 *
 * Parts are parsed as a stream: a SAX2 push parser is fed from the zip
 * stream in chunks, so a 50 MB document.xml never sits whole in memory.
 * Parsing is safe on hostile input: a DOCTYPE is rejected before libxml2
 * sees it (so no entity is ever declared, expanded or loaded), the network
 * is off, nesting depth is bounded, and libxml2 prints nothing: its
 * messages are folded into the ck_error with the part, line and column.
 *
 * SAX callbacks receive the parse's own state as their first argument
 * (libxml2's user data), never the parser context; the caller's state is
 * CK_XML_STATE(ctx). A callback stops the parse with ck_xml_abort().
 */
#ifndef CK_XML_H
#define CK_XML_H

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "util/error.h"
#include "zip/container.h"

/* Switches libxml2's own error printing off. Idempotent; call once at start. */
void ck_xml_init(void);

/* The caller's state (user of the parse) inside a SAX callback. */
void *ck_xml_state(void *ctx);
#define CK_XML_STATE(ctx) ck_xml_state(ctx)

/* Parses part of zip with handlers; callbacks reach user as CK_XML_STATE(ctx).
 * Unset handler slots are ignored. On error err names file, part, line. */
int ck_xml_parse_part(ck_zip *zip, const char *part, const xmlSAXHandler *handlers, void *user,
                      ck_error *err);

/* The same over a buffer in memory; name is used in messages. */
int ck_xml_parse_memory(const char *data, size_t len, const char *name, const xmlSAXHandler *handlers,
                        void *user, ck_error *err);

/* Stops the parse from inside a callback with a message of the caller's;
 * the parse function then returns code. */
void ck_xml_abort(void *ctx, int code, const char *message);

/* Reads a small part (at most max_bytes, 0 for 16 MiB) into a DOM tree,
 * with the same protections. Caller frees with xmlFreeDoc. */
int ck_xml_read_dom(ck_zip *zip, const char *part, size_t max_bytes, xmlDocPtr *out, ck_error *err);
int ck_xml_read_dom_memory(const char *data, size_t len, const char *name, xmlDocPtr *out,
                           ck_error *err);

/* Attribute lookup for SAX2 startElementNs: the value of attribute local in
 * namespace ns (NULL: any namespace), copied into a NUL-terminated string
 * the caller frees, or NULL when absent. */
char *ck_xml_attr(int nb_attributes, const xmlChar **attributes, const char *ns, const char *local);

/* DOM helpers: the attribute value (caller frees with xmlFree) of node in ns. */
xmlChar *ck_xml_dom_attr(xmlNodePtr node, const char *ns, const char *local);
/* True when node is an element with this local name in namespace ns (NULL: any). */
int ck_xml_is(xmlNodePtr node, const char *ns, const char *local);

/* Namespaces used across the project. */
#define CK_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define CK_NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define CK_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define CK_NS_R_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define CK_NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define CK_NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define CK_NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define CK_NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define CK_NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define CK_NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define CK_NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define CK_NS_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define CK_NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

#endif
