/* forms.c — `clausekit forms`: template + data -> checked records -> files.
 *
 * Order of work, so that nothing is written unless everything can be:
 * load the template, read and map the data, validate every record, plan
 * every output name and check none would overwrite a file, and only then
 * render and write. Files this run has written are remembered so that a
 * later failure or a signal removes them again (see forms.h).
 */
#include "forms/forms.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/ids.h"
#include "forms/pool.h"
#include "util/file.h"
#include "util/fs.h"
#include "util/lang.h"
#include "util/paths.h"
#include "zip/build.h"

/* The exit status of a failed run (commands.h: usage or input error). */
#define FORMS_EXIT_ERROR 2

/* ============================================================================
 * Cleanup on failure and on SIGINT / SIGTERM
 * ========================================================================== */

/* Until the end of a run everything it writes is staged under names of its
 * own (see "stage" below) and listed in util/file's registry of
 * temporaries, so removing them never touches a file that was there
 * before. The handler calls only async-signal-safe functions (unlink,
 * rmdir, kill, waitpid, read, and what on_interrupt writes). */

/* Called once the run's files are removed, so that the command line can
 * tell a clerk who pressed Ctrl+C that nothing was left behind. */
static void (*interrupted)(void);

static void on_signal(int sig)
{
    if (ck_forms_pool_in_worker()) {
        /* A worker removes only its own temporaries: the files it finished
         * are the parent's to remove. */
        ck_file_remove_temporaries();
        _exit(2);
    }
    ck_forms_pool_stop();
    ck_file_remove_temporaries();
    if (interrupted)
        interrupted();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Folders above a new output folder that the run made, in the registry
 * (removed again, when empty, if the run fails). */
typedef struct made_dirs {
    ck_file_temp **temps;
    size_t count;
} made_dirs;

static void made_dirs_add(made_dirs *m, const char *path)
{
    size_t len = strlen(path);
    ck_file_temp *t = ck_calloc(1, sizeof *t + len + 1);
    char *copy = (char *)(t + 1);

    memcpy(copy, path, len + 1);
    t->path = copy;
    t->is_dir = 1;
    m->temps = ck_realloc(m->temps, (m->count + 1) * sizeof *m->temps);
    m->temps[m->count++] = t;
    ck_file_temp_list(t);
}

/* The folders stay: they are no temporaries any more (placed), or gone. */
static void made_dirs_forget(made_dirs *m)
{
    for (size_t i = 0; i < m->count; i++) {
        ck_file_temp_unlist(m->temps[i]);
        free(m->temps[i]);
    }
    free(m->temps);
    m->temps = NULL;
    m->count = 0;
}

/* ============================================================================
 * Templates
 * ========================================================================== */

/* True when path ends in '/': -o names a folder. */
static int ends_in_slash(const char *path)
{
    size_t n = strlen(path);
    return n > 0 && path[n - 1] == '/';
}

char *ck_forms_template_path(const char *form)
{
    ck_buf b = CK_BUF_INIT;
    char *dir;

    if (strchr(form, '/') || ck_fs_has_extension(form, ".md"))
        return ck_strdup(form);
    dir = ck_data_path("templates");
    ck_buf_printf(&b, "%s/%s.md", dir, form);
    free(dir);
    return ck_buf_detach(&b);
}

static int name_compare(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The .md files of the templates folder, sorted. */
static char **installed_templates(size_t *count)
{
    char *dir = ck_data_path("templates");
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;

    *count = 0;
    while (d && (e = readdir(d)) != NULL) {
        ck_buf b = CK_BUF_INIT;
        if (e->d_name[0] == '.' || !ck_fs_has_extension(e->d_name, ".md"))
            continue;
        ck_buf_printf(&b, "%s/%s", dir, e->d_name);
        names = ck_realloc(names, sizeof *names * (*count + 1));
        names[(*count)++] = ck_buf_detach(&b);
    }
    if (d)
        closedir(d);
    free(dir);
    if (*count)
        qsort(names, *count, sizeof *names, name_compare);
    return names;
}

ck_forms_installed *ck_forms_list(size_t *count)
{
    char **paths = installed_templates(count);
    ck_forms_installed *list = ck_calloc(*count ? *count : 1, sizeof *list);

    for (size_t i = 0; i < *count; i++) {
        ck_template *t = NULL;
        list[i].path = paths[i];
        ck_error_clear(&list[i].error);
        if (ck_template_load(paths[i], &t, &list[i].error) == 0) {
            list[i].form = ck_strdup(ck_template_form(t));
            list[i].title = ck_strdup(ck_template_title(t));
            ck_template_free(t);
        }
    }
    free(paths);
    return list;
}

void ck_forms_installed_free(ck_forms_installed *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++) {
        free(list[i].path);
        free(list[i].form);
        free(list[i].title);
    }
    free(list);
}

static int load_template(const char *form, ck_template **out, ck_error *err)
{
    char *path = ck_forms_template_path(form);
    struct stat st;
    int rc;

    if (stat(path, &st) != 0 && !strchr(form, '/') && !ck_fs_has_extension(form, ".md")) {
        size_t count;
        char **paths = installed_templates(&count);
        ck_buf known = CK_BUF_INIT;
        for (size_t i = 0; i < count; i++) {
            const char *base = strrchr(paths[i], '/');
            base = base ? base + 1 : paths[i];
            ck_buf_printf(&known, "%s%.*s", known.len ? ck_tr("、", ", ") : "", (int)(strlen(base) - 3), base);
            free(paths[i]);
        }
        free(paths);
        rc = ck_error_set(err, CK_EUSAGE,
                          ck_tr("沒有表單「%s」；已安裝：%s（或給範本檔的路徑）",
                                "no form '%s'; installed: %s (or give a template file's path)"),
                          form, known.len ? known.data : "-");
        ck_buf_free(&known);
        free(path);
        return rc;
    }
    rc = ck_template_load(path, out, err);
    free(path);
    return rc;
}

/* ============================================================================
 * Output names
 * ========================================================================== */

/* Expands a --name pattern for one record into raw (unsafe) text. Identity
 * numbers are masked: a file name is shown in listings and logs. */
static int expand_name(const ck_template *t, const char *pattern, const ck_value *record, size_t index,
                       ck_buf *out, ck_error *err)
{
    const char *p = pattern;

    while (*p) {
        const char *open = strstr(p, "{{"), *close;
        char *inner, *bar, *value = NULL;
        const ck_template_field *field;
        if (!open) {
            ck_buf_puts(out, p);
            break;
        }
        ck_buf_append(out, p, (size_t)(open - p));
        close = strstr(open + 2, "}}");
        if (!close)
            return ck_error_set(err, CK_EUSAGE, ck_tr("--name 的 {{ 沒有以 }} 結束", "--name: {{ is not closed by }}"));
        inner = ck_strndup(open + 2, (size_t)(close - open - 2));
        bar = strchr(inner, '|');
        if (bar)
            *bar = '\0';
        ck_data_trim(inner);
        field = ck_template_find_field(t, inner);
        if (strcmp(inner, "@index") == 0) {
            ck_buf b = CK_BUF_INIT;
            ck_buf_printf(&b, "%zu", index + 1);
            value = ck_buf_detach(&b);
        } else if (strcmp(inner, "表單編號") == 0 || strcmp(inner, "form") == 0) {
            value = ck_strdup(ck_template_form(t));
        } else if (strcmp(inner, "表單名稱") == 0) {
            value = ck_strdup(ck_template_title(t));
        } else if (field && field->kind != CK_FIELD_CHECKLIST) {
            const ck_value *v = ck_value_get(record, field->name);
            ck_buf b = CK_BUF_INIT;
            ck_buf_puts(&b, "");
            if (v && v->kind == CK_VALUE_STRING)
                ck_buf_puts(&b, v->string);
            for (size_t i = 0; v && v->kind == CK_VALUE_LIST && i < v->count; i++)
                ck_buf_printf(&b, "%s%s", i ? "、" : "", v->items[i]->kind == CK_VALUE_STRING ? v->items[i]->string : "");
            value = ck_buf_detach(&b);
            if (field->kind == CK_FIELD_ID && *value) {
                char masked[128];
                ck_id_mask(value, masked, sizeof masked);
                free(value);
                value = ck_strdup(masked);
            }
        } else {
            size_t count = ck_template_field_count(t);
            ck_field_def *defs = ck_calloc(count ? count : 1, sizeof *defs);
            for (size_t i = 0; i < count; i++)
                defs[i].name = ck_template_field_at(t, i)->name;
            const char *guess = ck_header_suggest(inner, defs, count);
            if (guess)
                ck_error_set(err, CK_EUSAGE,
                             ck_tr("--name 用到表單沒有的欄位「%s」；是否要用「%s」？",
                                   "--name uses '%s', which is not a field of the form (did you mean '%s'?)"),
                             inner, guess);
            else
                ck_error_set(err, CK_EUSAGE,
                             ck_tr("--name 用到表單沒有的欄位「%s」", "--name uses '%s', which is not a field of the form"),
                             inner);
            free(defs);
            free(inner);
            return CK_EUSAGE;
        }
        /* filters after the name: applied as in templates */
        for (char *f = bar ? bar + 1 : NULL; f && *f;) {
            char *next = strchr(f, '|'), *colon, *arg = NULL, *filtered = NULL;
            int rc;
            if (next)
                *next = '\0';
            colon = strchr(f, ':');
            if (colon) {
                *colon = '\0';
                arg = colon + 1;
                ck_data_trim(arg);
                if (*arg == '"' || *arg == '\'') {
                    size_t al = strlen(arg);
                    if (al >= 2 && arg[al - 1] == *arg)
                        arg[al - 1] = '\0';
                    arg++;
                }
            }
            ck_data_trim(f);
            rc = ck_template_apply_filter(f, arg, value, &filtered, err);
            if (rc != 0) {
                free(value);
                free(inner);
                return CK_EUSAGE;
            }
            free(value);
            value = filtered;
            f = next ? next + 1 : NULL;
        }
        /* a number in any field, not only the ID field, stays out of names */
        ck_id_mask_in_text(value, strlen(value));
        ck_buf_puts(out, value);
        free(value);
        free(inner);
        p = close + 2;
    }
    return 0;
}

static const char *default_pattern(const ck_template *t)
{
    if (ck_template_find_field(t, "姓名"))
        return "{{表單編號}}-{{姓名}}";
    if (ck_template_find_field(t, "公司名稱"))
        return "{{表單編號}}-{{公司名稱}}";
    return "{{表單編號}}-{{@index}}";
}

/* ============================================================================
 * Writing
 * ========================================================================== */

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

/* mkdir -p: the folder a new output folder goes in may not exist yet.
 * The folders made are listed, so a failed run removes them again. */
static int make_directory(const char *path, made_dirs *made, ck_error *err)
{
    char *copy = ck_strdup(path);
    int rc = 0;

    for (char *p = copy + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            ck_forms_hold_signals(1); /* made and listed in one step */
            if (mkdir(copy, 0777) == 0) {
                made_dirs_add(made, copy);
            } else if (errno != EEXIST) {
                rc = ck_error_set(err, CK_EIO, ck_tr("無法建立資料夾：%s", "cannot create the folder: %s"),
                                  ck_strerror(errno));
                ck_error_set_file(err, copy);
            }
            ck_forms_hold_signals(0);
            *p = saved;
            if (!saved || rc != 0)
                break;
        }
    }
    free(copy);
    return rc;
}

