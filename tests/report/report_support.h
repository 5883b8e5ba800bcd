/* report_support.h — what the report tests share: a small rule pack, a
 * contract matched against it (the fixture every test gets), and reading
 * the JSON report back with libyaml. */
#ifndef CK_TEST_REPORT_SUPPORT_H
#define CK_TEST_REPORT_SUPPORT_H

#include "support.h"

#include <dirent.h>
#include <time.h>
#include <yaml.h>

#include "match/match.h"
#include "report/report.h"
#include "util/lang.h"
#include "util/sha256.h"

static __attribute__((unused)) const char *const pack_yaml =
    "pack:\n"
    "  id: report-test\n"
    "  version: \"2.3\"\n"
    "  title: {zh: 報告測試, en: Report test}\n"
    "  source: tests\n"
    "definitions:\n"
    "  agency: [甲方]\n"
    "  vendor: [乙方]\n"
    "applicability:\n"
    "  system-development:\n"
    "    description: {zh: 涉及系統開發, en: involves system development}\n"
    "    patterns: ['系統開發']\n"
    "rules:\n"
    "  - id: \"3.4.1.3\"\n"
    "    title: {zh: 稽核權, en: Audit right}\n"
    "    source: tests 3.4.1.3\n"
    "    severity: required\n"
    "    scope: paragraph\n"
    "    elements:\n"
    "      - name: {zh: 稽核, en: audit}\n"
    "        patterns: ['稽核']\n"
    "        topic: true\n"
    "    advice: {zh: 甲方得稽核乙方。, en: Give the agency an audit right.}\n"
    "    audit: {zh: 稽核？, en: Audit?}\n"
    "  - id: \"3.4.1.5\"\n"
    "    title: {zh: 保固維護, en: Warranty}\n"
    "    source: tests 3.4.1.5\n"
    "    severity: required\n"
    "    scope: paragraph\n"
    "    elements:\n"
    "      - name: {zh: 保固, en: warranty}\n"
    "        patterns: ['保固']\n"
    "        topic: true\n"
    "      - name: {zh: 期間, en: period}\n"
    "        patterns: ['期間']\n"
    "    advice: {zh: 保固期間二年。, en: State the period.}\n"
    "    audit: {zh: 保固？, en: Warranty?}\n"
    "  - id: \"3.4.1.7\"\n"
    "    title: {zh: 違反資安責任, en: Breach liability}\n"
    "    source: tests 3.4.1.7\n"
    "    severity: required\n"
    "    scope: paragraph\n"
    "    elements:\n"
    "      - name: {zh: 責任, en: liability}\n"
    "        patterns: ['責任']\n"
    "        topic: true\n"
    "    contrary: ['免除[^。]{0,10}責任']\n"
    "    advice: {zh: 乙方應負責任。, en: Liability.}\n"
    "    audit: {zh: 責任？, en: Liability?}\n"
    "  - id: \"3.4.1.10\"\n"
    "    title: {zh: 系統開發規範, en: Development rules}\n"
    "    source: tests 3.4.1.10\n"
    "    severity: required\n"
    "    applies_when: system-development\n"
    "    elements:\n"
    "      - name: {zh: 規範, en: rules}\n"
    "        patterns: ['開發規範']\n"
    "        topic: true\n"
    "    advice: {zh: 遵守開發規範。, en: Follow the rules.}\n"
    "    audit: {zh: 規範？, en: Rules?}\n"
    "  - id: \"3.5.2\"\n"
    "    title: {zh: 非上班時間作業, en: Work outside office hours}\n"
    "    source: tests 3.5.2\n"
    "    severity: recommended\n"
    "    elements:\n"
    "      - name: {zh: 事先通知, en: notice}\n"
    "        patterns: ['事先通知']\n"
    "        topic: true\n"
    "    advice: {zh: 應事先通知。, en: Give notice.}\n"
    "    audit: {zh: 通知？, en: Notice?}\n";

typedef struct fixture {
    ck_rule_set *set;
    ck_document *doc;
    ck_match_result *result;
    ck_report_input in;
} fixture;

static __attribute__((unused)) const char *const audit_text = "乙方應接受甲方之 | *注意* 稽核 <script>alert(1)</script>";

static __attribute__((unused)) int setup(void **state)
{
    fixture *fx = ck_calloc(1, sizeof *fx);
    ck_error err;
    ck_error_clear(&err);
    fx->set = ck_rule_set_new();
    const char *pack = ck_test_file("report-test.yaml", pack_yaml, strlen(pack_yaml));
    if (ck_rule_set_add(fx->set, pack, &err) != 0) {
        ck_error_print(&err, stderr);
        return -1;
    }
    fx->doc = ck_document_new("contract.docx", CK_FORMAT_DOCX);
    ck_block *b = ck_document_add(fx->doc, CK_BLOCK_PARAGRAPH, audit_text, strlen(audit_text), NULL, NULL);
    ck_block_set_location(fx->doc, b, "第五條 第一項");
    ck_document_add(fx->doc, CK_BLOCK_PARAGRAPH, "乙方應提供保固服務。", strlen("乙方應提供保固服務。"), NULL, NULL);
    ck_document_add(fx->doc, CK_BLOCK_PARAGRAPH, "甲方同意免除乙方之一切責任。",
                    strlen("甲方同意免除乙方之一切責任。"), NULL, NULL);
    if (ck_match_run(fx->doc, fx->set, NULL, &fx->result, &err) != 0) {
        ck_error_print(&err, stderr);
        return -1;
    }
    const char *file = ck_test_file("contract.docx", "PK fake bytes", 13);
    if (ck_report_input_stat(&fx->in, file, &err) != 0)
        return -1;
    fx->in.file = "contracts/contract.docx";
    fx->in.doc = fx->doc;
    fx->in.set = fx->set;
    fx->in.result = fx->result;
    *state = fx;
    return 0;
}

static __attribute__((unused)) int teardown(void **state)
{
    fixture *fx = *state;
    ck_match_result_free(fx->result);
    ck_document_free(fx->doc);
    ck_rule_set_free(fx->set);
    free(fx);
    return 0;
}

static __attribute__((unused)) char *render(fixture *fx, ck_report_format format)
{
    ck_buf b = CK_BUF_INIT;
    ck_report_render(format, &fx->in, &b);
    return ck_buf_detach(&b);
}

/* Walks a libyaml document: the mapping value under key, or NULL. */
static __attribute__((unused)) yaml_node_t *get(yaml_document_t *d, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(d, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(d, p->value);
    }
    return NULL;
}

static __attribute__((unused)) const char *scalar(yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static __attribute__((unused)) size_t items(yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start) : 0;
}

static __attribute__((unused)) yaml_node_t *item(yaml_document_t *d, yaml_node_t *seq, size_t i)
{
    return yaml_document_get_node(d, seq->data.sequence.items.start[i]);
}

#endif
