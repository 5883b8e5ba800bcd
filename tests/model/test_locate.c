/* The locator on documents built in memory: articles, 項/款/目, annexes,
 * tables, notes, text boxes, headers, TOC lines and label chains. */
#include "support.h"

#include "model/document.h"
#include "model/locate.h"

static ck_block *add(ck_document *doc, ck_block_kind kind, const char *label, const char *text)
{
    return ck_document_add(doc, kind, text, strlen(text), label, NULL);
}

static const char *loc(const ck_document *doc, size_t i)
{
    return doc->blocks[i].location ? doc->blocks[i].location : "(null)";
}

static void articles_and_paragraphs(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "立契約書人：甲方、乙方");                    /* 0 */
    add(doc, CK_BLOCK_HEADING, NULL, "第十二條　保密");                             /* 1 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "乙方應保守秘密。");                          /* 2 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "前項義務於契約終止後仍有效。");              /* 3 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "第十三條 乙方應於決標次日起三十日內，提送計畫書。"); /* 4 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "計畫書經甲方審查通過後施行。");              /* 5 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "第 14 條（驗收）");                          /* 6 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "驗收依第十三條所定計畫書辦理。");            /* 7 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "第十三條所定之計畫書應含時程。");            /* 8: a reference, no article */
    add(doc, CK_BLOCK_LIST_ITEM, "第１５條", "付款");                                /* 9 */
    ck_document_locate(doc);

    assert_string_equal(loc(doc, 0), "前言");
    assert_int_equal(doc->blocks[0].article, -1);
    assert_string_equal(loc(doc, 1), "第十二條");
    assert_int_equal(doc->blocks[1].article_number, 12);
    assert_string_equal(loc(doc, 2), "第十二條 第一項");
    assert_string_equal(loc(doc, 3), "第十二條 第二項");
    assert_int_equal(doc->blocks[3].article, 1);
    assert_int_equal(doc->blocks[3].article_number, 12);
    /* the heading line carries body text: it is 第一項 */
    assert_string_equal(loc(doc, 4), "第十三條");
    assert_string_equal(loc(doc, 5), "第十三條 第二項");
    assert_string_equal(loc(doc, 6), "第十四條");
    assert_int_equal(doc->blocks[6].article_number, 14);
    assert_string_equal(loc(doc, 7), "第十四條 第一項");
    assert_string_equal(loc(doc, 8), "第十四條 第二項");
    assert_int_equal(doc->blocks[8].article_number, 14);
    assert_string_equal(loc(doc, 9), "第十五條");
    assert_int_equal(doc->blocks[9].article_number, 15);

    /* idempotent */
    ck_document_locate(doc);
    assert_string_equal(loc(doc, 5), "第十三條 第二項");
    ck_document_free(doc);
}

static void items_are_kuan_and_mu(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_HEADING, NULL, "第五條　違約金");             /* 0 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "乙方有下列情形之一者：");   /* 1 */
    add(doc, CK_BLOCK_LIST_ITEM, "一、", "逾期。");                  /* 2 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "二、未達服務水準：");         /* 3 typed by hand */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "（一）回應逾時。");           /* 4 */
    add(doc, CK_BLOCK_LIST_ITEM, "(二)", "排除逾時。");              /* 5 */
    add(doc, CK_BLOCK_LIST_ITEM, "1.", "每小時千分之一。");          /* 6 */
    add(doc, CK_BLOCK_LIST_ITEM, "三、", "其他。");                  /* 7 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "前項違約金以總額百分之二十為上限。"); /* 8 */
    add(doc, CK_BLOCK_HEADING, NULL, "第六條　付款");                /* 9 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(一)第一期：簽約後。");       /* 10: PCC style, (一) is 款 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "1.檢附發票。");               /* 11 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "1.5 公尺以上之機櫃。");       /* 12: a number, not a label */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "2.1.3 備援機制");             /* 13 */
    ck_document_locate(doc);

    assert_string_equal(loc(doc, 1), "第五條 第一項");
    assert_string_equal(loc(doc, 2), "第五條 第一項 第一款");
    assert_string_equal(loc(doc, 3), "第五條 第一項 第二款");
    assert_string_equal(loc(doc, 4), "第五條 第一項 第二款 第一目");
    assert_string_equal(loc(doc, 5), "第五條 第一項 第二款 第二目");
    assert_string_equal(loc(doc, 6), "第五條 第一項 第二款 第二目 1.");
    assert_string_equal(loc(doc, 7), "第五條 第一項 第三款");
    assert_string_equal(loc(doc, 8), "第五條 第二項");
    assert_string_equal(loc(doc, 10), "第六條 第一項 第一款");
    assert_string_equal(loc(doc, 12), "第六條 第二項");
    assert_string_equal(loc(doc, 11), "第六條 第一項 第一款 第一目");
    assert_string_equal(loc(doc, 13), "第六條 第二項 2.1.3");
    ck_document_free(doc);
}

