#include "xml/xml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>

#include "util/buf.h"
#include "util/lang.h"

enum { CHUNK = 65536 };

/* Per-parse bookkeeping. It is libxml2's user data, so every SAX callback
 * gets it as its first argument; the caller's state is in user. */
typedef struct parse_session {
    void *user;      /* the caller's state (CK_XML_STATE) */
    xmlParserCtxtPtr ctxt;
    const char *name;
    ck_error *err;
    int aborted;     /* a callback or the prolog scan stopped the parse */
    int prolog_done; /* the root element has started */
    int prolog_state;
    int depth;
    int tag_state;   /* scan_attributes: where the bytes fed so far end */
    long attributes; /* attributes of the start tag being read */
    const xmlSAXHandler *user_handlers;
} parse_session;

/* Deeper than any office document nests (Word's nested tables reach a few
 * dozen); libxml2's push parser does not bound depth itself. */
enum { MAX_DEPTH = 256 };

/* More attributes on one element than any office document writes (a root
 * element declares a few dozen namespaces). libxml2 compares each attribute
 * of a tag with every earlier one, so 200,000 cost it seconds before any
 * callback of ours runs: the count is taken on the bytes, before libxml2
 * sees them. */
enum { MAX_ATTRIBUTES = 1000 };

static void silent_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr error)
{
    (void)ctx;
    (void)error;
}

void ck_xml_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
}

void *ck_xml_state(void *ctx)
{
    return ((parse_session *)ctx)->user;
}

static void describe_xml_error(ck_error *err, const xmlError *e)
{
    const char *what;
    char detail[300];

    snprintf(detail, sizeof detail, "%s", e && e->message ? e->message : "");
    size_t n = strlen(detail);
    while (n && (detail[n - 1] == '\n' || detail[n - 1] == ' '))
        detail[--n] = '\0';

    switch (e ? e->code : 0) {
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
        what = ck_tr("內容不是有效的 UTF-8 文字；檔案已損毀，請用 Word 或 LibreOffice 重新儲存",
                     "the text is not valid UTF-8; the file is damaged: save it again in Word or LibreOffice");
        break;
    case XML_ERR_INTERNAL_ERROR:
        what = strstr(detail, "depth")
                   ? ck_tr("XML 巢狀層次過深；這不是一般的文件，可能是惡意檔案",
                           "XML nested too deeply; this is not an ordinary document and may be hostile")
                   : NULL;
        break;
    default:
        what = NULL;
    }
    if (!what && strstr(detail, "Excessive depth"))
        what = ck_tr("XML 巢狀層次過深；這不是一般的文件，可能是惡意檔案",
                     "XML nested too deeply; this is not an ordinary document and may be hostile");
    if (what)
        ck_error_set(err, CK_EINPUT, "%s", what);
    else
        ck_error_set(err, CK_EINPUT,
                     ck_tr("XML 格式錯誤（%s）；檔案已損毀，請用 Word 或 LibreOffice 重新儲存",
                           "malformed XML (%s); the file is damaged: save it again in Word or LibreOffice"),
                     detail);
    if (e)
        ck_error_set_line(err, e->line, e->int2);
}

static void session_error(void *ctx, xmlErrorPtr e)
{
    parse_session *s = ctx;
    if (!s || !e || e->level < XML_ERR_ERROR)
        return;
    describe_xml_error(s->err, e);
}

void ck_xml_abort(void *ctx, int code, const char *message)
{
    parse_session *s = ctx;
    s->aborted = 1;
    ck_error_set(s->err, code, "%s", message);
    if (s->ctxt->input)
        ck_error_set_line(s->err, xmlSAX2GetLineNumber(s->ctxt), xmlSAX2GetColumnNumber(s->ctxt));
    xmlStopParser(s->ctxt);
}

static int doctype_refused(ck_error *err)
{
    return ck_error_set(err, CK_EINPUT, "%s",
                        ck_tr("XML 含有 DOCTYPE 宣告（文件不會有這種內容，可能是惡意檔案）；已拒絕讀取",
                              "the XML has a DOCTYPE declaration (documents never do; it may be hostile); refused"));
}

/* Scans the prolog (everything before the root element) for "<!" — a
 * DOCTYPE — across chunk boundaries. Comments and processing instructions
 * in a prolog are rare in office files; "<!--" is allowed. Returns -1 when a
 * DOCTYPE is found. */
