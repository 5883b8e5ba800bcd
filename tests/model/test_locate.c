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
    /* an article is its own section */
    assert_int_equal(ck_document_section(doc, 0), -1);
    assert_int_equal(ck_document_section(doc, 1), 1);
    assert_int_equal(ck_document_section(doc, 3), 1);
    assert_int_equal(ck_document_section(doc, 8), 6);
    ck_document_free(doc);
}

/* What is checked together: a heading without 第N條 (六、交付項目) holds its
 * items; without headings, a top-level item holds its sub-items. */
static void sections_hold_their_items(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_HEADING, NULL, "五、個人資料");                 /* 0 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(一)乙方應保密。");            /* 1 */
    add(doc, CK_BLOCK_HEADING, NULL, "六、交付項目");                 /* 2 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(一)需求規格書。");            /* 3 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(二)系統文件。");              /* 4 */
    ck_document_locate(doc);
    assert_int_equal(ck_document_section(doc, 0), 0);
    assert_int_equal(ck_document_section(doc, 1), 0);
    assert_int_equal(ck_document_section(doc, 2), 2);
    assert_int_equal(ck_document_section(doc, 3), 2);
    assert_int_equal(ck_document_section(doc, 4), 2);
    assert_int_equal(doc->blocks[4].article, -1); /* no 第N條 */
    ck_document_free(doc);

    doc = ck_document_new("t", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "立契約人：甲方、乙方");        /* 0 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "一、乙方應提送計畫書。");      /* 1 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "二、文件：");                  /* 2 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(一)需求規格書。");            /* 3 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(二)系統文件。");              /* 4 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "三、驗收。");                  /* 5 */
    ck_document_locate(doc);
    assert_int_equal(ck_document_section(doc, 0), -1);
    assert_int_equal(ck_document_section(doc, 1), 1);
    assert_int_equal(ck_document_section(doc, 3), 2);
    assert_int_equal(ck_document_section(doc, 4), 2);
    assert_int_equal(ck_document_section(doc, 5), 5);
    ck_document_free(doc);

    /* The document's title is no section: its items are checked apart. */
    doc = ck_document_new("t", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_HEADING, NULL, "網站內容更新服務契約");           /* 0 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "一、工作內容：更新網站。");      /* 1 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "二、費用：每半年請領。");        /* 2 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(一)檢據請領。");                /* 3 */
    add(doc, CK_BLOCK_HEADING, NULL, "資訊安全");                       /* 4 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "乙方應遵守資安規定。");          /* 5 */
    ck_document_locate(doc);
    assert_int_equal(ck_document_section(doc, 0), -1);
    assert_int_equal(ck_document_section(doc, 1), 1);
    assert_int_equal(ck_document_section(doc, 2), 2);
    assert_int_equal(ck_document_section(doc, 3), 2);
    assert_int_equal(ck_document_section(doc, 4), 4);
    assert_int_equal(ck_document_section(doc, 5), 4);
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

static const char *place_of(const ck_document *doc, size_t i)
{
    return doc->blocks[i].place ? doc->blocks[i].place : "(null)";
}

/* The PCC model's way: (一) 款, 1. 目, (1) 子目 when no article has 一、
 * items; unlabelled lines (options, notes, fields, paragraphs that carry
 * on an item) take the place they are in and advance no counter. */
static void pcc_convention(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_HEADING, NULL, "第三條 契約價金");                 /* 0 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "結算方式如下：");                /* 1 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "□總包價法。");                   /* 2 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "□服務成本加公費法。");           /* 3 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "1.服務費用另計。");              /* 4 */
    add(doc, CK_BLOCK_HEADING, NULL, "第五條 付款");                     /* 5 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(一)依下列條件付款：");          /* 6 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "1.預付款：");                    /* 7 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(1)預付款為總額之一成。");       /* 8 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(2)預付款應專戶存放。");         /* 9 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "註：無者免填。");                /* 10 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(二)請款文件如下：");            /* 11 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "□1.成本證明。");                 /* 12 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "■2.保險證明。");                 /* 13 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "每一事故：______元。");          /* 14 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(三)前款文件應簽章。");          /* 15 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "廠商未簽章者，機關得退回。");    /* 16 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(九)其他。");                    /* 17 */
    ck_document_locate(doc);

    assert_string_equal(loc(doc, 1), "第三條");
    assert_string_equal(loc(doc, 2), "第三條");
    assert_string_equal(loc(doc, 3), "第三條");
    assert_string_equal(loc(doc, 4), "第三條 第一款");
    assert_string_equal(loc(doc, 6), "第五條 第一款");
    assert_string_equal(loc(doc, 7), "第五條 第一款 第一目");
    assert_string_equal(loc(doc, 8), "第五條 第一款 第一目 第一子目");
    assert_string_equal(place_of(doc, 9), "第5條第1款第1目第2子目");
    assert_string_equal(place_of(doc, 10), "第5條第1款第1目第2子目"); /* a note takes no number */
    assert_string_equal(place_of(doc, 11), "第5條第2款");
    assert_string_equal(place_of(doc, 12), "第5條第2款第1目");
    assert_string_equal(place_of(doc, 13), "第5條第2款第2目");
    assert_string_equal(place_of(doc, 14), "第5條第2款第2目");
    assert_string_equal(place_of(doc, 15), "第5條第3款");
    assert_string_equal(place_of(doc, 16), "第5條第3款");   /* carries on its item: no 項 */
    assert_string_equal(place_of(doc, 17), "第5條第9款");
    assert_string_equal(place_of(doc, 0), "第3條");
    ck_document_free(doc);
}

