/* serve.h — `clausekit serve`: the checker and the forms behind a web page.
 *
 *   browser ──HTTP──▶ server.c (libmicrohttpd: routes, headers, auth, CSRF,
 *                     upload limits, one log line per request)
 *                       │ multipart fields and files, via MHD_PostProcessor,
 *                       ▼ into a private 0700 folder (server.c, post_field)
 *                     jobs.c (a bounded number of requests in flight, --jobs
 *                       │ of them at work; each job in a child process with a
 *                       ▼ time limit)
 *                     work.c (in the child: the stages `clausekit check` and
 *                     `clausekit forms` call, on the uploaded files)
 *
 * Nothing is kept between requests: a request's folder is removed before
 * its response is sent (the answer is streamed from an unlinked file).
 * Jobs run in child processes because the pipeline keeps per-process state
 * (the forms runner's cleanup on signals, the XML layer's parse session) and
 * because a child can be stopped when it overruns its time.
 */
#ifndef CK_SERVE_H
#define CK_SERVE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* ---- options (cli/serve.c fills them) ------------------------------------- */

typedef struct ck_serve_options {
    const char *listen;        /* "HOST:PORT", "[V6]:PORT"; port 0 picks a free one */
    uint64_t max_upload;       /* bytes of one request body */
    int jobs;                  /* requests at work at once */
    int queue;                 /* further requests admitted (uploading or waiting) */
    int timeout;               /* seconds a request may take, upload and work */
    const char *auth_file;     /* user:crypt-hash lines, or NULL */
    int no_auth;               /* --no-auth: listening beyond loopback without a password */
    const char *lang;          /* default language of answers, "zh-TW" or "en" */
} ck_serve_options;

/* Runs the server until SIGINT or SIGTERM. Prints the URL it listens on to
 * stdout (one line, flushed) once it accepts connections. Returns the exit
 * status: 0 after a signal, 2 when it cannot start (message on stderr). */
int ck_serve_run(const ck_serve_options *opt);

/* ---- small pieces, in http.c ------------------------------------------------ */

/* "50M", "512K", "1G", "1048576" -> bytes (K, M, G are powers of 1024).
 * Returns 0 or -1 for anything else, zero, or more than 4G. */
int ck_serve_parse_size(const char *text, uint64_t *bytes);

/* Splits "127.0.0.1:8080", "[::1]:8080", "localhost:0" or ":8080" (every
 * address) into host (empty for every address) and port. Returns 0 or -1. */
int ck_serve_parse_listen(const char *text, char *host, size_t host_size, unsigned *port);

/* The name a client gave a file, fit to show (never used as a path): the
 * part after the last / or \, without control characters or invalid UTF-8,
 * at most 200 bytes on a character boundary; fallback when nothing is left. */
void ck_serve_display_name(const char *client_name, const char *fallback, ck_buf *out);

/* The extension of a display name, lower case, when it is 1 to 8 ASCII
 * letters or digits (so it is safe in "upload.EXT"); else "bin". */
void ck_serve_safe_extension(const char *name, char *ext, size_t size);

/* Appends a Content-Disposition value for an attachment named name: an
 * ASCII fallback in filename="..." and the UTF-8 name in RFC 5987's
 * filename*=UTF-8''... */
void ck_serve_content_disposition(const char *name, ck_buf *out);

/* Turns what a failed run printed to stderr ("clausekit: name:18: ...",
 * one problem a line) into the error answer:
 *   {"error": "<last line>", "rows": [{"row": 18, "error": "..."}]}
 * The "clausekit: " prefix goes; rows are the lines that name file_name
 * with a line number (a roster's row); "rows" is left out when none do. */
void ck_serve_error_json(const char *stderr_text, const char *file_name, ck_buf *out);

/* {"error": "<message>"} */
void ck_serve_error_message_json(const char *message, ck_buf *out);

/* Replaces every occurrence of from in text with to; returns a new string. */
char *ck_serve_replace(const char *text, const char *from, const char *to);

/* ---- passwords, in auth.c ----------------------------------------------------- */

typedef struct ck_serve_auth ck_serve_auth;

