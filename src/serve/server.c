/* server.c — the HTTP side of `clausekit serve`, on libmicrohttpd.
 *
 * A request goes through:
 *   first call   route, password, cross-site check, size from
 *                Content-Length (413), a place in flight (503), its private
 *                folder, a multipart reader (MHD_PostProcessor)
 *   body calls   fields and files into the folder (post_field), bytes
 *                and time counted
 *   last call    the work in a child process (jobs.c, work.c); the answer
 *                is streamed from an unlinked file, so the folder is
 *                removed before the first byte is sent
 *   completed    one log line, the folder removed if still there, the
 *                place given back
 * libmicrohttpd runs one thread per connection, so a job blocks only its
 * own connection.
 */
#define _GNU_SOURCE /* nftw's FTW_DEPTH, FTW_PHYS */
#include "serve/serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report.h"
#include "serve/mhd.h"
#include "util/lang.h"

#define FIELD_MAX 128        /* bytes of a text field */
#define ASSUME_MAX 32        /* assume fields in one request */

typedef struct server {
    const ck_serve_options *opt;
    ck_serve_jobs *jobs;
    ck_serve_auth *auth;
    int lang_en;             /* default language of answers */
    char tmp_root[256];
} server;

typedef struct upload {
    const char *key;         /* "file", "data" or "check" */
    int fd;
    int seen;
    uint64_t written;
    char path[320];
    ck_buf name;             /* display name */
} upload;

typedef enum route { ROUTE_NONE, ROUTE_CHECK, ROUTE_ANNOTATE, ROUTE_FORMS } route;

typedef struct request {
    server *srv;
    int64_t start_ms, deadline_ms;
    char method[8];
    char path[96];
    unsigned status;
    uint64_t sent;
    int admitted;
    int en;                  /* answer in English */
    route route;
    char dir[300];           /* the request's private folder, "" when none */
    struct MHD_PostProcessor *pp;
    uint64_t received;
    upload main, check;
    char form[FIELD_MAX], format[FIELD_MAX], merge[FIELD_MAX];
    char *assume[ASSUME_MAX];
    size_t assume_count;
    char problem[600];       /* the first thing wrong with the fields */
} request;

static const char *tr(const request *r, const char *zh, const char *en)
{
    return r->en ? en : zh;
}

/* ============================================================================
 * Answers
 * ========================================================================== */

static const char page_policy[] = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                  "form-action 'self'; frame-ancestors 'none'";
/* A report or form opened from a download: its own inline style, nothing else. */
static const char download_policy[] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                      "frame-ancestors 'none'";

static void common_headers(struct MHD_Response *resp, const char *policy)
{
    MHD_add_response_header(resp, "Content-Security-Policy", policy);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static enum MHD_Result answer(struct MHD_Connection *c, request *r, unsigned status, struct MHD_Response *resp)
{
    enum MHD_Result rc;
    if (!resp)
        return MHD_NO;
    r->status = status;
    /* The place is given back before the answer leaves, so a client that
     * sends its next request as soon as it has read this one finds it. */
    if (r->admitted) {
        ck_serve_jobs_leave(r->srv->jobs);
        r->admitted = 0;
    }
    rc = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return rc;
}

static enum MHD_Result answer_buffer(struct MHD_Connection *c, request *r, unsigned status, const char *type,
                                     const void *data, size_t size, const char *policy)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(size, (void *)data, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    common_headers(resp, policy);
    MHD_add_response_header(resp, "Content-Type", type);
    r->sent = size;
    return answer(c, r, status, resp);
}

static enum MHD_Result answer_error(struct MHD_Connection *c, request *r, unsigned status, const char *message)
{
    ck_buf body = CK_BUF_INIT;
    enum MHD_Result rc;
    ck_serve_error_message_json(message, &body);
    rc = answer_buffer(c, r, status, "application/json; charset=utf-8", body.data, body.len, page_policy);
    ck_buf_free(&body);
    return rc;
}

/* ============================================================================
 * The request's folder
 * ========================================================================== */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path); /* what cannot be removed is left; nothing else to do */
    return 0;
}