static void progress(const ck_forms_options *opt, size_t done, size_t total)
{
    if (opt->on_progress)
        opt->on_progress(opt->progress_ctx, done, total);
}

/* A checklist is shared by every record: it is put into a record just for
 * its rendering and taken out again, never owned twice. */
static void borrow_put(ck_value *record, const char *key, ck_value *value)
{
    ck_value_map_put(record, key, value);
}

static void borrow_take_back(ck_value *record, const char *key)
{
    if (record->count && strcmp(record->keys[record->count - 1], key) == 0) {
        record->count--;
        free(record->keys[record->count]);
    }
}


/* ============================================================================
 * The run: load -> check records -> choose output -> plan names -> check
 * targets -> stage -> write -> (zip) -> commit
 * ========================================================================== */

typedef enum { OUT_FILES, OUT_ONE_FILE, OUT_MERGE, OUT_ZIP } out_mode;

/* Everything one run holds, step to step. A step returns 0 to go on, or
 * non-zero with err set (or with res->outcome set when records are
 * invalid). */
typedef struct forms_run {
    const ck_forms_options *opt;
    const char *ext;           /* file extension of opt->format */
    ck_template *t;
    ck_forms_data *data;
    const char *checklist_field;
    ck_value *checklist;
    size_t invalid, valid;
    size_t *rows;              /* the valid records' indexes, valid of them */
    out_mode mode;
    char **targets;            /* where each form goes (inside the zip for --zip) */
    size_t target_count;
    char **staged;             /* where each form is written first, or NULL */
    char **names;              /* what a message calls each form */
    size_t staged_count, name_count;
    ck_writer_docx_kit *kit;   /* DOCX: the parts every form shares, compressed once */
    char *stage_dir, *staged_one, *output_dir;
    int new_dir;
    made_dirs made;            /* folders made above output_dir */
    ck_file_temp stage_temp;   /* stage_dir in the registry */
    ck_file_temp staged_temp;  /* the staged forms in it */
    ck_file_batch batch;
    ck_writer_options wo;
    struct sigaction old_int, old_term;
    int signals_set;
    ck_forms_result *res;      /* what is told of the run */
    ck_error err;
} forms_run;

