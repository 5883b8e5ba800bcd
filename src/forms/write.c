/* write.c — the writing half of a `clausekit forms` run (run.h): stage,
 * write, zip, commit. Everything is written under names of the run's own
 * and listed in util/file's registry of temporaries until the commit puts
 * it in place, so a failure or a signal leaves nothing behind. */
#include "forms/run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "forms/pool.h"
#include "util/fs.h"
#include "util/lang.h"
#include "zip/build.h"

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
 * Helpers
 * ========================================================================== */

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

/* ============================================================================
 * Stage, write, commit
 * ========================================================================== */

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

int ck_forms_stage(forms_run *r)
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
static int zip_sink(void *ctx, const void *data, size_t len, ck_error *err)
{
    return ck_file_out_write(ctx, data, len, err);
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
    ck_file_out out;
    ck_zip_build zip;
    int rc = ck_file_out_open_staged(&out, r->staged_one, &r->err);

    if (rc != 0)
        goto done;
    ck_zip_build_init(&zip, zip_sink, &out);
    rc = add_forms_to_zip(r, &zip);
    if (rc == 0)
        rc = ck_zip_build_finish(&zip, &r->err);
    ck_zip_build_free(&zip);
    if (rc == 0)
        rc = ck_file_out_commit(&out, &r->err);
    else
        ck_file_out_abort(&out);
done:
    if (rc != 0 && strcmp(r->err.file, r->staged_one) == 0) {
        r->err.file[0] = '\0';
        ck_error_set_file(&r->err, r->opt->zip);
    }
    return rc;
}

int ck_forms_write(forms_run *r)
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

int ck_forms_commit(forms_run *r)
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

void ck_forms_stage_free(forms_run *r)
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
}