/* The law's way (中央法規標準法 §8): unlabelled paragraphs are 項, 一、
 * 款, (一) 目; what is not agreed, notes and field lines are no 項, nor is
 * a paragraph that carries on a sentence cut off before it. */
static void law_convention_skips_what_is_not_a_paragraph(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_HEADING, NULL, "第五條　違約金");                 /* 0 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "乙方有下列情形之一者：");       /* 1 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "一、逾期。");                    /* 2 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "二、未達服務水準：");            /* 3 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "（一）回應逾時。");              /* 4 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "註：由機關擇定。");              /* 5 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "□每日罰款。");                   /* 6 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "前項違約金以總額百分之二十為上限，按日計達");  /* 7 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "上限時終止契約。");              /* 8: carries on 7 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "違約金自價金扣抵。");            /* 9 */
    ck_document_locate(doc);

    assert_string_equal(loc(doc, 1), "第五條 第一項");
    assert_string_equal(loc(doc, 2), "第五條 第一項 第一款");
    assert_string_equal(loc(doc, 4), "第五條 第一項 第二款 第一目");
    assert_string_equal(loc(doc, 5), "第五條 第一項 第二款 第一目");
    assert_string_equal(loc(doc, 6), "第五條 第一項 第二款 第一目");
    assert_string_equal(loc(doc, 7), "第五條 第二項");
    assert_string_equal(loc(doc, 8), "第五條 第二項");
    assert_string_equal(loc(doc, 9), "第五條 第三項");
    assert_string_equal(place_of(doc, 4), "第5條第1項第2款第1目");
    ck_document_free(doc);
}

/* A contract whose own cross-references use 子目 is read the PCC way
 * even where an article starts with 一、. */
static void sub_items_in_references_decide_the_convention(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_HEADING, NULL, "第一條 總則");                     /* 0 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "本契約依第2條第1款第1目第1子目辦理。"); /* 1 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "一、適用範圍。");                /* 2 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "附帶說明。");                    /* 3 */
    ck_document_locate(doc);
    assert_string_equal(place_of(doc, 1), "第1條");
    assert_string_equal(place_of(doc, 2), "第1條第1款");
    assert_string_equal(place_of(doc, 3), "第1條第1款");
    ck_document_free(doc);
}

/* Forms and appendices after the last article are annexes of their own,
 * with their own points; the preamble and field lines are the form's. */
static void forms_after_the_last_article_have_points(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_HEADING, NULL, "第十九條 其他");                    /* 0 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(一)本契約一式二份。");           /* 1 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "保 密 切 結 書");                 /* 2 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "立切結書人﹍﹍﹍，謹聲明恪遵下列規定，絶無異議。"); /* 3 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "未經核准，不得攜出資料。");       /* 4 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "未經確認，不得連接網路。");       /* 5 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "攜入設備應經檢測，通過後使用。"); /* 6 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "身分證字號：");                   /* 7 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "附錄、積欠薪資處理程序");         /* 8 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "機關應每月訪查駐點人員。");       /* 9 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "廠商願意讓與債權者：");           /* 10 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "(1)薪資處置：");                  /* 11 */
    add(doc, CK_BLOCK_PARAGRAPH, NULL, "機關依通知付款。");               /* 12 */
    ck_document_locate(doc);

    assert_string_equal(loc(doc, 1), "第十九條 第一款");
    assert_string_equal(loc(doc, 2), "附件 保密切結書");
    assert_string_equal(loc(doc, 3), "附件 保密切結書");
    assert_string_equal(loc(doc, 4), "附件 保密切結書 第一點");
    assert_string_equal(place_of(doc, 6), "附件 保密切結書 第3點");
    assert_string_equal(place_of(doc, 7), "附件 保密切結書");
    assert_int_equal(doc->blocks[6].article, -1);
    assert_string_equal(place_of(doc, 8), "附錄 積欠薪資處理程序");
    assert_string_equal(place_of(doc, 9), "附錄 積欠薪資處理程序 第1點");
    assert_string_equal(place_of(doc, 11), "附錄 積欠薪資處理程序 第2點第1款");
    assert_string_equal(place_of(doc, 12), "附錄 積欠薪資處理程序 第2點第1款");
    ck_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(articles_and_paragraphs),
        cmocka_unit_test(sections_hold_their_items),
        cmocka_unit_test(items_are_kuan_and_mu),
        cmocka_unit_test(annexes_tables_and_other_places),
        cmocka_unit_test(label_chains_without_articles),
        cmocka_unit_test(pcc_convention),
        cmocka_unit_test(law_convention_skips_what_is_not_a_paragraph),
        cmocka_unit_test(sub_items_in_references_decide_the_convention),
        cmocka_unit_test(forms_after_the_last_article_have_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
