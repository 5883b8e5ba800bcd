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
    ck_annotation_keys old; /* keys clausekit commented in an earlier run */
} odt_edit;

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

/* One tracked insertion: its changed-region, and a marker for its start. */
static int new_region(odt_edit *e, ck_buf *regions)
{
    int id = e->next++;
    ck_buf_printf(regions,
                  "<text:changed-region%s xml:id=\"ck-ct%d\" text:id=\"ck-ct%d\"><text:insertion>"
                  "<office:change-info><dc:creator>",
                  e->decl, id, id);
    ck_buf_put_xml(regions, e->set->author, strlen(e->set->author));
    ck_buf_printf(regions, "</dc:creator><dc:date>%s</dc:date></office:change-info></text:insertion>"
                           "</text:changed-region>", e->date);
    return id;
}

static void change_start(ck_buf *b, const odt_edit *e, int id)
{
    ck_buf_printf(b, "<text:change-start%s text:change-id=\"ck-ct%d\"/>", e->decl, id);
}

/* Writes a run of inserted items (the appended heading or clauses) at one
 * place. Each item is one tracked insertion whose range starts before the
 * paragraph break that precedes it — at the end of the paragraph before
 * (prev, spliced by the caller through *first_id) or of the item before —
 * and ends at the end of its own text, so rejecting it removes its
 * paragraphs whole. */
typedef struct odt_item {
    const char *text;
    const char *key;
    const char *comment;
    int heading;
} odt_item;

static void inserted_run(odt_edit *e, ck_buf *b, ck_buf *regions, const odt_item *items, size_t n,
                         int have_prev, int *first_id)
{
    int next_id = new_region(e, regions);
    *first_id = next_id;
    for (size_t k = 0; k < n; k++) {
        int id = next_id;
        char name[32] = "";
        const char *line = items[k].text;
        if (items[k].comment)
            snprintf(name, sizeof name, "ck-note-%d", e->next++);
        for (int first = 1; line; first = 0) {
            const char *nl = strchr(line, '\n');
            size_t len = nl ? (size_t)(nl - line) : strlen(line);
            ck_buf_printf(b, "<%s%s>", items[k].heading ? "text:h text:outline-level=\"1\"" : "text:p", e->decl);
            if (first && k == 0 && !have_prev)
                change_start(b, e, id);
            if (first && items[k].comment)
                annotation(e, b, name, items[k].key, items[k].comment);
            ck_buf_put_xml(b, line, len);
            if (!nl) {
                if (items[k].comment)
                    ck_buf_printf(b, "<office:annotation-end office:name=\"%s\"/>", name);
                ck_buf_printf(b, "<text:change-end text:change-id=\"ck-ct%d\"/>", id);
                if (k + 1 < n) {
                    next_id = new_region(e, regions);
                    change_start(b, e, next_id);
                }
            }
            ck_buf_puts(b, items[k].heading ? "</text:h>" : "</text:p>");
            line = nl ? nl + 1 : NULL;
        }
    }
}

/* The paragraph whose end comes right before offset at (only end tags and
 * white space between), or NULL. */
static const ck_annotate_paragraph *paragraph_before(const ck_annotate_paragraphs *map, const char *xml, size_t at)
{
    const ck_annotate_paragraph *best = NULL;
    for (size_t i = 0; i < map->count; i++)
        if (!map->paras[i].empty && map->paras[i].end <= at && (!best || map->paras[i].end > best->end))
            best = &map->paras[i];
    if (!best)
        return NULL;
    for (size_t k = best->end; k < at;) {
        if (xml[k] == ' ' || xml[k] == '\n' || xml[k] == '\r' || xml[k] == '\t') {
            k++;
        } else if (xml[k] == '<' && xml[k + 1] == '/') {
            const char *gt = memchr(xml + k, '>', at - k);
            if (!gt)
                return NULL;
            k = (size_t)(gt - xml) + 1;
        } else {
            return NULL;
        }
    }
    return best;
}

/* Splices a run of items at offset at, with the tracked range starting in
 * the paragraph before when there is one. */
static void insert_run(odt_edit *e, ck_splice_list *edits, ck_buf *regions, const char *xml,
                       const ck_annotate_paragraphs *map, size_t at, const odt_item *items, size_t n)
{
    const ck_annotate_paragraph *prev = paragraph_before(map, xml, at);
    ck_buf b = CK_BUF_INIT;
    int first_id;
    inserted_run(e, &b, regions, items, n, prev != NULL, &first_id);
    if (prev) {
        ck_buf mark = CK_BUF_INIT;
        change_start(&mark, e, first_id);
        ck_splice_insert(edits, prev->close_start, mark.data);
        ck_buf_free(&mark);
    }
    ck_splice_insert(edits, at, b.data);
    ck_buf_free(&b);
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
        const char *close = ck_xml_find(xml + tag.end, len - tag.end, close_tag);
        if (!close)
            continue;
        size_t body_len = (size_t)(close - (xml + tag.end));
        if (!ck_xml_find(xml + tag.end, body_len, creator))
            continue;
        char q[80];
        const char *v;
        size_t vlen;
        snprintf(q, sizeof q, "%s:name", office);
        if (ck_xml_tag_attr(xml, &tag, q, &v, &vlen) && vlen == 10 && memcmp(v, "ck-summary", 10) == 0) {
            ck_splice_remove(edits, tag.start, (size_t)(close - xml) + strlen(close_tag) - tag.start);
            continue;
        }
        ck_annotation_keys_scan(&e->old, xml + tag.end, body_len);
    }
}

