#include "support.h"

#include "match/match.h"
#include "model/document.h"
#include "util/buf.h"
#include "util/lang.h"

/* A small pack written for these tests: the hard cases of the matcher do
 * not depend on the shipped packs' wording. */
static const char *const pack_yaml =
    "pack:\n"
    "  id: test-pack\n"
    "  version: \"1.0\"\n"
    "  title: {zh: 測試規則, en: Test rules}\n"
    "  source: tests\n"
    "definitions:\n"
    "  agency: [甲方, 委託機關, 機關]\n"
    "  vendor: [乙方, 得標廠商, 廠商]\n"
    "  audit: ['稽核', '查核', '檢查']\n"
    "applicability:\n"
    "  system-development:\n"
    "    description: {zh: 涉及系統開發或維護, en: involves system development or maintenance}\n"
    "    patterns: ['系統(?:之)?(?:開發|建置|維護)', '客製化']\n"
    "  large-contract:\n"
    "    description: {zh: 契約金額達新臺幣一千萬元, en: contract of NT$10 million or more}\n"
    "    amount_at_least: 10000000\n"
    "rules:\n"
    "  - id: \"3.4.1.3\"\n"
    "    title: {zh: 稽核權, en: Audit right}\n"
    "    source: tests 3.4.1.3\n"
    "    severity: required\n"
    "    scope: article\n"
    "    elements:\n"
    "      - name: {zh: 稽核, en: audit}\n"
    "        patterns: ['{{audit}}']\n"
    "        topic: true\n"
    "        party: agency\n"
    "      - name: {zh: 第三方稽核, en: third-party audit}\n"
    "        patterns: ['第三方']\n"
    "        optional: true\n"
    "    contrary:\n"
    "      patterns: ['拒絕.{0,6}{{audit}}', '{{audit}}.{0,8}(?:不適用|排除)']\n"
    "      unless: ['不得拒絕']\n"
    "    exceptions:\n"
    "      patterns: ['但[^。]{0,40}不在此限', '[^。;]{0,30}者?,?不適用之']\n"
    "      unless: ['但[^。]{0,20}經甲方書面同意者,?不在此限']\n"
    "    advice: {zh: 甲方得自行或委託第三方稽核乙方。, en: Give the agency an audit right.}\n"
    "    audit: {zh: 契約是否保留稽核權？, en: Does the contract keep an audit right?}\n"
    "  - id: \"3.4.1.2\"\n"
    "    title: {zh: 資通安全條款, en: ICT security}\n"
    "    source: tests 3.4.1.2\n"
    "    severity: required\n"
    "    scope: sentence\n"
    "    elements:\n"
    "      - name: {zh: 資通安全義務, en: security duty}\n"
    "        patterns: ['資通安全|資訊安全|資安']\n"
    "        topic: true\n"
    "        party: vendor\n"
    "    advice: {zh: 乙方應遵守資通安全規定。, en: Add a vendor duty.}\n"
    "    audit: {zh: 是否有資安條款？, en: Is there a security clause?}\n"
    "  - id: \"3.4.1.5\"\n"
    "    title: {zh: 保固維護, en: Warranty}\n"
    "    source: tests 3.4.1.5\n"
    "    severity: required\n"
    "    scope: article\n"
    "    elements:\n"
    "      - name: {zh: 保固, en: warranty}\n"
    "        patterns: ['保固|維護']\n"
    "        topic: true\n"
    "      - name: {zh: 期間, en: period}\n"
    "        patterns: ['期間|[0-9一二三四五六七八九十]+(?:年|個月)']\n"
    "      - name: {zh: 費用計算, en: fee basis}\n"
    "        patterns: ['費用']\n"
    "    contrary: ['不負(?:擔)?保固']\n"
    "    advice: {zh: 訂明保固期間與費用。, en: State the warranty period and fees.}\n"
    "    audit: {zh: 保固條款？, en: Warranty?}\n"
    "  - id: \"3.4.1.10\"\n"
    "    title: {zh: 系統開發規範, en: Development rules}\n"
    "    source: tests 3.4.1.10\n"
    "    severity: required\n"
    "    applies_when: system-development\n"
    "    scope: sentence\n"
    "    elements:\n"
    "      - name: {zh: 開發規範, en: development rules}\n"
    "        patterns: ['開發.{0,10}規範']\n"
    "        topic: true\n"
    "    advice: {zh: 乙方應遵守甲方系統開發規範。, en: Vendor follows the rules.}\n"
    "    audit: {zh: 開發規範？, en: Development rules?}\n"
    "  - id: \"3.4.1.8\"\n"
    "    title: {zh: 分包, en: Subcontracting}\n"
    "    source: tests 3.4.1.8\n"
    "    severity: recommended\n"
    "    scope: paragraph\n"
    "    elements:\n"
    "      - name: {zh: 分包, en: subcontracting}\n"
    "        patterns: ['分包|轉包']\n"
    "        topic: true\n"
    "      - name: {zh: 書面, en: in writing}\n"
    "        patterns: ['書面']\n"
    "    satisfied_by: ['不得[^。]{0,10}(?:分包|轉包)']\n"
    "    advice: {zh: 禁止分包。, en: Forbid subcontracting.}\n"
    "    audit: {zh: 分包？, en: Subcontracting?}\n"
    "  - id: \"CSMA-5\"\n"
    "    title: {zh: 第三方安全性檢測, en: Third-party testing}\n"
    "    source: tests\n"
    "    severity: required\n"
    "    applies_when: large-contract\n"
    "    scope: sentence\n"
    "    elements:\n"
    "      - name: {zh: 安全性檢測, en: security testing}\n"
    "        patterns: ['安全性檢測']\n"
    "        topic: true\n"
    "    advice: {zh: 第三方安全性檢測。, en: Third-party testing.}\n"
    "    audit: {zh: 檢測？, en: Testing?}\n";

static ck_rule_set *test_set(void)
{
    static ck_rule_set *set;
    if (!set) {
        ck_error err;
        ck_error_clear(&err);
        set = ck_rule_set_new();
        /* The analyser's vocabulary: the shipped one (the suites run from
         * the top of the source tree, wherever the test binary is). */
        if (ck_rule_set_set_language(set, "rules/language.yaml", &err) != 0) {
            ck_error_print(&err, stderr);
            abort();
        }
        const char *path = ck_test_file("test-pack.yaml", pack_yaml, strlen(pack_yaml));
        if (ck_rule_set_add(set, path, &err) != 0) {
            ck_error_print(&err, stderr);
            abort();
        }
    }
    return set;
}

static size_t rule_index(const char *id)
{
    ck_rule_set *set = test_set();
    for (size_t i = 0; i < set->rule_count; i++)
        if (strcmp(set->rules[i]->id, id) == 0)
            return i;
    fail_msg("no rule %s", id);
    return 0;
}

