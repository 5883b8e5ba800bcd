/* forms.c — `clausekit forms`: template + data -> checked records -> files.
 *
 * Order of work, so that nothing is written unless everything can be:
 * load the template, read and map the data, validate every record, plan
 * every output name and check none would overwrite a file (here), and
 * only then stage, render, write and commit (write.c). Files this run has
 * written are listed so that a later failure or a signal removes them
 * again (see forms.h).
 */
#include "forms/run.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/ids.h"
#include "util/file.h"
#include "util/fs.h"
#include "util/lang.h"

/* True when path ends in '/': -o names a folder. */
static int ends_in_slash(const char *path)
{
    size_t n = strlen(path);
    return n > 0 && path[n - 1] == '/';
}

static int path_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* True when the last component of path has an extension (「切結書.docx」,
 * not 「nd」 or 「.hidden」). */
static int has_file_extension(const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot;
    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    return dot && dot != base && dot[1];
}

/* ============================================================================
 * The run: load -> check records -> choose output -> plan names -> check
 * targets -> stage -> write -> (zip) -> commit
 * ========================================================================== */

/* ---- load ------------------------------------------------------------------ */

/* The template, its checklist field (4-018), the data and the checklist. */
static int load_inputs(forms_run *r)
{
    const ck_forms_options *opt = r->opt;
    int rc;

    if ((rc = ck_forms_template_load(opt->form, &r->t, &r->err)) != 0)
        return rc;
    for (size_t i = 0; i < ck_template_field_count(r->t); i++)
        if (ck_template_field_at(r->t, i)->kind == CK_FIELD_CHECKLIST)
            r->checklist_field = ck_template_field_at(r->t, i)->name;
    if (opt->from_check && !r->checklist_field)
        return ck_error_set(&r->err, CK_EUSAGE, ck_tr("--from-check 只用於有稽核項目的表單（如 4-018）",
                                                      "--from-check is only for forms with a checklist (such as 4-018)"));
    if ((rc = ck_forms_data_read(r->t, opt->data, opt->encoding, &r->data, &r->err)) != 0)
        return rc;
    if (r->checklist_field)
        return ck_forms_checklist(opt->packs, opt->pack_count, opt->from_check, &r->checklist, &r->err);
    return 0;
}

/* ---- check records ----------------------------------------------------------- */

/* Validates every record before anything is written; keeps the problems. */
static int check_records(forms_run *r)
{
    ck_forms_result *res = r->res;

    if (r->data->note)
        ck_id_mask_in_text(r->data->note, strlen(r->data->note));
    r->invalid = ck_forms_data_validate(r->t, r->data, &res->problems);
    r->valid = r->data->count - r->invalid;
    res->invalid = r->invalid;
    res->valid = r->valid;
    if (r->invalid && !r->opt->skip_invalid) {
        res->outcome = CK_FORMS_INVALID;
        return CK_EDATA;
    }
    if (r->invalid && r->valid == 0) {
        res->outcome = CK_FORMS_NONE_VALID;
        return CK_EDATA;
    }
    r->rows = ck_calloc(r->valid, sizeof *r->rows);
    for (size_t i = 0, k = 0; i < r->data->count; i++)
        if (r->data->records[i].valid)
            r->rows[k++] = i;
    return 0;
}

/* ---- choose output ----------------------------------------------------------- */

/* Files in a folder, one file, one merged file, or a zip. */
static int choose_output(forms_run *r)
{
    const ck_forms_options *opt = r->opt;

    if (opt->zip)
        r->mode = OUT_ZIP;
    else if (!opt->output)
        return ck_error_set(&r->err, CK_EUSAGE, ck_tr("請用 -o 指定輸出檔或資料夾（或用 --zip）",
                                                      "give -o FILE or -o DIR (or --zip FILE)"));
    else if (opt->merge) {
        r->mode = OUT_MERGE;
        if (ck_fs_is_dir(opt->output) || ends_in_slash(opt->output))
            return ck_error_set(&r->err, CK_EUSAGE,
                                ck_tr("--merge 產生一個檔案：-o 請給檔名（例如 %s%s全部.%s），不是資料夾",
                                      "--merge writes one file: give -o a file name (such as %s%sall.%s), "
                                      "not a folder"),
                                opt->output, ends_in_slash(opt->output) ? "" : "/", r->ext);
    } else if (r->valid == 1 && r->data->count == 1 && !ck_fs_is_dir(opt->output) && !ends_in_slash(opt->output) &&
               (has_file_extension(opt->output) || path_exists(opt->output)))
        r->mode = OUT_ONE_FILE; /* a name without an extension is a folder, as for several rows */
    else
        r->mode = OUT_FILES;
    if (r->mode == OUT_FILES && !ck_fs_is_dir(opt->output) &&
        (path_exists(opt->output) || ck_fs_has_extension(opt->output, ".docx") || ck_fs_has_extension(opt->output, ".odt") ||
         ck_fs_has_extension(opt->output, ".html") || ck_fs_has_extension(opt->output, ".md"))) {
        /* -o 名冊.docx for a roster of several rows is a folder by mistake */
        int rc = ck_error_set(&r->err, CK_EUSAGE, ck_tr("名冊有多筆資料，-o 須是資料夾（或用 --merge 合併成一個檔）",
                                                        "a roster gives several files: -o must be a folder (or use --merge)"));
        ck_error_set_file(&r->err, opt->output);
        return rc;
    }
    return 0;
}

