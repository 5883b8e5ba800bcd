/* Annotating an ODT: office:annotation ranges and tracked insertions
 * (text:tracked-changes + text:change-start/end) spliced into content.xml. */
#include "annotate/annotate.h"

#include <stdlib.h>
#include <string.h>

#include "annotate/paragraphs.h"
#include "util/buf.h"
#include "util/lang.h"
#include "xml/splice.h"
#include "xml/xml.h"
#include "zip/container.h"

#define NS_DC "http://purl.org/dc/elements/1.1/"

typedef struct odt_edit {
    const ck_annotation_set *set;
    char date[32];
    const char *decl; /* local declarations of office, text and dc for what we write */
    int next;         /* numbering of our names */
    char **old_keys;
    size_t old_key_count;
} odt_edit;

static const char *find_in(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

static int already_done(const odt_edit *e, const char *key)
{
    for (size_t i = 0; key && *key && i < e->old_key_count; i++)
        if (strcmp(e->old_keys[i], key) == 0)
            return 1;
    return 0;
}

static void put_lines(ck_buf *b, const char *text, const char *first_prefix)
{
    const char *line = text;
    int first = 1;
    do {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        ck_buf_puts(b, "<text:p>");
        if (first && first_prefix)
            ck_buf_puts(b, first_prefix);
        ck_buf_put_xml(b, line, n);
        ck_buf_puts(b, "</text:p>");
        first = 0;
        line = nl ? nl + 1 : NULL;
    } while (line);
}

static void annotation(odt_edit *e, ck_buf *b, const char *name, const char *key, const char *text)
{
    ck_buf prefix = CK_BUF_INIT;
    ck_buf_printf(b, "<office:annotation%s office:name=\"%s\"><dc:creator>", e->decl, name);
    ck_buf_put_xml(b, e->set->author, strlen(e->set->author));
    ck_buf_printf(b, "</dc:creator><dc:date>%s</dc:date>", e->date);
    if (key && *key) {
        ck_buf_puts(&prefix, "【");
        ck_buf_put_xml(&prefix, key, strlen(key));
        ck_buf_puts(&prefix, "】");
    }
    put_lines(b, text, prefix.data);
    ck_buf_puts(b, "</office:annotation>");
    ck_buf_free(&prefix);
}

static void annotation_end(odt_edit *e, ck_buf *b, const char *name)
{
    ck_buf_printf(b, "<office:annotation-end%s office:name=\"%s\"/>", e->decl, name);
}

/* Inserted paragraphs, each a tracked insertion; regions collects the
 * changed-region declarations. With comment, an annotation spans them. */
static void inserted(odt_edit *e, ck_buf *b, ck_buf *regions, const char *text, const char *key,
                     const char *comment, int heading)
{
    const char *line = text;
    char name[32] = "";
    int first = 1;

    if (comment)
        snprintf(name, sizeof name, "ck-note-%d", e->next++);
    do {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        int id = e->next++;
        ck_buf_printf(regions,
                      "<text:changed-region%s xml:id=\"ck-ct%d\" text:id=\"ck-ct%d\"><text:insertion>"
                      "<office:change-info><dc:creator>",
                      e->decl, id, id);
        ck_buf_put_xml(regions, e->set->author, strlen(e->set->author));
        ck_buf_printf(regions, "</dc:creator><dc:date>%s</dc:date></office:change-info></text:insertion>"
                               "</text:changed-region>", e->date);
        ck_buf_printf(b, "<%s%s>", heading ? "text:h text:outline-level=\"1\"" : "text:p", e->decl);
        if (first && comment)
            annotation(e, b, name, key, comment);
        ck_buf_printf(b, "<text:change-start text:change-id=\"ck-ct%d\"/>", id);
        ck_buf_put_xml(b, line, n);
        ck_buf_printf(b, "<text:change-end text:change-id=\"ck-ct%d\"/>", id);
        if (!nl && comment)
            ck_buf_printf(b, "<office:annotation-end office:name=\"%s\"/>", name);
        ck_buf_puts(b, heading ? "</text:h>" : "</text:p>");
        first = 0;
        line = nl ? nl + 1 : NULL;
    } while (line);
}

/* Remembers the keys of clausekit's earlier annotations; schedules the
 * removal of an earlier summary. */
static void scan_old(odt_edit *e, const char *xml, size_t len, const char *office, ck_splice_list *edits)
{
    ck_xml_scanner s;
    ck_xml_tag tag;
    char creator[160];

    snprintf(creator, sizeof creator, "creator>%s<", e->set->author);
    ck_xml_scanner_init(&s, xml, len);
    while (ck_xml_scan_next(&s, &tag) == 1) {
        if (tag.type == CK_TAG_EMPTY && ck_xml_tag_is(&tag, office, "annotation-end")) {
            char q[80];
            const char *v;
            size_t vlen;
            snprintf(q, sizeof q, "%s:name", office);
            if (ck_xml_tag_attr(xml, &tag, q, &v, &vlen) && vlen == 10 && memcmp(v, "ck-summary", 10) == 0)
                ck_splice_remove(edits, tag.start, tag.end - tag.start);
            continue;
        }
        if (tag.type != CK_TAG_START || !ck_xml_tag_is(&tag, office, "annotation"))
            continue;
        char close_tag[96];
        snprintf(close_tag, sizeof close_tag, "</%s:annotation>", office);
        const char *close = find_in(xml + tag.end, len - tag.end, close_tag);
        if (!close)
            continue;
        size_t body_len = (size_t)(close - (xml + tag.end));
        if (!find_in(xml + tag.end, body_len, creator))
            continue;
        char q[80];
        const char *v;
        size_t vlen;
        snprintf(q, sizeof q, "%s:name", office);
        if (ck_xml_tag_attr(xml, &tag, q, &v, &vlen) && vlen == 10 && memcmp(v, "ck-summary", 10) == 0) {
            ck_splice_remove(edits, tag.start, (size_t)(close - xml) + strlen(close_tag) - tag.start);
            continue;
        }
        const char *open = find_in(xml + tag.end, body_len, "【");
        const char *shut = open ? find_in(open, body_len - (size_t)(open - (xml + tag.end)), "】") : NULL;
        if (open && shut) {
            e->old_keys = ck_realloc(e->old_keys, (e->old_key_count + 1) * sizeof *e->old_keys);
            e->old_keys[e->old_key_count++] = ck_strndup(open + 3, (size_t)(shut - open - 3));
        }
    }
}

int ck_annotate_odt(ck_zip *zip, const char *output, const ck_annotation_set *set, ck_error *err)
{
    odt_edit e;
    char *xml = NULL;
    size_t len = 0;
    char text_prefix[64], office_prefix[64];
    ck_para_map map;
    ck_splice_list edits = { 0 };
    ck_buf out = CK_BUF_INIT, regions = CK_BUF_INIT, appendix = CK_BUF_INIT, decl = CK_BUF_INIT;
    ck_zip_writer *w = NULL;
    int rc;

    memset(&e, 0, sizeof e);
    memset(&map, 0, sizeof map);
    e.set = set;
    e.next = 1;
    ck_annotate_date(set->date, 0, e.date, sizeof e.date);
    if ((rc = ck_zip_read(zip, "content.xml", 0, &xml, &len, err)) != 0)
        goto done;
    if (!ck_xml_root_prefix(xml, len, CK_NS_TEXT, text_prefix, sizeof text_prefix) ||
        !ck_xml_root_prefix(xml, len, CK_NS_OFFICE, office_prefix, sizeof office_prefix)) {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("content.xml 的結構異常；請用 LibreOffice 重新儲存後再試",
                                "content.xml is unusual; save the file again in LibreOffice"));
        ck_error_set_part(err, "content.xml");
        goto done;
    }
    /* What we write always uses office:, text: and dc:, declared locally
     * where the document binds them otherwise. */
    char dc_prefix[64] = "";
    if (strcmp(office_prefix, "office") != 0)
        ck_buf_printf(&decl, " xmlns:office=\"%s\"", CK_NS_OFFICE);
    if (strcmp(text_prefix, "text") != 0)
        ck_buf_printf(&decl, " xmlns:text=\"%s\"", CK_NS_TEXT);
    if (!ck_xml_root_prefix(xml, len, NS_DC, dc_prefix, sizeof dc_prefix) || strcmp(dc_prefix, "dc") != 0)
        ck_buf_printf(&decl, " xmlns:dc=\"%s\"", NS_DC);
    e.decl = decl.data ? decl.data : "";

    static const char *const locals[] = { "p", "h", NULL };
    if (ck_para_scan(xml, len, text_prefix, locals, office_prefix, "text", NULL, NULL, &map) != 0) {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("無法在文件中定位段落；請用 LibreOffice 重新儲存後再試",
                                "cannot find the paragraphs in the document; save it again in LibreOffice"));
        ck_error_set_part(err, "content.xml");
        goto done;
    }
    scan_old(&e, xml, len, office_prefix, &edits);

    for (size_t i = 0; i < set->comment_count; i++) {
        const ck_annotation *a = &set->comments[i];
        if (already_done(&e, a->key) || a->last >= map.count || map.paras[a->first].empty ||
            map.paras[a->last].empty)
            continue;
        char name[32];
        snprintf(name, sizeof name, "ck-note-%d", e.next++);
        ck_buf b = CK_BUF_INIT;
        annotation(&e, &b, name, a->key, a->text);
        ck_splice_insert(&edits, map.paras[a->first].content_start, b.data);
        ck_buf_clear(&b);
        annotation_end(&e, &b, name);
        ck_splice_insert(&edits, map.paras[a->last].close_start, b.data);
        ck_buf_free(&b);
    }
    for (size_t i = 0; i < set->insertion_count; i++) {
        const ck_insertion *ins = &set->insertions[i];
        if (already_done(&e, ins->key))
            continue;
        if (ins->after >= 0 && (size_t)ins->after < map.count && map.paras[ins->after].top_end) {
            ck_buf b = CK_BUF_INIT;
            inserted(&e, &b, &regions, ins->text, ins->key, ins->comment, 0);
            ck_splice_insert(&edits, map.paras[ins->after].top_end, b.data);
            ck_buf_free(&b);
        } else {
            if (appendix.len == 0)
                inserted(&e, &appendix, &regions, set->appendix_title, NULL, NULL, 1);
            inserted(&e, &appendix, &regions, ins->text, ins->key, ins->comment, 0);
        }
    }
    if (appendix.len)
        ck_splice_insert(&edits, map.container_close, appendix.data);
    if (set->summary) {
        size_t first = 0;
        while (first < map.count && (!map.paras[first].top_level || map.paras[first].empty))
            first++;
        if (first < map.count) {
            ck_buf b = CK_BUF_INIT;
            annotation(&e, &b, "ck-summary", NULL, set->summary);
            ck_splice_insert(&edits, map.paras[first].content_start, b.data);
            ck_buf_clear(&b);
            annotation_end(&e, &b, "ck-summary");
            ck_splice_insert(&edits, map.paras[first].close_start, b.data);
            ck_buf_free(&b);
        }
    }
    /* The changed regions go into text:tracked-changes, the first child of office:text. */
    if (regions.len) {
        ck_xml_scanner s;
        ck_xml_tag tag;
        int placed = 0;
        ck_xml_scanner_init(&s, xml, len);
        s.pos = map.container_open_end;
        while (!placed && ck_xml_scan_next(&s, &tag) == 1 && tag.start < map.container_close) {
            if (!ck_xml_tag_is(&tag, text_prefix, "tracked-changes"))
                continue;
            if (tag.type == CK_TAG_EMPTY) {
                ck_buf b = CK_BUF_INIT;
                ck_buf_printf(&b, "<text:tracked-changes%s>%s</text:tracked-changes>", e.decl, regions.data);
                ck_splice_remove(&edits, tag.start, tag.end - tag.start);
                ck_splice_insert(&edits, tag.start, b.data);
                ck_buf_free(&b);
                placed = 1;
            } else if (tag.type == CK_TAG_END) {
                ck_splice_insert(&edits, tag.start, regions.data);
                placed = 1;
            }
        }
        if (!placed) {
            ck_buf b = CK_BUF_INIT;
            ck_buf_printf(&b, "<text:tracked-changes%s>%s</text:tracked-changes>", e.decl, regions.data);
            ck_splice_insert(&edits, map.container_open_end, b.data);
            ck_buf_free(&b);
        }
    }
    ck_splice_apply(&edits, xml, len, &out);

    if ((rc = ck_zip_writer_open(&w, output, err)) != 0)
        goto done;
    for (size_t i = 0; i < ck_zip_count(zip) && rc == 0; i++) {
        const char *name = ck_zip_name(zip, i);
        if (strcmp(name, "content.xml") == 0)
            rc = ck_zip_writer_add(w, name, out.data, out.len, 0, err);
        else
            rc = ck_zip_writer_copy_raw(w, zip, name, err);
    }
    if (rc == 0) {
        rc = ck_zip_writer_commit(w, err);
        w = NULL;
    }
done:
    ck_zip_writer_abort(w);
    ck_splice_list_free(&edits);
    ck_para_map_free(&map);
    for (size_t i = 0; i < e.old_key_count; i++)
        free(e.old_keys[i]);
    free(e.old_keys);
    ck_buf_free(&out);
    ck_buf_free(&regions);
    ck_buf_free(&appendix);
    ck_buf_free(&decl);
    free(xml);
    return rc;
}