static void remove_folder(request *r)
{
    if (!r->dir[0])
        return;
    nftw(r->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    r->dir[0] = '\0';
}

static int make_folder(request *r)
{
    snprintf(r->dir, sizeof r->dir, "%s/clausekit-serve-XXXXXX", r->srv->tmp_root);
    if (!mkdtemp(r->dir)) { /* mkdtemp makes it 0700 */
        r->dir[0] = '\0';
        return -1;
    }
    return 0;
}

/* ============================================================================
 * Fields
 * ========================================================================== */

static void set_problem(request *r, const char *fmt, const char *arg)
{
    if (!r->problem[0])
        snprintf(r->problem, sizeof r->problem, fmt, arg);
}

static int field_allowed(const request *r, const char *key)
{
    switch (r->route) {
    case ROUTE_CHECK: return !strcmp(key, "file") || !strcmp(key, "assume") || !strcmp(key, "format");
    case ROUTE_ANNOTATE: return !strcmp(key, "file") || !strcmp(key, "assume");
    case ROUTE_FORMS:
        return !strcmp(key, "data") || !strcmp(key, "form") || !strcmp(key, "format") || !strcmp(key, "merge") ||
               !strcmp(key, "check");
    default: return 0;
    }
}

/* A file part: written to <folder>/<key>.<safe extension>; the client's
 * name is kept only to be shown. */
static int file_chunk(request *r, upload *u, const char *filename, const char *data, uint64_t off, size_t size)
{
    if (off == 0 && u->seen && u->written > 0) {
        set_problem(r, tr(r, "欄位「%s」只能上傳一個檔案", "field '%s' takes one file"), u->key);
        return 0;
    }
    if (!u->seen) {
        char ext[16];
        u->seen = 1;
        ck_serve_display_name(filename, strcmp(u->key, "check") == 0 ? "check.json" : "upload", &u->name);
        ck_serve_safe_extension(u->name.data, ext, sizeof ext);
        snprintf(u->path, sizeof u->path, "%s/%s.%s", r->dir, u->key, ext);
        u->fd = open(u->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (u->fd < 0) {
            set_problem(r, tr(r, "無法暫存上傳的檔案（%s）", "cannot store the upload (%s)"), strerror(errno));
            return 0;
        }
    }
    u->written += size;
    while (size > 0 && u->fd >= 0) {
        ssize_t n = write(u->fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            set_problem(r, tr(r, "無法暫存上傳的檔案（%s）", "cannot store the upload (%s)"), strerror(errno));
            return 0;
        }
        data += n;
        size -= (size_t)n;
    }
    return 1;
}

static void text_chunk(request *r, const char *key, char *field, const char *data, uint64_t off, size_t size)
{
    size_t used = off == 0 ? 0 : strlen(field);
    if (off == 0)
        field[0] = '\0';
    if (used + size >= FIELD_MAX) {
        set_problem(r, tr(r, "欄位「%s」太長", "field '%s' is too long"), key);
        return;
    }
    memcpy(field + used, data, size);
    field[used + size] = '\0';
}

static enum MHD_Result post_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                  const char *content_type, const char *transfer_encoding, const char *data,
                                  uint64_t off, size_t size)
{
    request *r = cls;
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;

    if (r->problem[0])
        return MHD_YES; /* the answer is already decided; the rest is read and dropped */
    if (!key || !field_allowed(r, key)) {
        set_problem(r, tr(r, "不明的欄位「%s」（見 docs/serve.md）", "unknown field '%s' (see docs/serve.md)"),
                    key ? key : "");
        return MHD_YES;
    }
    if (!strcmp(key, "file") || !strcmp(key, "data")) {
        file_chunk(r, &r->main, filename, data, off, size);
    } else if (!strcmp(key, "check")) {
        file_chunk(r, &r->check, filename, data, off, size);
    } else if (!strcmp(key, "assume")) {
        if (off == 0) {
            if (r->assume_count == ASSUME_MAX) {
                set_problem(r, "%s", tr(r, "assume 欄位太多", "too many assume fields"));
                return MHD_YES;
            }
            r->assume[r->assume_count++] = ck_calloc(1, FIELD_MAX);
        }
        text_chunk(r, key, r->assume[r->assume_count - 1], data, off, size);
    } else {
        char *field = !strcmp(key, "form") ? r->form : !strcmp(key, "format") ? r->format : r->merge;
        text_chunk(r, key, field, data, off, size);
    }
    return MHD_YES;
}

static void close_uploads(request *r)
{
    if (r->main.fd >= 0)
        close(r->main.fd);
    if (r->check.fd >= 0)
        close(r->check.fd);
    r->main.fd = r->check.fd = -1;
}

/* ============================================================================
 * Work
 * ========================================================================== */

static const char *content_type_of(const char *ext)
{
    static const struct { const char *ext, *type; } types[] = {
        { "json", "application/json; charset=utf-8" },
        { "html", "text/html; charset=utf-8" },
        { "md", "text/markdown; charset=utf-8" },
        { "txt", "text/plain; charset=utf-8" },
        { "zip", "application/zip" },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "odt", "application/vnd.oasis.opendocument.text" },
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcasecmp(ext, types[i].ext))
            return types[i].type;
    return "application/octet-stream";
}

