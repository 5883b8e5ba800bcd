/* rules.c — `clausekit rules list|show|lint`: what the rule packs ask for,
 * and checking a pack a reviewer has edited. */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "rules/pack.h"
#include "util/buf.h"
#include "util/lang.h"

static void print_help(FILE *out)
{
    fputs(ck_tr("用法：clausekit rules list [--pack 名稱|檔案]… [--format text|json]\n"
                "      clausekit rules show [--pack 名稱|檔案]… [--format text|json] 規則代號…\n"
                "      clausekit rules lint 檔案…\n"
                "\n"
                "  list   列出規則：代號、嚴重度、標題、所屬套件\n"
                "  show   顯示一條規則的全部內容：要素、樣式、相反用語、建議條文、稽核問題、出處\n"
                "  lint   檢查規則套件檔，列出所有錯誤（檔案:行:欄: 訊息）；有錯誤時結束狀態為 2\n"
                "\n"
                "  --pack 名稱|檔案   使用這個規則套件（可重複）；預設為 wratb-outsourcing、\n"
                "                     cybersecurity-act、personal-data\n"
                "  --format text|json 輸出格式（預設 text）\n"
                "  --lang zh-TW|en    顯示語言\n"
                "規則套件的寫法見 docs/rules.md。\n",
                "usage: clausekit rules list [--pack NAME|FILE]... [--format text|json]\n"
                "       clausekit rules show [--pack NAME|FILE]... [--format text|json] RULE-ID...\n"
                "       clausekit rules lint FILE...\n"
                "\n"
                "  list   list the rules: id, severity, title, pack\n"
                "  show   everything about a rule: elements, patterns, contrary wording, model clause,\n"
                "         audit question, source\n"
                "  lint   check rule pack files and print every problem (file:line:col: message);\n"
                "         exit status 2 when there is any\n"
                "\n"
                "  --pack NAME|FILE   use this rule pack (repeatable); default wratb-outsourcing,\n"
                "                     cybersecurity-act, personal-data\n"
                "  --format text|json output format (default text)\n"
                "  --lang zh-TW|en    language\n"
                "How to write a rule pack: docs/rules.md.\n"),
          out);
}

/* ==== text output ========================================================= */

/* The rule's pattern lists besides its elements, in the order shown. */
typedef struct guard_list {
    const char *json_key;
    size_t offset; /* of the ck_rule_pattern_list inside ck_rule */
    const char *label_zh, *label_en;
} guard_list;

static const guard_list guard_lists[] = {
    { "contrary", offsetof(ck_rule, contrary), "相反用語（衝突）：", "contrary wording (conflict):" },
    { "contrary_unless", offsetof(ck_rule, contrary_unless), "但以下不算相反用語：", "unless (not contrary):" },
    { "exceptions", offsetof(ck_rule, exceptions), "例外（但書）：", "exceptions:" },
    { "exceptions_unless", offsetof(ck_rule, exceptions_unless), "但以下但書無害：", "unless (harmless proviso):" },
    { "not_evidence", offsetof(ck_rule, not_evidence), "不算證據：", "not evidence:" },
    { "satisfied_by", offsetof(ck_rule, satisfied_by), "單獨即符合：", "satisfied on its own by:" },
    { "not_about", offsetof(ck_rule, not_about), "標題表示條文另有主題：", "article about something else when its heading says:" },
    { NULL, 0, NULL, NULL },
};

static void print_patterns(ck_buf *b, const char *indent, const ck_rule_pattern_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        ck_buf_printf(b, "%s%s\n", indent, list->items[i].source);
}

static void put_when(ck_buf *b, const ck_rule_when *w)
{
    if (w->count == 0) {
        ck_buf_puts(b, ck_tr("一律適用（always）", "always"));
        return;
    }
    for (size_t i = 0; i < w->count; i++)
        ck_buf_printf(b, "%s%s%s", i ? ck_tr(" 或 ", " or ") : "", w->terms[i].negated ? "no-" : "",
                      w->terms[i].condition->name);
}

/* Marks in `used` the definitions a pattern list refers to with {{name}}. */
static void mark_definitions(const ck_rule_pack *pack, const ck_rule_pattern_list *list, char *used)
{
    for (size_t i = 0; i < list->count; i++)
        for (size_t d = 0; d < pack->definition_count; d++) {
            char ref[160];
            snprintf(ref, sizeof ref, "{{%s}}", pack->definitions[d].name);
            if (strstr(list->items[i].source, ref))
                used[d] = 1;
        }
}

