/* pool.c — the fork/pipe worker pool of `clausekit forms` (see pool.h).
 *
 * zlib and the file system take most of the time of writing a roster's
 * forms, and both scale with cores: each worker process writes every
 * jobs-th form and reports it through a pipe.
 */
#include "forms/pool.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/lang.h"

/* Read by the signal handler: set before it can run, async-signal-safe. */
static pid_t worker_pids[CK_FORMS_POOL_MAX];
static volatile sig_atomic_t worker_count;
static int worker_reports = -1;                /* the parent's end of the report pipe */
static volatile sig_atomic_t in_worker;        /* this process is a worker */

void ck_forms_hold_signals(int hold)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

int ck_forms_pool_in_worker(void)
{
    return in_worker != 0;
}

/* Empties the pipe of what the workers reported (non-blocking by then):
 * a worker never blocks on a full pipe while it is being stopped. */
static void drain_reports(void)
{
    long k;
    while (read(worker_reports, &k, sizeof k) == (ssize_t)sizeof k)
        ;
}

/* The pipe is read while waiting, so a worker never blocks on a full pipe;
 * the parent may itself still hold a write end (a signal during the
 * forks), so reads never wait. */
void ck_forms_pool_stop(void)
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

/* What a worker sends: the index of a task it finished, or -1 and why a
 * task failed, in one write (under PIPE_BUF, so never interleaved with
 * another worker's report). */
typedef struct failure_report {
    long k;
    ck_error err;
} failure_report;

_Static_assert(sizeof(failure_report) <= PIPE_BUF, "a report is written in one piece");

/* A worker: runs tasks w, w + jobs, ... and reports each; never returns. */
static void work(int w, int jobs, size_t count, int (*task)(void *ctx, size_t i, ck_error *err), void *ctx,
                 pid_t parent, int report)
{
    ck_error werr;
    long k;

    in_worker = 1;
    /* A worker never outlives the run: SIGKILL to the parent stops it too. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(2);
    ck_forms_hold_signals(0);
    ck_error_clear(&werr);
    for (size_t i = (size_t)w; i < count; i += (size_t)jobs) {
        int rc;
        ck_error_clear(&werr);
        rc = task(ctx, i, &werr);
        ck_forms_hold_signals(1);
        if (rc != 0) {
            failure_report f;
            memset(&f, 0, sizeof f);
            f.k = -1;
            f.err = werr;
            if (f.err.code == 0)
                f.err.code = rc < 0 ? rc : CK_EIO;
            if (write(report, &f, sizeof f) < 0)
                _exit(2);
            _exit(2);
        }
        k = (long)i;
        if (write(report, &k, sizeof k) != (ssize_t)sizeof k)
            _exit(2);
        ck_forms_hold_signals(0);
    }
    _exit(0);
}

/* Starts the workers; on failure stops those already started. */
static int start_workers(size_t count, int jobs, int (*task)(void *ctx, size_t i, ck_error *err), void *ctx,
                         int fds[2], ck_error *err)
{
    pid_t parent = getpid();

    for (int w = 0; w < jobs; w++) {
        pid_t pid;
        ck_forms_hold_signals(1);
        pid = fork();
        if (pid == 0) {
            close(fds[0]);
            work(w, jobs, count, task, ctx, parent, fds[1]);
        }
        if (pid < 0) {
            int saved = errno;
            ck_forms_hold_signals(0);
            close(fds[1]);
            ck_forms_pool_stop();
            close(fds[0]);
            worker_reports = -1;
            return ck_error_set(err, CK_EIO, ck_tr("無法啟動工作行程：%s", "cannot start a worker process: %s"),
                                ck_strerror(saved));
        }
        worker_pids[worker_count++] = pid;
        ck_forms_hold_signals(0);
    }
    return 0;
}

int ck_forms_pool_run(size_t count, int jobs, int (*task)(void *ctx, size_t i, ck_error *err),
                      void (*on_done)(void *ctx, size_t done, size_t total), void *ctx, ck_error *err)
{
    int fds[2], failed = 0, rc;
    size_t done = 0;
    failure_report f;
    long k;

    if (jobs > CK_FORMS_POOL_MAX)
        jobs = CK_FORMS_POOL_MAX;
    if (jobs < 1)
        jobs = 1;
    if (pipe(fds) != 0)
        return ck_error_set(err, CK_EIO, ck_tr("無法建立管道：%s", "cannot create a pipe: %s"), ck_strerror(errno));
    fflush(NULL);
    worker_reports = fds[0];
    if ((rc = start_workers(count, jobs, task, ctx, fds, err)) != 0)
        return rc;
    close(fds[1]);
    for (;;) {
        ssize_t n;
        ck_forms_hold_signals(1);
        n = read(fds[0], &k, sizeof k);
        ck_forms_hold_signals(0);
        if (n != (ssize_t)sizeof k)
            break;
        if (k < 0) {
            /* the rest of the report follows in the same write */
            size_t got = 0;
            failed = 1;
            while (got < sizeof f.err && (n = read(fds[0], (char *)&f.err + got, sizeof f.err - got)) > 0)
                got += (size_t)n;
            if (got == sizeof f.err) {
                *err = f.err;
                failed = 2;
            }
            ck_forms_hold_signals(1);
            ck_forms_pool_stop(); /* also reads what the others reported */
            ck_forms_hold_signals(0);
            break;
        }
        if (on_done)
            on_done(ctx, ++done, count);
    }
    ck_forms_hold_signals(1);
    for (sig_atomic_t i = 0; i < worker_count; i++) {
        int st = 0;
        if (waitpid(worker_pids[i], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            failed = 1;
    }
    worker_count = 0;
    close(fds[0]);
    worker_reports = -1;
    ck_forms_hold_signals(0);
    if (failed == 2)
        return err->code;
    if (failed)
        return ck_error_set(err, CK_EIO, "%s", ck_tr("有一個工作行程意外結束，未產生任何表單；請再試一次，或以 --jobs 1 執行",
                                                     "a worker process ended unexpectedly; nothing was written: "
                                                     "try again, or run with --jobs 1"));
    return 0;
}
