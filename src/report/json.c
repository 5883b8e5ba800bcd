/* json.c — the machine report; its schema is docs/report-schema.md and
 * changes only with CK_REPORT_SCHEMA_VERSION. Independent of --lang: every
 * human text is given in both languages. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "data/ids.h"

static void text2(ck_buf *o, const ck_rule_text *t)
{
    ck_buf_put_json_bilingual(o, t->zh, t->en, 0);
}

static const char *decided_name(ck_decided_by d)
{
    switch (d) {
    case CK_DECIDED_TEXT: return "text";
    case CK_DECIDED_AMOUNT: return "amount";
    case CK_DECIDED_ASSUMED: return "assumed";
    case CK_DECIDED_NO_TEXT:
    default: return "no_text";
    }
}

static void evidence(ck_buf *o, const ck_report_input *in, const ck_evidence *ev, const char *indent)
{
    const ck_block *b = &in->doc->blocks[ev->block];
    ck_buf loc = CK_BUF_INIT;

    ck_report_location(in->doc, ev->block, &loc);
    ck_buf_printf(o, "{\n%s  \"block\": %zu,\n%s  \"location\": ", indent, ev->block, indent);
    ck_buf_put_json_str(o, loc.data);
    ck_buf_printf(o, ",\n%s  \"kind\": ", indent);
    ck_buf_put_json_str(o, ck_block_kind_name(b->kind));
    ck_buf_printf(o, ",\n%s  \"part\": ", indent);
    ck_buf_put_json_str(o, b->part);
    ck_buf_printf(o, ",\n%s  \"source_index\": %u,\n%s  \"contrary\": %s,\n%s  \"text\": ", indent,
                  (unsigned)b->source_index, indent, ev->contrary ? "true" : "false", indent);
    {
        char *text = ck_id_masked_copy(ev->text); /* byte offsets of matches unchanged */
        ck_buf_put_json_str(o, text);
        free(text);
    }
    ck_buf_printf(o, ",\n%s  \"matches\": [", indent);
    for (size_t m = 0; m < ev->match_count; m++)
        ck_buf_printf(o, "%s[%zu, %zu]", m ? ", " : "", ev->matches[m].start, ev->matches[m].end);
    ck_buf_printf(o, "]\n%s}", indent);
    ck_buf_free(&loc);
}

static void element_list(ck_buf *o, const ck_rule *rule, const size_t *idx, size_t n)
{
    ck_buf_puts(o, "[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            ck_buf_puts(o, ", ");
        text2(o, &rule->elements[idx[i]].name);
    }
    ck_buf_puts(o, "]");
}