static char *read_small_file(const char *path, size_t max)
{
    ck_buf b = CK_BUF_INIT;
    char chunk[4096];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    ck_buf_puts(&b, "");
    while (fd >= 0 && b.len < max && (n = read(fd, chunk, sizeof chunk)) > 0)
        ck_buf_append(&b, chunk, (size_t)n);
    if (fd >= 0)
        close(fd);
    return ck_buf_detach(&b);
}

static enum MHD_Result run_work(struct MHD_Connection *c, request *r)
{
    server *srv = r->srv;
    ck_serve_work w;
    char output[400], errors[360], ext[FIELD_MAX];
    const char *assume[ASSUME_MAX];
    ck_buf download = CK_BUF_INIT;
    int exit_status = 0, fd;
    ck_serve_outcome outcome;
    enum MHD_Result rc;

    if (r->problem[0])
        return answer_error(c, r, 400, r->problem);
    if (!r->main.seen)
        return answer_error(c, r, 400,
                            r->route == ROUTE_FORMS
                                ? tr(r, "請上傳名冊或資料檔（欄位 data）", "upload the roster or record (field data)")
                                : tr(r, "請上傳一份契約檔（欄位 file）", "upload one contract (field file)"));
    if (r->route == ROUTE_FORMS && !r->form[0])
        return answer_error(c, r, 400, tr(r, "請指定表單（欄位 form）：4-016、4-017 或 4-018",
                                          "name the form (field form): 4-016, 4-017 or 4-018"));
    close_uploads(r);

    memset(&w, 0, sizeof w);
    for (size_t i = 0; i < r->assume_count; i++)
        assume[i] = r->assume[i];
    w.lang = r->en ? "en" : "zh-TW";
    w.input = r->main.path;
    w.display = r->main.name.data;
    w.assume = assume;
    w.assume_count = r->assume_count;
    if (r->route == ROUTE_CHECK) {
        w.task = CK_SERVE_CHECK;
        w.report_format = r->format[0] ? r->format : "json";
        snprintf(ext, sizeof ext, "%s", w.report_format);
    } else if (r->route == ROUTE_ANNOTATE) {
        w.task = CK_SERVE_ANNOTATE;
        ck_serve_safe_extension(w.display, ext, sizeof ext);
    } else {
        w.task = CK_SERVE_FORMS;
        w.form = r->form;
        w.writer_format = r->format[0] ? r->format : "docx";
        w.merge = r->merge[0] && strcmp(r->merge, "0") != 0;
        w.from_check = r->check.seen ? r->check.path : NULL;
        snprintf(ext, sizeof ext, "%s", w.merge ? w.writer_format : "zip");
    }
    if (strlen(ext) > 8 || strspn(ext, "abcdefghijklmnopqrstuvwxyz0123456789") != strlen(ext))
        snprintf(ext, sizeof ext, "bin");
    snprintf(output, sizeof output, "%s/answer.%s", r->dir, ext);
    snprintf(errors, sizeof errors, "%s/errors.txt", r->dir);
    w.output = output;