static int scan_prolog(parse_session *s, const char *data, size_t len)
{
    for (size_t i = 0; i < len && !s->prolog_done; i++) {
        char c = data[i];
        switch (s->prolog_state) {
        case 0: /* outside markup */
            if (c == '<')
                s->prolog_state = 1;
            break;
        case 1: /* after '<' */
            if (c == '?')
                s->prolog_state = 2;
            else if (c == '!')
                s->prolog_state = 4;
            else
                s->prolog_done = 1; /* root element */
            break;
        case 2: /* inside <? ... ?> */
            if (c == '?')
                s->prolog_state = 3;
            break;
        case 3:
            s->prolog_state = c == '>' ? 0 : (c == '?' ? 3 : 2);
            break;
        case 4: /* after "<!" */
            if (c == '-')
                s->prolog_state = 5;
            else
                return -1;
            break;
        case 5: /* "<!-" */
            if (c != '-')
                return -1;
            s->prolog_state = 6;
            break;
        case 6: /* inside a comment */
            if (c == '-')
                s->prolog_state = 7;
            break;
        case 7:
            s->prolog_state = c == '-' ? 8 : 6;
            break;
        case 8:
            s->prolog_state = c == '>' ? 0 : (c == '-' ? 8 : 6);
            break;
        }
    }
    return 0;
}

static int too_many_attributes(ck_error *err)
{
    ck_error_set(err, CK_ELIMIT,
                 ck_tr("XML 元素的屬性超過 %d 個；這不是一般的文件，可能是惡意檔案",
                       "an XML element has more than %d attributes; this is not an ordinary document and may be hostile"),
                 MAX_ATTRIBUTES);
    return CK_ELIMIT;
}

/* The states of scan_attributes. */
enum { TEXT, TAG_OPEN, TAG, QUOTE2, QUOTE1, OTHER };

/* Counts the '=' outside quotes of the markup that starts at p (a start
 * tag; comments, processing instructions and CDATA are skipped to their
 * '>') until it ends or the bytes do. Returns where it stopped, or NULL
 * when a tag has too many attributes. */
static const char *count_attributes(parse_session *s, const char *p, const char *end)
{
    const char *hit;
    while (p < end && s->tag_state != TEXT) {
        switch (s->tag_state) {
        case QUOTE2:
        case QUOTE1:
        case OTHER: {
            static const char closes[] = { 0, 0, 0, '"', '\'', '>' };
            hit = memchr(p, closes[s->tag_state], (size_t)(end - p));
            if (!hit)
                return end;
            p = hit + 1;
            s->tag_state = s->tag_state == OTHER ? TEXT : TAG;
            break;
        }
        case TAG_OPEN:
            s->tag_state = (*p == '!' || *p == '?') ? OTHER : *p == '>' ? TEXT : TAG;
            p++;
            break;
        default: /* TAG */
            for (; p < end; p++) {
                char c = *p;
                if (c == '>' || c == '"' || c == '\'') {
                    s->tag_state = c == '>' ? TEXT : c == '"' ? QUOTE2 : QUOTE1;
                    p++;
                    break;
                }
                if (c == '=' && ++s->attributes > MAX_ATTRIBUTES)
                    return NULL;
            }
            break;
        }
    }
    return p;
}

/* Counts the attributes of each start tag in the bytes about to be fed,
 * carrying the state from chunk to chunk. A '<' cannot occur inside a tag,
 * so markup that ends less than MAX_ATTRIBUTES bytes after its '<' (the
 * next '<' is that close) cannot hold too many and is skipped whole; only
 * longer markup, or markup running on into the next chunk, is read byte by
 * byte. Returns -1 when a tag has too many attributes. */
static int scan_attributes(parse_session *s, const char *buf, size_t n)
{
    const char *p = buf, *end = buf + n;
    while (p < end) {
        if (s->tag_state != TEXT) {
            if (!(p = count_attributes(s, p, end)))
                return -1;
            continue;
        }
        const char *lt = memchr(p, '<', (size_t)(end - p)), *next;
        if (!lt)
            return 0;
        for (;; lt = next) {
            size_t room = (size_t)(end - lt - 1);
            if (!(next = memchr(lt + 1, '<', room < MAX_ATTRIBUTES ? room : MAX_ATTRIBUTES)))
                break;
        }
        s->tag_state = TAG_OPEN;
        s->attributes = 0;
        p = lt + 1;
    }
    return 0;
}