/* Runs the test pack on doc with optional assumptions; asserts success. */
static ck_match_result *run_with(ck_document *doc, const char *const *assume, size_t n)
{
    ck_match_result *r = NULL;
    ck_match_options o = { assume, n };
    ck_error err;
    ck_error_clear(&err);
    if (ck_match_run(doc, test_set(), &o, &r, &err) != 0) {
        ck_error_print(&err, stderr);
        fail();
    }
    return r;
}

static ck_block *add(ck_document *doc, ck_block_kind kind, const char *text)
{
    return ck_document_add(doc, kind, text, strlen(text), NULL, NULL);
}

static ck_status status_of(const ck_match_result *r, const char *id)
{
    return r->findings[rule_index(id)].status;
}

/* The status of one rule for a document of one paragraph. */
static ck_status one(const char *text, const char *id)
{
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, text);
    ck_match_result *r = run_with(doc, NULL, 0);
    ck_status s = status_of(r, id);
    ck_match_result_free(r);
    ck_document_free(doc);
    return s;
}

static void test_synonyms(void **state)
{
    (void)state;
    assert_int_equal(one("乙方應接受甲方之稽核。", "3.4.1.3"), CK_STATUS_PRESENT);
    assert_int_equal(one("乙方應接受甲方之查核。", "3.4.1.3"), CK_STATUS_PRESENT);
    assert_int_equal(one("甲方得隨時檢查乙方之作業。", "3.4.1.3"), CK_STATUS_PRESENT);
    assert_int_equal(one("本案工作項目如附表。", "3.4.1.3"), CK_STATUS_MISSING);
}

static void test_fullwidth_and_variants(void **state)
{
    (void)state;
    assert_int_equal(one("乙方於３０日內應提出資通安全計畫。", "3.4.1.2"), CK_STATUS_PRESENT);
    /* 期間 written with full-width digits: ２年 */
    assert_int_equal(one("乙方應負保固責任，保固期間２年，費用另計。", "3.4.1.5"), CK_STATUS_PRESENT);
    long long v;
    size_t used;
    assert_true(ck_match_parse_amount("新臺幣壹仟萬元整", strlen("新臺幣壹仟萬元整"), &v, &used));
    assert_int_equal(v, 10000000);
    assert_int_equal(used, strlen("新臺幣壹仟萬元整"));
    /* 台 is folded before amounts are read. */
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, "本契約總價為新台幣１，０００萬元。");
    assert_int_equal(ck_match_contract_amount(doc, test_set(), NULL, NULL, NULL), 10000000);
    ck_document_free(doc);
}

static void test_spaces_and_line_breaks(void **state)
{
    (void)state;
    const char *text = "乙方應配合甲方之稽\n核，並提供 資 通 安 全 報告。";
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, text);
    ck_match_result *r = run_with(doc, NULL, 0);
    const ck_finding *f = &r->findings[rule_index("3.4.1.3")];
    assert_int_equal(f->status, CK_STATUS_PRESENT);
    assert_int_equal(f->evidence_count, 1);
    assert_int_equal(f->evidence[0].block, 0);
    assert_int_equal(f->evidence[0].match_count, 1);
    /* The match maps back to the original bytes, line break included. */
    const ck_range *m = &f->evidence[0].matches[0];
    assert_int_equal(m->end - m->start, strlen("稽\n核"));
    assert_memory_equal(text + m->start, "稽\n核", m->end - m->start);
    assert_int_equal(status_of(r, "3.4.1.2"), CK_STATUS_PRESENT);
    ck_match_result_free(r);
    ck_document_free(doc);
}

/* Text that only names a topic is not evidence. */
static void test_not_evidence(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    ck_block *b;

    b = add(doc, CK_BLOCK_PARAGRAPH, "第五條 稽核權……………12");
    b->flags |= CK_BLOCK_TOC;
    /* An article whose body is （保留）. */
    b = add(doc, CK_BLOCK_HEADING, "第五條 甲方之稽核權");
    b->article = 1;
    ck_document_set_section(doc, doc->count - 1, 1);
    b = add(doc, CK_BLOCK_PARAGRAPH, "（保留）");
    b->article = 1;
    ck_document_set_section(doc, doc->count - 1, 1);
    /* An article heading with no body at all. */
    b = add(doc, CK_BLOCK_HEADING, "第六條 甲方之稽核");
    b->article = 3;
    ck_document_set_section(doc, doc->count - 1, 3);
    add(doc, CK_BLOCK_PARAGRAPH, "本契約所稱稽核，指甲方對乙方作業之查核。");
    b = add(doc, CK_BLOCK_COMMENT, "乙方應接受甲方之稽核。");
    b = add(doc, CK_BLOCK_PARAGRAPH, "乙方應接受甲方之稽核。");
    b->flags |= CK_BLOCK_HIDDEN;
    add(doc, CK_BLOCK_HEADER, "甲方稽核專用");
    b = add(doc, CK_BLOCK_PARAGRAPH, "（刪除）乙方應接受甲方之稽核。");
    /* Hidden text inside a visible paragraph. */
    const char *visible = "乙方應接受甲方之";
    b = add(doc, CK_BLOCK_PARAGRAPH, "乙方應接受甲方之稽核。");
    ck_block_add_span(b, (uint32_t)strlen(visible), (uint32_t)strlen("乙方應接受甲方之稽核"), CK_SPAN_HIDDEN);

    ck_match_result *r = run_with(doc, NULL, 0);
    assert_int_equal(status_of(r, "3.4.1.3"), CK_STATUS_MISSING);
    assert_int_equal(r->findings[rule_index("3.4.1.3")].evidence_count, 0);
    ck_match_result_free(r);

    /* The same clause in an ordinary paragraph is evidence. */
    add(doc, CK_BLOCK_PARAGRAPH, "乙方應接受甲方之稽核。");
    r = run_with(doc, NULL, 0);
    assert_int_equal(status_of(r, "3.4.1.3"), CK_STATUS_PRESENT);
    assert_int_equal(r->findings[rule_index("3.4.1.3")].evidence[0].block, doc->count - 1);
    ck_match_result_free(r);
    ck_document_free(doc);
}

/* Adds a block of article `article` (the block index of its heading); an
 * article is its own section. */
static void add_to(ck_document *doc, ck_block_kind kind, const char *text, long article)
{
    ck_block *b = add(doc, kind, text);
    b->article = (int32_t)article;
    ck_document_set_section(doc, doc->count - 1, (int32_t)article);
}