    outcome = ck_serve_jobs_run(srv->jobs, ck_serve_work_run, &w, errors, r->deadline_ms, &exit_status);
    if (outcome == CK_SERVE_TIMED_OUT) {
        char message[200];
        snprintf(message, sizeof message,
                 tr(r, "處理超過 %d 秒的時限；請稍後再試，或把檔案交給管理者以命令列處理",
                    "the work took longer than the limit of %d seconds; try again later or ask for the command line"),
                 srv->opt->timeout);
        return answer_error(c, r, 503, message);
    }
    if (outcome != CK_SERVE_DONE || exit_status > 2 || exit_status < 0)
        return answer_error(c, r, 500, tr(r, "處理時發生內部錯誤；請把檔案交給管理者以命令列檢查",
                                          "internal error while working; ask for the file to be checked on the command line"));
    if (exit_status == 2) {
        char *text = read_small_file(errors, 64 * 1024);
        char *shown = ck_serve_replace(text, r->main.path, r->main.name.data);
        ck_buf body = CK_BUF_INIT;
        if (r->check.seen) {
            char *again = ck_serve_replace(shown, r->check.path, r->check.name.data);
            free(shown);
            shown = again;
        }
        ck_serve_error_json(shown, r->main.name.data, &body);
        rc = answer_buffer(c, r, 400, "application/json; charset=utf-8", body.data, body.len, page_policy);
        ck_buf_free(&body);
        free(shown);
        free(text);
        return rc;
    }

    fd = open(output, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        return answer_error(c, r, 500, tr(r, "處理時發生內部錯誤；請把檔案交給管理者以命令列檢查",
                                          "internal error while working; ask for the file to be checked on the command line"));
    }
    /* The folder goes now; the answer is read from the open descriptor. */
    remove_folder(r);
    struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    if (!resp) {
        close(fd);
        return MHD_NO;
    }
    common_headers(resp, w.task == CK_SERVE_CHECK && !strcmp(ext, "json") ? page_policy : download_policy);
    MHD_add_response_header(resp, "Content-Type", content_type_of(ext));
    if (w.task != CK_SERVE_CHECK) {
        ck_buf value = CK_BUF_INIT;
        ck_serve_work_download_name(&w, &download);
        ck_serve_content_disposition(download.data, &value);
        MHD_add_response_header(resp, "Content-Disposition", value.data);
        ck_buf_free(&value);
    }
    ck_buf_free(&download);
    r->sent = (uint64_t)st.st_size;
    return answer(c, r, 200, resp);
}

/* ============================================================================
 * Routing
 * ========================================================================== */

/* Cross-site posts: a page elsewhere can make a browser post a form here,
 * but it cannot add a header of its own without a CORS preflight, which this
 * server never grants. So every post must carry X-Clausekit: 1, and an
 * Origin, when the browser sends one, must be this server's. */
static int cross_site(struct MHD_Connection *c)
{
    const char *marker = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Clausekit");
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");

    if (!marker || strcmp(marker, "1") != 0)
        return 1;
    if (origin && strcmp(origin, "null") != 0) {
        const char *rest = !strncmp(origin, "http://", 7) ? origin + 7 : !strncmp(origin, "https://", 8) ? origin + 8 : NULL;
        if (!rest || !host || strcmp(rest, host) != 0)
            return 1;
    } else if (origin) {
        return 1;
    }
    return 0;
}

static int authorised(server *srv, struct MHD_Connection *c)
{
    char *password = NULL;
    char *user;
    int ok;

    if (!srv->auth)
        return 1;
    user = MHD_basic_auth_get_username_password(c, &password);
    ok = ck_serve_auth_check(srv->auth, user, password);
    if (user)
        MHD_free(user);
    if (password)
        MHD_free(password);
    return ok;
}