/* ---- plan names ------------------------------------------------------------ */

/* The safe, unique file name stems of the forms, one per valid record. */
static int plan_stems(forms_run *r, char ***out)
{
    const char *pattern = r->opt->name_pattern ? r->opt->name_pattern : ck_forms_default_pattern(r->t);
    char **stems = ck_calloc(r->valid, sizeof *stems);
    ck_buf raw = CK_BUF_INIT, safe = CK_BUF_INIT;
    int rc = 0;

    for (size_t k = 0; k < r->valid && rc == 0; k++) {
        ck_buf_clear(&raw);
        ck_buf_puts(&raw, "");
        rc = ck_forms_expand_name(r->t, pattern, r->data->records[r->rows[k]].value, r->rows[k], &raw, &r->err);
        if (rc == 0) {
            ck_buf_clear(&safe);
            ck_forms_safe_name(raw.data, ck_template_form(r->t), &safe);
            stems[k] = ck_strdup(safe.data);
        }
    }
    ck_buf_free(&raw);
    ck_buf_free(&safe);
    if (rc == 0)
        *out = ck_forms_unique_names((const char *const *)stems, r->valid);
    for (size_t k = 0; k < r->valid; k++)
        free(stems[k]);
    free(stems);
    return rc;
}

/* Every output's name: one per form, or the one merged file. */
static int plan_targets(forms_run *r)
{
    const ck_forms_options *opt = r->opt;
    ck_buf b = CK_BUF_INIT;

    if (r->mode == OUT_FILES || (r->mode == OUT_ZIP && !opt->merge)) {
        char **unique = NULL;
        int rc = plan_stems(r, &unique);
        if (rc != 0)
            return rc;
        r->target_count = r->valid;
        r->targets = ck_calloc(r->valid, sizeof *r->targets);
        for (size_t k = 0; k < r->valid; k++) {
            ck_buf_clear(&b);
            if (r->mode == OUT_FILES)
                ck_buf_printf(&b, "%s%s%s.%s", opt->output, ends_in_slash(opt->output) ? "" : "/", unique[k], r->ext);
            else
                ck_buf_printf(&b, "%s.%s", unique[k], r->ext);
            r->targets[k] = ck_strdup(b.data);
        }
        ck_forms_names_free(unique, r->valid);
    } else {
        r->target_count = 1;
        r->targets = ck_calloc(1, sizeof *r->targets);
        if (r->mode == OUT_ZIP) {
            ck_forms_safe_name(ck_template_form(r->t), "form", &b);
            ck_buf_printf(&b, ".%s", r->ext);
        } else {
            ck_buf_puts(&b, opt->output);
        }
        r->targets[0] = ck_strdup(b.data);
    }
    ck_buf_free(&b);
    return 0;
}

/* ---- check targets ----------------------------------------------------------- */

/* No output is ever one of the run's inputs, whatever --force says. */
static int check_not_an_input(forms_run *r)
{
    const ck_forms_options *opt = r->opt;
    char *template_path = ck_forms_template_path(opt->form);
    const char *inputs[] = { opt->data, template_path, opt->from_check };
    const char *clash = NULL;
    int rc = 0;

    if (r->mode != OUT_FILES) {
        const char *out = r->mode == OUT_ZIP ? opt->zip : opt->output;
        for (size_t i = 0; i < 3 && !clash; i++)
            if (inputs[i] && (strcmp(out, inputs[i]) == 0 || ck_file_same(out, inputs[i])))
                clash = out;
    } else {
        for (size_t k = 0; k < r->target_count && !clash; k++)
            for (size_t i = 0; i < 3 && !clash; i++)
                if (inputs[i] && ck_file_same(r->targets[k], inputs[i]))
                    clash = r->targets[k];
    }
    if (clash) {
        rc = ck_error_set(&r->err, CK_EUSAGE, "%s",
                          ck_tr("這是本次讀取的檔案（名冊、範本或 --from-check），表單不能寫在它上面（--force 也不行）；請改用其他檔名",
                                "this is a file the run reads (the roster, the template or --from-check); a form "
                                "never replaces it (not even with --force): give another name"));
        ck_error_set_file(&r->err, clash);
    }
    free(template_path);
    return rc;
}

