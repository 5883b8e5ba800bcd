/* Place keys, finding a place, and cross-references resolved to blocks. */
#include "support.h"

#include "model/document.h"
#include "model/locate.h"
#include "model/place.h"

static char *key(const char *s)
{
    static char out[256];
    ck_buf b = CK_BUF_INIT;
    ck_place_key(s, strlen(s), &b);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    ck_buf_free(&b);
    return out;
}

static void keys(void **state)
{
    (void)state;
    assert_string_equal(key("第八條 第十六款 第二目"), "第8條第16款第2目");
    assert_string_equal(key("第8條第16款第2目"), "第8條第16款第2目");
    assert_string_equal(key("第８條　第１６款"), "第8條第16款");
    assert_string_equal(key("附件 保密切結書 第三點"), "附件保密切結書第3點");
    assert_string_equal(key("附件一 第2點"), "附件1第2點");
    assert_string_equal(key("前言"), "前言");
}

/* Every reference found, as "text=>place@block" separated by "|". */
static char *references(const ck_document *doc, size_t from)
{
    static char out[1024];
    size_t n = 0, start, end;
    int joined;
    ck_buf place = CK_BUF_INIT, previous = CK_BUF_INIT;
    ck_reference_scan scan;
    const ck_block *b = &doc->blocks[from];
    out[0] = '\0';
    ck_reference_scan_init(&scan, b->text, b->text_len);
    while (ck_reference_next(&scan, &start, &end, &joined)) {
        long at = ck_document_resolve_reference(doc, from, joined && previous.len ? previous.data : NULL,
                                                b->text + start, end - start, &place);
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s=>%s@%ld", n ? "|" : "", (int)(end - start),
                              b->text + start, place.data, at);
        ck_buf_clear(&previous);
        ck_buf_append(&previous, place.data, place.len);
        ck_buf_putc(&previous, '\0');
        previous.len--;
    }
    ck_buf_free(&place);
    ck_buf_free(&previous);
    return out;
}

static ck_document *contract(void)
{
    static const char *const lines[] = {
        "第一條 契約文件",                                   /* 0 */
        "(一)契約包括下列文件：",                            /* 1 */
        "1.招標文件。",                                      /* 2 */
        "2.投標文件。",                                      /* 3 */
        "(1)投標須知。",                                     /* 4 */
        "(2)標價清單。",                                     /* 5 */
        "(二)前款第2目第1子目及第2子目之文件，依第2條第1款辦理。", /* 6 */
        "第二條 付款",                                       /* 7 */
        "(一)廠商違反第1條第1款第2目第1子目至第2子目、第1條第2款者，機關得依採購法第50條第1項第3款至第5款、第7款及民法第216條辦理。", /* 8 */
        "(二)依第1款辦理，並依「天然災害出勤要點」第2點及同條第3項，參照契約第1條。", /* 9 */
        "(三)依第9條第99款辦理。",                           /* 10 */
        NULL,
    };
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    for (const char *const *l = lines; *l; l++)
        ck_document_add(doc, strncmp(*l, "第", 3) == 0 ? CK_BLOCK_HEADING : CK_BLOCK_PARAGRAPH, *l, strlen(*l), NULL,
                        NULL);
    ck_document_locate(doc);
    return doc;
}

static void finding_places(void **state)
{
    (void)state;
    ck_document *doc = contract();
    assert_string_equal(doc->blocks[5].place, "第1條第1款第2目第2子目");
    assert_int_equal(ck_document_find_place(doc, "第1條第1款第2目第2子目", strlen("第1條第1款第2目第2子目")), 5);
    assert_int_equal(ck_document_find_place(doc, "第一條 第一款 第二目", strlen("第一條 第一款 第二目")), 3);
    assert_int_equal(ck_document_find_place(doc, "第二條", strlen("第二條")), 7);
    assert_int_equal(ck_document_find_place(doc, "第3條", strlen("第3條")), -1);
    assert_int_equal(ck_document_find_place(doc, "", 0), -1);
    ck_document_free(doc);
}

static void cross_references_resolve(void **state)
{
    (void)state;
    ck_document *doc = contract();
    /* relative to the citing block's article; joined ones to the one before */
    assert_string_equal(references(doc, 6),
                        "前款第2目第1子目=>第1條第1款第2目第1子目@4|第2子目=>第1條第1款第2目第2子目@5|"
                        "第2條第1款=>第2條第1款@8");
    /* a law's articles and what is joined to them are left out */
    assert_string_equal(references(doc, 8), "第1條第1款第2目第1子目=>第1條第1款第2目第1子目@4|"
                                            "第2子目=>第1條第1款第2目第2子目@5|第1條第2款=>第1條第2款@6");
    /* a rule's points, 同條, and 第N條 alone only after 契約 or 依 */
    assert_string_equal(references(doc, 9), "第1款=>第2條第1款@8|第1條=>第1條@0");
    /* a place the contract does not have */
    assert_string_equal(references(doc, 10), "第9條第99款=>第9條第99款@-1");
    ck_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys),
        cmocka_unit_test(finding_places),
        cmocka_unit_test(cross_references_resolve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
