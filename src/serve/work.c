/* work.c — what a request asks for, done by the same stages as the command
 * line: `clausekit check FILE --format F` (reader, matcher, report writer),
 * `clausekit check FILE --annotate COPY` (the review annotations and the
 * annotation writer) and `clausekit forms FORM --data FILE --zip OUT` (the
 * forms runner itself). Runs in a child process (see jobs.c); messages go
 * to stderr exactly as the command line prints them, naming the file as
 * the client called it, never the upload's path. */
#include "serve/serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate/review.h"
#include "cli/commands.h"
#include "forms/forms.h"
#include "match/match.h"
#include "reader/reader.h"
#include "report/report.h"
#include "rules/pack.h"
#include "util/file.h"
#include "util/lang.h"

enum { WORK_OK = 0, WORK_GAPS = 1, WORK_ERROR = 2 };

/* Prints err as the command line does, with the upload's path replaced by
 * the client's name for it. */
static void print_error(const ck_serve_work *w, ck_error *err)
{
    char line[2048];
    char *shown;

    if (strcmp(err->file, w->input) == 0 || err->file[0] == '\0')
        snprintf(err->file, sizeof err->file, "%s", w->display);
    ck_error_format(err, line, sizeof line);
    shown = ck_serve_replace(line, w->input, w->display);
    fprintf(stderr, "clausekit: %s\n", shown);
    free(shown);
}

/* The conditions --assume may name: one line when one is unknown. */
static int check_assumptions(const ck_serve_work *w, const ck_rule_set *set)
{
    ck_error err;
    ck_error_clear(&err);
    if (ck_match_check_assumptions(set, &(ck_match_options){ w->assume, w->assume_count }, &err) != 0) {
        fprintf(stderr, "clausekit: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int run_check(const ck_serve_work *w)
{
    ck_rule_set *set = ck_rule_set_new();
    ck_document *doc = NULL;
    ck_match_result *result = NULL;
    ck_match_options mo = { w->assume, w->assume_count };
    ck_report_format format = CK_REPORT_JSON;
    ck_report_input in;
    ck_buf report = CK_BUF_INIT;
    ck_error err;
    int status = WORK_ERROR;

    ck_error_clear(&err);
    memset(&in, 0, sizeof in);
    if (w->task == CK_SERVE_CHECK && w->report_format && ck_report_format_parse(w->report_format, &format) != 0) {
        fprintf(stderr, "clausekit: ");
        fprintf(stderr, ck_tr("不明的格式「%s」：請用 json、html、md 或 docx", "unknown format '%s': use json, html, md or docx"),
                w->report_format);
        fputc('\n', stderr);
        goto done;
    }
    if (ck_rule_set_add_defaults(set, &err) != 0) {
        ck_error_print(&err, stderr);
        goto done;
    }
    if (check_assumptions(w, set) != 0)
        goto done;
    if (ck_reader_read(w->input, NULL, &doc, &err) != 0 || ck_match_run(doc, set, &mo, &result, &err) != 0 ||
        ck_report_input_stat(&in, w->input, &err) != 0) {
        print_error(w, &err);
        goto done;
    }
    if (w->task == CK_SERVE_ANNOTATE) {
        ck_annotation_set notes;
        ck_review_annotations(doc, set, result, 0, &notes);
        if (ck_annotate_write(w->input, w->output, &notes, &err) != 0)
            print_error(w, &err);
        else
            status = WORK_OK;
        ck_annotation_set_free(&notes);
        goto done;
    }
    in.file = w->display;
    in.doc = doc;
    in.set = set;
    in.result = result;
    if (format == CK_REPORT_DOCX) {
        if (ck_report_docx_write(&in, w->output, &err) != 0) {
            print_error(w, &err);
            goto done;
        }
        status = result->required_gaps ? WORK_GAPS : WORK_OK;
        goto done;
    }
    ck_report_render(format, &in, &report);
    if (ck_file_write(w->output, report.data, report.len, &err) != 0) {
        print_error(w, &err);
        goto done;
    }
    status = result->required_gaps ? WORK_GAPS : WORK_OK;
done:
    ck_buf_free(&report);
    ck_match_result_free(result);
    ck_document_free(doc);
    ck_rule_set_free(set);
    return status;
}

static int run_forms(const ck_serve_work *w)
{
    ck_forms_options opt;
    ck_forms_result res;
    int status;

    memset(&opt, 0, sizeof opt);
    opt.form = w->form;
    opt.data = w->input;
    if (ck_writer_format_from_name(w->writer_format ? w->writer_format : "docx", &opt.format) != 0) {
        fprintf(stderr, "clausekit: ");
        fprintf(stderr, ck_tr("不明的格式「%s」：請用 docx、odt、html 或 md", "unknown format '%s': use docx, odt, html or md"),
                w->writer_format);
        fputc('\n', stderr);
        return WORK_ERROR;
    }
    if (strcmp(w->form, "4-016") != 0 && strcmp(w->form, "4-017") != 0 && strcmp(w->form, "4-018") != 0) {
        /* Only the installed forms: a template path from a client would
         * read the server's files. */
        fprintf(stderr, "clausekit: ");
        fprintf(stderr, ck_tr("沒有表單「%s」；請用 4-016、4-017 或 4-018", "no form '%s'; use 4-016, 4-017 or 4-018"),
                w->form);
        fputc('\n', stderr);
        return WORK_ERROR;
    }
    if (w->merge)
        opt.output = w->output;
    else
        opt.zip = w->output;
    opt.merge = w->merge;
    opt.from_check = w->from_check;
    opt.jobs = 1;
    ck_forms_run(&opt, &res);
    status = ck_cli_forms_tell(&res, NULL);
    ck_forms_result_free(&res);
    return status;
}

int ck_serve_work_run(void *arg)
{
    const ck_serve_work *w = arg;

    if (w->lang)
        ck_lang_set_name(w->lang);
    return w->task == CK_SERVE_FORMS ? run_forms(w) : run_check(w);
}

void ck_serve_work_download_name(const ck_serve_work *w, ck_buf *out)
{
    if (w->task == CK_SERVE_FORMS) {
        ck_buf_printf(out, "%s.%s", w->form, w->merge ? (w->writer_format ? w->writer_format : "docx") : "zip");
        return;
    }
    const char *dot = strrchr(w->display, '.');
    size_t stem = dot && dot != w->display ? (size_t)(dot - w->display) : strlen(w->display);
    ck_buf_append(out, w->display, stem);
    if (w->task == CK_SERVE_ANNOTATE)
        ck_buf_puts(out, w->lang && !strncmp(w->lang, "en", 2) ? "-reviewed" : "-審查");
    if (dot && dot != w->display)
        ck_buf_puts(out, dot);
}
