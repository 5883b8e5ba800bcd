#include "support.h"

#include "annotate/review.h"
#include "match/match.h"
#include "model/locate.h"
#include "util/buf.h"
#include "util/lang.h"

static const char *const pack_yaml =
    "pack:\n"
    "  id: review-test\n"
    "  version: '1'\n"
    "  title: {zh: 審查測試, en: Review test}\n"
    "  source: tests\n"
    "definitions:\n"
    "  agency: [甲方]\n"
    "  vendor: [乙方]\n"
    "applicability:\n"
    "  personal-data:\n"
    "    description: {zh: 廠商為機關蒐集或處理個人資料, en: personal data}\n"
    "    patterns: ['蒐集[^。]{0,10}個人資料']\n"
    "rules:\n"
    "  - id: PD.6\n"
    "    title: {zh: 終止時資料刪除, en: Deletion at termination}\n"
    "    source: tests\n"
    "    severity: required\n"
    "    applies_when: personal-data\n"
    "    scope: article\n"
    "    elements:\n"
    "      - name: {zh: 刪除, en: deletion}\n"
    "        topic: true\n"
    "        patterns: ['刪除其?持有之個人資料']\n"
    "    advice: {zh: 契約終止時，乙方應刪除其持有之個人資料。, en: Delete it.}\n"
    "    audit: {zh: 刪除？, en: Deleted?}\n"
    "  - id: W.1\n"
    "    title: {zh: 單一窗口, en: Single contact}\n"
    "    source: tests\n"
    "    severity: required\n"
    "    elements:\n"
    "      - name: {zh: 窗口, en: contact}\n"
    "        topic: true\n"
    "        patterns: ['單一窗口']\n"
    "    advice: {zh: 乙方應指定單一窗口。, en: Name a contact.}\n"
    "    audit: {zh: 窗口？, en: Contact?}\n";

/* A contract whose first article mentions personal data in passing (its
 * penalties), whose fifth is about personal data, whose last article ends
 * in the signature block, followed by an annex. */
static const struct {
    ck_block_kind kind;
    const char *text;
} contract[] = {
    { CK_BLOCK_HEADING, "第一條 契約標的及罰則" },
    { CK_BLOCK_PARAGRAPH, "乙方違反個人資料保護法者，應負賠償責任，甲方得蒐集相關個人資料作為證據。" },
    { CK_BLOCK_HEADING, "第五條 個人資料保護" },
    { CK_BLOCK_PARAGRAPH, "乙方為甲方蒐集、處理個人資料時，應遵守個人資料保護法。" },
    { CK_BLOCK_PARAGRAPH, "乙方應採取適當之安全維護措施。" },
    { CK_BLOCK_HEADING, "第六條 其他" },
    { CK_BLOCK_PARAGRAPH, "本契約未盡事宜，依相關法令辦理。" },
    { CK_BLOCK_PARAGRAPH, "甲方：某某管理處　處長：○○○" },
    { CK_BLOCK_PARAGRAPH, "乙方：某某資訊股份有限公司　代表人：○○○" },
    { CK_BLOCK_PARAGRAPH, "中華民國115年1月1日" },
    { CK_BLOCK_HEADING, "附件一 需求說明書" },
    { CK_BLOCK_PARAGRAPH, "系統需求如下。" },
};

typedef struct fixture {
    ck_rule_set *set;
    ck_document *doc;
    ck_match_result *result;
    ck_annotation_set notes;
} fixture;

static int setup(void **state)
{
    fixture *fx = ck_calloc(1, sizeof *fx);
    ck_error err;
    ck_error_clear(&err);
    fx->set = ck_rule_set_new();
    if (ck_rule_set_add(fx->set, ck_test_file("review-test.yaml", pack_yaml, strlen(pack_yaml)), &err) != 0) {
        ck_error_print(&err, stderr);
        return -1;
    }
    fx->doc = ck_document_new("contract.docx", CK_FORMAT_DOCX);
    const char *part = ck_document_part(fx->doc, "word/document.xml");
    for (size_t i = 0; i < sizeof contract / sizeof contract[0]; i++) {
        ck_block *b = ck_document_add(fx->doc, contract[i].kind, contract[i].text, strlen(contract[i].text), NULL, NULL);
        if (b->kind == CK_BLOCK_HEADING)
            b->level = 1;
        b->part = part;
        b->source_index = (uint32_t)i;
    }
    ck_document_locate(fx->doc);
    if (ck_match_run(fx->doc, fx->set, NULL, &fx->result, &err) != 0) {
        ck_error_print(&err, stderr);
        return -1;
    }
    ck_review_annotations(fx->doc, fx->set, fx->result, 0, &fx->notes);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    ck_annotation_set_free(&fx->notes);
    ck_match_result_free(fx->result);
    ck_document_free(fx->doc);
    ck_rule_set_free(fx->set);
    free(fx);
    return 0;
}