static enum MHD_Result first_call(server *srv, struct MHD_Connection *c, request *r, const char *url,
                                  const char *method)
{
    const char *lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    const char *length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    int is_get = !strcmp(method, "GET") || !strcmp(method, "HEAD");

    r->en = lang ? !strncmp(lang, "en", 2) : srv->lang_en;
    if (strcmp(url, "/healthz") == 0)
        return is_get ? answer_buffer(c, r, 200, "text/plain; charset=utf-8", "ok\n", 3, page_policy)
                      : answer_error(c, r, 405, tr(r, "此路徑只接受 GET", "this path takes GET only"));
    if (!authorised(srv, c)) {
        static const char body[] = "{\"error\": \"password required\"}\n";
        struct MHD_Response *resp = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
        if (!resp)
            return MHD_NO;
        common_headers(resp, page_policy);
        MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
        r->status = 401;
        r->sent = sizeof body - 1;
        enum MHD_Result rc = MHD_queue_basic_auth_fail_response(c, "clausekit", resp);
        MHD_destroy_response(resp);
        return rc;
    }
    if (strcmp(url, "/report.css") == 0 && is_get) {
        const char *css = ck_report_html_style();
        return answer_buffer(c, r, 200, "text/css; charset=utf-8", css, strlen(css), page_policy);
    }
    const ck_serve_asset *asset = ck_serve_asset_find(url);
    if (asset)
        return is_get ? answer_buffer(c, r, 200, asset->content_type, asset->data, asset->size, page_policy)
                      : answer_error(c, r, 405, tr(r, "此路徑只接受 GET", "this path takes GET only"));

    r->route = !strcmp(url, "/api/check") ? ROUTE_CHECK : !strcmp(url, "/api/annotate") ? ROUTE_ANNOTATE
             : !strcmp(url, "/api/forms") ? ROUTE_FORMS : ROUTE_NONE;
    r->main.key = r->route == ROUTE_FORMS ? "data" : "file";
    if (r->route == ROUTE_NONE)
        return answer_error(c, r, 404, tr(r, "沒有這個路徑；可用的路徑見 docs/serve.md", "no such path; see docs/serve.md"));
    if (strcmp(method, "POST") != 0)
        return answer_error(c, r, 405, tr(r, "此路徑只接受 POST", "this path takes POST only"));
    if (cross_site(c))
        return answer_error(c, r, 403, tr(r, "拒絕跨站請求：POST 須帶 X-Clausekit: 1 標頭，且來源須是本服務",
                                          "cross-site request refused: a POST needs the header X-Clausekit: 1 and "
                                          "must come from this server's own page"));
    if (length) {
        char *end;
        unsigned long long n = strtoull(length, &end, 10);
        if (*end || n > srv->opt->max_upload) {
            char message[200];
            snprintf(message, sizeof message,
                     tr(r, "上傳超過上限 %llu 位元組；請分批上傳，或請管理者調高 --max-upload",
                        "the upload is over the limit of %llu bytes; upload less at a time or ask for a higher --max-upload"),
                     (unsigned long long)srv->opt->max_upload);
            return answer_error(c, r, 413, message);
        }
    }
    if (ck_serve_jobs_admit(srv->jobs) != 0) {
        struct MHD_Response *resp;
        ck_buf body = CK_BUF_INIT;
        ck_serve_error_message_json(tr(r, "伺服器忙碌中，請稍後再試", "the server is busy; try again shortly"), &body);
        resp = MHD_create_response_from_buffer(body.len, body.data, MHD_RESPMEM_MUST_COPY);
        ck_buf_free(&body);
        if (!resp)
            return MHD_NO;
        common_headers(resp, page_policy);
        MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
        MHD_add_response_header(resp, "Retry-After", "5");
        r->sent = body.len;
        return answer(c, r, 503, resp);
    }
    r->admitted = 1;
    if (make_folder(r) != 0)
        return answer_error(c, r, 503, tr(r, "無法建立暫存資料夾；請管理者檢查 TMPDIR", "cannot make a temporary folder; check TMPDIR"));
    r->pp = MHD_create_post_processor(c, 64 * 1024, post_field, r);
    if (!r->pp)
        return answer_error(c, r, 400, tr(r, "請以 multipart/form-data 上傳（見 docs/serve.md）",
                                          "post multipart/form-data (see docs/serve.md)"));
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    server *srv = cls;
    request *r = *con_cls;
    (void)version;

    if (!r) {
        r = ck_calloc(1, sizeof *r);
        r->srv = srv;
        r->start_ms = ck_serve_now_ms();
        r->deadline_ms = r->start_ms + (int64_t)srv->opt->timeout * 1000;
        r->main.fd = r->check.fd = -1;
        r->main.key = "file";
        r->check.key = "check";
        snprintf(r->method, sizeof r->method, "%s", method);
        snprintf(r->path, sizeof r->path, "%s", url);
        *con_cls = r;
        return first_call(srv, c, r, url, method);
    }
    if (*upload_data_size > 0) {
        r->received += *upload_data_size;
        if (r->received > srv->opt->max_upload || ck_serve_now_ms() > r->deadline_ms) {
            /* Only a body without Content-Length gets here: too late for an
             * answer, the connection is closed. */
            r->status = r->received > srv->opt->max_upload ? 413 : 408;
            return MHD_NO;
        }
        if (r->pp && MHD_post_process(r->pp, upload_data, *upload_data_size) != MHD_YES)
            set_problem(r, "%s", tr(r, "上傳的內容不是正確的 multipart/form-data", "the upload is not valid multipart/form-data"));
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->status)
        return MHD_YES; /* answered on the first call */
    return run_work(c, r);
}