/* Adds a block of a section without 第N條 (六、保固 and its items). */
static void add_in_section(ck_document *doc, ck_block_kind kind, const char *text, long section)
{
    add(doc, kind, text);
    ck_document_set_section(doc, doc->count - 1, (int32_t)section);
}

/* The status of 3.4.1.5 for doc (which the caller still owns). */
static ck_status warranty(ck_document *doc)
{
    ck_match_result *r = run_with(doc, NULL, 0);
    ck_status s = status_of(r, "3.4.1.5");
    ck_match_result_free(r);
    return s;
}

/* An article heading names the topic of its body: with a body that states
 * none of the elements the rule is partial, never present; a bare heading
 * stays missing. */
static void test_heading_over_body(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add_to(doc, CK_BLOCK_HEADING, "第一條 保固期間及費用", 0);
    assert_int_equal(warranty(doc), CK_STATUS_MISSING);

    add_to(doc, CK_BLOCK_PARAGRAPH, "乙方應於驗收後辦理系統之教育訓練。", 0);
    ck_match_result *r = run_with(doc, NULL, 0);
    const ck_finding *f = &r->findings[rule_index("3.4.1.5")];
    assert_int_equal(f->status, CK_STATUS_PARTIAL);
    assert_int_equal(f->evidence_count, 1);
    assert_int_equal(f->evidence[0].block, 0);
    ck_match_result_free(r);
    ck_document_free(doc);

    /* 「（保留）」 right under the heading, then text the article takes in
     * (the signatures after the last article): no body of its own. */
    doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add_to(doc, CK_BLOCK_HEADING, "第十七條 保固", 0);
    add_to(doc, CK_BLOCK_PARAGRAPH, "（保留）", 0);
    add_to(doc, CK_BLOCK_PARAGRAPH, "甲方：某某管理處", 0);
    assert_int_equal(warranty(doc), CK_STATUS_MISSING);
    ck_document_free(doc);

    /* The items of a section without 第N條 are checked together. */
    doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add_in_section(doc, CK_BLOCK_HEADING, "六、保固", 0);
    add_in_section(doc, CK_BLOCK_PARAGRAPH, "(一)保固期間為驗收合格後一年。", 0);
    add_in_section(doc, CK_BLOCK_PARAGRAPH, "(二)維護費用由乙方負擔。", 0);
    assert_int_equal(warranty(doc), CK_STATUS_PRESENT);
    ck_document_free(doc);
    doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add_in_section(doc, CK_BLOCK_PARAGRAPH, "(一)保固期間為驗收合格後一年。", -1);
    add_in_section(doc, CK_BLOCK_PARAGRAPH, "(二)維護費用由乙方負擔。", -1);
    assert_int_equal(warranty(doc), CK_STATUS_PARTIAL);
    ck_document_free(doc);

    /* A heading outside any article (the title) is no clause. */
    doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_HEADING, "系統保固維護案契約書");
    add(doc, CK_BLOCK_PARAGRAPH, "雙方同意訂定本契約。");
    assert_int_equal(warranty(doc), CK_STATUS_MISSING);
    ck_document_free(doc);
}

/* Tables, footnotes, text boxes, annexes and tracked insertions count. */
static void test_evidence_kinds(void **state)
{
    (void)state;
    const ck_block_kind kinds[] = { CK_BLOCK_TABLE_CELL, CK_BLOCK_FOOTNOTE, CK_BLOCK_TEXT_BOX, CK_BLOCK_LIST_ITEM,
                                    CK_BLOCK_PARAGRAPH, CK_BLOCK_PARAGRAPH };
    const uint32_t flags[] = { CK_BLOCK_IN_TABLE, 0, CK_BLOCK_IN_TEXT_BOX, 0, CK_BLOCK_IN_ANNEX, CK_BLOCK_INSERTED };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
        add(doc, CK_BLOCK_PARAGRAPH, "本案工作項目如下。");
        ck_block *b = add(doc, kinds[i], "乙方應配合甲方之稽核。");
        b->flags |= flags[i];
        if (kinds[i] == CK_BLOCK_TABLE_CELL) {
            b->table = 1;
            b->row = 2;
            b->column = 1;
        }
        if (flags[i] == CK_BLOCK_INSERTED)
            ck_block_add_span(b, 0, (uint32_t)b->text_len, CK_SPAN_INSERTED);
        ck_match_result *r = run_with(doc, NULL, 0);
        assert_int_equal(status_of(r, "3.4.1.3"), CK_STATUS_PRESENT);
        assert_int_equal(r->findings[rule_index("3.4.1.3")].evidence[0].block, 1);
        ck_match_result_free(r);
        ck_document_free(doc);
    }
}

static void test_contrary(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    const char *text = "甲方得稽核乙方，惟乙方得拒絕甲方之稽核。";
    add(doc, CK_BLOCK_PARAGRAPH, text);
    ck_match_result *r = run_with(doc, NULL, 0);
    const ck_finding *f = &r->findings[rule_index("3.4.1.3")];
    assert_int_equal(f->status, CK_STATUS_CONFLICT);
    int shown = 0;
    for (size_t i = 0; i < f->evidence_count; i++)
        if (f->evidence[i].contrary) {
            const ck_range *m = &f->evidence[i].matches[0];
            assert_memory_equal(text + m->start, "拒絕甲方之稽核", m->end - m->start);
            shown = 1;
        }
    assert_true(shown);
    assert_int_equal(r->required_gaps, 3); /* the conflict, 3.4.1.2 and 3.4.1.5 missing */
    ck_match_result_free(r);
    ck_document_free(doc);

    assert_int_equal(one("乙方不負保固責任。", "3.4.1.5"), CK_STATUS_CONFLICT);
    /* The agency exempting itself takes nothing from the vendor; the
     * agency exempting the vendor does. */
    assert_int_equal(one("乙方應負保固責任,保固期間2年,費用另計。甲方不負保固責任。", "3.4.1.5"), CK_STATUS_PRESENT);
    assert_int_equal(one("乙方應負保固責任,保固期間2年,費用另計。甲方同意乙方不負保固責任。", "3.4.1.5"),
                     CK_STATUS_CONFLICT);
    assert_int_equal(one("甲方之稽核於本案排除之。", "3.4.1.3"), CK_STATUS_CONFLICT);
}

static void test_double_negative(void **state)
{
    (void)state;
    assert_int_equal(one("乙方不得拒絕甲方之稽核。", "3.4.1.3"), CK_STATUS_PRESENT);
}