static void depth_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                        int nb_ns, const xmlChar **ns, int nb_attr, int nb_def, const xmlChar **attrs)
{
    parse_session *s = ctx;
    if (nb_attr > MAX_ATTRIBUTES) {
        /* the byte scan has stopped this already; kept for a parse it missed */
        too_many_attributes(s->err);
        ck_xml_abort(ctx, CK_ELIMIT, s->err->message);
        return;
    }
    if (++s->depth > MAX_DEPTH) {
        ck_xml_abort(ctx, CK_ELIMIT,
                     ck_tr("XML 巢狀層次過深；這不是一般的文件，可能是惡意檔案",
                           "XML nested too deeply; this is not an ordinary document and may be hostile"));
        return;
    }
    if (s->user_handlers->startElementNs)
        s->user_handlers->startElementNs(ctx, local, prefix, uri, nb_ns, ns, nb_attr, nb_def, attrs);
}

static void depth_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    parse_session *s = ctx;
    s->depth--;
    if (s->user_handlers->endElementNs)
        s->user_handlers->endElementNs(ctx, local, prefix, uri);
}

static void refuse_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                               const xmlChar *system_id, xmlChar *content)
{
    parse_session *s = ctx;
    (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
    doctype_refused(s->err);
    s->aborted = 1;
    xmlStopParser(s->ctxt);
}

static void refuse_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                                   const xmlChar *system_id)
{
    parse_session *s = ctx;
    (void)name, (void)external_id, (void)system_id;
    doctype_refused(s->err);
    s->aborted = 1;
    xmlStopParser(s->ctxt);
}

static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url, (void)id, (void)ctxt;
    return NULL;
}

static const int parse_options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                 XML_PARSE_NOCDATA | XML_PARSE_COMPACT;

typedef long (*chunk_source)(void *src, char *buf, size_t size, ck_error *err);

static long from_stream(void *src, char *buf, size_t size, ck_error *err)
{
    return ck_zip_stream_read(src, buf, size, err);
}

typedef struct memory_source {
    const char *data;
    size_t len, pos;
} memory_source;

static long from_memory(void *src, char *buf, size_t size, ck_error *err)
{
    memory_source *m = src;
    (void)err;
    size_t n = m->len - m->pos < size ? m->len - m->pos : size;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (long)n;
}

static int run_parse(chunk_source next, void *src, const char *name, const xmlSAXHandler *handlers,
                     void *user, ck_error *err)
{
    xmlSAXHandler sax;
    xmlParserCtxtPtr ctxt = NULL;
    parse_session session;
    char *buf = ck_malloc(CHUNK);
    long n;
    int rc = 0;

    ck_xml_init();
    memset(&session, 0, sizeof session);
    session.user = user;
    session.name = name;
    session.err = err;

    session.user_handlers = handlers;
    memcpy(&sax, handlers, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = depth_start;
    sax.endElementNs = depth_end;
    sax.startElement = NULL;
    sax.endElement = NULL;
    sax.serror = session_error;
    sax.error = NULL;
    sax.warning = NULL;
    sax.fatalError = NULL;
    sax.internalSubset = refuse_internal_subset;
    sax.externalSubset = NULL;
    sax.entityDecl = refuse_entity_decl;
    sax.resolveEntity = NULL;
    sax.getEntity = NULL;
    sax.getParameterEntity = NULL;

    xmlExternalEntityLoader saved_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(refuse_external);

    n = next(src, buf, CHUNK, err);
    if (n < 0) {
        rc = (int)n;
        goto done;
    }
    if (scan_prolog(&session, buf, (size_t)n) < 0) {
        rc = doctype_refused(err);
        goto done;
    }
    if (scan_attributes(&session, buf, (size_t)n) < 0) {
        rc = too_many_attributes(err);
        goto done;
    }
    ctxt = xmlCreatePushParserCtxt(&sax, &session, buf, (int)n, name);
    if (!ctxt) {
        rc = ck_error_set(err, CK_ENOMEM, "cannot create an XML parser");
        goto done;
    }
    session.ctxt = ctxt;
    xmlCtxtUseOptions(ctxt, parse_options);
    ctxt->replaceEntities = 0;

    while (!session.aborted && ctxt->wellFormed && !ck_error_is_set(err)) {
        n = next(src, buf, CHUNK, err);
        if (n < 0) {
            rc = (int)n;
            goto done;
        }
        if (!session.prolog_done && scan_prolog(&session, buf, (size_t)n) < 0) {
            rc = doctype_refused(err);
            goto done;
        }
        if (scan_attributes(&session, buf, (size_t)n) < 0) {
            rc = too_many_attributes(err);
            goto done;
        }
        if (xmlParseChunk(ctxt, buf, (int)n, n == 0) != 0 || n == 0)
            break;
    }
    if (ck_error_is_set(err)) {
        rc = err->code;
    } else if (!ctxt->wellFormed || ctxt->errNo != 0) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        describe_xml_error(err, e);
        rc = CK_EINPUT;
    }
done:
    if (rc != 0) {
        ck_error_set_part(err, name);
    }
    xmlSetExternalEntityLoader(saved_loader);
    if (ctxt) {
        if (ctxt->myDoc)
            xmlFreeDoc(ctxt->myDoc);
        xmlFreeParserCtxt(ctxt);
    }
    free(buf);
    return rc;
}