/* Without --force, no output may exist yet; -o of one file is no folder. */
static int check_targets(forms_run *r)
{
    const ck_forms_options *opt = r->opt;
    int rc;

    if ((rc = check_not_an_input(r)) != 0)
        return rc;
    if (!opt->force) {
        const char *exists = NULL;
        size_t existing = 0;
        if (r->mode == OUT_ZIP) {
            if (path_exists(opt->zip))
                exists = opt->zip, existing = 1;
        } else {
            for (size_t k = 0; k < r->target_count; k++)
                if (path_exists(r->targets[k])) {
                    if (!exists)
                        exists = r->targets[k];
                    existing++;
                }
        }
        if (exists) {
            if (existing > 1)
                rc = ck_error_set(&r->err, CK_EUSAGE, ck_tr("檔案已存在（共 %zu 個），未產生任何表單；要覆寫請加 --force",
                                                            "the file exists (%zu in all); nothing was written; --force overwrites"),
                                  existing);
            else
                rc = ck_error_set(&r->err, CK_EUSAGE, ck_tr("檔案已存在，未產生任何表單；要覆寫請加 --force",
                                                            "the file exists; nothing was written; --force overwrites"));
            ck_error_set_file(&r->err, exists);
            return rc;
        }
    }
    if (r->mode == OUT_ONE_FILE && ck_fs_is_dir(opt->output)) {
        rc = ck_error_set(&r->err, CK_EUSAGE, ck_tr("-o 是資料夾", "-o is a folder"));
        ck_error_set_file(&r->err, opt->output);
        return rc;
    }
    return 0;
}

/* ---- the whole run ------------------------------------------------------------ */

/* What was written, for the command line to list. */
static void report_written(forms_run *r)
{
    ck_forms_result *res = r->res;

    if (r->mode == OUT_ZIP) {
        res->outputs = ck_calloc(1, sizeof *res->outputs);
        res->outputs[0] = ck_strdup(r->opt->zip);
        res->output_count = 1;
    } else {
        res->outputs = r->targets;
        res->output_count = r->target_count;
        r->targets = NULL;
        r->target_count = 0;
    }
}

static void run_free(forms_run *r)
{
    ck_forms_stage_free(r);
    ck_forms_names_free(r->targets, r->target_count);
    free(r->rows);
    ck_value_free(r->checklist);
    ck_template_free(r->t);
}

int ck_forms_run(const ck_forms_options *opt, ck_forms_result *res)
{
    forms_run r;
    int rc;

    memset(res, 0, sizeof *res);
    memset(&r, 0, sizeof r);
    r.opt = opt;
    r.res = res;
    r.ext = ck_writer_format_extension(opt->format);
    ck_error_clear(&r.err);
    ck_file_batch_init(&r.batch, CK_FILE_NEW);
    /* plan */
    rc = load_inputs(&r);
    if (rc == 0)
        rc = check_records(&r);
    if (rc == 0)
        rc = choose_output(&r);
    if (rc == 0)
        rc = plan_targets(&r);
    /* check */
    if (rc == 0)
        rc = check_targets(&r);
    /* write */
    if (rc == 0)
        rc = ck_forms_stage(&r);
    if (rc == 0)
        rc = ck_forms_write(&r);
    if (rc == 0)
        rc = ck_forms_commit(&r);
    if (rc == 0) {
        report_written(&r);
        res->outcome = CK_FORMS_WRITTEN;
    } else {
        ck_file_remove_temporaries();
        if (res->outcome != CK_FORMS_INVALID && res->outcome != CK_FORMS_NONE_VALID) {
            res->outcome = CK_FORMS_FAILED;
            res->error = r.err;
            /* messages never quote a person's number in full (data/ids.h) */
            ck_id_mask_in_text(res->error.message, strlen(res->error.message));
        }
    }
    res->data = r.data;
    run_free(&r);
    return rc < 0 ? rc : (rc == 0 ? 0 : CK_EIO);
}

void ck_forms_result_free(ck_forms_result *res)
{
    ck_forms_data_free(res->data);
    ck_forms_problems_free(&res->problems);
    ck_forms_names_free(res->outputs, res->output_count);
    memset(res, 0, sizeof *res);
}
