/* Annotating a DOCX: comments (comments.xml + range anchors) and tracked
 * insertions (w:ins) spliced into the original main part. */
#include "annotate/annotate.h"

#include <stdlib.h>
#include <string.h>

#include "annotate/paragraphs.h"
#include "util/array.h"
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

/* ---- the steps of annotating ------------------------------------------------------ */

/* The parts annotating reads, and what it writes in their place. */
typedef struct docx_parts {
    char *doc, *rels, *types, *old_comments;
    size_t doc_len, rels_len, types_len, old_len;
    char *rels_name;       /* the main part's relationships */
    char *comments_name;   /* the comments part, old or new; NULL when there is none */
    const char *types_name; /* [Content_Types].xml as the package spells it */
    ck_buf out, new_comments, new_rels, new_types;
} docx_parts;

static void docx_parts_free(docx_parts *p)
{
    char *read[] = { p->doc, p->rels, p->types, p->old_comments, p->comments_name, p->rels_name };
    ck_buf *written[] = { &p->out, &p->new_comments, &p->new_rels, &p->new_types };
    for (size_t i = 0; i < CK_ARRAY_LEN(read); i++)
        free(read[i]);
    for (size_t i = 0; i < CK_ARRAY_LEN(written); i++)
        ck_buf_free(written[i]);
}

/* The main part, its relationships, the content types and any comments part. */
static int read_parts(ck_zip *zip, const char *part, docx_parts *p, ck_error *err)
{
    int rc;

    p->rels_name = rels_path_of(part);
    if ((rc = ck_zip_read(zip, part, 0, &p->doc, &p->doc_len, err)) != 0)
        return rc;
    if ((rc = read_optional(zip, p->rels_name, &p->rels, &p->rels_len, err)) != 0)
        return rc;
    p->types_name = ck_zip_name(zip, (size_t)ck_zip_find_nocase(zip, "[Content_Types].xml"));
    if ((rc = ck_zip_read(zip, p->types_name, 0, &p->types, &p->types_len, err)) != 0)
        return rc;
    p->comments_name = p->rels ? comments_part(p->rels, p->rels_len, part) : NULL;
    if (p->comments_name && (rc = read_optional(zip, p->comments_name, &p->old_comments, &p->old_len, err)) != 0)
        return rc;
    return 0;
}

/* The W namespace of the main part (transitional or strict) into e->ns,
 * its prefix into prefix, and into decl the declaration our w: elements
 * need when the part uses another prefix. */
static int find_namespace(docx_edit *e, const docx_parts *p, char *prefix, size_t size, ck_buf *decl, ck_error *err)
{
    e->ns = CK_NS_W;
    if (!ck_xml_root_prefix(p->doc, p->doc_len, CK_NS_W, prefix, size)) {
        if (!ck_xml_root_prefix(p->doc, p->doc_len, CK_NS_W_STRICT, prefix, size))
            return damaged(err, e->set->part);
        e->ns = CK_NS_W_STRICT;
    }
    if (strcmp(prefix, "w") != 0)
        ck_buf_printf(decl, " xmlns:w=\"%s\"", e->ns);
    e->w_decl = decl->data ? decl->data : "";
    return 0;
}

/* The summary of an earlier run goes; a new one takes its place. */
static void remove_old_summary(const docx_edit *e, ck_splice_list *edits, const char *doc, size_t doc_len)
{
    char a[160], z[320];

    if (e->old_summary_id < 0)
        return;
    snprintf(a, sizeof a, "<w:commentRangeStart%s w:id=\"%ld\"/>", e->w_decl, e->old_summary_id);
    snprintf(z, sizeof z, "<w:commentRangeEnd%s w:id=\"%ld\"/><w:r%s><w:commentReference w:id=\"%ld\"/></w:r>",
             e->w_decl, e->old_summary_id, e->w_decl, e->old_summary_id);
    const char *pa = ck_xml_find(doc, doc_len, a), *pz = ck_xml_find(doc, doc_len, z);
    if (pa)
        ck_splice_remove(edits, (size_t)(pa - doc), strlen(a));
    if (pz)
        ck_splice_remove(edits, (size_t)(pz - doc), strlen(z));
}