/* ============================================================================
 * Log and cleanup
 * ========================================================================== */

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode code)
{
    request *r = *con_cls;
    char line[300];
    int n;
    (void)cls;
    (void)c;

    if (!r)
        return;
    n = snprintf(line, sizeof line, "clausekit serve: %s %s %u %llu B %.3f s%s\n", r->method, r->path,
                 r->status ? r->status : 499u, (unsigned long long)r->sent,
                 (double)(ck_serve_now_ms() - r->start_ms) / 1000.0,
                 code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection closed)");
    /* write(2), not stdio: a job forked while another thread held
     * stderr's lock would find it held forever. */
    if (n > 0)
        (void)!write(STDERR_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    close_uploads(r);
    remove_folder(r);
    ck_buf_free(&r->main.name);
    ck_buf_free(&r->check.name);
    for (size_t i = 0; i < r->assume_count; i++)
        free(r->assume[i]);
    if (r->admitted)
        ck_serve_jobs_leave(r->srv->jobs);
    free(r);
    *con_cls = NULL;
}

/* ============================================================================
 * Starting and stopping
 * ========================================================================== */

static int is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        if (IN6_IS_ADDR_LOOPBACK(a))
            return 1;
        if (IN6_IS_ADDR_V4MAPPED(a))
            return a->s6_addr[12] == 127;
    }
    return 0;
}

static int open_listener(const ck_serve_options *opt, int *fd_out, int *v6, char *url, size_t url_size,
                         int *loopback)
{
    char host[256], port_text[16], address[INET6_ADDRSTRLEN];
    unsigned port;
    struct addrinfo hints, *list = NULL;
    struct sockaddr_storage bound;
    socklen_t bound_len = sizeof bound;
    int fd = -1, one = 1, rc;

    if (ck_serve_parse_listen(opt->listen, host, sizeof host, &port) != 0) {
        fprintf(stderr, ck_tr("clausekit: --listen %s：請寫成 位址:埠，例如 127.0.0.1:8080 或 [::1]:8080\n",
                              "clausekit: --listen %s: write it as ADDRESS:PORT, such as 127.0.0.1:8080 or [::1]:8080\n"),
                opt->listen);
        return -1;
    }
    snprintf(port_text, sizeof port_text, "%u", port);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    rc = getaddrinfo(host[0] ? host : NULL, port_text, &hints, &list);
    if (rc != 0 || !list) {
        fprintf(stderr, ck_tr("clausekit: --listen %s：找不到這個位址（%s）\n", "clausekit: --listen %s: no such address (%s)\n"),
                opt->listen, gai_strerror(rc));
        return -1;
    }
    fd = socket(list->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, list->ai_addr, list->ai_addrlen) != 0 || listen(fd, 64) != 0 ||
        getsockname(fd, (struct sockaddr *)&bound, &bound_len) != 0) {
        fprintf(stderr, ck_tr("clausekit: --listen %s：無法在此位址接受連線（%s）\n",
                              "clausekit: --listen %s: cannot listen there (%s)\n"),
                opt->listen, ck_strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(list);
        return -1;
    }
    freeaddrinfo(list);
    *v6 = bound.ss_family == AF_INET6;
    *loopback = is_loopback((struct sockaddr *)&bound);
    if (*v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&bound;
        inet_ntop(AF_INET6, &a->sin6_addr, address, sizeof address);
        snprintf(url, url_size, "http://[%s]:%u/", address, ntohs(a->sin6_port));
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&bound;
        inet_ntop(AF_INET, &a->sin_addr, address, sizeof address);
        snprintf(url, url_size, "http://%s:%u/", address, ntohs(a->sin_port));
    }
    *fd_out = fd;
    return 0;
}