void ck_report_json(const ck_report_input *in, ck_buf *o)
{
    const ck_match_result *r = in->result;
    const char *name = strrchr(in->file, '/');

    ck_buf_printf(o, "{\n  \"schema_version\": %d,\n  \"tool\": \"clausekit\",\n  \"tool_version\": ",
                  CK_REPORT_SCHEMA_VERSION);
    ck_buf_put_json_str(o, CK_VERSION);
    ck_buf_puts(o, ",\n  \"generated\": ");
    ck_buf_put_json_str(o, in->generated);
    ck_buf_puts(o, ",\n  \"file\": ");
    ck_buf_put_json_str(o, in->file);
    ck_buf_puts(o, ",\n  \"file_name\": ");
    ck_buf_put_json_str(o, name ? name + 1 : in->file);
    ck_buf_printf(o, ",\n  \"file_size\": %lld,\n  \"sha256\": ", in->file_size);
    ck_buf_put_json_str(o, in->sha256);
    ck_buf_puts(o, ",\n  \"format\": ");
    ck_buf_put_json_str(o, in->doc->format == CK_FORMAT_DOCX ? "docx" : in->doc->format == CK_FORMAT_ODT ? "odt" : "unknown");

    ck_buf_puts(o, ",\n  \"packs\": [");
    for (size_t p = 0; p < in->set->pack_count; p++) {
        const ck_rule_pack *pack = in->set->packs[p];
        ck_buf_puts(o, p ? ",\n    {\"id\": " : "\n    {\"id\": ");
        ck_buf_put_json_str(o, pack->id);
        ck_buf_puts(o, ", \"version\": ");
        ck_buf_put_json_str(o, pack->version);
        ck_buf_puts(o, ", \"title\": ");
        text2(o, &pack->title);
        ck_buf_puts(o, ", \"source\": ");
        ck_buf_put_json_str(o, pack->source);
        ck_buf_puts(o, "}");
    }
    ck_buf_puts(o, in->set->pack_count ? "\n  ]" : "]");

    ck_buf_puts(o, ",\n  \"contract_amount\": ");
    if (r->contract_amount >= 0)
        ck_buf_printf(o, "%lld", r->contract_amount);
    else
        ck_buf_puts(o, "null");

    ck_buf_puts(o, ",\n  \"applicability\": [");
    for (size_t c = 0; c < r->condition_count; c++) {
        const ck_applicability *a = &r->conditions[c];
        ck_buf_puts(o, c ? ",\n    {\n      \"condition\": " : "\n    {\n      \"condition\": ");
        ck_buf_put_json_str(o, a->condition->name);
        ck_buf_puts(o, ",\n      \"description\": ");
        if (a->condition->definition_count)
            text2(o, &a->condition->definitions[0]->description);
        else
            ck_buf_puts(o, "null");
        ck_buf_printf(o, ",\n      \"holds\": %s,\n      \"decided_by\": \"%s\",\n      \"amount\": ",
                      a->holds ? "true" : "false", decided_name(a->decided_by));
        if (a->decided_by == CK_DECIDED_AMOUNT && a->amount >= 0)
            ck_buf_printf(o, "%lld", a->amount);
        else
            ck_buf_puts(o, "null");
        ck_buf_puts(o, ",\n      \"evidence\": ");
        if (a->has_evidence)
            evidence(o, in, &a->evidence, "      ");
        else
            ck_buf_puts(o, "null");
        ck_buf_puts(o, ",\n      \"pattern\": ");
        ck_buf_put_json_str(o, a->decided_by == CK_DECIDED_TEXT && a->pattern ? a->pattern->source : NULL);
        ck_buf_puts(o, ",\n      \"denied\": ");
        if (a->has_denied)
            evidence(o, in, &a->denied, "      ");
        else
            ck_buf_puts(o, "null");
        ck_buf_puts(o, "\n    }");
    }
    ck_buf_puts(o, r->condition_count ? "\n  ]" : "]");

    ck_buf_printf(o, ",\n  \"summary\": {\"total\": %zu", r->count);
    for (int s = 0; s < CK_STATUS_COUNT; s++)
        ck_buf_printf(o, ", \"%s\": %zu", ck_match_status_name((ck_status)s), r->status_counts[s]);
    ck_buf_printf(o, ", \"required_gaps\": %d}", r->required_gaps);

    ck_buf_puts(o, ",\n  \"findings\": [");
    for (size_t i = 0; i < r->count; i++) {
        const ck_finding *f = &r->findings[i];
        const ck_rule *rule = f->rule;
        ck_buf_puts(o, i ? ",\n    {\n      \"id\": " : "\n    {\n      \"id\": ");
        ck_buf_put_json_str(o, rule->id);
        ck_buf_puts(o, ",\n      \"pack\": ");
        ck_buf_put_json_str(o, rule->pack ? rule->pack->id : NULL);
        ck_buf_puts(o, ",\n      \"title\": ");
        text2(o, &rule->title);
        ck_buf_puts(o, ",\n      \"source\": ");
        ck_buf_put_json_str(o, rule->source);
        ck_buf_printf(o, ",\n      \"severity\": \"%s\",\n      \"status\": \"%s\",\n      \"status_zh\": ",
                      ck_rule_severity_name(rule->severity), ck_match_status_name(f->status));
        ck_buf_put_json_str(o, ck_match_status_label_zh(f->status));
        ck_buf_puts(o, ",\n      \"evidence\": [");
        for (size_t e = 0; e < f->evidence_count; e++) {
            ck_buf_puts(o, e ? ", " : "");
            evidence(o, in, &f->evidence[e], "      ");
        }
        ck_buf_puts(o, "],\n      \"missing_elements\": ");
        element_list(o, rule, f->missing, f->missing_count);
        ck_buf_puts(o, ",\n      \"missing_optional_elements\": ");
        element_list(o, rule, f->missing_optional, f->missing_optional_count);
        /* Further elements not found beside a clause that is there: advice
         * that never changes the status or the exit code. */
        ck_buf_puts(o, ",\n      \"suggestions\": ");
        if (f->status == CK_STATUS_MISSING || f->status == CK_STATUS_NOT_APPLICABLE)
            ck_buf_puts(o, "[]");
        else
            element_list(o, rule, f->missing_optional, f->missing_optional_count);
        ck_buf_puts(o, ",\n      \"trace\": ");
        ck_report_json_trace(in, f, o);
        ck_buf_puts(o, ",\n      \"not_applicable_because\": ");
        if (f->status == CK_STATUS_NOT_APPLICABLE && f->not_applicable_because) {
            const ck_applicability *a = f->not_applicable_because;
            ck_buf_puts(o, "{\"condition\": ");
            ck_buf_put_json_str(o, a->condition->name);
            ck_buf_printf(o, ", \"decided_by\": \"%s\"}", decided_name(a->decided_by));
        } else {
            ck_buf_puts(o, "null");
        }
        ck_buf_puts(o, ",\n      \"advice\": ");
        text2(o, &rule->advice);
        ck_buf_puts(o, "\n    }");
    }
    ck_buf_puts(o, r->count ? "\n  ]\n}\n" : "]\n}\n");
}