/* ---- the steps of annotating ------------------------------------------------------ */

static int unusual_content(ck_error *err, const char *zh, const char *en)
{
    ck_error_set(err, CK_EINPUT, "%s", ck_tr(zh, en));
    ck_error_set_part(err, "content.xml");
    return CK_EINPUT;
}

/* The prefixes content.xml binds text and office to, and into decl the
 * declarations what we write needs: it always uses office:, text: and dc:,
 * declared locally where the document binds them otherwise. */
static int find_prefixes(const char *xml, size_t len, char *text_prefix, char *office_prefix, size_t size, ck_buf *decl,
                         ck_error *err)
{
    char dc_prefix[64] = "";

    if (!ck_xml_root_prefix(xml, len, CK_NS_TEXT, text_prefix, size) ||
        !ck_xml_root_prefix(xml, len, CK_NS_OFFICE, office_prefix, size))
        return unusual_content(err, "content.xml 的結構異常；請用 LibreOffice 重新儲存後再試",
                               "content.xml is unusual; save the file again in LibreOffice");
    if (strcmp(office_prefix, "office") != 0)
        ck_buf_printf(decl, " xmlns:office=\"%s\"", CK_NS_OFFICE);
    if (strcmp(text_prefix, "text") != 0)
        ck_buf_printf(decl, " xmlns:text=\"%s\"", CK_NS_TEXT);
    if (!ck_xml_root_prefix(xml, len, NS_DC, dc_prefix, sizeof dc_prefix) || strcmp(dc_prefix, "dc") != 0)
        ck_buf_printf(decl, " xmlns:dc=\"%s\"", NS_DC);
    return 0;
}

/* An annotation named name from the start of paragraph first to the end of last. */
static void annotate_range(odt_edit *e, ck_splice_list *edits, const ck_annotate_paragraph *first,
                           const ck_annotate_paragraph *last, const char *name, const char *key, const char *text)
{
    ck_buf b = CK_BUF_INIT;
    annotation(e, &b, name, key, text);
    ck_splice_insert(edits, first->content_start, b.data);
    ck_buf_clear(&b);
    annotation_end(e, &b, name);
    ck_splice_insert(edits, last->close_start, b.data);
    ck_buf_free(&b);
}

/* Comments on existing paragraphs (ck_annotate_paragraphs_span); those of
 * an earlier run are not repeated. */
static int comment_paragraphs(odt_edit *e, ck_splice_list *edits, const ck_annotate_paragraphs *map, ck_error *err)
{
    const ck_annotation_set *set = e->set;
    for (size_t i = 0; i < set->comment_count; i++) {
        const ck_annotation *a = &set->comments[i];
        size_t first, last;
        char name[32];
        if (ck_annotation_keys_has(&e->old, a->key))
            continue;
        if (a->last >= map->count)
            return ck_annotate_unplaced(err, "content.xml", a->last, map->count);
        ck_annotate_paragraphs_span(map, a->first, a->last, &first, &last);
        if (map->paras[first].empty || map->paras[last].empty)
            continue;
        snprintf(name, sizeof name, "ck-note-%d", e->next++);
        annotate_range(e, edits, &map->paras[first], &map->paras[last], name, a->key, a->text);
    }
    return 0;
}

/* Where the appended section goes: after the last article, before the
 * signature block and annexes, when the review says where that is; else at
 * the end of the body. */
static size_t appendix_offset(const ck_annotation_set *set, const ck_annotate_paragraphs *map)
{
    const ck_annotate_paragraph *before =
        set->appendix_before >= 0 && (size_t)set->appendix_before < map->count ? &map->paras[set->appendix_before]
                                                                                : NULL;
    if (before && (before->top_level || before->item_close))
        return before->start; /* a body paragraph or one in an article's list item, not a table cell */
    const ck_annotate_paragraph *after = ck_annotate_paragraphs_insertable(map, set->appendix_after);
    return after ? after->top_end : map->container_close;
}

/* Insertions after a paragraph: inside the article's list item when the
 * article is one (LibreOffice numbers articles as a list), else after the
 * body element holding the paragraph; then the appended section. */
