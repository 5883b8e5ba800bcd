/* Annotating a DOCX: comments (comments.xml + range anchors) and tracked
 * insertions (w:ins) spliced into the original main part. */
#include "annotate/annotate.h"

#include <stdlib.h>
#include <string.h>

#include "annotate/paragraphs.h"
#include "util/buf.h"
#include "util/lang.h"
#include "xml/splice.h"
#include "xml/xml.h"
#include "zip/container.h"

#define REL_COMMENTS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
#define REL_COMMENTS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
#define CT_COMMENTS "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"

typedef struct docx_edit {
    const ck_annotation_set *set;
    const char *ns;      /* the W namespace the main part uses */
    const char *w_decl;  /* "" or a local xmlns:w declaration for what we write */
    char date[32];
    long next_id;        /* next free w:id */
    ck_buf comments;     /* new w:comment elements */
    ck_annotation_keys old; /* keys clausekit commented in an earlier run */
    long old_summary_id; /* -1 when none */
} docx_edit;

/* ---- small text helpers ----------------------------------------------------- */

/* Highest number in any  ...:id="N"  or  id="N"  attribute. */
static long max_id(const char *text, size_t len)
{
    long max = 0;
    const char *p = text, *end = text + len;
    while ((p = ck_xml_find(p, (size_t)(end - p), "id=\"")) != NULL) {
        p += 4;
        char *stop;
        long v = strtol(p, &stop, 10);
        if (stop != p && *stop == '"' && v > max)
            max = v;
    }
    return max;
}

static void put_runs(ck_buf *b, const char *text, size_t len)
{
    ck_buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
    ck_buf_put_xml(b, text, len);
    ck_buf_puts(b, "</w:t></w:r>");
}

/* ---- comments.xml ------------------------------------------------------------ */

static void remember_old_comments(docx_edit *e, const char *xml, size_t len)
{
    ck_xml_scanner s;
    ck_xml_tag tag;
    char prefix[64] = "w";

    e->old_summary_id = -1;
    if (!ck_xml_root_prefix(xml, len, e->ns, prefix, sizeof prefix))
        return;
    ck_xml_scanner_init(&s, xml, len);
    while (ck_xml_scan_next(&s, &tag) == 1) {
        if (tag.type != CK_TAG_START || !ck_xml_tag_is(&tag, prefix, "comment"))
            continue;
        char qname[80];
        const char *v;
        size_t vlen;
        snprintf(qname, sizeof qname, "%s%sauthor", prefix, *prefix ? ":" : "");
        if (!ck_xml_tag_attr(xml, &tag, qname, &v, &vlen) || vlen != strlen(e->set->author) ||
            memcmp(v, e->set->author, vlen) != 0)
            continue;
        const char *close = ck_xml_find(xml + tag.end, len - tag.end, "comment>");
        size_t body_len = close ? (size_t)(close - (xml + tag.end)) : 0;
        snprintf(qname, sizeof qname, "%s%sinitials", prefix, *prefix ? ":" : "");
        if (ck_xml_tag_attr(xml, &tag, qname, &v, &vlen) && vlen == 3 && memcmp(v, "CKS", 3) == 0) {
            snprintf(qname, sizeof qname, "%s%sid", prefix, *prefix ? ":" : "");
            if (ck_xml_tag_attr(xml, &tag, qname, &v, &vlen))
                e->old_summary_id = strtol(v, NULL, 10);
            continue;
        }
        ck_annotation_keys_scan(&e->old, xml + tag.end, body_len);
    }
}

