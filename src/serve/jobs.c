/* jobs.c — how many requests are in flight, how many are at work, and the
 * child process each job runs in.
 *
 * A request takes a place when its headers arrive (ck_serve_jobs_admit) and
 * keeps it until it is answered: at most jobs + queue requests are in
 * flight, and the next one is told 503 at once rather than piling up. Only
 * --jobs of them work at the same time; an upload in progress holds a place
 * but no work slot, so one slow or huge upload never keeps the others from
 * being worked on.
 */
#include "serve/serve.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct ck_serve_jobs {
    pthread_mutex_t lock;
    pthread_cond_t slot_free;
    int jobs, queue;
    int in_flight, working;
};

int64_t ck_serve_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

ck_serve_jobs *ck_serve_jobs_new(int jobs, int queue)
{
    ck_serve_jobs *j = ck_calloc(1, sizeof *j);
    pthread_mutex_init(&j->lock, NULL);
    pthread_cond_init(&j->slot_free, NULL);
    j->jobs = jobs > 0 ? jobs : 1;
    j->queue = queue >= 0 ? queue : 0;
    return j;
}

void ck_serve_jobs_free(ck_serve_jobs *j)
{
    if (!j)
        return;
    pthread_mutex_destroy(&j->lock);
    pthread_cond_destroy(&j->slot_free);
    free(j);
}

int ck_serve_jobs_admit(ck_serve_jobs *j)
{
    int rc = -1;
    pthread_mutex_lock(&j->lock);
    if (j->in_flight < j->jobs + j->queue) {
        j->in_flight++;
        rc = 0;
    }
    pthread_mutex_unlock(&j->lock);
    return rc;
}

void ck_serve_jobs_leave(ck_serve_jobs *j)
{
    pthread_mutex_lock(&j->lock);
    if (j->in_flight > 0)
        j->in_flight--;
    pthread_mutex_unlock(&j->lock);
}

/* Waits for the child until deadline; returns 1 when it exited (status in
 * *status), 0 when the deadline passed. */
static int wait_child(pid_t pid, int64_t deadline_ms, int *status)
{
    int fd = (int)syscall(SYS_pidfd_open, pid, 0);

    for (;;) {
        pid_t done = waitpid(pid, status, WNOHANG);
        if (done == pid)
            break;
        if (done < 0 && errno != EINTR) {
            *status = 0;
            break;
        }
        int64_t left = deadline_ms - ck_serve_now_ms();
        if (left <= 0) {
            if (fd >= 0)
                close(fd);
            return 0;
        }
        if (fd >= 0) {
            struct pollfd p = { fd, POLLIN, 0 };
            (void)poll(&p, 1, left > 1000 ? 1000 : (int)left);
        } else {
            /* Kernels before 5.3 have no pidfd: look again shortly. */
            struct timespec pause = { 0, 10 * 1000000 };
            nanosleep(&pause, NULL);
        }
    }
    if (fd >= 0)
        close(fd);
    return 1;
}

static void child_main(int (*fn)(void *), void *arg, const char *stderr_path)
{
    sigset_t none;
    int null_fd = open("/dev/null", O_RDWR);
    int err_fd = open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

    /* The server blocks its signals in every thread; the work takes the
     * usual ones (the forms runner cleans up on SIGTERM). */
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    if (null_fd < 0 || err_fd < 0)
        _exit(2);
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    close(null_fd);
    close(err_fd);
    int status = fn(arg);
    fflush(stdout);
    fflush(stderr);
    _exit(status);
}

ck_serve_outcome ck_serve_jobs_run(ck_serve_jobs *j, int (*fn)(void *), void *arg, const char *stderr_path,
                                   int64_t deadline_ms, int *exit_status)
{
    ck_serve_outcome outcome = CK_SERVE_CRASHED;
    int status = 0;
    pid_t pid;

    *exit_status = -1;
    pthread_mutex_lock(&j->lock);
    while (j->working >= j->jobs) {
        struct timespec until;
        int64_t left = deadline_ms - ck_serve_now_ms();
        if (left <= 0) {
            pthread_mutex_unlock(&j->lock);
            return CK_SERVE_TIMED_OUT;
        }
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)(left / 1000);
        until.tv_nsec += (long)(left % 1000) * 1000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&j->slot_free, &j->lock, &until);
    }
    j->working++;
    pthread_mutex_unlock(&j->lock);

    fflush(NULL);
    pid = fork();
    if (pid == 0)
        child_main(fn, arg, stderr_path);
    if (pid > 0) {
        if (wait_child(pid, deadline_ms, &status)) {
            if (WIFEXITED(status)) {
                outcome = CK_SERVE_DONE;
                *exit_status = WEXITSTATUS(status);
            }
        } else {
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            outcome = CK_SERVE_TIMED_OUT;
        }
    }

    pthread_mutex_lock(&j->lock);
    j->working--;
    pthread_cond_signal(&j->slot_free);
    pthread_mutex_unlock(&j->lock);
    return outcome;
}