/* Lists the definitions the rule uses, so {{agency}} can be read without
 * opening the pack. Definitions that use other definitions are expanded by
 * showing those too. */
static void show_definitions(ck_buf *b, const ck_rule *r)
{
    const ck_rule_pack *pack = r->pack;
    char *used = ck_calloc(pack->definition_count + 1, 1);
    int any = 0;

    for (size_t i = 0; i < r->element_count; i++)
        mark_definitions(pack, &r->elements[i].patterns, used);
    for (const guard_list *g = guard_lists; g->json_key; g++)
        mark_definitions(pack, (const ck_rule_pattern_list *)((const char *)r + g->offset), used);
    /* Later definitions may only use earlier ones: one backward pass closes the set. */
    for (size_t d = pack->definition_count; d-- > 0;)
        if (used[d])
            mark_definitions(pack, &pack->definitions[d].patterns, used);
    for (size_t d = 0; d < pack->definition_count; d++) {
        if (!used[d])
            continue;
        if (!any)
            ck_buf_puts(b, ck_tr("  用到的定義：\n", "  definitions used:\n"));
        any = 1;
        ck_buf_printf(b, "    {{%s}}:", pack->definitions[d].name);
        for (size_t i = 0; i < pack->definitions[d].patterns.count; i++)
            ck_buf_printf(b, "%s%s", i ? " | " : " ", pack->definitions[d].patterns.items[i].source);
        ck_buf_puts(b, "\n");
    }
    free(used);
}

/* In zh-TW the word a reviewer reads, with the pack's own word beside it
 * for those who edit packs. */
static const char *severity_text(ck_rule_severity severity)
{
    if (severity == CK_SEVERITY_REQUIRED)
        return ck_tr("必要（required）", "required");
    return ck_tr("建議（recommended）", "recommended");
}

static const char *scope_text(ck_rule_scope scope)
{
    const char *name = ck_rule_scope_name(scope);
    if (ck_lang_current() == CK_LANG_EN)
        return name;
    if (strcmp(name, "sentence") == 0)
        return "句（sentence）";
    if (strcmp(name, "paragraph") == 0)
        return "段落（paragraph）";
    if (strcmp(name, "article") == 0)
        return "條，含其項款（article）";
    if (strcmp(name, "document") == 0)
        return "全文（document）";
    return name;
}

static void show_text(ck_buf *b, const ck_rule *r)
{
    ck_buf_printf(b, "%s  %s", r->id, r->title.zh);
    if (r->title.en)
        ck_buf_printf(b, ck_tr("（%s）", " (%s)"), r->title.en);
    ck_buf_puts(b, "\n");
    ck_buf_printf(b, "  %s%s\n", ck_tr("套件：", "pack: "), r->pack->id);
    ck_buf_printf(b, "  %s%s\n", ck_tr("出處：", "source: "), r->source);
    ck_buf_printf(b, "  %s%s\n", ck_tr("嚴重度：", "severity: "), severity_text(r->severity));
    ck_buf_puts(b, ck_tr("  適用：", "  applies when: "));
    put_when(b, &r->applies_when);
    ck_buf_puts(b, "\n");
    for (size_t i = 0; i < r->applies_when.count; i++) {
        const ck_rule_condition *c = r->applies_when.terms[i].condition;
        ck_buf_printf(b, ck_tr("    %s：%s\n", "    %s: %s\n"), c->name, ck_rule_text_get(&c->description));
    }
    ck_buf_printf(b, "  %s%s\n", ck_tr("範圍：", "scope: "), scope_text(r->scope));
    ck_buf_puts(b, ck_tr("  要素：\n", "  elements:\n"));
    for (size_t i = 0; i < r->element_count; i++) {
        const ck_rule_element *e = &r->elements[i];
        ck_buf_printf(b, "    %zu. %s", i + 1, ck_rule_text_get(&e->name));
        if (i == r->topic)
            ck_buf_puts(b, ck_tr("［主題］", " [topic]"));
        if (e->optional)
            ck_buf_puts(b, ck_tr("［非必要］", " [optional]"));
        if (e->party != CK_PARTY_ANY)
            ck_buf_printf(b, ck_tr("［party: %s］", " [party: %s]"), ck_rule_party_name(e->party));
        if (e->applies_when.count) {
            ck_buf_puts(b, ck_tr("［僅於 ", " [only when "));
            put_when(b, &e->applies_when);
            ck_buf_puts(b, ck_tr("］", "]"));
        }
        ck_buf_puts(b, "\n");
        print_patterns(b, "         ", &e->patterns);
    }
    for (const guard_list *g = guard_lists; g->json_key; g++) {
        const ck_rule_pattern_list *list = (const ck_rule_pattern_list *)((const char *)r + g->offset);
        if (list->count) {
            ck_buf_printf(b, "  %s\n", ck_tr(g->label_zh, g->label_en));
            print_patterns(b, "         ", list);
        }
    }
    show_definitions(b, r);
    ck_buf_printf(b, "  %s\n    %s\n", ck_tr("建議條文：", "model clause:"), r->advice.zh);
    if (r->advice.en && ck_lang_current() == CK_LANG_EN)
        ck_buf_printf(b, "    %s\n", r->advice.en);
    ck_buf_printf(b, "  %s\n    %s\n", ck_tr("稽核問題：", "audit question:"), ck_rule_text_get(&r->audit));
}