int ck_xml_parse_part(ck_zip *zip, const char *part, const xmlSAXHandler *handlers, void *user,
                      ck_error *err)
{
    ck_zip_stream *stream = NULL;
    int rc = ck_zip_stream_open(zip, part, &stream, err);

    if (rc == 0)
        rc = run_parse(from_stream, stream, part, handlers, user, err);
    ck_zip_stream_close(stream);
    if (rc != 0)
        ck_error_set_file(err, ck_zip_path(zip));
    return rc;
}

int ck_xml_parse_memory(const char *data, size_t len, const char *name, const xmlSAXHandler *handlers,
                        void *user, ck_error *err)
{
    memory_source m = { data, len, 0 };
    return run_parse(from_memory, &m, name, handlers, user, err);
}

int ck_xml_read_dom_memory(const char *data, size_t len, const char *name, xmlDocPtr *out,
                           ck_error *err)
{
    parse_session session;
    xmlDocPtr doc;

    ck_xml_init();
    *out = NULL;
    memset(&session, 0, sizeof session);
    if (scan_prolog(&session, data, len) < 0) {
        doctype_refused(err);
        ck_error_set_part(err, name);
        return CK_EINPUT;
    }
    if (scan_attributes(&session, data, len) < 0) {
        too_many_attributes(err);
        ck_error_set_part(err, name);
        return CK_ELIMIT;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return ck_error_set(err, CK_ENOMEM, "cannot create an XML parser");
    doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, parse_options);
    if (!doc || !ctxt->wellFormed) {
        describe_xml_error(err, xmlCtxtGetLastError(ctxt));
        ck_error_set_part(err, name);
        if (doc)
            xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        return CK_EINPUT;
    }
    xmlFreeParserCtxt(ctxt);
    if (doc->intSubset || doc->extSubset) {
        xmlFreeDoc(doc);
        doctype_refused(err);
        ck_error_set_part(err, name);
        return CK_EINPUT;
    }
    *out = doc;
    return 0;
}

int ck_xml_read_dom(ck_zip *zip, const char *part, size_t max_bytes, xmlDocPtr *out, ck_error *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    rc = ck_zip_read(zip, part, max_bytes ? max_bytes : (size_t)16 << 20, &data, &len, err);
    if (rc == 0)
        rc = ck_xml_read_dom_memory(data, len, part, out, err);
    free(data);
    if (rc != 0)
        ck_error_set_file(err, ck_zip_path(zip));
    return rc;
}

char *ck_xml_attr(int nb_attributes, const xmlChar **attributes, const char *ns, const char *local)
{
    /* SAX2 attributes: localname, prefix, URI, value start, value end. */
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + i * 5;
        if (strcmp((const char *)a[0], local) != 0)
            continue;
        if (ns && (!a[2] || strcmp((const char *)a[2], ns) != 0))
            continue;
        return ck_strndup((const char *)a[3], (size_t)(a[4] - a[3]));
    }
    return NULL;
}

xmlChar *ck_xml_dom_attr(xmlNodePtr node, const char *ns, const char *local)
{
    if (!node)
        return NULL;
    if (ns)
        return xmlGetNsProp(node, (const xmlChar *)local, (const xmlChar *)ns);
    return xmlGetProp(node, (const xmlChar *)local);
}

int ck_xml_is(xmlNodePtr node, const char *ns, const char *local)
{
    if (!node || node->type != XML_ELEMENT_NODE || strcmp((const char *)node->name, local) != 0)
        return 0;
    if (!ns)
        return 1;
    return node->ns && node->ns->href && strcmp((const char *)node->ns->href, ns) == 0;
}
