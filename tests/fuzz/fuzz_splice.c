/* fuzz_splice — libFuzzer harness: the annotation writers' byte-level view of
 * a part on any text. The tag scanner, attribute and namespace lookups and
 * the paragraph map (as DOCX and as ODT) must stay inside the text, and a
 * splice at every offset the map gives must produce exactly the expected
 * length. The text is an exact-size copy, not NUL-terminated, so any read
 * past its end is caught. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "annotate/paragraphs.h"
#include "util/buf.h"
#include "xml/splice.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char MARK[] = "<!--x-->";

static void scan_tags(const char *text, size_t len)
{
    static const char *const names[] = { "w:id", "Type", "Target", "xmlns:w", "text:style-name" };
    ck_xml_scanner s;
    ck_xml_tag tag;
    char prefix[64];

    ck_xml_scanner_init(&s, text, len);
    while (ck_xml_scan_next(&s, &tag) == 1) {
        assert(tag.start < tag.end && tag.end <= len);
        assert(tag.name >= text && tag.name + tag.name_len <= text + len);
        ck_xml_tag_is(&tag, "w", "p");
        ck_xml_tag_is(&tag, "", "p");
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            const char *v;
            size_t vlen;
            if (ck_xml_tag_attr(text, &tag, names[i], &v, &vlen))
                assert(v >= text && v + vlen <= text + len);
        }
    }
    if (ck_xml_root_prefix(text, len, CK_NS_W, prefix, sizeof prefix))
        assert(memchr(prefix, '\0', sizeof prefix));
    ck_xml_root_prefix(text, len, CK_NS_OFFICE, prefix, 2);
}

static void add_mark(ck_splice_list *list, size_t at, size_t len, size_t *inserted)
{
    assert(at <= len);
    ck_splice_insert(list, at, MARK);
    *inserted += sizeof MARK - 1;
}

static void map_and_splice(const char *text, size_t len, ck_paragraph_format format)
{
    ck_annotate_paragraphs map;
    ck_splice_list list = { NULL, 0, 0 };
    ck_buf out = CK_BUF_INIT;
    size_t inserted = 0, removed = 0;

    if (ck_annotate_paragraphs_scan(text, len, format, &map) != 0)
        return;
    add_mark(&list, map.container_open_end, len, &inserted);
    add_mark(&list, map.container_close, len, &inserted);
    add_mark(&list, map.tail_start, len, &inserted);
    for (size_t i = 0; i < map.count; i++) {
        const ck_annotate_paragraph *p = &map.paras[i];
        add_mark(&list, p->start, len, &inserted);
        add_mark(&list, p->content_start, len, &inserted);
        add_mark(&list, p->top_end, len, &inserted);
        if (p->item_close)
            add_mark(&list, p->item_close, len, &inserted);
        assert(p->close_start <= len && p->end <= len);
        /* End tags are disjoint, so removing each is a valid edit. */
        if (!p->empty && p->close_start < p->end) {
            ck_splice_remove(&list, p->close_start, p->end - p->close_start);
            removed += p->end - p->close_start;
        }
    }
    ck_splice_apply(&list, text, len, &out);
    assert(out.len == len + inserted - removed);
    ck_buf_free(&out);
    ck_splice_list_free(&list);
    ck_annotate_paragraphs_free(&map);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy: the scanner must not rely on a terminator. */
    char *text = malloc(size ? size : 1);

    memcpy(text, data, size);
    scan_tags(text, size);
    map_and_splice(text, size, CK_PARAGRAPHS_DOCX);
    map_and_splice(text, size, CK_PARAGRAPHS_ODT);
    free(text);
    return 0;
}