/* ==== JSON output ========================================================= */

static void json_text(ck_buf *b, const ck_rule_text *t)
{
    ck_buf_put_json_bilingual(b, t->zh, t->en, 1);
}

static void json_patterns(ck_buf *b, const ck_rule_pattern_list *list)
{
    ck_buf_puts(b, "[");
    for (size_t i = 0; i < list->count; i++) {
        if (i)
            ck_buf_puts(b, ",");
        ck_buf_put_json_str(b, list->items[i].source);
    }
    ck_buf_puts(b, "]");
}

static void json_when(ck_buf *b, const ck_rule_when *w)
{
    ck_buf_puts(b, "[");
    for (size_t i = 0; i < w->count; i++) {
        ck_buf b2 = CK_BUF_INIT;
        ck_buf_printf(&b2, "%s%s", w->terms[i].negated ? "no-" : "", w->terms[i].condition->name);
        if (i)
            ck_buf_puts(b, ",");
        ck_buf_put_json_str(b, b2.data);
        ck_buf_free(&b2);
    }
    ck_buf_puts(b, "]");
}

static void json_rule(ck_buf *b, const ck_rule *r, int full)
{
    ck_buf_puts(b, "{\"id\":");
    ck_buf_put_json_str(b, r->id);
    ck_buf_puts(b, ",\"pack\":");
    ck_buf_put_json_str(b, r->pack->id);
    ck_buf_printf(b, ",\"severity\":\"%s\",\"title\":", ck_rule_severity_name(r->severity));
    json_text(b, &r->title);
    ck_buf_puts(b, ",\"source\":");
    ck_buf_put_json_str(b, r->source);
    ck_buf_puts(b, ",\"applies_when\":");
    json_when(b, &r->applies_when);
    if (full) {
        ck_buf_printf(b, ",\"scope\":\"%s\",\"elements\":[", ck_rule_scope_name(r->scope));
        for (size_t i = 0; i < r->element_count; i++) {
            const ck_rule_element *e = &r->elements[i];
            ck_buf_puts(b, i ? ",{\"name\":" : "{\"name\":");
            json_text(b, &e->name);
            ck_buf_printf(b, ",\"optional\":%s,\"topic\":%s,\"party\":\"%s\",\"applies_when\":",
                          e->optional ? "true" : "false", i == r->topic ? "true" : "false",
                          ck_rule_party_name(e->party));
            json_when(b, &e->applies_when);
            ck_buf_puts(b, ",\"patterns\":");
            json_patterns(b, &e->patterns);
            ck_buf_puts(b, "}");
        }
        ck_buf_puts(b, "]");
        for (const guard_list *g = guard_lists; g->json_key; g++) {
            ck_buf_printf(b, ",\"%s\":", g->json_key);
            json_patterns(b, (const ck_rule_pattern_list *)((const char *)r + g->offset));
        }
        ck_buf_puts(b, ",\"advice\":");
        json_text(b, &r->advice);
        ck_buf_puts(b, ",\"audit\":");
        json_text(b, &r->audit);
    }
    ck_buf_puts(b, "}");
}