int ck_serve_run(const ck_serve_options *opt)
{
    server srv;
    struct MHD_Daemon *daemon = NULL;
    char url[128], message[1200];
    const char *tmp = getenv("TMPDIR");
    int fd = -1, v6 = 0, loopback = 0, status = 2, sig;
    sigset_t stop;

    if (ck_mhd_load(message, sizeof message) != 0) {
        fprintf(stderr, "clausekit: %s\n", message);
        return 2;
    }
    memset(&srv, 0, sizeof srv);
    srv.opt = opt;
    srv.lang_en = opt->lang ? !strncmp(opt->lang, "en", 2) : ck_lang_current() == CK_LANG_EN;
    snprintf(srv.tmp_root, sizeof srv.tmp_root, "%s", tmp && *tmp ? tmp : "/tmp");

    if (opt->auth_file && ck_serve_auth_load(opt->auth_file, &srv.auth, message, sizeof message) != 0) {
        fprintf(stderr, "clausekit: %s\n", message);
        return 2;
    }
    if (open_listener(opt, &fd, &v6, url, sizeof url, &loopback) != 0)
        goto done;
    if (!loopback && !srv.auth && !opt->no_auth) {
        fprintf(stderr, ck_tr("clausekit: --listen %s 會接受其他電腦的連線；請加上 --auth 檔案（密碼），"
                              "或在機關的反向代理與單一登入之後使用 --no-auth\n",
                              "clausekit: --listen %s accepts connections from other machines; add --auth FILE "
                              "(passwords), or --no-auth behind the agency's reverse proxy and single sign-on\n"),
                opt->listen);
        goto done;
    }
    if (!loopback)
        fprintf(stderr, "%s\n", srv.auth ? ck_tr("clausekit serve: 接受其他電腦的連線，需以 --auth 檔案中的帳號密碼登入",
                                                 "clausekit serve: accepting connections from other machines, "
                                                 "with the passwords of the --auth file")
                                         : ck_tr("clausekit serve: 接受其他電腦的連線，未設密碼（--no-auth）；"
                                                 "請確認前面有機關的反向代理與單一登入",
                                                 "clausekit serve: accepting connections from other machines "
                                                 "WITHOUT passwords (--no-auth); make sure the agency's reverse "
                                                 "proxy and single sign-on stand in front"));
    else if (srv.auth)
        fprintf(stderr, "%s\n", ck_tr("clausekit serve: 需以 --auth 檔案中的帳號密碼登入",
                                      "clausekit serve: with the passwords of the --auth file"));

    /* Every thread libmicrohttpd starts inherits this mask: the signals
     * come to sigwait below, and a closed connection never kills us. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    srv.jobs = ck_serve_jobs_new(opt->jobs, opt->queue);
    daemon = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | (v6 ? MHD_USE_IPv6 : 0),
                              0, NULL, NULL, on_request, &srv,
                              MHD_OPTION_LISTEN_SOCKET, fd,
                              MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
                              MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)opt->timeout,
                              MHD_OPTION_CONNECTION_LIMIT, (unsigned int)(opt->jobs + opt->queue + 16),
                              MHD_OPTION_END);
    if (!daemon) {
        fprintf(stderr, "clausekit: %s\n", ck_tr("無法啟動網頁服務", "cannot start the web service"));
        goto done;
    }
    fd = -1; /* the daemon's now */
    printf("%s\n", url);
    fflush(stdout);
    {
        char line[300];
        int n = snprintf(line, sizeof line, ck_tr("clausekit serve: 請以瀏覽器開啟 %s（Ctrl+C 結束）\n",
                                                  "clausekit serve: open %s in a browser (Ctrl+C stops)\n"),
                         url);
        if (n > 0)
            (void)!write(STDERR_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
    while (sigwait(&stop, &sig) != 0)
        ;
    status = 0;
done:
    if (daemon)
        MHD_stop_daemon(daemon);
    if (fd >= 0)
        close(fd);
    ck_serve_jobs_free(srv.jobs);
    ck_serve_auth_free(srv.auth);
    return status;
}