/* Reads an --auth file: one "user:hash" a line (crypt(3) hashes, as
 * `clausekit serve --hash-password` prints); blank lines and lines starting
 * with # are skipped. Returns 0, or -1 with a message in message naming the
 * file and line. The caller frees *out with ck_serve_auth_free. */
int ck_serve_auth_load(const char *path, ck_serve_auth **out, char *message, size_t size);
void ck_serve_auth_free(ck_serve_auth *auth);

/* True (1) when user and password match a line. Safe to call from several
 * threads at once. */
int ck_serve_auth_check(const ck_serve_auth *auth, const char *user, const char *password);

/* A crypt(3) hash of password with a fresh salt (yescrypt where the C
 * library has it, else SHA-512). Returns 0 or -1. */
int ck_serve_hash_password(const char *password, char *hash, size_t size);

/* ---- admission and work, in jobs.c ----------------------------------------- */

typedef struct ck_serve_jobs ck_serve_jobs;

/* jobs at work at once, queue more admitted to wait (upload or slot). */
ck_serve_jobs *ck_serve_jobs_new(int jobs, int queue);
void ck_serve_jobs_free(ck_serve_jobs *j);

/* Takes a place for a request; returns 0, or -1 when jobs + queue requests
 * are already in flight (the caller answers 503). */
int ck_serve_jobs_admit(ck_serve_jobs *j);
/* Gives the place back. */
void ck_serve_jobs_leave(ck_serve_jobs *j);

/* What a job did. */
typedef enum ck_serve_outcome {
    CK_SERVE_DONE = 0,        /* exited; exit_status holds its status */
    CK_SERVE_TIMED_OUT,       /* stopped after the time limit */
    CK_SERVE_CRASHED          /* died on a signal, or could not start */
} ck_serve_outcome;

/* Waits for a work slot, then runs fn(arg) in a child process with stdin
 * and stdout on /dev/null and stderr into stderr_path; the child's exit
 * status is fn's return value. The child is killed when deadline_ms (on
 * CLOCK_MONOTONIC, in milliseconds) passes. */
ck_serve_outcome ck_serve_jobs_run(ck_serve_jobs *j, int (*fn)(void *), void *arg, const char *stderr_path,
                                   int64_t deadline_ms, int *exit_status);

/* Milliseconds on CLOCK_MONOTONIC. */
int64_t ck_serve_now_ms(void);

/* ---- the work, in work.c (runs in a child process) ---------------------------- */

typedef enum ck_serve_task { CK_SERVE_CHECK, CK_SERVE_ANNOTATE, CK_SERVE_FORMS } ck_serve_task;

typedef struct ck_serve_work {
    ck_serve_task task;
    const char *lang;          /* "zh-TW" or "en" */
    const char *input;         /* uploaded file's path in the request folder */
    const char *display;       /* its name as the client gave it (reports and messages) */
    const char *output;        /* where the answer is written */
    /* check, annotate */
    const char *const *assume;
    size_t assume_count;
    const char *report_format; /* check: json, html, md */
    /* forms */
    const char *form;          /* 4-016, 4-017, 4-018 */
    const char *writer_format; /* docx, odt, html, md */
    int merge;
    const char *from_check;    /* path of an uploaded check report (4-018), or NULL */
} ck_serve_work;

/* Does the work; messages go to stderr as the command line prints them,
 * naming display rather than the upload's path. Returns the command line's
 * exit status (0, 1 or 2). Meant to run in a child process (fn of
 * ck_serve_jobs_run). */
int ck_serve_work_run(void *work);

/* The name of the answer the client saves, in w->lang (never the
 * process's language: the server answers each request in its own):
 * "契約-審查.docx" or "契約-reviewed.docx" for an annotated copy, "4-016.zip" or "4-016.docx" for forms. Appended to out. */
void ck_serve_work_download_name(const ck_serve_work *w, ck_buf *out);

/* ---- the page, compiled in (build/gen/assets.c from src/serve/page.*) ---- */

typedef struct ck_serve_asset {
    const char *path;          /* "/", "/app.css", "/app.js" */
    const char *content_type;
    const unsigned char *data;
    size_t size;
} ck_serve_asset;

/* The asset served at path, or NULL. */
const ck_serve_asset *ck_serve_asset_find(const char *path);

#endif