/* The appended section goes after the last article, before the signature
 * block and annexes, when the review says where that is; else NULL (the
 * end of the body). */
static const ck_annotate_paragraph *appendix_anchor(const ck_annotation_set *set, const ck_annotate_paragraphs *map)
{
    return ck_annotate_paragraphs_insertable(map, set->appendix_after);
}

/* When something is appended at the end of the body: the body's last
 * paragraph, whose mark joins the insertion; else NULL. */
static const ck_annotate_paragraph *mark_taken_in(const docx_edit *e, const ck_annotate_paragraphs *map,
                                                  const char *doc, const ck_annotate_paragraph *appendix_at)
{
    const ck_annotate_paragraph *prev = NULL;
    for (size_t i = 0; i < e->set->insertion_count && !appendix_at; i++) {
        const ck_insertion *ins = &e->set->insertions[i];
        if (!ck_annotation_keys_has(&e->old, ins->key) && !ck_annotate_paragraphs_insertable(map, ins->after))
            prev = last_body_paragraph(map, doc);
    }
    return prev;
}

/* A comment range from the start of paragraph first to the end of last. */
static void comment_range(docx_edit *e, ck_splice_list *edits, const ck_annotate_paragraph *first,
                          const ck_annotate_paragraph *last, const char *initials, const char *key, const char *text)
{
    long id = e->next_id++;
    ck_buf b = CK_BUF_INIT;
    anchor_start(&b, e, id);
    ck_splice_insert(edits, first->content_start, b.data);
    ck_buf_clear(&b);
    anchor_end(&b, e, id);
    ck_splice_insert(edits, last->close_start, b.data);
    ck_buf_free(&b);
    add_comment(e, id, initials, key, text);
}

/* Comments on existing paragraphs, placed so LibreOffice keeps them too
 * (ck_annotate_paragraphs_span); those of an earlier run are not repeated. */
static int comment_paragraphs(docx_edit *e, ck_splice_list *edits, const ck_annotate_paragraphs *map, ck_error *err)
{
    const ck_annotation_set *set = e->set;
    for (size_t i = 0; i < set->comment_count; i++) {
        const ck_annotation *a = &set->comments[i];
        size_t first, last;
        if (ck_annotation_keys_has(&e->old, a->key))
            continue;
        if (a->last >= map->count)
            return ck_annotate_unplaced(err, set->part, a->last, map->count);
        ck_annotate_paragraphs_span(map, a->first, a->last, &first, &last);
        if (map->paras[first].empty || map->paras[last].empty)
            continue;
        comment_range(e, edits, &map->paras[first], &map->paras[last], "CK", a->key, a->text);
    }
    return 0;
}

/* Insertions after a paragraph, then the appended section with the rest
 * (after appendix_at, else at the body's tail). prev is the paragraph
 * whose mark the section takes in (mark_taken_in). */
static void insert_clauses(docx_edit *e, ck_splice_list *edits, const ck_annotate_paragraphs *map,
                           const ck_annotate_paragraph *appendix_at, const ck_annotate_paragraph *prev)
{
    const ck_annotation_set *set = e->set;
    ck_buf appendix = CK_BUF_INIT;
    size_t *appended = ck_calloc(set->insertion_count + 1, sizeof *appended);
    long *appended_comment = ck_calloc(set->insertion_count + 1, sizeof *appended_comment);
    size_t appended_count = 0;

    for (size_t i = 0; i < set->insertion_count; i++) {
        const ck_insertion *ins = &set->insertions[i];
        if (ck_annotation_keys_has(&e->old, ins->key))
            continue;
        long comment_id = ins->comment ? e->next_id++ : -1;
        const ck_annotate_paragraph *after = ck_annotate_paragraphs_insertable(map, ins->after);
        if (after) {
            ck_buf b = CK_BUF_INIT;
            inserted_paragraphs(e, &b, ins->text, comment_id, 0, 0);
            ck_splice_insert(edits, after->top_end, b.data);
            ck_buf_free(&b);
        } else {
            appended_comment[appended_count] = comment_id;
            appended[appended_count++] = i;
        }
        if (comment_id >= 0)
            add_comment(e, comment_id, "CK", ins->key, ins->comment);
    }
    if (appended_count) {
        /* At the end of the body the last paragraph mark is the document's
         * own: the insertion takes in the mark of the paragraph before it
         * instead, so rejecting it leaves no empty paragraph behind. */
        inserted_paragraphs(e, &appendix, set->appendix_title, -1, 1, 0);
        for (size_t k = 0; k < appended_count; k++)
            inserted_paragraphs(e, &appendix, set->insertions[appended[k]].text, appended_comment[k], 0,
                                prev && k + 1 == appended_count);
        ck_splice_insert(edits, appendix_at ? appendix_at->top_end : map->tail_start, appendix.data);
    }
    free(appended);
    free(appended_comment);
    ck_buf_free(&appendix);
}

