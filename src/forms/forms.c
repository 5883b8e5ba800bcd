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
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "data/ids.h"
#include "util/file.h"
#include "util/lang.h"
#include "util/paths.h"
#include "zip/container.h"

/* The exit status of a failed run (commands.h: usage or input error). */
#define FORMS_EXIT_ERROR 2

/* ============================================================================
 * Cleanup on failure and on SIGINT / SIGTERM
 * ========================================================================== */

/* Everything the signal handler touches is set up before writing starts
 * and only read there; it calls nothing but async-signal-safe functions
 * (unlink, rmdir, kill, waitpid, read). Until the end of a run everything
 * it wrote is staged under names of its own (see "Staging" below), so
 * removing them never touches a file that was there before. */
static char **cleanup_paths;                   /* staged files, in the staging folder */
static size_t cleanup_count;
static char cleanup_staged_file[4096];         /* one staged file beside its target */
static volatile sig_atomic_t cleanup_staged_file_active;
static char cleanup_stage_dir[4096];           /* the staging folder */
static volatile sig_atomic_t cleanup_stage_dir_active;
#define MAX_MADE_DIRS 8
static char cleanup_made_dirs[MAX_MADE_DIRS][4096]; /* folders above the output this run made */
static volatile sig_atomic_t cleanup_made_dir_count;

/* Worker processes writing a roster's files in parallel (see write_parallel). */
#define MAX_WORKERS 16
static pid_t worker_pids[MAX_WORKERS];
static volatile sig_atomic_t worker_count;
static int worker_reports = -1;                /* the parent's end of the report pipe */
static volatile sig_atomic_t in_worker;        /* this process is a worker */
/* Told to the user when a signal stops the run, so that a clerk who pressed
 * Ctrl+C knows nothing was left behind; chosen before writing starts. */
static const char *interrupted_message;
static volatile sig_atomic_t progress_line_open; /* a progress bar waits for its newline */

static void remove_run_outputs(void)
{
    ck_zip_writer_remove_temporaries();
    if (cleanup_staged_file_active)
        unlink(cleanup_staged_file);
    for (size_t i = 0; cleanup_paths && i < cleanup_count; i++)
        unlink(cleanup_paths[i]);
    if (cleanup_stage_dir_active)
        rmdir(cleanup_stage_dir);
    for (sig_atomic_t i = cleanup_made_dir_count; i-- > 0;)
        rmdir(cleanup_made_dirs[i]); /* only when empty: rmdir never removes more */
}

/* Empties the pipe of what the workers reported (non-blocking by then):
 * a worker never blocks on a full pipe while it is being stopped. */
static void drain_reports(void)
{
    long k;
    while (read(worker_reports, &k, sizeof k) == (ssize_t)sizeof k)
        ;
}

/* Stops the workers. The pipe is read while waiting, so
 * a worker never blocks on a full pipe; the parent may itself still hold a
 * write end (a signal during the forks), so reads never wait. */
static void stop_workers(void)
{
    struct timespec pause = { 0, 1000000 };
    sig_atomic_t left = worker_count;

    for (sig_atomic_t i = 0; i < worker_count; i++)
        kill(worker_pids[i], SIGTERM);
    if (worker_reports >= 0)
        fcntl(worker_reports, F_SETFL, fcntl(worker_reports, F_GETFL) | O_NONBLOCK);
    while (left > 0) {
        if (worker_reports >= 0)
            drain_reports();
        for (sig_atomic_t i = 0; i < worker_count; i++)
            if (worker_pids[i] > 0 && waitpid(worker_pids[i], NULL, WNOHANG) != 0) {
                worker_pids[i] = 0;
                left--;
            }
        if (left > 0)
            nanosleep(&pause, NULL);
    }
    if (worker_reports >= 0)
        drain_reports();
    worker_count = 0;
}

