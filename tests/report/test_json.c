/* The JSON report (report/json.c), read back with libyaml. */
#include "report/report_support.h"

/* The JSON report parses back, and says what the result says. */
static void test_json(void **state)
{
    fixture *fx = *state;
    char *json = render(fx, CK_REPORT_JSON);
    yaml_parser_t parser;
    yaml_document_t doc;

    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)json, strlen(json));
    assert_true(yaml_parser_load(&parser, &doc));
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    assert_non_null(root);
    assert_string_equal(scalar(get(&doc, root, "schema_version")), "1");
    assert_string_equal(scalar(get(&doc, root, "file")), "contracts/contract.docx");
    assert_string_equal(scalar(get(&doc, root, "file_name")), "contract.docx");
    assert_string_equal(scalar(get(&doc, root, "sha256")), fx->in.sha256);
    assert_string_equal(scalar(get(&doc, root, "tool_version")), CK_VERSION);
    yaml_node_t *packs = get(&doc, root, "packs");
    assert_int_equal(items(packs), 1);
    assert_string_equal(scalar(get(&doc, item(&doc, packs, 0), "id")), "report-test");
    assert_string_equal(scalar(get(&doc, item(&doc, packs, 0), "version")), "2.3");
    yaml_node_t *summary = get(&doc, root, "summary");
    assert_string_equal(scalar(get(&doc, summary, "total")), "5");
    assert_string_equal(scalar(get(&doc, summary, "conflict")), "1");
    assert_string_equal(scalar(get(&doc, summary, "required_gaps")), "2");
    yaml_node_t *apps = get(&doc, root, "applicability");
    assert_int_equal(items(apps), 1);
    assert_string_equal(scalar(get(&doc, item(&doc, apps, 0), "decided_by")), "no_text");

    yaml_node_t *findings = get(&doc, root, "findings");
    assert_int_equal(items(findings), fx->result->count);
    for (size_t i = 0; i < items(findings); i++) {
        yaml_node_t *f = item(&doc, findings, i);
        assert_string_equal(scalar(get(&doc, f, "id")), fx->result->findings[i].rule->id);
        assert_string_equal(scalar(get(&doc, f, "status")), ck_match_status_name(fx->result->findings[i].status));
        assert_non_null(get(&doc, f, "advice"));
        assert_non_null(get(&doc, f, "missing_elements"));
    }
    /* The audit finding's evidence: location, text, and ranges that quote 稽核. */
    yaml_node_t *audit = item(&doc, findings, 0);
    assert_string_equal(scalar(get(&doc, audit, "status")), "present");
    yaml_node_t *ev = item(&doc, get(&doc, audit, "evidence"), 0);
    assert_string_equal(scalar(get(&doc, ev, "location")), "第五條 第一項");
    assert_string_equal(scalar(get(&doc, ev, "text")), audit_text);
    yaml_node_t *range = item(&doc, get(&doc, ev, "matches"), 0);
    long s = atol(scalar(item(&doc, range, 0))), e = atol(scalar(item(&doc, range, 1)));
    assert_memory_equal(audit_text + s, "稽核", (size_t)(e - s));
    assert_int_equal(e - s, strlen("稽核"));
    /* Partial names what is missing; not_applicable says why. */
    yaml_node_t *warranty = item(&doc, findings, 1);
    assert_string_equal(scalar(get(&doc, warranty, "status")), "partial");
    assert_string_equal(scalar(get(&doc, item(&doc, get(&doc, warranty, "missing_elements"), 0), "zh")), "期間");
    yaml_node_t *na = get(&doc, item(&doc, findings, 3), "not_applicable_because");
    assert_string_equal(scalar(get(&doc, na, "condition")), "system-development");
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    free(json);
}

int main(void)
{
    ck_lang_set_name("zh-TW");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests_name("report/json", tests, setup, teardown);
}
