/* Agreed text on documents built in memory: options ticked and unticked
 * and the lines under them, drafting notes, blanks, attached forms. */
#include "support.h"

#include "model/agreed.h"
#include "model/document.h"
#include "model/locate.h"

static void add_all(ck_document *doc, const char *const *lines)
{
    for (; *lines; lines++) {
        ck_block_kind kind = strncmp(*lines, "第", 3) == 0 && strstr(*lines, "條 ") ? CK_BLOCK_HEADING : CK_BLOCK_PARAGRAPH;
        ck_document_add(doc, kind, *lines, strlen(*lines), NULL, NULL);
    }
    ck_document_locate(doc);
}

/* "A" agreed, "U" not agreed, "N" a drafting note, one letter a block. */
static char *marks(const ck_document *doc)
{
    static char out[256];
    size_t i;
    for (i = 0; i < doc->count && i < sizeof out - 1; i++) {
        uint32_t f = doc->blocks[i].flags;
        out[i] = f & CK_BLOCK_DRAFTING_NOTE ? 'N' : f & CK_BLOCK_UNAGREED ? 'U' : 'A';
        if ((f & CK_BLOCK_DRAFTING_NOTE) && !(f & CK_BLOCK_UNAGREED))
            out[i] = '!'; /* a note is always also not agreed */
    }
    out[i] = '\0';
    return out;
}

/* The text of a block's spans with flag, each in [ ]. */
static char *spans(const ck_block *b, uint32_t flag)
{
    static char out[1024];
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < b->span_count; i++) {
        if (b->spans[i].flags != flag)
            continue;
        n += (size_t)snprintf(out + n, sizeof out - n, "[%.*s]", (int)(b->spans[i].end - b->spans[i].start),
                              b->text + b->spans[i].start);
    }
    return out;
}

static void typed_check_boxes(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "第三條 契約價金",
        "契約價金結算方式：",
        "□總包價法。",
        "■單價計算法。",
        "☑按月計酬法。",
        "█按日計酬法。",
        "▉按時計酬法。",
        "☐其他。",
        "☒年終獎金。",
        NULL,
    };
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add_all(doc, lines);
    assert_string_equal(marks(doc), "AAUAAAAUA");
    ck_document_free(doc);
}

static void lines_under_an_unticked_option(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "第三條 契約價金",
        "□服務成本加公費法。",                /* 1 */
        "1.服務費用由機關於決標後填寫。",     /* 2 under the option */
        "2.公費為定額。",                     /* 3 */
        "□按月計酬法。實際履約費用達",        /* 4 */
        "上限時，廠商不得繼續履約。",          /* 5 carries on its sentence */
        "■按日計酬法。",                      /* 6 */
        "1.每日薪資按日薪計算。",             /* 7 under a ticked option */
        "第四條 付款",                        /* 8 */
        "(一)廠商請領價金時應提出下列文件：", /* 9 */
        "□1.成本證明。",                      /* 10 */
        "■2.保險證明。",                      /* 11 */
        "■(1)駐點人員出勤紀錄。",         /* 12 under ■2. */
        "□3.商業發票。",                      /* 13 */
        "(二)前款文件應有簽名。",             /* 14: its list has ended */
        "(三)勞工薪資：",                     /* 15 */
        "█(1)薪資如下：",                     /* 16 */
        "□按月計酬。",                        /* 17 */
        "□按日計酬。",                        /* 18 */
        "(2)廠商應依法給付。",                /* 19: the kind of █(1) ends the options */
        "9.請假代理：",                       /* 20 */
        "□(1)廠商應指派代理人。",            /* 21 */
        "□(2)其他：____",                     /* 22 */
        "上開請假之薪資，機關應比照扣除。另扣除方式如下：", /* 23: a paragraph of 9. */
        "□(1)依每人每月薪資計算。",           /* 24 */
        "(四)履約進度落後達下列情形：",      /* 25 */
        "□落後20%以上。",                     /* 26 */
        "百分比之計算方式：",                 /* 27 opens a list under the option */
        "(1)尚未完成履約者。",                /* 28 */
        "□其他。",                            /* 29 */
        "(五)其他事項。",                     /* 30 */
        NULL,
    };
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add_all(doc, lines);
    assert_string_equal(marks(doc), "AUUUUUAAAAUAAUAAAUUAAUUAUAUUUUA");
    ck_document_free(doc);
}