/* 得 is a permission, 宜 a recommendation; 應 a duty. */
static void test_modality(void **state)
{
    (void)state;
    assert_int_equal(one("乙方得配合甲方之稽核。", "3.4.1.3"), CK_STATUS_MISSING);
    assert_int_equal(one("乙方應配合甲方之稽核。", "3.4.1.3"), CK_STATUS_PRESENT);
    assert_int_equal(one("甲方得隨時稽核乙方。", "3.4.1.3"), CK_STATUS_PRESENT);
    assert_int_equal(one("乙方宜遵守資通安全規定。", "3.4.1.2"), CK_STATUS_MISSING);
    assert_int_equal(one("乙方得參考資通安全規定。", "3.4.1.2"), CK_STATUS_MISSING);
    assert_int_equal(one("乙方應遵守資通安全規定。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_equal(one("乙方須遵守資通安全規定。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_equal(one("甲方得要求乙方遵守資通安全規定。", "3.4.1.2"), CK_STATUS_PRESENT);
}

static void test_exception_clause(void **state)
{
    (void)state;
    /* A proviso that takes the duty back is a conflict, shown as such. */
    const char *text = "乙方應接受甲方之稽核，但乙方認為不必要者，不在此限。";
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, text);
    ck_match_result *r = run_with(doc, NULL, 0);
    const ck_finding *f = &r->findings[rule_index("3.4.1.3")];
    assert_int_equal(f->status, CK_STATUS_CONFLICT);
    assert_int_equal(f->evidence_count, 2);
    assert_true(f->evidence[1].contrary);
    const ck_range *m = &f->evidence[1].matches[0];
    assert_memory_equal(text + m->start, "但乙方認為不必要者，不在此限", m->end - m->start);
    ck_match_result_free(r);
    ck_document_free(doc);

    assert_int_equal(one("甲方之稽核規定，於本案不適用之。", "3.4.1.3"), CK_STATUS_CONFLICT);
    /* A harmless proviso does not take anything back. */
    assert_int_equal(one("乙方應接受甲方之稽核，但經甲方書面同意者，不在此限。", "3.4.1.3"), CK_STATUS_PRESENT);
    /* A proviso in another article is not about this clause. */
    assert_int_equal(one("本案工作項目如下，但另有約定者，不在此限。", "3.4.1.3"), CK_STATUS_MISSING);
    /* Nor is one that only names the topic as its reason: it takes back the
     * return of data, not an audit right. */
    assert_int_equal(one("乙方應於契約終止時返還資料。但乙方因配合稽核需要保留者，不在此限。", "3.4.1.3"),
                     CK_STATUS_MISSING);
    /* The topic stated outside the proviso: the proviso takes it back. */
    assert_int_equal(one("乙方應接受甲方稽核。但乙方因配合其他稽核需要者，不在此限。", "3.4.1.3"),
                     CK_STATUS_CONFLICT);
}

/* Wording that satisfies a rule on its own: forbidding subcontracting. */
static void test_satisfied_by(void **state)
{
    (void)state;
    assert_int_equal(one("乙方不得將本案分包。", "3.4.1.8"), CK_STATUS_PRESENT);
    assert_int_equal(one("乙方分包時應以書面為之。", "3.4.1.8"), CK_STATUS_PRESENT);
    assert_int_equal(one("乙方得分包。", "3.4.1.8"), CK_STATUS_PARTIAL);
}

/* An audit right held by the vendor is no audit right. */
static void test_party(void **state)
{
    (void)state;
    assert_int_equal(one("乙方得隨時稽核甲方之帳冊。", "3.4.1.3"), CK_STATUS_MISSING);
    assert_int_equal(one("稽核權由乙方行使。", "3.4.1.3"), CK_STATUS_MISSING);
    assert_int_equal(one("乙方應接受稽核。", "3.4.1.3"), CK_STATUS_PRESENT);
    assert_int_equal(one("委託機關得稽核得標廠商。", "3.4.1.3"), CK_STATUS_PRESENT);
    assert_int_equal(one("甲方應負責資通安全。", "3.4.1.2"), CK_STATUS_MISSING);
    /* A clause with no subject of its own takes its sentence's. */
    assert_int_equal(one("乙方應通知甲方；並應遵守甲方資通安全規定。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_equal(one("甲方應提供場地；並應落實資通安全。", "3.4.1.2"), CK_STATUS_MISSING);
    assert_int_equal(one("乙方得使用場地；並應落實資通安全。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_equal(one("乙方應使用場地；並得自行規劃資通安全。", "3.4.1.2"), CK_STATUS_MISSING);
    /* A sentence that names no party carries the subject of the one before. */
    assert_int_equal(one("乙方應提供人力。並應落實資通安全。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_equal(one("甲方應提供場地。並應落實資通安全。", "3.4.1.2"), CK_STATUS_MISSING);
}

/* The status of the one rule of a pack whose element names its own party
 * words: a match that opens at its sentence's start. */
static ck_status isms(const char *text)
{
    static const char *const yaml =
        "pack: {id: isms, version: '1', title: {zh: 制度, en: ISMS}, source: tests}\n"
        "definitions:\n"
        "  agency: [甲方]\n"
        "  vendor: [乙方]\n"
        "rules:\n"
        "  - id: ISMS-1\n"
        "    title: {zh: 遵守資通安全管理制度, en: ISMS}\n"
        "    source: tests\n"
        "    severity: required\n"
        "    scope: sentence\n"
        "    elements:\n"
        "      - name: {zh: 由乙方遵守, en: the vendor complies}\n"
        "        party: vendor\n"
        "        patterns: ['(?:^|(?<=。))(?:一、)?(?:並應)?遵守[^。]{0,10}資通安全']\n"
        "    advice: {zh: 乙方應遵守甲方資通安全管理制度。, en: Comply with the ISMS.}\n"
        "    audit: {zh: 是否遵守？, en: Complies?}\n";
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_rule_set_set_language(set, "rules/language.yaml", &err), 0);
    assert_int_equal(ck_rule_set_add(set, ck_test_file("isms.yaml", yaml, strlen(yaml)), &err), 0);
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, text);
    ck_match_result *r = NULL;
    assert_int_equal(ck_match_run(doc, set, NULL, &r, &err), 0);
    ck_status s = r->findings[0].status;
    ck_match_result_free(r);
    ck_document_free(doc);
    ck_rule_set_free(set);
    return s;
}

/* A sentence that names no party carries the subject of the one before;
 * an item that opens with what it asks (under 「乙方應辦理下列事項：」)
 * names the agency as its object only. */
static void test_carried_subject(void **state)
{
    (void)state;
    assert_int_equal(isms("乙方應提供人力。並應遵守甲方資通安全規定。"), CK_STATUS_PRESENT);
    assert_int_equal(isms("甲方應提供場地。並應遵守甲方資通安全規定。"), CK_STATUS_MISSING);
    assert_int_equal(isms("一、遵守甲方資通安全規定。"), CK_STATUS_PRESENT);
    assert_int_equal(isms("一、甲方遵守資通安全規定。"), CK_STATUS_MISSING);
    assert_int_equal(isms("甲方應提供場地。一、遵守甲方資通安全規定。"), CK_STATUS_MISSING);
}

/* The elements of one rule must be in one article. */
static void test_scope(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    ck_block *b;
    b = add(doc, CK_BLOCK_HEADING, "第三條 保固");
    b->article = 0;
    ck_document_set_section(doc, doc->count - 1, 0);
    b = add(doc, CK_BLOCK_PARAGRAPH, "乙方應提供保固服務，保固期間為二年。");
    b->article = 0;
    ck_document_set_section(doc, doc->count - 1, 0);
    b = add(doc, CK_BLOCK_HEADING, "第九條 付款");
    b->article = 2;
    ck_document_set_section(doc, doc->count - 1, 2);
    b = add(doc, CK_BLOCK_PARAGRAPH, "相關費用於驗收後給付。");
    b->article = 2;
    ck_document_set_section(doc, doc->count - 1, 2);
    ck_match_result *r = run_with(doc, NULL, 0);
    const ck_finding *f = &r->findings[rule_index("3.4.1.5")];
    assert_int_equal(f->status, CK_STATUS_PARTIAL);
    assert_int_equal(f->missing_count, 1);
    assert_string_equal(f->rule->elements[f->missing[0]].name.zh, "費用計算");
    /* Evidence stays inside the article that was chosen. */
    for (size_t i = 0; i < f->evidence_count; i++)
        assert_true(f->evidence[i].block < 2);
    ck_match_result_free(r);

    /* The fee in a sub-item of the same article makes it present. */
    b = add(doc, CK_BLOCK_LIST_ITEM, "保固期間內之費用由乙方負擔。");
    b->article = 0;
    ck_document_set_section(doc, doc->count - 1, 0);
    r = run_with(doc, NULL, 0);
    assert_int_equal(status_of(r, "3.4.1.5"), CK_STATUS_PRESENT);
    ck_match_result_free(r);
    ck_document_free(doc);

    /* Sentence scope: the security duty and the vendor in different sentences. */
    assert_int_equal(one("乙方應提出計畫。資通安全由甲方辦理。", "3.4.1.2"), CK_STATUS_MISSING);
}

static void test_optional_elements(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, "乙方應接受甲方之稽核。");
    ck_match_result *r = run_with(doc, NULL, 0);
    const ck_finding *f = &r->findings[rule_index("3.4.1.3")];
    assert_int_equal(f->status, CK_STATUS_PRESENT);
    assert_int_equal(f->missing_count, 0);
    assert_int_equal(f->missing_optional_count, 1);
    assert_string_equal(f->rule->elements[f->missing_optional[0]].name.en, "third-party audit");
    ck_match_result_free(r);
    ck_document_free(doc);
}

static const ck_applicability *condition(const ck_match_result *r, const char *name)
{
    for (size_t i = 0; i < r->condition_count; i++)
        if (strcmp(r->conditions[i].condition->name, name) == 0)
            return &r->conditions[i];
    fail_msg("no condition %s", name);
    return NULL;
}

static void test_applicability(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, "乙方應提供教育訓練。");
    ck_match_result *r = run_with(doc, NULL, 0);
    const ck_finding *f = &r->findings[rule_index("3.4.1.10")];
    assert_int_equal(f->status, CK_STATUS_NOT_APPLICABLE);
    assert_non_null(f->not_applicable_because);
    assert_string_equal(f->not_applicable_because->condition->name, "system-development");
    assert_int_equal(f->not_applicable_because->decided_by, CK_DECIDED_NO_TEXT);
    ck_match_result_free(r);

    /* Forced on from the command line: the rule applies and is missing. */
    const char *on[] = { "system-development" };
    r = run_with(doc, on, 1);
    assert_int_equal(status_of(r, "3.4.1.10"), CK_STATUS_MISSING);
    assert_int_equal(condition(r, "system-development")->decided_by, CK_DECIDED_ASSUMED);
    ck_match_result_free(r);

    /* Denied in its own clause: the condition does not hold. */
    add(doc, CK_BLOCK_PARAGRAPH, "本案未涉及系統開發，乙方如使用自有之系統，其原始碼歸乙方所有。");
    r = run_with(doc, NULL, 0);
    assert_false(condition(r, "system-development")->holds);
    assert_int_equal(status_of(r, "3.4.1.10"), CK_STATUS_NOT_APPLICABLE);
    ck_match_result_free(r);

    /* Detected from the text, with the text that decided it. */
    const char *text = "本案包含客製化系統之開發，乙方應遵守甲方之開發作業規範。";
    add(doc, CK_BLOCK_PARAGRAPH, text);
    r = run_with(doc, NULL, 0);
    const ck_applicability *a = condition(r, "system-development");
    assert_true(a->holds);
    assert_int_equal(a->decided_by, CK_DECIDED_TEXT);
    assert_int_equal(a->evidence.block, 2);
    assert_memory_equal(text + a->evidence.matches[0].start, "客製化", strlen("客製化"));
    assert_int_equal(status_of(r, "3.4.1.10"), CK_STATUS_PRESENT);
    ck_match_result_free(r);

    /* Forced off. */
    const char *off[] = { "no-system-development" };
    r = run_with(doc, off, 1);
    assert_int_equal(status_of(r, "3.4.1.10"), CK_STATUS_NOT_APPLICABLE);
    assert_false(condition(r, "system-development")->holds);
    ck_match_result_free(r);

    /* An unknown name is a usage error naming the known ones. */
    const char *bad[] = { "no-such-thing" };
    ck_match_options o = { bad, 1 };
    ck_error err;
    ck_error_clear(&err);
    r = NULL;
    assert_int_equal(ck_match_run(doc, test_set(), &o, &r, &err), CK_EUSAGE);
    assert_null(r);
    assert_non_null(strstr(err.message, "such-thing"));
    assert_non_null(strstr(err.message, "system-development"));
    ck_document_free(doc);
}

/* The contract amount decides the large-contract condition, both ways
 * (reading amounts is tests/match/test_amount.c's). */
static void test_amount_condition(void **state)
{
    (void)state;
    /* The condition on the amount, both ways. */
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, "違約金以新臺幣五千萬元為上限。");
    add(doc, CK_BLOCK_PARAGRAPH, "本契約總價為新臺幣玖佰萬元整。");
    ck_match_result *r = run_with(doc, NULL, 0);
    assert_int_equal(r->contract_amount, 9000000);
    assert_int_equal(status_of(r, "CSMA-5"), CK_STATUS_NOT_APPLICABLE);
    assert_int_equal(condition(r, "large-contract")->decided_by, CK_DECIDED_AMOUNT);
    ck_match_result_free(r);
    ck_document_free(doc);

    doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    const char *text = "決標金額：NT$12,000,000。";
    add(doc, CK_BLOCK_PARAGRAPH, text);
    r = run_with(doc, NULL, 0);
    assert_int_equal(r->contract_amount, 12000000);
    assert_int_equal(status_of(r, "CSMA-5"), CK_STATUS_MISSING);
    const ck_applicability *a = condition(r, "large-contract");
    assert_true(a->holds);
    assert_true(a->has_evidence);
    assert_memory_equal(text + a->evidence.matches[0].start, "NT$12,000,000", strlen("NT$12,000,000"));
    ck_match_result_free(r);
    ck_document_free(doc);
}

/* An option under an unticked box is not agreed. */
static void test_check_boxes(void **state)
{
    (void)state;
    assert_int_equal(one("□乙方不得分包。", "3.4.1.8"), CK_STATUS_MISSING);
    assert_int_equal(one("■乙方不得分包。", "3.4.1.8"), CK_STATUS_PRESENT);
    assert_int_equal(one("□得分包 ☑乙方不得分包", "3.4.1.8"), CK_STATUS_PRESENT);
    assert_int_equal(one("☑得分包 □乙方不得分包", "3.4.1.8"), CK_STATUS_PARTIAL);
}

/* An article that says 依附件一辦理 takes in what annex 1 says. */
static void test_annex_by_reference(void **state)
{
    (void)state;
    for (int refer = 0; refer < 2; refer++) {
        ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
        ck_block *b = add(doc, CK_BLOCK_HEADING, "第四條 保固");
        b->article = 0;
        ck_document_set_section(doc, doc->count - 1, 0);
        b = add(doc, CK_BLOCK_PARAGRAPH, refer ? "乙方之保固依附件一辦理。" : "乙方應負保固責任。");
        b->article = 0;
        ck_document_set_section(doc, doc->count - 1, 0);
        b = add(doc, CK_BLOCK_PARAGRAPH, "附件一 服務條件");
        b->flags |= CK_BLOCK_IN_ANNEX;
        b = add(doc, CK_BLOCK_TABLE_CELL, "期間：二年");
        b->flags |= CK_BLOCK_IN_ANNEX | CK_BLOCK_IN_TABLE;
        b->table = 1, b->row = 1, b->column = 1;
        b = add(doc, CK_BLOCK_TABLE_CELL, "費用由乙方負擔");
        b->flags |= CK_BLOCK_IN_ANNEX | CK_BLOCK_IN_TABLE;
        b->table = 1, b->row = 2, b->column = 1;
        ck_match_result *r = run_with(doc, NULL, 0);
        const ck_finding *f = &r->findings[rule_index("3.4.1.5")];
        assert_int_equal(f->status, refer ? CK_STATUS_PRESENT : CK_STATUS_PARTIAL);
        if (refer) {
            /* The evidence shows the annex rows too. */
            assert_int_equal(f->evidence[f->evidence_count - 1].block, 4);
        }
        ck_match_result_free(r);
        ck_document_free(doc);
    }
}

/* A clause that applies only when an option is ticked is not agreed when
 * the option's box is empty, and does not make its condition hold. */
static void test_clause_on_unticked_option(void **state)
{
    (void)state;
    for (int ticked = 0; ticked < 2; ticked++) {
        ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
        add(doc, CK_BLOCK_PARAGRAPH, ticked ? "■ 資料建檔" : "■ 資料建檔");
        add(doc, CK_BLOCK_PARAGRAPH, ticked ? "■ 管理系統之開發" : "□ 管理系統之開發");
        add(doc, CK_BLOCK_PARAGRAPH, "勾選「管理系統之開發」者，乙方應遵守甲方開發作業規範。");
        ck_match_result *r = run_with(doc, NULL, 0);
        assert_int_equal(status_of(r, "3.4.1.10"), ticked ? CK_STATUS_PRESENT : CK_STATUS_NOT_APPLICABLE);
        assert_int_equal(condition(r, "system-development")->holds, ticked);
        ck_match_result_free(r);
        ck_document_free(doc);
    }
}

static void test_counts_and_names(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, "乙方應接受甲方之稽核，並應遵守資通安全規定。");
    ck_match_result *r = run_with(doc, NULL, 0);
    size_t total = 0;
    for (int s = 0; s < CK_STATUS_COUNT; s++)
        total += r->status_counts[s];
    assert_int_equal(total, r->count);
    assert_int_equal(r->status_counts[CK_STATUS_PRESENT], 2);
    /* 3.4.1.5 missing, CSMA-5 and 3.4.1.10 not applicable, 3.4.1.8 recommended. */
    assert_int_equal(r->required_gaps, 1);
    ck_match_result_free(r);
    ck_document_free(doc);
    assert_string_equal(ck_match_status_name(CK_STATUS_NOT_APPLICABLE), "not_applicable");
    assert_string_equal(ck_match_status_label_zh(CK_STATUS_PARTIAL), "部分符合");
    ck_match_result_free(NULL);
}


/* The analyser reads 無須 as an exemption, never as the duty 須. */
static void test_exemption_is_no_duty(void **state)
{
    (void)state;
    assert_int_equal(one("乙方應遵守甲方資通安全規定。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_equal(one("乙方無須遵守甲方資通安全規定。", "3.4.1.2"), CK_STATUS_MISSING);
    assert_int_equal(one("乙方毋須辦理資安事項。", "3.4.1.2"), CK_STATUS_MISSING);
    /* A subject carried into a clause that opens with its verb. */
    assert_int_equal(one("乙方得使用甲方場地;並應落實資通安全。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_equal(one("乙方得使用甲方場地;並得落實資通安全。", "3.4.1.2"), CK_STATUS_MISSING);
}

/* The trace says why wording was turned down. */
static void test_trace(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, "本契約所稱稽核，指甲方之查核。");
    add(doc, CK_BLOCK_PARAGRAPH, "乙方無須遵守資通安全規定。");
    ck_match_result *r = run_with(doc, NULL, 0);
    const ck_finding *f = &r->findings[rule_index("3.4.1.3")];
    assert_int_equal(f->status, CK_STATUS_MISSING);
    assert_true(f->trace_count >= 1);
    assert_int_equal(f->trace[0].element, 0);
    assert_int_equal(f->trace[0].reason, CK_TRACE_DEFINITION);
    assert_true(f->trace[0].has_place);
    assert_int_equal(f->trace[0].block, 0);
    f = &r->findings[rule_index("3.4.1.2")];
    assert_int_equal(f->trace[0].reason, CK_TRACE_EXEMPTED);
    assert_int_equal(f->trace[0].block, 1);
    assert_string_equal(ck_match_trace_reason_name(CK_TRACE_EXEMPTED), "exempted");
    ck_match_result_free(r);
    ck_document_free(doc);

    doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, "甲方得隨時稽核乙方。");
    r = run_with(doc, NULL, 0);
    f = &r->findings[rule_index("3.4.1.3")];
    assert_int_equal(f->status, CK_STATUS_PRESENT);
    assert_int_equal(f->trace[0].reason, CK_TRACE_MATCHED);
    assert_non_null(f->trace[0].pattern);
    assert_string_equal(f->trace[0].pattern->source, "{{audit}}");
    /* The further element is missing: a suggestion, never partial. */
    assert_int_equal(f->trace[1].reason, CK_TRACE_NOT_FOUND);
    assert_int_equal(f->missing_optional_count, 1);
    ck_match_result_free(r);
    ck_document_free(doc);

    /* Not agreed text satisfies nothing, and the trace says so. */
    doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    ck_block *b = add(doc, CK_BLOCK_PARAGRAPH, "甲方得隨時稽核乙方。");
    b->flags |= CK_BLOCK_UNAGREED;
    r = run_with(doc, NULL, 0);
    f = &r->findings[rule_index("3.4.1.3")];
    assert_int_equal(f->status, CK_STATUS_MISSING);
    assert_int_equal(f->trace[0].reason, CK_TRACE_NOT_AGREED);
    ck_match_result_free(r);
    ck_document_free(doc);
}

/* A pattern that blows PCRE2's match limit is an error naming the file,
 * the rule and the pattern, never a silent "no match". */
static void test_match_limit_reported(void **state)
{
    (void)state;
    const char *yaml = "pack: {id: slow, version: '1', title: {zh: 慢, en: slow}, source: tests}\n"
                       "rules:\n"
                       "  - id: SLOW-1\n"
                       "    title: {zh: 慢, en: slow}\n"
                       "    source: tests\n"
                       "    severity: required\n"
                       "    scope: article\n"
                       "    elements:\n"
                       "      - name: {zh: 稽核, en: audit}\n"
                       "        patterns: ['稽核']\n"
                       "    not_evidence: ['(a|aa)*(b|c)']\n"
                       "    advice: {zh: 無, en: none}\n"
                       "    audit: {zh: 無, en: none}\n";
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;
    ck_error_clear(&err);
    const char *path = ck_test_file("slow.yaml", yaml, strlen(yaml));
    assert_int_equal(ck_rule_set_add(set, path, &err), 0);
    char text[4096];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, text);
    ck_match_result *r = NULL;
    assert_int_equal(ck_match_run(doc, set, NULL, &r, &err), CK_EDATA);
    assert_null(r);
    assert_non_null(strstr(err.message, "SLOW-1"));
    assert_non_null(strstr(err.message, "(a|aa)*(b|c)"));
    assert_non_null(strstr(err.file, "slow.yaml"));
    assert_int_equal(err.line, 11);
    ck_document_free(doc);
    ck_rule_set_free(set);
}

/* The contract amount is read from the text the matcher prepared where
 * that is the same, and keeps a blank to be filled where it is not: the
 * same amount and place as ck_match_contract_amount gives on its own. */
static void test_contract_amount_reuses_prepared_text(void **state)
{
    (void)state;
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, "本契約總價為新臺幣玖佰萬元整。");
    const char *blank = "契約總價新臺幣1____億元。";
    ck_block *b = add(doc, CK_BLOCK_PARAGRAPH, blank);
    const char *at = strstr(blank, "____");
    ck_block_add_span(b, (uint32_t)(at - blank), (uint32_t)(at - blank + 4), CK_SPAN_BLANK);
    size_t block = 99, s = 0, e = 0;
    long long alone = ck_match_contract_amount(doc, test_set(), &block, &s, &e);
    ck_match_result *r = run_with(doc, NULL, 0);
    assert_int_equal(r->contract_amount, alone);
    assert_int_equal(r->amount_evidence.block, block);
    assert_int_equal(r->amount_evidence.matches[0].start, s);
    assert_int_equal(r->amount_evidence.matches[0].end, e);
    ck_match_result_free(r);
    ck_document_free(doc);
}

/* A pattern needing a character no block has is never handed to PCRE2
 * (and so never JIT-compiled); one whose characters are there runs. */
static void test_patterns_skip_blocks_without_their_characters(void **state)
{
    (void)state;
    const char *yaml = "pack: {id: skip, version: '1', title: {zh: 略, en: skip}, source: tests}\n"
                       "rules:\n"
                       "  - id: SKIP-1\n"
                       "    title: {zh: 略, en: skip}\n"
                       "    source: tests\n"
                       "    severity: required\n"
                       "    scope: article\n"
                       "    elements:\n"
                       "      - name: {zh: 稽核, en: audit}\n"
                       "        patterns: ['稽核', '(?:查核|檢查)']\n"
                       "    advice: {zh: 無, en: none}\n"
                       "    audit: {zh: 無, en: none}\n";
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;
    ck_error_clear(&err);
    const char *path = ck_test_file("skip.yaml", yaml, strlen(yaml));
    assert_int_equal(ck_rule_set_add(set, path, &err), 0);
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, "乙方應定期查核系統。");
    ck_match_result *r = NULL;
    assert_int_equal(ck_match_run(doc, set, NULL, &r, &err), 0);
    const ck_rule *rule = ck_rule_set_find(set, "SKIP-1");
    assert_false(rule->elements[0].patterns.items[0].jit_tried);
    assert_true(rule->elements[0].patterns.items[1].jit_tried);
    assert_int_equal(r->findings[0].status, CK_STATUS_PRESENT);
    ck_match_result_free(r);
    ck_document_free(doc);
    ck_rule_set_free(set);
}