/* Appends a w:comment with id; the key, when given, leads as 【key】. */
static void add_comment(docx_edit *e, long id, const char *initials, const char *key, const char *text)
{
    ck_buf *b = &e->comments;
    const char *line = text;
    int first = 1;

    ck_buf_printf(b, "<w:comment%s w:id=\"%ld\" w:author=\"", e->w_decl, id);
    ck_buf_put_xml(b, e->set->author, strlen(e->set->author));
    ck_buf_printf(b, "\" w:date=\"%s\" w:initials=\"%s\">", e->date, initials);
    do {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        ck_buf_puts(b, "<w:p>");
        if (first) {
            ck_buf_puts(b, "<w:r><w:annotationRef/></w:r>");
            if (key && *key) {
                ck_buf_puts(b, "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">【");
                ck_buf_put_xml(b, key, strlen(key));
                ck_buf_puts(b, "】</w:t></w:r>");
            }
        }
        put_runs(b, line, n);
        ck_buf_puts(b, "</w:p>");
        first = 0;
        line = nl ? nl + 1 : NULL;
    } while (line);
    ck_buf_puts(b, "</w:comment>");
}

static void anchor_start(ck_buf *b, const docx_edit *e, long id)
{
    ck_buf_printf(b, "<w:commentRangeStart%s w:id=\"%ld\"/>", e->w_decl, id);
}

static void anchor_end(ck_buf *b, const docx_edit *e, long id)
{
    ck_buf_printf(b, "<w:commentRangeEnd%s w:id=\"%ld\"/><w:r%s><w:commentReference w:id=\"%ld\"/></w:r>",
                  e->w_decl, id, e->w_decl, id);
}

/* ---- inserted paragraphs ------------------------------------------------------- */

/* Tracked paragraphs for text ('\n' separates paragraphs); with comment_id
 * >= 0, a comment range spans them. bold makes a heading-like line. */
static void inserted_paragraphs(docx_edit *e, ck_buf *b, const char *text, long comment_id, int bold,
                                int keep_last_mark)
{
    const char *line = text;
    int first = 1;

    do {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        long mark_id = e->next_id++, ins_id = e->next_id++;
        ck_buf_printf(b, "<w:p%s><w:pPr>%s", e->w_decl, bold ? "<w:keepNext/>" : "");
        if (nl || !keep_last_mark) {
            ck_buf_printf(b, "<w:rPr><w:ins w:id=\"%ld\" w:author=\"", mark_id);
            ck_buf_put_xml(b, e->set->author, strlen(e->set->author));
            ck_buf_printf(b, "\" w:date=\"%s\"/></w:rPr>", e->date);
        }
        ck_buf_puts(b, "</w:pPr>");
        if (first && comment_id >= 0)
            anchor_start(b, e, comment_id);
        ck_buf_printf(b, "<w:ins w:id=\"%ld\" w:author=\"", ins_id);
        ck_buf_put_xml(b, e->set->author, strlen(e->set->author));
        ck_buf_printf(b, "\" w:date=\"%s\"><w:r>%s<w:t xml:space=\"preserve\">", e->date,
                      bold ? "<w:rPr><w:b/></w:rPr>" : "");
        ck_buf_put_xml(b, line, n);
        ck_buf_puts(b, "</w:t></w:r>");
        if (!nl && comment_id >= 0)
            ck_buf_printf(b, "<w:commentRangeEnd w:id=\"%ld\"/><w:r><w:commentReference w:id=\"%ld\"/></w:r>",
                          comment_id, comment_id);
        ck_buf_puts(b, "</w:ins></w:p>");
        first = 0;
        line = nl ? nl + 1 : NULL;
    } while (line);
}

/* ---- package plumbing ----------------------------------------------------------- */

static char *rels_path_of(const char *part)
{
    const char *slash = strrchr(part, '/');
    ck_buf b = CK_BUF_INIT;
    if (slash) {
        ck_buf_append(&b, part, (size_t)(slash - part));
        ck_buf_printf(&b, "/_rels/%s.rels", slash + 1);
    } else {
        ck_buf_printf(&b, "_rels/%s.rels", part);
    }
    return ck_buf_detach(&b);
}

/* The comments part named by the main part's relationships, or NULL. */
static char *comments_part(const char *rels, size_t len, const char *main_part)
{
    ck_xml_scanner s;
    ck_xml_tag tag;

    ck_xml_scanner_init(&s, rels, len);
    while (ck_xml_scan_next(&s, &tag) == 1) {
        const char *type, *target;
        size_t type_len, target_len;
        if (tag.type == CK_TAG_END || !ck_xml_tag_attr(rels, &tag, "Type", &type, &type_len) ||
            !ck_xml_tag_attr(rels, &tag, "Target", &target, &target_len))
            continue;
        if (!((type_len == strlen(REL_COMMENTS) && memcmp(type, REL_COMMENTS, type_len) == 0) ||
              (type_len == strlen(REL_COMMENTS_STRICT) && memcmp(type, REL_COMMENTS_STRICT, type_len) == 0)))
            continue;
        ck_buf b = CK_BUF_INIT;
        if (target[0] == '/') {
            ck_buf_append(&b, target + 1, target_len - 1);
        } else {
            const char *slash = strrchr(main_part, '/');
            if (slash)
                ck_buf_append(&b, main_part, (size_t)(slash - main_part + 1));
            ck_buf_append(&b, target, target_len);
        }
        return ck_buf_detach(&b);
    }
    return NULL;
}

static int read_optional(ck_zip *zip, const char *name, char **data, size_t *len, ck_error *err)
{
    *data = NULL;
    *len = 0;
    if (ck_zip_find(zip, name) < 0)
        return 0;
    return ck_zip_read(zip, name, 0, data, len, err);
}

static int damaged(ck_error *err, const char *part)
{
    ck_error_set(err, CK_EINPUT, "%s",
                 ck_tr("無法在文件中定位段落；檔案結構異常，請用 Word 重新儲存後再試",
                       "cannot find the paragraphs in the document; its structure is unusual: save it again in Word"));
    ck_error_set_part(err, part);
    return CK_EINPUT;
}

/* A paragraph the reader gave a block to is not in the part: the two
 * disagree about what a paragraph is. Says which and where. */
static int unplaced(ck_error *err, const char *part, size_t index, size_t count)
{
    ck_error_set(err, CK_EINPUT,
                 ck_tr("找不到第 %zu 個段落元素（文件中只有 %zu 個）；無法加註，請回報此檔案",
                       "paragraph element %zu is not in the part (it has %zu); cannot annotate: please report the file"),
                 index + 1, count);
    ck_error_set_part(err, part);
    return CK_EINPUT;
}

/* The body's last paragraph when nothing but white space separates it
 * from the body's tail (w:sectPr or the end of w:body), else NULL. */
static const ck_annotate_paragraph *last_body_paragraph(const ck_annotate_paragraphs *map, const char *doc)
{
    const ck_annotate_paragraph *best = NULL;
    for (size_t i = 0; i < map->count; i++)
        if (map->paras[i].top_level && !map->paras[i].empty && map->paras[i].end <= map->tail_start)
            best = &map->paras[i];
    if (!best)
        return NULL;
    for (size_t k = best->end; k < map->tail_start; k++)
        if (doc[k] != ' ' && doc[k] != '\n' && doc[k] != '\r' && doc[k] != '\t')
            return NULL;
    return best;
}

/* Marks paragraph p's mark as a tracked insertion: w:ins first in the
 * mark's run properties (w:pPr/w:rPr), made where there are none. */
static void mark_paragraph_inserted(docx_edit *e, ck_splice_list *edits, const char *doc, const char *prefix,
                                    const ck_annotate_paragraph *p)
{
    ck_xml_scanner s;
    ck_xml_tag tag, start;
    ck_buf ins = CK_BUF_INIT;
    long id = e->next_id++;

    ck_buf_printf(&ins, "<w:ins%s w:id=\"%ld\" w:author=\"", e->w_decl, id);
    ck_buf_put_xml(&ins, e->set->author, strlen(e->set->author));
    ck_buf_printf(&ins, "\" w:date=\"%s\"/>", e->date);

    ck_xml_scanner_init(&s, doc, p->content_start);
    s.pos = p->start;
    if (ck_xml_scan_next(&s, &start) != 1)
        goto done;
    if (start.end == p->content_start) { /* no w:pPr */
        ck_buf b = CK_BUF_INIT;
        ck_buf_printf(&b, "<w:pPr%s><w:rPr>%s</w:rPr></w:pPr>", e->w_decl, ins.data);
        ck_splice_insert(edits, p->content_start, b.data);
        ck_buf_free(&b);
        goto done;
    }
    /* Children of w:pPr, at depth 1 inside it. */
    int depth = 0;
    size_t before = 0;
    while (ck_xml_scan_next(&s, &tag) == 1) {
        if (tag.type == CK_TAG_START || tag.type == CK_TAG_EMPTY) {
            if (depth == 1 && ck_xml_tag_is(&tag, prefix, "rPr")) {
                if (tag.type == CK_TAG_START) {
                    ck_splice_insert(edits, tag.end, ins.data);
                } else { /* <w:rPr/> */
                    ck_buf b = CK_BUF_INIT;
                    ck_buf_printf(&b, "<w:rPr%s>%s</w:rPr>", e->w_decl, ins.data);
                    ck_splice_remove(edits, tag.start, tag.end - tag.start);
                    ck_splice_insert(edits, tag.start, b.data);
                    ck_buf_free(&b);
                }
                goto done;
            }
            if (depth == 1 && !before &&
                (ck_xml_tag_is(&tag, prefix, "sectPr") || ck_xml_tag_is(&tag, prefix, "pPrChange")))
                before = tag.start;
            if (tag.type == CK_TAG_START)
                depth++;
        } else {
            if (depth == 1 && ck_xml_tag_is(&tag, prefix, "pPr")) {
                ck_buf b = CK_BUF_INIT;
                ck_buf_printf(&b, "<w:rPr%s>%s</w:rPr>", e->w_decl, ins.data);
                ck_splice_insert(edits, before ? before : tag.start, b.data);
                ck_buf_free(&b);
                goto done;
            }
            depth--;
        }
    }
done:
    ck_buf_free(&ins);
}

int ck_annotate_docx(ck_zip *zip, const char *output, const ck_annotation_set *set, ck_error *err)
{
    docx_edit e;
    char *doc = NULL, *rels = NULL, *types = NULL, *old_comments = NULL, *comments_name = NULL;
    char *rels_name = rels_path_of(set->part);
    size_t doc_len = 0, rels_len = 0, types_len = 0, old_len = 0;
    ck_annotate_paragraphs map;
    ck_splice_list edits = { 0 };
    ck_buf out = CK_BUF_INIT, new_comments = CK_BUF_INIT, new_rels = CK_BUF_INIT, new_types = CK_BUF_INIT;
    ck_zip_writer *w = NULL;
    ck_buf decl = CK_BUF_INIT;
    char prefix[64] = "";
    int rc;

    memset(&e, 0, sizeof e);
    memset(&map, 0, sizeof map);
    e.set = set;
    ck_annotate_date(set->date, 1, e.date, sizeof e.date);

    if ((rc = ck_zip_read(zip, set->part, 0, &doc, &doc_len, err)) != 0)
        goto done;
    if ((rc = read_optional(zip, rels_name, &rels, &rels_len, err)) != 0)
        goto done;
    const char *types_name = ck_zip_name(zip, (size_t)ck_zip_find_nocase(zip, "[Content_Types].xml"));
    if ((rc = ck_zip_read(zip, types_name, 0, &types, &types_len, err)) != 0)
        goto done;
    comments_name = rels ? comments_part(rels, rels_len, set->part) : NULL;
    if (comments_name && (rc = read_optional(zip, comments_name, &old_comments, &old_len, err)) != 0)
        goto done;

    e.ns = CK_NS_W;
    if (!ck_xml_root_prefix(doc, doc_len, CK_NS_W, prefix, sizeof prefix)) {
        if (ck_xml_root_prefix(doc, doc_len, CK_NS_W_STRICT, prefix, sizeof prefix))
            e.ns = CK_NS_W_STRICT;
        else {
            rc = damaged(err, set->part);
            goto done;
        }
    }
    if (strcmp(prefix, "w") != 0)
        ck_buf_printf(&decl, " xmlns:w=\"%s\"", e.ns);
    e.w_decl = decl.data ? decl.data : "";

    if (ck_annotate_paragraphs_scan(doc, doc_len, CK_PARAGRAPHS_DOCX, &map) != 0) {
        rc = damaged(err, set->part);
        goto done;
    }
    e.next_id = (max_id(doc, doc_len) > max_id(old_comments ? old_comments : "", old_len)
                     ? max_id(doc, doc_len)
                     : max_id(old_comments ? old_comments : "", old_len)) + 1;
    remember_old_comments(&e, old_comments ? old_comments : "", old_len);

    /* The summary of an earlier run goes; a new one takes its place. */
    if (e.old_summary_id >= 0) {
        char a[160], z[320];
        snprintf(a, sizeof a, "<w:commentRangeStart%s w:id=\"%ld\"/>", e.w_decl, e.old_summary_id);
        snprintf(z, sizeof z, "<w:commentRangeEnd%s w:id=\"%ld\"/><w:r%s><w:commentReference w:id=\"%ld\"/></w:r>",
                 e.w_decl, e.old_summary_id, e.w_decl, e.old_summary_id);
        const char *pa = ck_xml_find(doc, doc_len, a), *pz = ck_xml_find(doc, doc_len, z);
        if (pa)
            ck_splice_remove(&edits, (size_t)(pa - doc), strlen(a));
        if (pz)
            ck_splice_remove(&edits, (size_t)(pz - doc), strlen(z));
    }

    /* The mark of the body's last paragraph joins an appended section's
     * insertion; spliced first, as w:pPr must lead its paragraph. */
    const ck_annotate_paragraph *prev = NULL;
    /* The appended section goes after the last article, before the
     * signature block and annexes, when the review says where that is. */
    const ck_annotate_paragraph *appendix_at =
        set->appendix_after >= 0 && (size_t)set->appendix_after < map.count && map.paras[set->appendix_after].top_end
            ? &map.paras[set->appendix_after]
            : NULL;
    for (size_t i = 0; i < set->insertion_count && !appendix_at; i++) {
        const ck_insertion *ins = &set->insertions[i];
        if (!ck_annotation_keys_has(&e.old, ins->key) &&
            !(ins->after >= 0 && (size_t)ins->after < map.count && map.paras[ins->after].top_end))
            prev = last_body_paragraph(&map, doc);
    }
    if (prev)
        mark_paragraph_inserted(&e, &edits, doc, prefix, prev);

    /* Comments on existing paragraphs, placed so LibreOffice keeps them
     * too (ck_annotate_paragraphs_span). */
    for (size_t i = 0; i < set->comment_count; i++) {
        const ck_annotation *a = &set->comments[i];
        if (ck_annotation_keys_has(&e.old, a->key))
            continue;
        if (a->last >= map.count) {
            rc = unplaced(err, set->part, a->last, map.count);
            goto done;
        }
        size_t first, last;
        ck_annotate_paragraphs_span(&map, a->first, a->last, &first, &last);
        if (map.paras[first].empty || map.paras[last].empty)
            continue;
        long id = e.next_id++;
        ck_buf b = CK_BUF_INIT;
        anchor_start(&b, &e, id);
        ck_splice_insert(&edits, map.paras[first].content_start, b.data);
        ck_buf_clear(&b);
        anchor_end(&b, &e, id);
        ck_splice_insert(&edits, map.paras[last].close_start, b.data);
        ck_buf_free(&b);
        add_comment(&e, id, "CK", a->key, a->text);
    }

    /* Insertions after a paragraph, then the appended section. */
    ck_buf appendix = CK_BUF_INIT;
    size_t *appended = ck_calloc(set->insertion_count + 1, sizeof *appended);
    long *appended_comment = ck_calloc(set->insertion_count + 1, sizeof *appended_comment);
    size_t appended_count = 0;
    for (size_t i = 0; i < set->insertion_count; i++) {
        const ck_insertion *ins = &set->insertions[i];
        if (ck_annotation_keys_has(&e.old, ins->key))
            continue;
        long comment_id = ins->comment ? e.next_id++ : -1;
        if (ins->after >= 0 && (size_t)ins->after < map.count && map.paras[ins->after].top_end) {
            ck_buf b = CK_BUF_INIT;
            inserted_paragraphs(&e, &b, ins->text, comment_id, 0, 0);
            ck_splice_insert(&edits, map.paras[ins->after].top_end, b.data);
            ck_buf_free(&b);
        } else {
            appended_comment[appended_count] = comment_id;
            appended[appended_count++] = i;
        }
        if (comment_id >= 0)
            add_comment(&e, comment_id, "CK", ins->key, ins->comment);
    }
    if (appended_count) {
        /* At the end of the body the last paragraph mark is the document's
         * own: the insertion takes in the mark of the paragraph before it
         * instead, so rejecting it leaves no empty paragraph behind. */
        inserted_paragraphs(&e, &appendix, set->appendix_title, -1, 1, 0);
        for (size_t k = 0; k < appended_count; k++)
            inserted_paragraphs(&e, &appendix, set->insertions[appended[k]].text, appended_comment[k], 0,
                                prev && k + 1 == appended_count);
        ck_splice_insert(&edits, appendix_at ? appendix_at->top_end : map.tail_start, appendix.data);
    }
    free(appended);
    free(appended_comment);
    ck_buf_free(&appendix);

    /* The summary, on the first paragraph of the body. */
    if (set->summary) {
        size_t first = 0;
        while (first < map.count && (!map.paras[first].top_level || map.paras[first].empty))
            first++;
        if (first < map.count) {
            long id = e.next_id++;
            ck_buf b = CK_BUF_INIT;
            anchor_start(&b, &e, id);
            ck_splice_insert(&edits, map.paras[first].content_start, b.data);
            ck_buf_clear(&b);
            anchor_end(&b, &e, id);
            ck_splice_insert(&edits, map.paras[first].close_start, b.data);
            ck_buf_free(&b);
            add_comment(&e, id, "CKS", NULL, set->summary);
        }
    }
    ck_splice_apply(&edits, doc, doc_len, &out);

    /* comments.xml: the old one with the old summary removed and ours added,
     * or a new part with its relationship and content type. */
    if (old_comments) {
        ck_splice_list cedits = { 0 };
        char cprefix[64] = "w";
        ck_xml_root_prefix(old_comments, old_len, e.ns, cprefix, sizeof cprefix);
        ck_xml_scanner s;
        ck_xml_tag tag;
        size_t summary_start = 0, root_close = 0;
        int in_summary = 0;
        ck_xml_scanner_init(&s, old_comments, old_len);
        while (ck_xml_scan_next(&s, &tag) == 1) {
            if (tag.type == CK_TAG_START && ck_xml_tag_is(&tag, cprefix, "comment")) {
                char q[80];
                const char *v;
                size_t vlen;
                snprintf(q, sizeof q, "%s%sinitials", cprefix, *cprefix ? ":" : "");
                if (ck_xml_tag_attr(old_comments, &tag, q, &v, &vlen) && vlen == 3 && memcmp(v, "CKS", 3) == 0) {
                    in_summary = 1;
                    summary_start = tag.start;
                }
            } else if (tag.type == CK_TAG_END && ck_xml_tag_is(&tag, cprefix, "comment") && in_summary) {
                ck_splice_remove(&cedits, summary_start, tag.end - summary_start);
                in_summary = 0;
            } else if (tag.type == CK_TAG_END && ck_xml_tag_is(&tag, cprefix, "comments")) {
                root_close = tag.start;
            } else if (tag.type == CK_TAG_EMPTY && ck_xml_tag_is(&tag, cprefix, "comments")) {
                /* <w:comments/>, as pandoc writes it: opened and closed around ours. */
                size_t slash = tag.end - 2;
                while (slash > tag.start && old_comments[slash] != '/')
                    slash--;
                ck_buf open_close = CK_BUF_INIT;
                ck_buf_append(&open_close, old_comments + slash + 1, tag.end - slash - 1);
                ck_buf_puts(&open_close, e.comments.data ? e.comments.data : "");
                ck_buf_puts(&open_close, "</");
                ck_buf_append(&open_close, tag.name, tag.name_len);
                ck_buf_puts(&open_close, ">");
                ck_splice_remove(&cedits, slash, tag.end - slash);
                ck_splice_insert(&cedits, slash, open_close.data);
                ck_buf_free(&open_close);
                root_close = (size_t)-1;
            }
        }
        if (!root_close) {
            ck_splice_list_free(&cedits);
            rc = damaged(err, comments_name);
            goto done;
        }
        if (root_close != (size_t)-1)
            ck_splice_insert(&cedits, root_close, e.comments.data ? e.comments.data : "");
        ck_splice_apply(&cedits, old_comments, old_len, &new_comments);
        ck_splice_list_free(&cedits);
    } else if (e.comments.len) {
        ck_buf_printf(&new_comments,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<w:comments xmlns:w=\"%s\">%s</w:comments>",
                      e.ns, e.comments.data);
        free(comments_name);
        const char *slash = strrchr(set->part, '/');
        ck_buf name = CK_BUF_INIT;
        if (slash)
            ck_buf_append(&name, set->part, (size_t)(slash - set->part + 1));
        ck_buf_puts(&name, "comments.xml");
        comments_name = ck_buf_detach(&name);

        /* Relationship, with an id no other relationship has. */
        const char *rel_type = strcmp(e.ns, CK_NS_W_STRICT) == 0 ? REL_COMMENTS_STRICT : REL_COMMENTS;
        if (rels) {
            const char *close = NULL;
            for (const char *p = rels; (p = ck_xml_find(p, rels_len - (size_t)(p - rels), "</")) != NULL; p++)
                close = p;
            if (!close) {
                rc = damaged(err, rels_name);
                goto done;
            }
            int n = 1;
            char id[32];
            do
                snprintf(id, sizeof id, "\"rIdCk%d\"", n++);
            while (ck_xml_find(rels, rels_len, id));
            ck_buf_append(&new_rels, rels, (size_t)(close - rels));
            ck_buf_printf(&new_rels, "<Relationship Id=%s Type=\"%s\" Target=\"comments.xml\"/>", id, rel_type);
            ck_buf_puts(&new_rels, close);
        } else {
            ck_buf_printf(&new_rels,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                          "<Relationships xmlns=\"%s\"><Relationship Id=\"rIdCk1\" Type=\"%s\" "
                          "Target=\"comments.xml\"/></Relationships>",
                          CK_NS_PKG_REL, rel_type);
        }
        const char *close = NULL;
        for (const char *p = types; (p = ck_xml_find(p, types_len - (size_t)(p - types), "</")) != NULL; p++)
            close = p;
        if (!close) {
            rc = damaged(err, types_name);
            goto done;
        }
        ck_buf_append(&new_types, types, (size_t)(close - types));
        ck_buf_printf(&new_types, "<Override PartName=\"/%s\" ContentType=\"%s\"/>", comments_name, CT_COMMENTS);
        ck_buf_puts(&new_types, close);
    }

    /* Write: edited parts in place, every other entry copied raw. */
    if ((rc = ck_zip_writer_open(&w, output, err)) != 0)
        goto done;
    for (size_t i = 0; i < ck_zip_count(zip) && rc == 0; i++) {
        const char *name = ck_zip_name(zip, i);
        if (strcmp(name, set->part) == 0)
            rc = ck_zip_writer_add(w, name, out.data, out.len, 0, err);
        else if (comments_name && new_comments.len && strcmp(name, comments_name) == 0)
            rc = ck_zip_writer_add(w, name, new_comments.data, new_comments.len, 0, err);
        else if (new_rels.len && strcmp(name, rels_name) == 0)
            rc = ck_zip_writer_add(w, name, new_rels.data, new_rels.len, 0, err);
        else if (new_types.len && strcmp(name, types_name) == 0)
            rc = ck_zip_writer_add(w, name, new_types.data, new_types.len, 0, err);
        else
            rc = ck_zip_writer_copy_raw(w, zip, name, err);
    }
    if (rc == 0 && !old_comments && new_comments.len)
        rc = ck_zip_writer_add(w, comments_name, new_comments.data, new_comments.len, 0, err);
    if (rc == 0 && !rels && new_rels.len)
        rc = ck_zip_writer_add(w, rels_name, new_rels.data, new_rels.len, 0, err);
    if (rc == 0) {
        rc = ck_zip_writer_commit(w, err);
        w = NULL;
    }
done:
    ck_buf_free(&decl);
    ck_zip_writer_abort(w);
    ck_splice_list_free(&edits);
    ck_annotate_paragraphs_free(&map);
    ck_annotation_keys_free(&e.old);
    ck_buf_free(&e.comments);
    ck_buf_free(&out);
    ck_buf_free(&new_comments);
    ck_buf_free(&new_rels);
    ck_buf_free(&new_types);
    free(doc);
    free(rels);
    free(types);
    free(old_comments);
    free(comments_name);
    free(rels_name);
    return rc;
}