static void on_signal(int sig)
{
    if (in_worker) {
        /* A worker removes only its own temporaries: the files it finished
         * are the parent's to remove. */
        ck_zip_writer_remove_temporaries();
        _exit(2);
    }
    stop_workers();
    remove_run_outputs();
    if (interrupted_message) {
        if (progress_line_open)
            (void)!write(STDERR_FILENO, "\n", 1);
        (void)!write(STDERR_FILENO, interrupted_message, strlen(interrupted_message));
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Signals wait while a file is being written and recorded: libzip writes
 * an archive through a temporary file of its own whose name nobody else
 * knows, so a handler running in the middle of that could not remove it.
 * Between two files the handler finds only names it knows. */
static void hold_signals(int hold)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* Messages never quote a person's number in full, whatever column or
 * cell it was found in (data/ids.h): only the forms carry it. */
static void put_masked(const char *text, FILE *out)
{
    char *masked = ck_id_masked_copy(text);
    if (masked)
        fputs(masked, out);
    free(masked);
}

static void print_masked_error(ck_error *err)
{
    ck_id_mask_in_text(err->message, strlen(err->message));
    ck_error_print(err, stderr);
}

static void copy_path(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* ============================================================================
 * Templates
 * ========================================================================== */

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

char *ck_forms_template_path(const char *form)
{
    ck_buf b = CK_BUF_INIT;
    char *dir;

    if (strchr(form, '/') || ends_with(form, ".md"))
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
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".md"))
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

int ck_forms_list(FILE *out)
{
    size_t count;
    char **paths = installed_templates(&count);
    int status = 0;

    if (count == 0) {
        char *dir = ck_data_path("templates");
        fprintf(stderr, ck_tr("clausekit: %s: 沒有任何範本（*.md）\n", "clausekit: %s: no templates (*.md)\n"), dir);
        free(dir);
        status = 2;
    }
    for (size_t i = 0; i < count; i++) {
        ck_template *t = NULL;
        ck_error err;
        ck_error_clear(&err);
        if (ck_template_load(paths[i], &t, &err) != 0) {
            ck_error_print(&err, stderr);
            status = 2;
        } else {
            fprintf(out, ck_tr("%-8s %s（%s）\n", "%-8s %s  (%s)\n"), ck_template_form(t), ck_template_title(t),
                    paths[i]);
            ck_template_free(t);
        }
        free(paths[i]);
    }
    free(paths);
    return status;
}

static int load_template(const char *form, ck_template **out, ck_error *err)
{
    char *path = ck_forms_template_path(form);
    struct stat st;
    int rc;

    if (stat(path, &st) != 0 && !strchr(form, '/') && !ends_with(form, ".md")) {
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

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir -p: the folder a new output folder goes in may not exist yet.
 * The folders made are remembered, so a failed run removes them again. */
static int make_directory(const char *path, ck_error *err)
{
    char *copy = ck_strdup(path);
    int rc = 0;

    for (char *p = copy + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(copy, 0777) == 0) {
                if (cleanup_made_dir_count < MAX_MADE_DIRS) {
                    copy_path(cleanup_made_dirs[cleanup_made_dir_count], sizeof cleanup_made_dirs[0], copy);
                    cleanup_made_dir_count++;
                }
            } else if (errno != EEXIST) {
                rc = ck_error_set(err, CK_EIO, ck_tr("無法建立資料夾：%s", "cannot create the folder: %s"),
                                  ck_strerror(errno));
                ck_error_set_file(err, copy);
                break;
            }
            *p = saved;
            if (!saved)
                break;
        }
    }
    free(copy);
    return rc;
}

/* Every writer writes through a temporary file and a rename, so a file
 * appears whole or not at all; callers hold signals around this call. */
static int write_docs(ck_writer_format format, cmark_node *const *docs, size_t n, const ck_writer_options *wo,
                      const char *path, ck_error *err)
{
    return ck_writer_write_many(format, docs, n, wo, path, err);
}

static void progress(const ck_forms_options *opt, size_t done, size_t total)
{
    enum { WIDTH = 30 };
    char bar[WIDTH + 1];
    size_t filled;

    if (!opt->progress || total < 2)
        return;
    if (done != total && done % 25 != 0)
        return;
    filled = total ? done * WIDTH / total : WIDTH;
    for (size_t i = 0; i < WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\r%s [%s] %zu/%zu", ck_tr("產生表單", "writing forms"), bar, done, total);
    if (done == total)
        fputs("\n", stderr);
    fflush(stderr);
    progress_line_open = done != total;
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
 * The run
 * ========================================================================== */

typedef enum { OUT_FILES, OUT_ONE_FILE, OUT_MERGE, OUT_ZIP } out_mode;

static int render_record(const ck_template *t, ck_value *record, const char *checklist_field, ck_value *checklist,
                         cmark_node **doc, ck_error *err)
{
    int rc;
    if (checklist_field)
        borrow_put(record, checklist_field, checklist);
    rc = ck_template_render(t, record, doc, err);
    if (checklist_field)
        borrow_take_back(record, checklist_field);
    return rc;
}

/* What the writing loops share. */
typedef struct write_run {
    const ck_template *t;
    const ck_forms_data *data;
    const size_t *rows;
    const char *checklist_field;
    ck_value *checklist;
    char **targets;    /* where each form is written: its staged name */
    char **names;      /* what a message calls it: the name it will have */
    size_t count;
    const ck_writer_options *wo;
    const ck_forms_options *opt;
} write_run;

/* An error about a staged file is about the form the user will look for. */
static void name_form(ck_error *err, const write_run *run, size_t k)
{
    if (strcmp(err->file, run->targets[k]) == 0)
        err->file[0] = '\0';
    ck_error_set_file(err, run->names[k]);
}

/* The forms of a merged file, made as the writer asks for them. */
typedef struct merge_source {
    write_run *run;
    size_t total, done;
} merge_source;

static int next_form(void *ctx, size_t k, cmark_node **doc, ck_error *err)
{
    merge_source *ms = ctx;
    write_run *run = ms->run;
    int rc = render_record(run->t, run->data->records[run->rows[k]].value, run->checklist_field, run->checklist,
                           doc, err);
    if (rc == 0 && k + 1 > ms->done) {
        ms->done = k + 1;
        progress(run->opt, ms->done, ms->total);
    }
    return rc;
}

/* A worker failed and has said why on stderr. */
#define WORKER_FAILED 1

/* Renders record k and writes it to its staged name. */
static int write_one(write_run *run, size_t k, ck_error *err)
{
    cmark_node *doc = NULL;
    int rc;

    ck_error_clear(err); /* a success may leave a file name behind in err */
    rc = render_record(run->t, run->data->records[run->rows[k]].value, run->checklist_field, run->checklist,
                           &doc, err);
    if (rc != 0)
        return rc;
    hold_signals(1);
    rc = write_docs(run->opt->format, &doc, 1, run->wo, run->targets[k], err);
    if (rc != 0)
        name_form(err, run, k);
    hold_signals(0);
    cmark_node_free(doc);
    return rc;
}

/* The files of a large roster are written by `jobs` worker processes
 * (file k by worker k % jobs): zlib and the file system take most of the
 * time, and both scale with cores. Each worker reports every file it has
 * written through a pipe, so the parent always knows what to remove if the
 * run fails or is interrupted; a worker that fails prints its error and
 * reports -1, and the parent stops the others. */
static int write_parallel(write_run *run, int jobs, ck_error *err)
{
    pid_t parent;
    int fds[2], failed = 0;
    size_t done = 0;
    long k;

    if (pipe(fds) != 0)
        return ck_error_set(err, CK_EIO, ck_tr("無法建立管道：%s", "cannot create a pipe: %s"), ck_strerror(errno));
    fflush(NULL);
    parent = getpid();
    worker_reports = fds[0];
    for (int w = 0; w < jobs; w++) {
        pid_t pid;
        hold_signals(1);
        pid = fork();
        if (pid == 0) {
            ck_error werr;
            in_worker = 1;
            /* A worker never outlives the run: SIGKILL to the parent stops it too. */
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent)
                _exit(2);
            hold_signals(0);
            close(fds[0]);
            ck_error_clear(&werr);
            for (size_t i = (size_t)w; i < run->count; i += (size_t)jobs) {
                cmark_node *doc = NULL;
                int rc;
                ck_error_clear(&werr);
                rc = render_record(run->t, run->data->records[run->rows[i]].value, run->checklist_field,
                                   run->checklist, &doc, &werr);
                hold_signals(1);
                if (rc == 0)
                    rc = write_docs(run->opt->format, &doc, 1, run->wo, run->targets[i], &werr);
                cmark_node_free(doc);
                if (rc != 0) {
                    /* said before it is reported: the parent stops the workers then */
                    name_form(&werr, run, i);
                    print_masked_error(&werr);
                    k = -1;
                    if (write(fds[1], &k, sizeof k) < 0)
                        _exit(2);
                    _exit(2);
                }
                k = (long)i;
                if (write(fds[1], &k, sizeof k) != (ssize_t)sizeof k)
                    _exit(2);
                hold_signals(0);
            }
            _exit(0);
        }
        if (pid < 0) {
            hold_signals(0);
            close(fds[1]);
            stop_workers();
            close(fds[0]);
            worker_reports = -1;
            return ck_error_set(err, CK_EIO, ck_tr("無法啟動工作行程：%s", "cannot start a worker process: %s"),
                                ck_strerror(errno));
        }
        worker_pids[worker_count++] = pid;
        hold_signals(0);
    }
    close(fds[1]);
    for (;;) {
        ssize_t n;
        hold_signals(1);
        n = read(fds[0], &k, sizeof k);
        hold_signals(0);
        if (n != (ssize_t)sizeof k)
            break;
        if (k < 0) {
            failed = 1;
            hold_signals(1);
            stop_workers(); /* also reads what the others reported */
            hold_signals(0);
            break;
        }
        progress(run->opt, ++done, run->count);
        ck_file_announce_started();
    }
    hold_signals(1);
    for (sig_atomic_t i = 0; i < worker_count; i++) {
        int st = 0;
        if (waitpid(worker_pids[i], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            failed = 1;
    }
    worker_count = 0;
    close(fds[0]);
    worker_reports = -1;
    hold_signals(0);
    return failed ? WORKER_FAILED : 0;
}

int ck_forms_run(const ck_forms_options *opt)
{
    ck_template *t = NULL;
    ck_forms_data *data = NULL;
    ck_value *checklist = NULL;
    const char *checklist_field = NULL;
    ck_buf problems = CK_BUF_INIT, b = CK_BUF_INIT;
    ck_error err;
    size_t invalid = 0, valid = 0, *rows = NULL, target_count = 0;
    char **stems = NULL, **unique = NULL, **targets = NULL, **staged = NULL, **names = NULL;
    char *stage_dir = NULL, *staged_one = NULL, *output_dir = NULL;
    ck_file_batch batch;
    int new_dir = 0;
    ck_zip_writer *zip = NULL;
    cmark_node **docs = NULL;
    out_mode mode;
    ck_writer_options wo;
    const char *ext = ck_writer_format_extension(opt->format);
    struct sigaction sa, old_int, old_term;
    write_run run;
    int status = FORMS_EXIT_ERROR, signals_set = 0, rc = 0;

    ck_error_clear(&err);
    ck_file_batch_init(&batch, CK_FILE_NEW);
    cleanup_paths = NULL;
    cleanup_count = 0;
    if ((rc = load_template(opt->form, &t, &err)) != 0)
        goto fail;
    for (size_t i = 0; i < ck_template_field_count(t); i++)
        if (ck_template_field_at(t, i)->kind == CK_FIELD_CHECKLIST)
            checklist_field = ck_template_field_at(t, i)->name;
    if (opt->from_check && !checklist_field) {
        rc = ck_error_set(&err, CK_EUSAGE, ck_tr("--from-check 只用於有稽核項目的表單（如 4-018）",
                                                 "--from-check is only for forms with a checklist (such as 4-018)"));
        goto fail;
    }
    if ((rc = ck_forms_data_read(t, opt->data, opt->encoding, &data, &err)) != 0)
        goto fail;
    if (checklist_field && (rc = ck_forms_checklist(opt->packs, opt->pack_count, opt->from_check, &checklist, &err)) != 0)
        goto fail;

    /* ---- validate every record before anything is written ---- */
    if (data->note)
        put_masked(data->note, stderr);
    invalid = ck_forms_data_validate(t, data, &problems);
    valid = data->count - invalid;
    if (invalid && !opt->skip_invalid) {
        put_masked(problems.data, stderr);
        fprintf(stderr, ck_tr("clausekit: %s: %zu 筆資料有誤，未產生任何表單（可用 --skip-invalid 略過有誤的列）\n",
                              "clausekit: %s: %zu record(s) are invalid; nothing was written (--skip-invalid leaves them out)\n"),
                data->path, invalid);
        goto done;
    }
    if (invalid) {
        put_masked(problems.data, stderr);
        if (valid == 0) {
            fprintf(stderr, ck_tr("clausekit: %s: 沒有任何一筆正確的資料，未產生表單\n",
                                  "clausekit: %s: no record is valid; nothing was written\n"),
                    data->path);
            goto done;
        }
    }
    rows = ck_calloc(valid, sizeof *rows);
    for (size_t i = 0, k = 0; i < data->count; i++)
        if (data->records[i].valid)
            rows[k++] = i;

    /* ---- where the output goes ---- */
    if (opt->zip)
        mode = OUT_ZIP;
    else if (!opt->output) {
        rc = ck_error_set(&err, CK_EUSAGE, ck_tr("請用 -o 指定輸出檔或資料夾（或用 --zip）",
                                                 "give -o FILE or -o DIR (or --zip FILE)"));
        goto fail;
    } else if (opt->merge) {
        mode = OUT_MERGE;
        if (is_directory(opt->output) || ends_with(opt->output, "/")) {
            rc = ck_error_set(&err, CK_EUSAGE, ck_tr("--merge 產生一個檔案：-o 請給檔名（例如 %s%s全部.%s），不是資料夾",
                                                     "--merge writes one file: give -o a file name (such as %s%sall.%s), "
                                                     "not a folder"),
                              opt->output, ends_with(opt->output, "/") ? "" : "/", ext);
            goto fail;
        }
    }
    else if (valid == 1 && data->count == 1 && !is_directory(opt->output) && !ends_with(opt->output, "/") &&
             (has_file_extension(opt->output) || path_exists(opt->output)))
        mode = OUT_ONE_FILE; /* a name without an extension is a folder, as for several rows */
    else
        mode = OUT_FILES;
    if (mode == OUT_FILES && !is_directory(opt->output) &&
        (path_exists(opt->output) || ends_with(opt->output, ".docx") || ends_with(opt->output, ".odt") ||
         ends_with(opt->output, ".html") || ends_with(opt->output, ".md"))) {
        /* -o 名冊.docx for a roster of several rows is a folder by mistake */
        rc = ck_error_set(&err, CK_EUSAGE, ck_tr("名冊有多筆資料，-o 須是資料夾（或用 --merge 合併成一個檔）",
                                                 "a roster gives several files: -o must be a folder (or use --merge)"));
        ck_error_set_file(&err, opt->output);
        goto fail;
    }

    /* ---- plan every name and check none would be overwritten ---- */
    if (mode == OUT_FILES || (mode == OUT_ZIP && !opt->merge)) {
        const char *pattern = opt->name_pattern ? opt->name_pattern : default_pattern(t);
        stems = ck_calloc(valid, sizeof *stems);
        for (size_t k = 0; k < valid; k++) {
            ck_buf raw = CK_BUF_INIT;
            ck_buf_puts(&raw, "");
            if ((rc = expand_name(t, pattern, data->records[rows[k]].value, rows[k], &raw, &err)) != 0) {
                ck_buf_free(&raw);
                for (size_t j = k; j < valid; j++)
                    stems[j] = ck_strdup("");
                goto fail;
            }
            ck_buf_clear(&b);
            ck_forms_safe_name(raw.data, ck_template_form(t), &b);
            stems[k] = ck_strdup(b.data);
            ck_buf_free(&raw);
        }
        unique = ck_forms_unique_names((const char *const *)stems, valid);
        target_count = valid;
        targets = ck_calloc(valid, sizeof *targets);
        for (size_t k = 0; k < valid; k++) {
            ck_buf_clear(&b);
            if (mode == OUT_FILES)
                ck_buf_printf(&b, "%s%s%s.%s", opt->output, ends_with(opt->output, "/") ? "" : "/", unique[k], ext);
            else
                ck_buf_printf(&b, "%s.%s", unique[k], ext);
            targets[k] = ck_strdup(b.data);
        }
    } else {
        target_count = 1;
        targets = ck_calloc(1, sizeof *targets);
        ck_buf_clear(&b);
        if (mode == OUT_ZIP) {
            ck_forms_safe_name(ck_template_form(t), "form", &b);
            ck_buf_printf(&b, ".%s", ext);
        } else {
            ck_buf_puts(&b, opt->output);
        }
        targets[0] = ck_strdup(b.data);
    }
    /* No output is ever one of the run's inputs, whatever --force says. */
    {
        char *template_path = ck_forms_template_path(opt->form);
        const char *inputs[] = { opt->data, template_path, opt->from_check };
        const char *clash = NULL;
        if (mode == OUT_ZIP || mode != OUT_FILES) {
            const char *out = mode == OUT_ZIP ? opt->zip : opt->output;
            for (size_t i = 0; i < 3 && !clash; i++)
                if (inputs[i] && (strcmp(out, inputs[i]) == 0 || ck_file_same(out, inputs[i])))
                    clash = out;
        } else {
            for (size_t k = 0; k < target_count && !clash; k++)
                for (size_t i = 0; i < 3 && !clash; i++)
                    if (inputs[i] && ck_file_same(targets[k], inputs[i]))
                        clash = targets[k];
        }
        free(template_path);
        if (clash) {
            rc = ck_error_set(&err, CK_EUSAGE, "%s",
                              ck_tr("這是本次讀取的檔案（名冊、範本或 --from-check），表單不能寫在它上面（--force 也不行）；請改用其他檔名",
                                    "this is a file the run reads (the roster, the template or --from-check); a form "
                                    "never replaces it (not even with --force): give another name"));
            ck_error_set_file(&err, clash);
            goto fail;
        }
    }
    if (!opt->force) {
        const char *exists = NULL;
        size_t existing = 0;
        if (mode == OUT_ZIP) {
            if (path_exists(opt->zip))
                exists = opt->zip, existing = 1;
        } else {
            for (size_t k = 0; k < target_count; k++)
                if (path_exists(targets[k])) {
                    if (!exists)
                        exists = targets[k];
                    existing++;
                }
        }
        if (exists) {
            if (existing > 1)
                rc = ck_error_set(&err, CK_EUSAGE, ck_tr("檔案已存在（共 %zu 個），未產生任何表單；要覆寫請加 --force",
                                                         "the file exists (%zu in all); nothing was written; --force overwrites"),
                                  existing);
            else
                rc = ck_error_set(&err, CK_EUSAGE, ck_tr("檔案已存在，未產生任何表單；要覆寫請加 --force",
                                                         "the file exists; nothing was written; --force overwrites"));
            ck_error_set_file(&err, exists);
            goto fail;
        }
    }
    if (mode == OUT_ONE_FILE && is_directory(opt->output)) {
        rc = ck_error_set(&err, CK_EUSAGE, ck_tr("-o 是資料夾", "-o is a folder"));
        ck_error_set_file(&err, opt->output);
        goto fail;
    }

    /* ---- staging ----
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
    ck_writer_options_default(&wo);
    wo.title = ck_template_title(t);
    ck_file_batch_init(&batch, opt->force ? CK_FILE_REPLACE : CK_FILE_NEW);
    interrupted_message = ck_tr("clausekit: 已中斷；本次產生的檔案都已刪除，沒有留下任何表單\n",
                                "clausekit: interrupted; every file this run wrote was removed\n");
    ck_file_announce_reset();
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    signals_set = 1;
    ck_buf_clear(&b);
    if (mode == OUT_FILES) {
        output_dir = ck_strdup(opt->output);
        for (size_t n = strlen(output_dir); n > 1 && output_dir[n - 1] == '/'; n--)
            output_dir[n - 1] = '\0';
        new_dir = !is_directory(output_dir);
        if (new_dir) {
            char *slash = strrchr(output_dir, '/');
            if (slash && slash != output_dir) {
                *slash = '\0';
                rc = make_directory(output_dir, &err);
                *slash = '/';
                if (rc != 0)
                    goto fail;
            }
            ck_file_sweep_beside(output_dir);
            ck_file_temp_name(output_dir, &b);
        } else {
            ck_file_sweep(output_dir);
            ck_buf_printf(&b, "%s/.forms.ck-%ld-", output_dir, (long)getpid());
        }
    } else if (mode == OUT_ZIP) {
        ck_file_sweep_beside(opt->zip);
        ck_file_temp_name(opt->zip, &b);
    } else {
        ck_file_sweep_beside(opt->output);
    }
    if (mode == OUT_FILES || mode == OUT_ZIP) {
        ck_buf_puts(&b, "XXXXXX");
        if (!mkdtemp(b.data)) {
            rc = ck_error_set(&err, CK_EIO, ck_tr("無法建立暫存資料夾：%s", "cannot create a staging folder: %s"),
                              ck_strerror(errno));
            ck_error_set_file(&err, mode == OUT_ZIP ? opt->zip : opt->output);
            goto fail;
        }
        stage_dir = ck_strdup(b.data);
        copy_path(cleanup_stage_dir, sizeof cleanup_stage_dir, stage_dir);
        cleanup_stage_dir_active = 1;
        staged = ck_calloc(target_count, sizeof *staged);
        names = ck_calloc(target_count, sizeof *names);
        for (size_t k = 0; k < target_count; k++) {
            const char *slash = strrchr(targets[k], '/');
            ck_buf_clear(&b);
            ck_buf_printf(&b, "%s/%s", stage_dir, slash ? slash + 1 : targets[k]);
            staged[k] = ck_strdup(b.data);
            ck_buf_clear(&b);
            if (mode == OUT_ZIP)
                ck_buf_printf(&b, "%s:%s", opt->zip, targets[k]);
            else
                ck_buf_puts(&b, targets[k]);
            names[k] = ck_strdup(b.data);
        }
        cleanup_paths = staged;
        cleanup_count = target_count;
    }
    if (mode != OUT_FILES) {
        const char *one = ck_file_batch_stage(&batch, mode == OUT_ZIP ? opt->zip : opt->output, &err);
        if (!one)
            goto fail;
        staged_one = ck_strdup(one);
        copy_path(cleanup_staged_file, sizeof cleanup_staged_file, staged_one);
        cleanup_staged_file_active = 1;
    }

    /* ---- write ---- */
    run.t = t;
    run.data = data;
    run.rows = rows;
    run.checklist_field = checklist_field;
    run.checklist = checklist;
    run.targets = staged;
    run.names = names;
    run.count = target_count;
    run.wo = &wo;
    run.opt = opt;
    if (mode == OUT_ONE_FILE || mode == OUT_MERGE || (mode == OUT_ZIP && opt->merge)) {
        /* One form at a time: rendered, written out and freed, so memory
         * does not grow with the roster. */
        const char *path = mode == OUT_ZIP ? staged[0] : staged_one;
        merge_source ms = { &run, valid, 0 };
        hold_signals(1);
        rc = ck_writer_write_stream(opt->format, valid, next_form, &ms, &wo, path, &err);
        hold_signals(0);
        if (rc != 0) {
            if (strcmp(err.file, path) == 0)
                err.file[0] = '\0';
            ck_error_set_file(&err, mode == OUT_ZIP ? opt->zip : opt->output);
            goto fail;
        }
        ck_file_announce_started();
    } else {
        int jobs = opt->jobs > 0 ? opt->jobs : 1;
        if (jobs > MAX_WORKERS)
            jobs = MAX_WORKERS;
        if ((size_t)jobs > target_count / 50)
            jobs = (int)(target_count / 50); /* a small roster is not worth a fork */
        if (jobs > 1) {
            if ((rc = write_parallel(&run, jobs, &err)) != 0) {
                if (rc == WORKER_FAILED)
                    goto fail_reported;
                goto fail;
            }
        } else {
            for (size_t k = 0; k < target_count; k++) {
                if ((rc = write_one(&run, k, &err)) != 0)
                    goto fail;
                progress(opt, k + 1, target_count);
                ck_file_announce_started();
            }
        }
    }
    if (mode == OUT_ZIP) {
        /* The archive is written by libzip straight to its staged name,
         * reading each form from the staging folder as it goes: memory
         * does not grow with the roster. */
        hold_signals(1);
        rc = ck_zip_writer_open_file(&zip, staged_one, &err);
        for (size_t k = 0; rc == 0 && k < target_count; k++)
            rc = ck_zip_writer_add_file(zip, targets[k], staged[k],
                                        opt->format == CK_WRITER_DOCX || opt->format == CK_WRITER_ODT, &err);
        if (rc == 0)
            rc = ck_zip_writer_commit(zip, &err);
        else
            ck_zip_writer_abort(zip);
        zip = NULL;
        hold_signals(0);
        if (rc != 0) {
            if (strcmp(err.file, staged_one) == 0)
                err.file[0] = '\0';
            ck_error_set_file(&err, opt->zip);
            goto fail;
        }
    }

    /* ---- commit: everything appears at once, or nothing does ---- */
    hold_signals(1);
    if (mode == OUT_FILES && new_dir) {
        mode_t mask = umask(0);
        int code;
        umask(mask);
        chmod(stage_dir, 0777 & ~mask);
        code = ck_file_move(stage_dir, output_dir, CK_FILE_NEW);
        if (code == 0) {
            cleanup_stage_dir_active = 0;
            cleanup_count = 0;
        } else if (code == EEXIST || code == ENOTEMPTY) {
            new_dir = 0; /* another run made the folder meanwhile: move the forms in one by one */
        } else {
            rc = ck_error_set(&err, CK_EIO, ck_tr("無法建立資料夾：%s", "cannot create the folder: %s"),
                              ck_strerror(code));
            ck_error_set_file(&err, output_dir);
            hold_signals(0);
            goto fail;
        }
    }
    if (mode == OUT_FILES && !new_dir)
        for (size_t k = 0; k < target_count; k++)
            ck_file_batch_add(&batch, staged[k], targets[k]);
    if ((mode != OUT_FILES || !new_dir) && (rc = ck_file_batch_commit(&batch, &err)) != 0) {
        hold_signals(0);
        goto fail;
    }
    /* In place: nothing of it is the handler's to remove any more. */
    cleanup_paths = NULL;
    cleanup_count = 0;
    cleanup_staged_file_active = 0;
    cleanup_made_dir_count = 0;
    if (stage_dir && cleanup_stage_dir_active) {
        if (mode == OUT_ZIP)
            for (size_t k = 0; k < target_count; k++)
                unlink(staged[k]);
        rmdir(stage_dir);
    }
    cleanup_stage_dir_active = 0;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    signals_set = 0;
    hold_signals(0);

    if (opt->listing) {
        if (mode == OUT_ZIP)
            fprintf(opt->listing, "%s\n", opt->zip);
        else
            for (size_t k = 0; k < target_count; k++)
                fprintf(opt->listing, "%s\n", targets[k]);
    }
    if (invalid)
        fprintf(stderr, ck_tr("clausekit: %s: 已產生 %zu 份，略過 %zu 筆有誤的資料\n",
                              "clausekit: %s: wrote %zu form(s), left out %zu invalid record(s)\n"),
                data->path, valid, invalid);
    status = invalid ? 1 : 0;
    goto done;

fail:
    print_masked_error(&err);
fail_reported:
    status = FORMS_EXIT_ERROR;
    if (zip) {
        ck_zip_writer_abort(zip);
        zip = NULL;
    }
    remove_run_outputs();
done:
    if (signals_set) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
    }
    cleanup_paths = NULL;
    cleanup_count = 0;
    cleanup_staged_file_active = 0;
    cleanup_stage_dir_active = 0;
    cleanup_made_dir_count = 0;
    ck_file_batch_free(&batch);
    free(stage_dir);
    free(staged_one);
    free(output_dir);
    if (docs) {
        for (size_t k = 0; k < valid; k++)
            if (docs[k])
                cmark_node_free(docs[k]);
        free(docs);
    }
    ck_forms_names_free(staged, staged ? target_count : 0);
    ck_forms_names_free(names, names ? target_count : 0);
    ck_forms_names_free(stems, stems ? valid : 0);
    ck_forms_names_free(unique, unique ? valid : 0);
    ck_forms_names_free(targets, target_count);
    free(rows);
    ck_value_free(checklist);
    ck_forms_data_free(data);
    ck_template_free(t);
    ck_buf_free(&problems);
    ck_buf_free(&b);
    return status;
}