/* A contract_price word list that PCRE2 gives up on is an error, never
 * "no amount stated". */
static void test_contract_price_limit_reported(void **state)
{
    (void)state;
    const char *yaml = "pack: {id: price, version: '1', title: {zh: 價, en: price}, source: tests}\n"
                       "definitions:\n"
                       "  contract_price: ['(a|aa)*(b|c)']\n"
                       "rules:\n"
                       "  - id: PRICE-1\n"
                       "    title: {zh: 價, en: price}\n"
                       "    source: tests\n"
                       "    severity: required\n"
                       "    scope: article\n"
                       "    elements:\n"
                       "      - name: {zh: 稽核, en: audit}\n"
                       "        patterns: ['稽核']\n"
                       "    advice: {zh: 無, en: none}\n"
                       "    audit: {zh: 無, en: none}\n";
    ck_rule_set *set = ck_rule_set_new();
    ck_error err;
    ck_error_clear(&err);
    const char *path = ck_test_file("price.yaml", yaml, strlen(yaml));
    assert_int_equal(ck_rule_set_add(set, path, &err), 0);
    char text[4096];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, text);
    ck_match_result *r = NULL;
    assert_int_equal(ck_match_run(doc, set, NULL, &r, &err), CK_EDATA);
    assert_null(r);
    assert_non_null(strstr(err.message, "contract_price"));
    assert_non_null(strstr(err.message, "(a|aa)*(b|c)"));
    assert_non_null(strstr(err.file, "price.yaml"));
    assert_int_equal(err.line, 3);
    ck_document_free(doc);
    ck_rule_set_free(set);
}

