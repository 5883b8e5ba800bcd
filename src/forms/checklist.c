/* checklist.c — the 4-018 audit items: the rule packs' audit questions,
 * marked from a `clausekit check --format json` result when one is given.
 * The checklist and the checker read the same packs, so they never ask
 * different questions. */
#include "forms/forms.h"

#include <stdlib.h>
#include <string.h>

#include "rules/pack.h"
#include "util/lang.h"

#define MARK_YES "■"
#define MARK_NO "□"

static const char *text_of(const ck_value *map, const char *key)
{
    const ck_value *v = map ? ck_value_get(map, key) : NULL;
    return v && v->kind == CK_VALUE_STRING ? v->string : NULL;
}

/* The finding for rule id in the check result, or NULL. */
static const ck_value *finding_for(const ck_value *findings, const char *id)
{
    for (size_t i = 0; findings && i < findings->count; i++) {
        const ck_value *f = findings->items[i];
        const char *fid = text_of(f, "id");
        if (!fid)
            fid = text_of(f, "rule");
        if (fid && strcmp(fid, id) == 0)
            return f;
    }
    return NULL;
}

/* 說明 for a finding: what the check said and where it looked. */
static void describe_finding(const ck_value *finding, const char *status, ck_buf *out)
{
    const ck_value *evidence = ck_value_get(finding, "evidence");
    size_t places = 0;

    if (strcmp(status, "present") == 0)
        ck_buf_puts(out, "契約已訂定");
    else if (strcmp(status, "partial") == 0)
        ck_buf_puts(out, "契約僅部分訂定");
    else if (strcmp(status, "conflict") == 0)
        ck_buf_puts(out, "契約條文與此要求衝突");
    else if (strcmp(status, "missing") == 0)
        ck_buf_puts(out, "契約未見相關條文");
    else
        ck_buf_puts(out, "不適用");
    for (size_t i = 0; evidence && evidence->kind == CK_VALUE_LIST && i < evidence->count; i++) {
        const char *where = text_of(evidence->items[i], "location");
        if (!where || !*where)
            continue;
        ck_buf_puts(out, places++ ? "、" : "（見");
        ck_buf_puts(out, where);
    }
    if (places)
        ck_buf_puts(out, "）");
}

static int read_check(const char *path, ck_value **doc, const ck_value **findings, ck_error *err)
{
    int rc = ck_record_read(path, NULL, doc, err);
    const ck_value *root;

    *findings = NULL;
    if (rc != 0 && err->line > 0) {
        /* A report in another format (md, html) or some other file: the
         * parser's own words would not tell the clerk what was expected. */
        ck_error_clear(err);
        ck_error_set(err, CK_EINPUT, "%s",
                     ck_tr("這不是 clausekit check --format json 的結果；請以 clausekit check 契約.docx --format json -o 結果.json 產生",
                           "this is not the output of clausekit check --format json; make it with clausekit check "
                           "contract.docx --format json -o result.json"));
        ck_error_set_file(err, path);
        return CK_EINPUT;
    }
    if (rc != 0)
        return rc;
    root = (*doc)->count ? (*doc)->items[0] : NULL;
    *findings = root ? ck_value_get(root, "findings") : NULL;
    if (!*findings || (*findings)->kind != CK_VALUE_LIST) {
        ck_error_set(err, CK_EINPUT,
                     ck_tr("這不是 clausekit check --format json 的結果（沒有 findings 清單）",
                           "this is not the output of clausekit check --format json (no findings list)"));
        ck_error_set_file(err, path);
        return CK_EINPUT;
    }
    return 0;
}

int ck_forms_checklist(const char *const *packs, size_t pack_count, const char *check_json, ck_value **out,
                       ck_error *err)
{
    ck_rule_set *set = ck_rule_set_new();
    ck_value *doc = NULL, *list = NULL;
    const ck_value *findings = NULL;
    ck_buf b = CK_BUF_INIT;
    int rc = 0;
    long number = 0;

    *out = NULL;
    if (pack_count == 0)
        rc = ck_rule_set_add_defaults(set, err);
    for (size_t i = 0; i < pack_count && rc == 0; i++)
        rc = ck_rule_set_add(set, packs[i], err);
    if (rc == 0 && check_json)
        rc = read_check(check_json, &doc, &findings, err);
    if (rc != 0)
        goto done;
    list = ck_value_new_list(0);
    for (size_t i = 0; i < set->rule_count; i++) {
        const ck_rule *rule = set->rules[i];
        const char *question = rule->audit.zh;
        const ck_value *finding;
        ck_value *item;
        const char *status = NULL;
        if (!question || !*question)
            continue;
        item = ck_value_new_map(0);
        ck_buf_clear(&b);
        ck_buf_printf(&b, "%ld", ++number);
        ck_value_map_put(item, "項次", ck_value_new_string(b.data, 0));
        ck_value_map_put(item, "編號", ck_value_new_string(rule->id, 0));
        ck_value_map_put(item, "項目", ck_value_new_string(question, 0));
        ck_value_map_put(item, "依據", ck_value_new_string(rule->source ? rule->source : "", 0));
        finding = findings ? finding_for(findings, rule->id) : NULL;
        if (finding)
            status = text_of(finding, "status");
        ck_buf_clear(&b);
        if (status)
            describe_finding(finding, status, &b);
        ck_value_map_put(item, "符合", ck_value_new_string(status && strcmp(status, "present") == 0 ? MARK_YES : MARK_NO, 0));
        ck_value_map_put(item, "不符合",
                         ck_value_new_string(status && (strcmp(status, "partial") == 0 || strcmp(status, "conflict") == 0 ||
                                                        strcmp(status, "missing") == 0)
                                                 ? MARK_YES
                                                 : MARK_NO,
                                             0));
        ck_value_map_put(item, "不適用",
                         ck_value_new_string(status && strcmp(status, "not_applicable") == 0 ? MARK_YES : MARK_NO, 0));
        ck_value_map_put(item, "說明", ck_value_new_string(b.data ? b.data : "", 0));
        ck_value_list_append(list, item);
    }
    if (number == 0) {
        rc = ck_error_set(err, CK_EDATA, ck_tr("規則套件中沒有任何稽核問題（audit），無法產生 4-018",
                                               "the rule packs hold no audit questions to build 4-018 from"));
        ck_value_free(list);
        list = NULL;
    }
done:
    ck_buf_free(&b);
    ck_value_free(doc);
    ck_rule_set_free(set);
    *out = list;
    return rc;
}