static void options_with_labels_of_their_own(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "第十四條 權利",
        "(三)著作權歸屬如下：",        /* 1 */
        "1□以廠商為著作人。",          /* 2 */
        "【1】□重製權 【2】□改作權",  /* 3 */
        "2■以機關為著作人。",          /* 4 */
        "【1】■重製權",                /* 5 */
        "3□其他。",                    /* 6 */
        "4.廠商使用開源軟體者，應依其授權。", /* 7: an item of its own */
        "(四)其他。",                  /* 8 */
        NULL,
    };
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add_all(doc, lines);
    assert_string_equal(marks(doc), "AAUUAAUAA");
    ck_document_free(doc);
}

static void drafting_notes(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "第十四條 權利",
        "(一)智慧財產權歸屬如下：",               /* 1 */
        "註：1.考量履約標的之特性約定歸屬。",     /* 2 */
        "2.非客製化之著作，建議由廠商享有。",     /* 3: the note's second point */
        "□以廠商為著作人。",                      /* 4 */
        "例：採購一般共通性需求規格之著作。",     /* 5 */
        "■以機關為著作人。",                      /* 6 */
        "註:機關得刪除本款。",                    /* 7 */
        "說明：本款由機關擇定。",                 /* 8 */
        "(由機關視需要於招標時載明)。",            /* 9 */
        "(二)廠商應給付之標的(由機關於招標時載明)：", /* 10: agreed, with an instruction */
        "3.損害賠償之範圍。",                     /* 11: not the note's third point */
        "註1：示例。",                            /* 12 */
        NULL,
    };
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add_all(doc, lines);
    assert_string_equal(marks(doc), "AANNUNANNNAAN");
    assert_string_equal(spans(&doc->blocks[10], CK_SPAN_DRAFTING_NOTE), "[(由機關於招標時載明)]");
    assert_string_equal(spans(&doc->blocks[1], CK_SPAN_DRAFTING_NOTE), "");
    ck_document_free(doc);
}

static void blanks(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "第一條 契約價金",
        "契約價金：________元，保固＿年。",                /* 1 */
        "服務費用 元，公費為定額　　元，總額 　 %。",      /* 2 */
        "工作時間為上午 時 分至下午 時 分。",              /* 3 */
        "履約期間自 起至契約所定期限止；○○機關、〇〇公司。", /* 4 */
        "民國一〇二年修正；簽署人﹍﹍﹍（姓名）。",         /* 5: 〇 in a number is no blank */
        "中 華 民 國",                                     /* 6: letter spacing */
        "其他： 。",                                       /* 7 */
        "本人依與 (得標廠商)之契約派駐。",                 /* 8 */
        "第二條 a_b 與 1.5 公尺",                          /* 9 */
        NULL,
    };
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add_all(doc, lines);
    assert_string_equal(spans(&doc->blocks[0], CK_SPAN_BLANK), "");
    assert_string_equal(spans(&doc->blocks[1], CK_SPAN_BLANK), "[________][＿]");
    assert_string_equal(spans(&doc->blocks[2], CK_SPAN_BLANK), "[ ][　　][ 　 ]");
    assert_string_equal(spans(&doc->blocks[3], CK_SPAN_BLANK), "[ ][ ][ ][ ]");
    assert_string_equal(spans(&doc->blocks[4], CK_SPAN_BLANK), "[ ][○○][〇〇]");
    assert_string_equal(spans(&doc->blocks[5], CK_SPAN_BLANK), "[﹍﹍﹍]");
    assert_string_equal(spans(&doc->blocks[6], CK_SPAN_BLANK), "");
    assert_string_equal(spans(&doc->blocks[7], CK_SPAN_BLANK), "[ ]");
    assert_string_equal(spans(&doc->blocks[8], CK_SPAN_BLANK), "[ ]");
    assert_string_equal(spans(&doc->blocks[9], CK_SPAN_BLANK), "");
    assert_string_equal(marks(doc), "AAAAAAAAAA");

    /* idempotent: spans are not added twice */
    ck_document_locate(doc);
    assert_string_equal(spans(&doc->blocks[2], CK_SPAN_BLANK), "[ ][　　][ 　 ]");
    ck_document_free(doc);
}