static void insert_clauses(odt_edit *e, ck_splice_list *edits, ck_buf *regions, const char *xml,
                           const ck_annotate_paragraphs *map)
{
    const ck_annotation_set *set = e->set;
    odt_item *appended = ck_calloc(set->insertion_count + 1, sizeof *appended);
    size_t appended_count = 0;

    for (size_t i = 0; i < set->insertion_count; i++) {
        const ck_insertion *ins = &set->insertions[i];
        if (ck_annotation_keys_has(&e->old, ins->key))
            continue;
        odt_item item = { ins->text, ins->key, ins->comment, 0 };
        const ck_annotate_paragraph *p = ck_annotate_paragraphs_insertable(map, ins->after);
        if (p) {
            insert_run(e, edits, regions, xml, map, p->item_close ? p->item_close : p->top_end, &item, 1);
        } else {
            if (appended_count == 0)
                appended[appended_count++] = (odt_item){ set->appendix_title, NULL, NULL, 1 };
            appended[appended_count++] = item;
        }
    }
    if (appended_count)
        insert_run(e, edits, regions, xml, map, appendix_offset(set, map), appended, appended_count);
    free(appended);
}

/* The summary, on the first paragraph of the body. */
static void comment_summary(odt_edit *e, ck_splice_list *edits, const ck_annotate_paragraphs *map)
{
    size_t first = ck_annotate_paragraphs_first_body(map);
    if (e->set->summary && first < map->count)
        annotate_range(e, edits, &map->paras[first], &map->paras[first], "ck-summary", NULL, e->set->summary);
}

/* The changed regions go into text:tracked-changes, the first child of
 * office:text: into the one there is, else a new one. */
static void place_regions(const odt_edit *e, ck_splice_list *edits, const ck_buf *regions, const char *xml, size_t len,
                          const ck_annotate_paragraphs *map, const char *text_prefix)
{
    ck_xml_scanner s;
    ck_xml_tag tag;
    ck_buf b = CK_BUF_INIT;

    if (!regions->len)
        return;
    ck_xml_scanner_init(&s, xml, len);
    s.pos = map->container_open_end;
    while (ck_xml_scan_next(&s, &tag) == 1 && tag.start < map->container_close) {
        if (!ck_xml_tag_is(&tag, text_prefix, "tracked-changes"))
            continue;
        if (tag.type == CK_TAG_EMPTY) {
            ck_buf_printf(&b, "<text:tracked-changes%s>%s</text:tracked-changes>", e->decl, regions->data);
            ck_splice_remove(edits, tag.start, tag.end - tag.start);
            ck_splice_insert(edits, tag.start, b.data);
            ck_buf_free(&b);
            return;
        }
        if (tag.type == CK_TAG_END) {
            ck_splice_insert(edits, tag.start, regions->data);
            return;
        }
    }
    ck_buf_printf(&b, "<text:tracked-changes%s>%s</text:tracked-changes>", e->decl, regions->data);
    ck_splice_insert(edits, map->container_open_end, b.data);
    ck_buf_free(&b);
}

int ck_annotate_odt(ck_zip *zip, const char *output, const ck_annotation_set *set, ck_error *err)
{
    odt_edit e;
    char *xml = NULL;
    size_t len = 0;
    char text_prefix[64], office_prefix[64];
    ck_annotate_paragraphs map;
    ck_splice_list edits = { 0 };
    ck_buf out = CK_BUF_INIT, regions = CK_BUF_INIT, decl = CK_BUF_INIT;
    int rc;

    memset(&e, 0, sizeof e);
    memset(&map, 0, sizeof map);
    e.set = set;
    e.next = 1;
    ck_annotate_date(set->date, 0, e.date, sizeof e.date);
    if ((rc = ck_zip_read(zip, "content.xml", 0, &xml, &len, err)) != 0 ||
        (rc = find_prefixes(xml, len, text_prefix, office_prefix, sizeof text_prefix, &decl, err)) != 0)
        goto done;
    e.decl = decl.data ? decl.data : "";
    if (ck_annotate_paragraphs_scan(xml, len, CK_PARAGRAPHS_ODT, &map) != 0) {
        rc = unusual_content(err, "無法在文件中定位段落；請用 LibreOffice 重新儲存後再試",
                             "cannot find the paragraphs in the document; save it again in LibreOffice");
        goto done;
    }
    scan_old(&e, xml, len, office_prefix, &edits);
    if ((rc = comment_paragraphs(&e, &edits, &map, err)) != 0)
        goto done;
    insert_clauses(&e, &edits, &regions, xml, &map);
    comment_summary(&e, &edits, &map);
    place_regions(&e, &edits, &regions, xml, len, &map, text_prefix);
    ck_splice_apply(&edits, xml, len, &out);
    {
        const ck_annotate_part content = { "content.xml", out.data, out.len };
        rc = ck_annotate_write_package(zip, output, &content, 1, err);
    }
done:
    ck_splice_list_free(&edits);
    ck_annotate_paragraphs_free(&map);
    ck_annotation_keys_free(&e.old);
    ck_buf_free(&out);
    ck_buf_free(&regions);
    ck_buf_free(&decl);
    free(xml);
    return rc;
}
