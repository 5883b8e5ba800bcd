/* pool.h — worker processes that run a numbered list of tasks in parallel
 * (a large roster's forms, each written by one task).
 *
 * Task i runs in worker i % jobs. Each worker reports every task it has
 * finished through a pipe, so the parent always knows how far the run is;
 * a task that fails sends its error to the parent the same way, and the
 * parent stops the other workers. Nothing here prints.
 *
 * Signals: the pool works with the run's SIGINT / SIGTERM handler, which
 * calls ck_forms_pool_stop() (async-signal-safe) and, in a worker, only
 * removes the worker's own temporaries (ck_forms_pool_in_worker(), and
 * util/file's registry knows which process listed what).
 */
#ifndef CK_FORMS_POOL_H
#define CK_FORMS_POOL_H

#include <stddef.h>

#include "util/error.h"

/* Most worker processes a pool starts, whatever jobs asks for. */
#define CK_FORMS_POOL_MAX 16

/* Runs task i for i in [0, count) in a worker process. on_done
 * (may be NULL) is called in the parent with the number of tasks finished
 * so far, after each one. Returns 0, or a negative ck_error code with err
 * set: the failed task's error, or why the workers could not be started or
 * one ended without a report. */
int ck_forms_pool_run(size_t count, int jobs, int (*task)(void *ctx, size_t i, ck_error *err),
                      void (*on_done)(void *ctx, size_t done, size_t total), void *ctx, ck_error *err);

/* True in a worker process of a running pool. Async-signal-safe. */
int ck_forms_pool_in_worker(void);

/* Stops the running pool's workers and waits for them; nothing when none
 * run. Async-signal-safe: for the run's signal handler. */
void ck_forms_pool_stop(void);

/* Blocks (hold 1) or unblocks (hold 0) SIGINT and SIGTERM: what the
 * handler reads (the workers, the registry of temporaries) changes with
 * signals held, and the commit is not interrupted half-way. */
void ck_forms_hold_signals(int hold);

#endif