static const ck_insertion *insertion(const fixture *fx, const char *key)
{
    for (size_t i = 0; i < fx->notes.insertion_count; i++)
        if (strcmp(fx->notes.insertions[i].key, key) == 0)
            return &fx->notes.insertions[i];
    return NULL;
}

/* The locator puts the signature lines in the last article and the annex
 * apart: the test relies on that. */
static void the_contract_is_read_as_intended(void **state)
{
    fixture *fx = *state;
    assert_int_equal(fx->doc->blocks[3].article, 2);
    assert_int_equal(fx->doc->blocks[8].article, 5);
    assert_true(fx->doc->blocks[11].flags & CK_BLOCK_IN_ANNEX);
    assert_int_equal(fx->result->findings[0].status, CK_STATUS_MISSING);
    assert_int_equal(fx->result->findings[1].status, CK_STATUS_MISSING);
}

/* A personal-data clause goes at the end of the personal-data article
 * (第五條), not into 第一條, which mentions personal data first. */
static void missing_clause_goes_to_the_article_on_its_topic(void **state)
{
    fixture *fx = *state;
    const ck_insertion *ins = insertion(fx, "PD.6");
    assert_non_null(ins);
    assert_int_equal(ins->after, 4); /* 乙方應採取適當之安全維護措施。 */
    assert_non_null(strstr(ins->comment, "置於第五條（個人資料保護）末"));
    assert_non_null(strstr(ins->comment, "標題"));
}

/* A clause no article is about goes to the appended section, which follows
 * the last article's text and comes before the signature block and annex. */
static void appended_section_goes_before_the_signatures(void **state)
{
    fixture *fx = *state;
    const ck_insertion *ins = insertion(fx, "W.1");
    assert_non_null(ins);
    assert_int_equal(ins->after, -1);
    assert_int_equal(fx->notes.appendix_after, 6); /* 本契約未盡事宜… before 甲方： */
    assert_int_equal(fx->notes.appendix_before, 7); /* 甲方：… opens the signature block */
    assert_non_null(strstr(ins->comment, "簽署欄及附件之前"));
}

/* A contract without articles: the appended section stays at the end. */
static void no_articles_no_place(void **state)
{
    fixture *fx = *state;
    ck_document *doc = ck_document_new("plain.docx", CK_FORMAT_DOCX);
    ck_match_result *result = NULL;
    ck_annotation_set notes;
    ck_error err;
    ck_block *b = ck_document_add(doc, CK_BLOCK_PARAGRAPH, "一段沒有條次的文字。", strlen("一段沒有條次的文字。"), NULL, NULL);
    b->part = ck_document_part(doc, "word/document.xml");
    ck_document_locate(doc);
    ck_error_clear(&err);
    assert_int_equal(ck_match_run(doc, fx->set, NULL, &result, &err), 0);
    ck_review_annotations(doc, fx->set, result, 0, &notes);
    assert_int_equal(notes.appendix_after, -1);
    assert_int_equal(notes.appendix_before, -1);
    ck_annotation_set_free(&notes);
    ck_match_result_free(result);
    ck_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_contract_is_read_as_intended),
        cmocka_unit_test(missing_clause_goes_to_the_article_on_its_topic),
        cmocka_unit_test(appended_section_goes_before_the_signatures),
        cmocka_unit_test(no_articles_no_place),
    };
    ck_lang_set_name("zh-TW");
    return cmocka_run_group_tests(tests, setup, teardown);
}