/* ==== subcommands ========================================================= */

static int load_set(ck_rule_set *set, char **packs, size_t npacks)
{
    ck_error err;

    ck_error_clear(&err);
    if (npacks == 0 ? ck_rule_set_add_defaults(set, &err) : 0) {
        ck_error_print(&err, stderr);
        return CK_EXIT_ERROR;
    }
    for (size_t i = 0; i < npacks; i++) {
        if (ck_rule_set_add(set, packs[i], &err) != 0) {
            ck_error_print(&err, stderr);
            return CK_EXIT_ERROR;
        }
    }
    return CK_EXIT_OK;
}

static int run_list(ck_rule_set *set, int json)
{
    ck_buf b = CK_BUF_INIT;

    int id_width = 4;
    for (size_t i = 0; i < set->rule_count; i++)
        if ((int)strlen(set->rules[i]->id) > id_width)
            id_width = (int)strlen(set->rules[i]->id);
    ck_buf_puts(&b, json ? "[" : "");
    for (size_t i = 0; i < set->rule_count; i++) {
        const ck_rule *r = set->rules[i];
        if (json) {
            if (i)
                ck_buf_puts(&b, ",\n ");
            json_rule(&b, r, 0);
        } else {
            /* 必要 and 建議 are two cells wide each, as wide as "required" is not:
             * the English words are padded by bytes, the Chinese ones need none. */
            ck_buf_printf(&b, ck_tr("%-*s  %s  %s  ［%s］\n", "%-*s  %-11s %s  [%s]\n"), id_width, r->id,
                          r->severity == CK_SEVERITY_REQUIRED ? ck_tr("必要", "required") : ck_tr("建議", "recommended"),
                          ck_rule_text_get(&r->title), r->pack->id);
        }
    }
    if (json) {
        ck_buf_puts(&b, "]\n");
    } else if (set->condition_count) {
        /* The names --assume takes. */
        ck_buf_puts(&b, ck_tr("\n適用條件（check --assume 名稱 / --assume no-名稱）：\n",
                              "\napplicability conditions (check --assume NAME / --assume no-NAME):\n"));
        for (size_t i = 0; i < set->condition_count; i++)
            ck_buf_printf(&b, "  %-24s %s\n", set->conditions[i].name,
                          ck_rule_text_get(&set->conditions[i].definitions[0]->description));
    }
    fputs(b.data, stdout);
    ck_buf_free(&b);
    return CK_EXIT_OK;
}

static int run_show(ck_rule_set *set, int json, char **ids, int nids)
{
    ck_buf b = CK_BUF_INIT;
    int status = CK_EXIT_OK;

    if (nids == 0)
        return ck_cli_usage_error("rules", "%s", ck_tr("請指定規則代號，例如 clausekit rules show 3.4.1.3",
                                                         "name a rule id, such as clausekit rules show 3.4.1.3"));
    for (int i = 0; i < nids; i++) {
        if (!ck_rule_set_find(set, ids[i])) {
            fprintf(stderr, ck_tr("clausekit: 找不到規則「%s」（請用 clausekit rules list 查看代號）\n",
                                  "clausekit: no rule '%s' (clausekit rules list shows the ids)\n"),
                    ids[i]);
            ck_buf_free(&b);
            return CK_EXIT_ERROR;
        }
    }
    ck_buf_puts(&b, json ? "[" : "");
    for (int i = 0; i < nids; i++) {
        const ck_rule *r = ck_rule_set_find(set, ids[i]);
        if (json) {
            if (i)
                ck_buf_puts(&b, ",\n ");
            json_rule(&b, r, 1);
        } else {
            if (i)
                ck_buf_puts(&b, "\n");
            show_text(&b, r);
        }
    }
    if (json)
        ck_buf_puts(&b, "]\n");
    fputs(b.data, stdout);
    ck_buf_free(&b);
    return status;
}