/* The summary, on the first paragraph of the body. */
static void comment_summary(docx_edit *e, ck_splice_list *edits, const ck_annotate_paragraphs *map)
{
    size_t first = ck_annotate_paragraphs_first_body(map);
    if (e->set->summary && first < map->count)
        comment_range(e, edits, &map->paras[first], &map->paras[first], "CKS", NULL, e->set->summary);
}

/* The old comments part with the old summary removed and ours added. */
static int merge_comments(const docx_edit *e, docx_parts *p, ck_error *err)
{
    const char *old = p->old_comments;
    const char *ours = e->comments.data ? e->comments.data : "";
    ck_splice_list cedits = { 0 };
    char cprefix[64] = "w";
    ck_xml_scanner s;
    ck_xml_tag tag;
    size_t summary_start = 0, root_close = 0;
    int in_summary = 0;

    ck_xml_root_prefix(old, p->old_len, e->ns, cprefix, sizeof cprefix);
    ck_xml_scanner_init(&s, old, p->old_len);
    while (ck_xml_scan_next(&s, &tag) == 1) {
        if (tag.type == CK_TAG_START && ck_xml_tag_is(&tag, cprefix, "comment")) {
            char q[80];
            const char *v;
            size_t vlen;
            snprintf(q, sizeof q, "%s%sinitials", cprefix, *cprefix ? ":" : "");
            if (ck_xml_tag_attr(old, &tag, q, &v, &vlen) && vlen == 3 && memcmp(v, "CKS", 3) == 0) {
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
            while (slash > tag.start && old[slash] != '/')
                slash--;
            ck_buf open_close = CK_BUF_INIT;
            ck_buf_append(&open_close, old + slash + 1, tag.end - slash - 1);
            ck_buf_puts(&open_close, ours);
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
        return damaged(err, p->comments_name);
    }
    if (root_close != (size_t)-1)
        ck_splice_insert(&cedits, root_close, ours);
    ck_splice_apply(&cedits, old, p->old_len, &p->new_comments);
    ck_splice_list_free(&cedits);
    return 0;
}

/* Where the last end tag of xml starts (the root's), or NULL. */
static const char *last_end_tag(const char *xml, size_t len)
{
    const char *close = NULL;
    for (const char *q = xml; (q = ck_xml_find(q, len - (size_t)(q - xml), "</")) != NULL; q++)
        close = q;
    return close;
}

/* A new comments part beside the main part, with its relationship (an id
 * no other relationship has) and its content type. */
static int add_comments_part(const docx_edit *e, docx_parts *p, const char *part, ck_error *err)
{
    const char *rel_type = strcmp(e->ns, CK_NS_W_STRICT) == 0 ? REL_COMMENTS_STRICT : REL_COMMENTS;
    const char *slash = strrchr(part, '/'), *close;
    ck_buf name = CK_BUF_INIT;

    ck_buf_printf(&p->new_comments,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                  "<w:comments xmlns:w=\"%s\">%s</w:comments>",
                  e->ns, e->comments.data);
    if (slash)
        ck_buf_append(&name, part, (size_t)(slash - part + 1));
    ck_buf_puts(&name, "comments.xml");
    free(p->comments_name);
    p->comments_name = ck_buf_detach(&name);

    if (p->rels) {
        int n = 1;
        char id[32];
        if (!(close = last_end_tag(p->rels, p->rels_len)))
            return damaged(err, p->rels_name);
        do
            snprintf(id, sizeof id, "\"rIdCk%d\"", n++);
        while (ck_xml_find(p->rels, p->rels_len, id));
        ck_buf_append(&p->new_rels, p->rels, (size_t)(close - p->rels));
        ck_buf_printf(&p->new_rels, "<Relationship Id=%s Type=\"%s\" Target=\"comments.xml\"/>", id, rel_type);
        ck_buf_puts(&p->new_rels, close);
    } else {
        ck_buf_printf(&p->new_rels,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<Relationships xmlns=\"%s\"><Relationship Id=\"rIdCk1\" Type=\"%s\" "
                      "Target=\"comments.xml\"/></Relationships>",
                      CK_NS_PKG_REL, rel_type);
    }
    if (!(close = last_end_tag(p->types, p->types_len)))
        return damaged(err, p->types_name);
    ck_buf_append(&p->new_types, p->types, (size_t)(close - p->types));
    ck_buf_printf(&p->new_types, "<Override PartName=\"/%s\" ContentType=\"%s\"/>", p->comments_name, CT_COMMENTS);
    ck_buf_puts(&p->new_types, close);
    return 0;
}

int ck_annotate_docx(ck_zip *zip, const char *output, const ck_annotation_set *set, ck_error *err)
{
    docx_edit e;
    docx_parts p;
    ck_annotate_paragraphs map;
    ck_splice_list edits = { 0 };
    ck_buf decl = CK_BUF_INIT;
    char prefix[64] = "";
    int rc;

    memset(&e, 0, sizeof e);
    memset(&p, 0, sizeof p);
    memset(&map, 0, sizeof map);
    e.set = set;
    ck_annotate_date(set->date, 1, e.date, sizeof e.date);

    if ((rc = read_parts(zip, set->part, &p, err)) != 0 ||
        (rc = find_namespace(&e, &p, prefix, sizeof prefix, &decl, err)) != 0)
        goto done;
    if (ck_annotate_paragraphs_scan(p.doc, p.doc_len, CK_PARAGRAPHS_DOCX, &map) != 0) {
        rc = damaged(err, set->part);
        goto done;
    }
    {
        const char *old = p.old_comments ? p.old_comments : "";
        long in_doc = max_id(p.doc, p.doc_len), in_comments = max_id(old, p.old_len);
        e.next_id = (in_doc > in_comments ? in_doc : in_comments) + 1;
        remember_old_comments(&e, old, p.old_len);
    }
    remove_old_summary(&e, &edits, p.doc, p.doc_len);

    /* The mark of the body's last paragraph joins an appended section's
     * insertion; spliced first, as w:pPr must lead its paragraph. */
    const ck_annotate_paragraph *appendix_at = appendix_anchor(set, &map);
    const ck_annotate_paragraph *prev = mark_taken_in(&e, &map, p.doc, appendix_at);
    if (prev)
        mark_paragraph_inserted(&e, &edits, p.doc, prefix, prev);
    if ((rc = comment_paragraphs(&e, &edits, &map, err)) != 0)
        goto done;
    insert_clauses(&e, &edits, &map, appendix_at, prev);
    comment_summary(&e, &edits, &map);
    ck_splice_apply(&edits, p.doc, p.doc_len, &p.out);

    /* comments.xml: the old one with ours added, or a new part with its
     * relationship and content type. */
    if (p.old_comments)
        rc = merge_comments(&e, &p, err);
    else if (e.comments.len)
        rc = add_comments_part(&e, &p, set->part, err);
    if (rc == 0) {
        /* Edited parts in place, new ones after, every other entry copied raw. */
        const ck_annotate_part parts[] = {
            { set->part, p.out.data, p.out.len },
            { p.comments_name, p.new_comments.data, p.new_comments.len },
            { p.rels_name, p.new_rels.data, p.new_rels.len },
            { p.types_name, p.new_types.data, p.new_types.len },
        };
        rc = ck_annotate_write_package(zip, output, parts, CK_ARRAY_LEN(parts), err);
    }
done:
    ck_buf_free(&decl);
    ck_splice_list_free(&edits);
    ck_annotate_paragraphs_free(&map);
    ck_annotation_keys_free(&e.old);
    ck_buf_free(&e.comments);
    docx_parts_free(&p);
    return rc;
}