static void forms_after_the_last_article(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "第十九條 其他",
        "(一)廠商人員應簽署保密切結書。",          /* 1 */
        "保 密 切 結 書",                          /* 2 */
        "立切結書人﹍﹍﹍，謹聲明恪遵下列規定：",    /* 3 */
        "未經核准，不得攜出資料。",                /* 4 */
        "身分證字號：",                            /* 5 */
        "姓名及簽章 身分證字號　　 聯絡電話",       /* 6 */
        "填表說明：",                              /* 7 */
        "派駐人員每年簽署本切結書。",              /* 8 */
        "中 華 民 國　　　年　　　月　　　日",      /* 9 */
        "附錄、積欠薪資處理程序",                  /* 10 */
        "機關應每月訪查駐點人員。",                /* 11 */
        "聯絡方式：",                              /* 12: not a form: no field */
        NULL,
    };
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add_all(doc, lines);
    assert_string_equal(marks(doc), "AAAAAAANNAAAA");
    for (size_t i = 2; i < doc->count; i++)
        assert_true(doc->blocks[i].flags & CK_BLOCK_IN_ANNEX);
    assert_false(doc->blocks[1].flags & CK_BLOCK_IN_ANNEX);
    assert_string_equal(spans(&doc->blocks[5], CK_SPAN_BLANK), "[身分證字號：]");
    assert_string_equal(spans(&doc->blocks[6], CK_SPAN_BLANK), "[姓名及簽章 身分證字號　　 聯絡電話]");
    assert_string_equal(spans(&doc->blocks[9], CK_SPAN_BLANK), "[中 華 民 國　　　年　　　月　　　日]");
    assert_string_equal(spans(&doc->blocks[4], CK_SPAN_BLANK), "");
    assert_string_equal(spans(&doc->blocks[12], CK_SPAN_BLANK), "");
    ck_document_free(doc);
}

static void check_box_glyphs(void **state)
{
    (void)state;
    assert_int_equal(ck_check_box_state(0x25A1), 0);
    assert_int_equal(ck_check_box_state(0x2610), 0);
    assert_int_equal(ck_check_box_state(0x25A0), 1);
    assert_int_equal(ck_check_box_state(0x2588), 1);
    assert_int_equal(ck_check_box_state(0x2611), 1);
    assert_int_equal(ck_check_box_state('x'), -1);
    assert_true(ck_annex_title("保 密 同 意 書", strlen("保 密 同 意 書")));
    assert_true(ck_annex_title("附錄、作業程序", strlen("附錄、作業程序")));
    assert_false(ck_annex_title("附件所列之文件，均為契約之一部。", strlen("附件所列之文件，均為契約之一部。")));
}

/* A checklist option without a full stop does not swallow the paragraph
 * after it; a row of alternatives with one ticked is agreed. */
static void checklists_and_rows_of_alternatives(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "第一條 委託項目",
        "本案委託項目如下：",                   /* 1 */
        "■ 紙本資料建檔",                       /* 2 */
        "□ 系統之開發及維護",                   /* 3 */
        "乙方應於期限內完成建檔，逾期計罰。",   /* 4: a paragraph of the article */
        "保固期間：□ 1年　■ 2年　□ ___年。",   /* 5: not an option line */
        "□ 1年　■ 2年　□ ___年。",              /* 6: a row, 2年 ticked */
        "□ 廠商應於簽約日起(■30日□60日)內完成。", /* 7: a choice inside the option */
        "附註：單價已含運費。",                 /* 8: a remark of the contract, not a note */
        NULL,
    };
    ck_document *doc = ck_document_new("t", CK_FORMAT_DOCX);
    add_all(doc, lines);
    assert_string_equal(marks(doc), "AAAUAAAUA");
    ck_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typed_check_boxes),
        cmocka_unit_test(lines_under_an_unticked_option),
        cmocka_unit_test(options_with_labels_of_their_own),
        cmocka_unit_test(drafting_notes),
        cmocka_unit_test(blanks),
        cmocka_unit_test(forms_after_the_last_article),
        cmocka_unit_test(check_box_glyphs),
        cmocka_unit_test(checklists_and_rows_of_alternatives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