static int run_lint(char **files, int nfiles)
{
    int status = CK_EXIT_OK;

    if (nfiles == 0)
        return ck_cli_usage_error("rules", "%s", ck_tr("請指定要檢查的規則套件檔，例如 clausekit rules lint 自訂規則.yaml",
                                                         "name the rule pack file to check, such as clausekit rules lint custom.yaml"));
    for (int i = 0; i < nfiles; i++) {
        ck_rule_lint_report report = { NULL, 0 };
        char line[2048];
        if (ck_rule_pack_lint(files[i], &report) != 0) {
            for (size_t j = 0; j < report.count; j++)
                fprintf(stderr, "%s\n", ck_error_format(&report.items[j], line, sizeof line));
            status = CK_EXIT_ERROR;
        } else {
            ck_rule_pack *pack = NULL;
            ck_error err;
            ck_error_clear(&err);
            if (ck_rule_pack_load(files[i], &pack, &err) == 0)
                printf(ck_tr("%s：正確（%zu 條規則）\n", "%s: OK (%zu rule%s)\n"), files[i], pack->rule_count,
                       pack->rule_count == 1 ? "" : "s");
            ck_rule_pack_free(pack);
        }
        ck_rule_lint_report_free(&report);
    }
    return status;
}

typedef struct rules_options {
    char **packs;
    size_t npacks;
    int json;
} rules_options;

/* Parses options up to the first operand (`+`): they may stand before and
 * after the action (`rules --pack x list --format json`). Returns -1 to go
 * on, or the exit status. */
static int parse_options(int argc, char **argv, rules_options *o)
{
    static const struct option options[] = {
        { "pack", required_argument, NULL, 'p' },
        { "format", required_argument, NULL, 'f' },
        { "lang", required_argument, NULL, 'L' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+p:f:h", options, NULL)) != -1) {
        switch (opt) {
        case 'p': o->packs[o->npacks++] = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0)
                return ck_cli_usage_error("rules", ck_tr("不明的格式「%s」：請用 text 或 json",
                                                         "unknown format '%s': use text or json"),
                                          optarg);
            o->json = strcmp(optarg, "json") == 0;
            break;
        case 'L':
            if (ck_cli_set_lang("rules", optarg) != 0)
                return CK_EXIT_ERROR;
            break;
        case 'h': print_help(stdout); return CK_EXIT_OK;
        default:
            return ck_cli_option_error("rules", opt, argv[optind - 1]);
        }
    }
    return -1;
}

int ck_cmd_rules(int argc, char **argv)
{
    rules_options o = { NULL, 0, 0 };
    int status;
    const char *action;
    ck_rule_set *set = NULL;

    o.packs = ck_calloc((size_t)argc + 1, sizeof *o.packs);
    if ((status = parse_options(argc, argv, &o)) >= 0)
        goto done;
    if (optind >= argc) {
        status = ck_cli_usage_error("rules", "%s", ck_tr("請指定 list、show 或 lint", "say list, show or lint"));
        goto done;
    }
    /* The action becomes argv[0] of the rest, so options may follow it. */
    argv += optind;
    argc -= optind;
    action = argv[0];
    if ((status = parse_options(argc, argv, &o)) >= 0)
        goto done;
    /* Operands may be followed by more options (`show 3.4.1.3 --format json`). */
    {
        char **operands = ck_calloc((size_t)argc + 1, sizeof *operands);
        int noperands = 0;
        while (optind < argc) {
            char **rest = argv + optind;
            int nrest = argc - optind;
            operands[noperands++] = rest[0];
            if ((status = parse_options(nrest, rest, &o)) >= 0) {
                free(operands);
                goto done;
            }
            argv = rest;
            argc = nrest;
        }
        status = CK_EXIT_OK;
        if (strcmp(action, "lint") == 0) {
            status = run_lint(operands, noperands);
        } else if (strcmp(action, "list") != 0 && strcmp(action, "show") != 0) {
            status = ck_cli_usage_error("rules", ck_tr("不明的動作「%s」：請用 list、show 或 lint",
                                                       "unknown action '%s': use list, show or lint"),
                                        action);
        } else if (strcmp(action, "list") == 0 && noperands > 0) {
            status = ck_cli_usage_error("rules", ck_tr("多餘的參數「%s」", "unexpected argument '%s'"), operands[0]);
        } else {
            set = ck_rule_set_new();
            status = load_set(set, o.packs, o.npacks);
            if (status == CK_EXIT_OK)
                status = strcmp(action, "list") == 0 ? run_list(set, o.json) : run_show(set, o.json, operands, noperands);
        }
        free(operands);
    }
done:
    ck_rule_set_free(set);
    free(o.packs);
    return status;
}