/* An exclusion listed after a colon denies every item up to the end of its
 * sentence; an offer the vendor does not make (無提供) is no work either. */
static void test_listed_exclusion(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int holds;
    } cases[] = {
        { "下列事項不在本案服務範圍內：硬體故障、資料轉換及客製化功能開發。", 0 },
        { "本案不包括下列工作：資料修復、客製化。", 0 },
        { "乙方無提供客製化之義務。", 0 },
        { "下列事項不在本案服務範圍內：硬體故障。乙方應辦理系統之維護。", 1 },
        { "乙方應辦理客製化，但資料修復不在本案範圍內。", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
        add(doc, CK_BLOCK_PARAGRAPH, cases[i].text);
        ck_match_result *r = run_with(doc, NULL, 0);
        if (condition(r, "system-development")->holds != cases[i].holds)
            fail_msg("%s: holds %d, want %d", cases[i].text, condition(r, "system-development")->holds,
                     cases[i].holds);
        ck_match_result_free(r);
        ck_document_free(doc);
    }
}

/* What an amendment quotes to delete is no longer agreed; what it puts in
 * its place is. */
static void test_amendment_deletes(void **state)
{
    (void)state;
    assert_int_equal(one("原契約第五條「乙方應遵守資通安全規定」全文刪除。", "3.4.1.2"), CK_STATUS_MISSING);
    assert_int_equal(one("原契約第五條「乙方應遵守資通安全規定」刪除。", "3.4.1.2"), CK_STATUS_MISSING);
    assert_int_equal(one("原契約第五條修正為「乙方應遵守資通安全規定」。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_equal(one("原契約第五條「甲方得稽核」刪除，修正為「乙方應遵守資通安全規定」。", "3.4.1.2"),
                     CK_STATUS_PRESENT);
}

/* The analyser's party words merge the vocabulary's and the pack's: a pack
 * that names the agency 甲方 or 機關 only still has 本處 read as the agency
 * (never as a clause without a party, which the vendor's duty would take). */
static void test_party_words_merge(void **state)
{
    (void)state;
    assert_int_equal(one("乙方應落實資通安全。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_not_equal(one("本處應落實資通安全。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_not_equal(one("業主應落實資通安全。", "3.4.1.2"), CK_STATUS_PRESENT);
    assert_int_equal(one("受任人應落實資通安全。", "3.4.1.2"), CK_STATUS_PRESENT);
    /* The pack's own words still count. */
    assert_int_not_equal(one("委託機關應落實資通安全。", "3.4.1.2"), CK_STATUS_PRESENT);
}

/* The analyser's words come from the packs: a pack's own definition wins
 * over the vocabulary pack where a rule's pattern names it; the party words
 * of the analyser merge both (test_party_words_merge). */
static void test_vocabulary_in_packs(void **state)
{
    (void)state;
    ck_rule_set *set = test_set();
    const ck_rule_definition *d = ck_rule_set_word(set, "modal_exemption");
    assert_non_null(d);
    assert_non_null(set->language);
    assert_true(d >= set->language->definitions && d < set->language->definitions + set->language->definition_count);
    d = ck_rule_set_word(set, "agency");
    assert_non_null(d);
    assert_int_equal(d->patterns.count, 3); /* the test pack's own */
    assert_null(ck_rule_set_word(set, "no-such-word"));
}

/* A paragraph of 30,000 characters with no 。 is read once: every clause
 * still counts (the time is measured by make bench). */
static void test_long_paragraph(void **state)
{
    (void)state;
    ck_buf b = CK_BUF_INIT;
    while (b.len < 90000)
        ck_buf_puts(&b, "乙方應依契約辦理各項工作，甲方得要求乙方提出報告，");
    ck_buf_puts(&b, "甲方得隨時稽核乙方。");
    ck_document *doc = ck_document_new("t.docx", CK_FORMAT_DOCX);
    add(doc, CK_BLOCK_PARAGRAPH, b.data);
    ck_match_result *r = run_with(doc, NULL, 0);
    assert_int_equal(status_of(r, "3.4.1.3"), CK_STATUS_PRESENT);
    ck_match_result_free(r);
    ck_document_free(doc);
    ck_buf_free(&b);
}

static int teardown(void **state)
{
    (void)state;
    ck_rule_set_free(test_set());
    return 0;
}

int main(void)
{
    ck_lang_set_name("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_synonyms), cmocka_unit_test(test_heading_over_body),         cmocka_unit_test(test_fullwidth_and_variants),
        cmocka_unit_test(test_spaces_and_line_breaks), cmocka_unit_test(test_not_evidence),
        cmocka_unit_test(test_evidence_kinds),   cmocka_unit_test(test_contrary),
        cmocka_unit_test(test_double_negative),  cmocka_unit_test(test_modality),
        cmocka_unit_test(test_exception_clause), cmocka_unit_test(test_satisfied_by),
        cmocka_unit_test(test_party),
        cmocka_unit_test(test_scope),            cmocka_unit_test(test_optional_elements),
        cmocka_unit_test(test_applicability),    cmocka_unit_test(test_amount_condition),
        cmocka_unit_test(test_check_boxes),      cmocka_unit_test(test_annex_by_reference),
        cmocka_unit_test(test_clause_on_unticked_option), cmocka_unit_test(test_counts_and_names),
        cmocka_unit_test(test_exemption_is_no_duty), cmocka_unit_test(test_trace),
        cmocka_unit_test(test_match_limit_reported), cmocka_unit_test(test_vocabulary_in_packs),
        cmocka_unit_test(test_contract_amount_reuses_prepared_text),
        cmocka_unit_test(test_contract_price_limit_reported),
        cmocka_unit_test(test_patterns_skip_blocks_without_their_characters),
        cmocka_unit_test(test_long_paragraph), cmocka_unit_test(test_listed_exclusion),
        cmocka_unit_test(test_party_words_merge), cmocka_unit_test(test_carried_subject),
        cmocka_unit_test(test_amendment_deletes),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