static void annexes_tables_and_other_places(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    ck_block *b;
    add(doc, CK_BLOCK_HEADER, NULL, "機密");                                        /* 0 */
    add(doc, CK_BLOCK_HEADING, NULL, "目　錄");                                      /* 1 */
    b = add(doc, CK_BLOCK_PARAGRAPH, NULL, "第一條　標的\t1");                       /* 2 */
    b->flags |= CK_BLOCK_TOC;
    add(doc, CK_BLOCK_HEADING, NULL, "第一條　標的");                                /* 3 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "服務內容詳附件一所列。");                   /* 4: not an annex */
    b = add(doc, CK_BLOCK_TABLE_CELL, NULL, "期別");                                 /* 5 */
    b->flags |= CK_BLOCK_IN_TABLE, b->table = 2, b->row = 3, b->column = 1;
    b = add(doc, CK_BLOCK_FOOTNOTE, NULL, "依資安法。");                             /* 6 */
    b->note = 3;
    b = add(doc, CK_BLOCK_TEXT_BOX, NULL, "提醒");                                   /* 7 */
    b->flags |= CK_BLOCK_IN_TEXT_BOX, b->text_box = 1;
    add(doc, CK_BLOCK_HEADING, NULL, "附件一　服務水準表");                          /* 8 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "說明文字");                                  /* 9 */
    b = add(doc, CK_BLOCK_TABLE_CELL, NULL, "異常回應");                             /* 10 */
    b->flags |= CK_BLOCK_IN_TABLE, b->table = 3, b->row = 2, b->column = 1;
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "附表2：人員名冊");                           /* 11 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "第一條 保密切結");                           /* 12 */
    add(doc, CK_BLOCK_FOOTER, NULL, "第 1 頁");                                      /* 13 */
    ck_document_locate(doc);

    assert_string_equal(loc(doc, 0), "頁首");
    assert_string_equal(loc(doc, 1), "目錄");
    assert_true(doc->blocks[1].flags & CK_BLOCK_TOC);
    assert_string_equal(loc(doc, 2), "目錄");
    assert_string_equal(loc(doc, 4), "第一條");
    assert_false(doc->blocks[4].flags & CK_BLOCK_IN_ANNEX);
    assert_string_equal(loc(doc, 5), "第一條 表 2 第 3 列");
    assert_int_equal(doc->blocks[5].article_number, 1);
    assert_string_equal(loc(doc, 6), "第一條 註腳 3");
    assert_string_equal(loc(doc, 7), "第一條 文字方塊 1");
    assert_string_equal(loc(doc, 8), "附件一");
    assert_true(doc->blocks[8].flags & CK_BLOCK_IN_ANNEX);
    assert_string_equal(loc(doc, 9), "附件一");
    assert_true(doc->blocks[9].flags & CK_BLOCK_IN_ANNEX);
    assert_int_equal(doc->blocks[9].article, -1);
    assert_string_equal(loc(doc, 10), "附件一 表 3 第 2 列");
    assert_string_equal(loc(doc, 11), "附表2");
    assert_string_equal(loc(doc, 12), "附表2 第一條");
    assert_true(doc->blocks[12].flags & CK_BLOCK_IN_ANNEX);
    assert_string_equal(loc(doc, 13), "頁尾");
    assert_false(doc->blocks[13].flags & CK_BLOCK_IN_ANNEX);
    ck_document_free(doc);
}

static void label_chains_without_articles(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t", CK_FORMAT_ODT);
    add(doc, CK_BLOCK_HEADING, NULL, "資訊服務需求書");       /* 0: no articles: a section */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "說明");               /* 1 */
    add(doc, CK_BLOCK_LIST_ITEM, "三、", "資安要求");          /* 2 */
    add(doc, CK_BLOCK_LIST_ITEM, "(二)", "弱點掃描");          /* 3 */
    add(doc, CK_BLOCK_HEADING, "壹、", "總則");                /* 4 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "一、適用範圍");        /* 5 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "第二章　權利義務");    /* 6 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "雙方之權利義務如下");  /* 7 */
    ck_document_locate(doc);

    assert_string_equal(loc(doc, 0), "資訊服務需求書");
    assert_string_equal(loc(doc, 1), "資訊服務需求書");
    assert_string_equal(loc(doc, 2), "資訊服務需求書 三、");
    assert_string_equal(loc(doc, 3), "資訊服務需求書 三、(二)");
    assert_string_equal(loc(doc, 4), "壹、");
    assert_string_equal(loc(doc, 5), "壹、一、");
    assert_string_equal(loc(doc, 6), "第二章");
    assert_string_equal(loc(doc, 7), "第二章");
    assert_int_equal(doc->blocks[7].article_number, 0);
    ck_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(articles_and_paragraphs),
        cmocka_unit_test(items_are_kuan_and_mu),
        cmocka_unit_test(annexes_tables_and_other_places),
        cmocka_unit_test(label_chains_without_articles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