static int render_record(const forms_run *r, size_t k, cmark_node **doc, ck_error *err)
{
    ck_value *record = r->data->records[r->rows[k]].value;
    int rc;
    if (r->checklist_field)
        borrow_put(record, r->checklist_field, r->checklist);
    rc = ck_template_render(r->t, record, doc, err);
    if (r->checklist_field)
        borrow_take_back(record, r->checklist_field);
    return rc;
}

/* An error about a staged file is about the form the user will look for. */
static void name_form(ck_error *err, const forms_run *r, size_t k)
{
    if (r->staged && strcmp(err->file, r->staged[k]) == 0)
        err->file[0] = '\0';
    ck_error_set_file(err, r->names[k]);
}

/* ---- load ------------------------------------------------------------------ */

/* The template, its checklist field (4-018), the data and the checklist. */
static int load_inputs(forms_run *r)
{
    const ck_forms_options *opt = r->opt;
    int rc;

    if ((rc = load_template(opt->form, &r->t, &r->err)) != 0)
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
    const char *pattern = r->opt->name_pattern ? r->opt->name_pattern : default_pattern(r->t);
    char **stems = ck_calloc(r->valid, sizeof *stems);
    ck_buf raw = CK_BUF_INIT, safe = CK_BUF_INIT;
    int rc = 0;

    for (size_t k = 0; k < r->valid && rc == 0; k++) {
        ck_buf_clear(&raw);
        ck_buf_puts(&raw, "");
        rc = expand_name(r->t, pattern, r->data->records[r->rows[k]].value, r->rows[k], &raw, &r->err);
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

/* ---- stage -------------------------------------------------------------------
 * Everything is written under names of this run's own first and put in
 * place only when every form is written:
 *   a new folder      built as a hidden folder beside it, then renamed
 *                     (a kill leaves all of it or none);
 *   an existing one   forms built in a hidden folder inside it, then
 *                     moved in one by one, each refusing a name that
 *                     exists (without --force), and undone when one
 *                     cannot be placed;
 *   one file, --zip   built under a hidden name beside it.
 * Leftovers of a run that was killed are swept first. */

static void catch_signals(forms_run *r)
{
    struct sigaction sa;

    interrupted = r->opt->on_interrupt;
    ck_file_announce_reset();
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &r->old_int);
    sigaction(SIGTERM, &sa, &r->old_term);
    r->signals_set = 1;
}

static void restore_signals(forms_run *r)
{
    if (r->signals_set) {
        sigaction(SIGINT, &r->old_int, NULL);
        sigaction(SIGTERM, &r->old_term, NULL);
        r->signals_set = 0;
    }
}

/* The prefix of the staging folder's name (mkdtemp adds XXXXXX), after
 * sweeping what a killed run left there; makes the folders above a new
 * output folder. */
static int stage_dir_prefix(forms_run *r, ck_buf *b)
{
    const ck_forms_options *opt = r->opt;

    if (r->mode == OUT_FILES) {
        r->output_dir = ck_strdup(opt->output);
        for (size_t n = strlen(r->output_dir); n > 1 && r->output_dir[n - 1] == '/'; n--)
            r->output_dir[n - 1] = '\0';
        r->new_dir = !ck_fs_is_dir(r->output_dir);
        if (r->new_dir) {
            char *slash = strrchr(r->output_dir, '/');
            if (slash && slash != r->output_dir) {
                int rc;
                *slash = '\0';
                rc = make_directory(r->output_dir, &r->made, &r->err);
                *slash = '/';
                if (rc != 0)
                    return rc;
            }
            ck_file_sweep_beside(r->output_dir);
            ck_file_temp_name(r->output_dir, b);
        } else {
            ck_file_sweep(r->output_dir);
            ck_buf_printf(b, "%s/.forms.ck-%ld-", r->output_dir, (long)getpid());
        }
    } else if (r->mode == OUT_ZIP) {
        ck_file_sweep_beside(opt->zip);
        ck_file_temp_name(opt->zip, b);
    } else {
        ck_file_sweep_beside(opt->output);
    }
    return 0;
}

/* The staging folder and each form's staged name in it. */
static int make_stage_dir(forms_run *r, ck_buf *b)
{
    const ck_forms_options *opt = r->opt;

    ck_buf_puts(b, "XXXXXX");
    ck_forms_hold_signals(1); /* made and listed in one step */
    if (!mkdtemp(b->data)) {
        int rc = ck_error_set(&r->err, CK_EIO, ck_tr("無法建立暫存資料夾：%s", "cannot create a staging folder: %s"),
                              ck_strerror(errno));
        ck_forms_hold_signals(0);
        ck_error_set_file(&r->err, r->mode == OUT_ZIP ? opt->zip : opt->output);
        return rc;
    }
    r->stage_dir = ck_strdup(b->data);
    r->stage_temp.path = r->stage_dir;
    r->stage_temp.is_dir = 1;
    ck_file_temp_list(&r->stage_temp);
    ck_forms_hold_signals(0);
    r->staged_count = r->target_count;
    r->staged = ck_calloc(r->target_count, sizeof *r->staged);
    for (size_t k = 0; k < r->target_count; k++) {
        const char *slash = strrchr(r->targets[k], '/');
        ck_buf_clear(b);
        ck_buf_printf(b, "%s/%s", r->stage_dir, slash ? slash + 1 : r->targets[k]);
        r->staged[k] = ck_strdup(b->data);
    }
    r->staged_temp.paths = r->staged;
    r->staged_temp.count = r->staged_count;
    ck_file_temp_list(&r->staged_temp);
    return 0;
}

/* What a message calls each form: its file, or the zip and its entry. */
static void name_forms(forms_run *r)
{
    ck_buf b = CK_BUF_INIT;

    r->names = ck_calloc(r->target_count ? r->target_count : 1, sizeof *r->names);
    r->name_count = r->target_count;
    for (size_t k = 0; k < r->target_count; k++) {
        ck_buf_clear(&b);
        if (r->mode == OUT_ZIP)
            ck_buf_printf(&b, "%s:%s", r->opt->zip, r->targets[k]);
        else
            ck_buf_puts(&b, r->targets[k]);
        r->names[k] = ck_strdup(b.data);
    }
    ck_buf_free(&b);
}

static int stage_outputs(forms_run *r)
{
    const ck_forms_options *opt = r->opt;
    ck_buf b = CK_BUF_INIT;
    int rc;

    ck_writer_options_default(&r->wo);
    r->wo.title = ck_template_title(r->t);
    if (opt->format == CK_WRITER_DOCX)
        r->kit = ck_writer_docx_kit_new(&r->wo);
    name_forms(r);
    ck_file_batch_free(&r->batch);
    ck_file_batch_init(&r->batch, opt->force ? CK_FILE_REPLACE : CK_FILE_NEW);
    catch_signals(r);
    rc = stage_dir_prefix(r, &b);
    /* --zip of one form each: the forms go from memory into the archive */
    if (rc == 0 && (r->mode == OUT_FILES || (r->mode == OUT_ZIP && opt->merge)))
        rc = make_stage_dir(r, &b);
    ck_buf_free(&b);
    if (rc == 0 && r->mode != OUT_FILES) {
        const char *one = ck_file_batch_stage(&r->batch, r->mode == OUT_ZIP ? opt->zip : opt->output, &r->err);
        if (!one)
            return r->err.code ? r->err.code : CK_EIO;
        r->staged_one = ck_strdup(one); /* the batch lists it */
    }
    return rc;
}

/* ---- write ------------------------------------------------------------------- */

/* The forms of a merged file, made as the writer asks for them. */
typedef struct merge_source {
    forms_run *run;
    size_t total, done;
} merge_source;

static int next_form(void *ctx, size_t k, cmark_node **doc, ck_error *err)
{
    merge_source *ms = ctx;
    int rc = render_record(ms->run, k, doc, err);
    if (rc == 0 && k + 1 > ms->done) {
        ms->done = k + 1;
        progress(ms->run->opt, ms->done, ms->total);
    }
    return rc;
}

/* All forms into one file (-o FILE, --merge), one at a time: rendered,
 * written out and freed, so memory does not grow with the roster. */
static int write_merged(forms_run *r)
{
    const char *path = r->mode == OUT_ZIP ? r->staged[0] : r->staged_one;
    merge_source ms = { r, r->valid, 0 };
    int rc;

    rc = ck_writer_write_stream(r->opt->format, r->valid, next_form, &ms, &r->wo, path, &r->err);
    if (rc != 0) {
        if (strcmp(r->err.file, path) == 0)
            r->err.file[0] = '\0';
        ck_error_set_file(&r->err, r->mode == OUT_ZIP ? r->opt->zip : r->opt->output);
        return rc;
    }
    ck_file_announce_started();
    return 0;
}

/* Renders record k into the bytes of its file (DOCX through the kit). */
static int form_bytes(forms_run *r, size_t k, ck_buf *out, ck_error *err)
{
    cmark_node *doc = NULL;
    int rc;

    ck_error_clear(err); /* a success may leave a file name behind in err */
    rc = render_record(r, k, &doc, err);
    if (rc == 0 && r->kit)
        rc = ck_writer_docx_kit_write(r->kit, &doc, 1, out, err);
    else if (rc == 0)
        rc = ck_writer_write_bytes(r->opt->format, &doc, 1, &r->wo, out, err);
    cmark_node_free(doc);
    return rc;
}

/* Renders record k and writes it to its staged name, straight: the name is
 * the run's own, in its staging folder, and listed for removal. */
static int write_one(forms_run *r, size_t k, ck_error *err)
{
    ck_buf bytes = CK_BUF_INIT;
    int rc = form_bytes(r, k, &bytes, err);

    if (rc == 0)
        rc = ck_file_write_new(r->staged[k], bytes.data ? bytes.data : "", bytes.len, err);
    if (rc != 0)
        name_form(err, r, k);
    ck_buf_free(&bytes);
    return rc;
}

/* A task of the worker pool: form k, its errors named for the user. */
static int pool_task(void *ctx, size_t k, ck_error *err)
{
    forms_run *r = ctx;
    int rc = write_one(r, k, err);
    if (rc != 0)
        name_form(err, r, k);
    return rc;
}

static void pool_done(void *ctx, size_t done, size_t total)
{
    forms_run *r = ctx;
    progress(r->opt, done, total);
    ck_file_announce_started();
}

/* One file per form, by worker processes when the roster is large. */
static int write_each(forms_run *r)
{
    int rc, jobs = r->opt->jobs > 0 ? r->opt->jobs : 1;

    if (jobs > CK_FORMS_POOL_MAX)
        jobs = CK_FORMS_POOL_MAX;
    if ((size_t)jobs > r->target_count / 50)
        jobs = (int)(r->target_count / 50); /* a small roster is not worth a fork */
    if (jobs > 1) {
        return ck_forms_pool_run(r->target_count, jobs, pool_task, pool_done, r, &r->err);
    }
    for (size_t k = 0; k < r->target_count; k++) {
        if ((rc = write_one(r, k, &r->err)) != 0)
            return rc;
        progress(r->opt, k + 1, r->target_count);
        ck_file_announce_started();
    }
    return 0;
}

/* --zip: the archive is written to its staged name as the forms come,
 * each from memory; memory holds one form and the central directory. */
typedef struct zip_out {
    int fd;
    const char *path;
} zip_out;

static int write_failed(ck_error *err, const char *path, int code)
{
    int rc = ck_error_set(err, CK_EIO, ck_tr("無法寫入檔案（%s）；請確認資料夾存在、可寫入且磁碟有空間",
                                             "cannot write the file (%s); check that the folder exists, is "
                                             "writable and has space"),
                          ck_strerror(code));
    ck_error_set_file(err, path);
    return rc;
}

static int zip_sink(void *ctx, const void *data, size_t len, ck_error *err)
{
    zip_out *z = ctx;
    const char *p = data;

    while (len > 0) {
        ssize_t n = write(z->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return write_failed(err, z->path, n < 0 ? errno : EIO);
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Adds the forms to zip: each rendered into memory, or, --merge, the one
 * merged file read from its staged name. A packaged form is stored as it
 * is (deflating it again gains nothing); HTML and Markdown are deflated. */
static int add_forms_to_zip(forms_run *r, ck_zip_build *zip)
{
    int store = r->opt->format == CK_WRITER_DOCX || r->opt->format == CK_WRITER_ODT;
    ck_buf bytes = CK_BUF_INIT;
    int rc = 0;

    for (size_t k = 0; rc == 0 && k < r->target_count; k++) {
        ck_buf_clear(&bytes);
        if (r->opt->merge)
            /* written as a stream, so that memory does not grow with the roster */
            rc = ck_fs_read_all(r->staged[k], SIZE_MAX, ck_tr("合併的表單", "the merged form"), &bytes, &r->err);
        else
            rc = form_bytes(r, k, &bytes, &r->err);
        if (rc == 0)
            rc = ck_zip_build_add_data(zip, r->targets[k], bytes.data ? bytes.data : "", bytes.len, store, &r->err);
        if (rc != 0) {
            name_form(&r->err, r, k);
            break;
        }
        if (!r->opt->merge) {
            progress(r->opt, k + 1, r->target_count);
            ck_file_announce_started();
        }
    }
    ck_buf_free(&bytes);
    return rc;
}

static int write_zip(forms_run *r)
{
    zip_out out = { -1, r->opt->zip };
    ck_zip_build zip;
    int rc;

    out.fd = open(r->staged_one, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (out.fd < 0)
        return write_failed(&r->err, r->opt->zip, errno);
    ck_zip_build_init(&zip, zip_sink, &out);
    rc = add_forms_to_zip(r, &zip);
    if (rc == 0)
        rc = ck_zip_build_finish(&zip, &r->err);
    ck_zip_build_free(&zip);
    if (close(out.fd) != 0 && rc == 0)
        rc = write_failed(&r->err, r->opt->zip, errno);
    return rc;
}

static int write_forms(forms_run *r)
{
    int rc = 0;

    if (r->mode == OUT_ONE_FILE || r->mode == OUT_MERGE || (r->mode == OUT_ZIP && r->opt->merge))
        rc = write_merged(r);
    else if (r->mode == OUT_FILES)
        rc = write_each(r);
    if (rc == 0 && r->mode == OUT_ZIP)
        rc = write_zip(r);
    return rc;
}

/* ---- commit: everything appears at once, or nothing does --------------------- */

/* A new folder: the staging folder is renamed to it. */
static int commit_new_dir(forms_run *r)
{
    mode_t mask = umask(0);
    int code;

    umask(mask);
    chmod(r->stage_dir, 0777 & ~mask);
    code = ck_file_move(r->stage_dir, r->output_dir, CK_FILE_NEW);
    if (code == 0) {
        /* in place: the folder and the forms in it are no temporaries */
        ck_file_temp_unlist(&r->staged_temp);
        ck_file_temp_unlist(&r->stage_temp);
        free(r->stage_dir);
        r->stage_dir = NULL;
    } else if (code == EEXIST || code == ENOTEMPTY) {
        r->new_dir = 0; /* another run made the folder meanwhile: move the forms in one by one */
    } else {
        int rc = ck_error_set(&r->err, CK_EIO, ck_tr("無法建立資料夾：%s", "cannot create the folder: %s"),
                              ck_strerror(code));
        ck_error_set_file(&r->err, r->output_dir);
        return rc;
    }
    return 0;
}

static int commit_outputs(forms_run *r)
{
    int rc = 0;

    ck_forms_hold_signals(1);
    if (r->mode == OUT_FILES && r->new_dir)
        rc = commit_new_dir(r);
    if (rc == 0 && r->mode == OUT_FILES && !r->new_dir)
        for (size_t k = 0; k < r->target_count; k++)
            ck_file_batch_add(&r->batch, r->staged[k], r->targets[k]);
    if (rc == 0 && (r->mode != OUT_FILES || !r->new_dir))
        rc = ck_file_batch_commit(&r->batch, &r->err);
    if (rc != 0) {
        ck_forms_hold_signals(0);
        return rc;
    }
    /* In place: the folders made stay; what is left of the staging goes. */
    made_dirs_forget(&r->made);
    if (r->stage_dir) {
        if (r->mode == OUT_ZIP)
            for (size_t k = 0; k < r->staged_count; k++)
                unlink(r->staged[k]);
        rmdir(r->stage_dir);
        ck_file_temp_unlist(&r->staged_temp);
        ck_file_temp_unlist(&r->stage_temp);
    }
    restore_signals(r);
    ck_forms_hold_signals(0);
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
    restore_signals(r);
    ck_file_temp_unlist(&r->staged_temp);
    ck_file_temp_unlist(&r->stage_temp);
    made_dirs_forget(&r->made);
    ck_file_batch_free(&r->batch);
    free(r->stage_dir);
    free(r->staged_one);
    free(r->output_dir);
    ck_forms_names_free(r->staged, r->staged ? r->staged_count : 0);
    ck_forms_names_free(r->names, r->name_count);
    ck_writer_docx_kit_free(r->kit);
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
        rc = stage_outputs(&r);
    if (rc == 0)
        rc = write_forms(&r);
    if (rc == 0)
        rc = commit_outputs(&r);
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
