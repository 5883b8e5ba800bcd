/* file.h — output files that appear whole or not at all.
 *
 * An output is written into a temporary file beside its path (same folder,
 * so the rename cannot cross file systems) and renamed into place when
 * complete; an interrupted or failed write leaves the old file, or nothing.
 * A path that names something other than a regular file — /dev/null,
 * /dev/stdout, a FIFO — is written straight into: renaming over it would
 * replace the device itself.
 *
 * Outputs still open are listed so that a signal handler can remove their
 * temporary files (ck_file_remove_temporaries, which only calls unlink).
 */
#ifndef CK_FILE_H
#define CK_FILE_H

#include <stddef.h>

#include "util/error.h"

struct ck_buf;

/* What committing does when something already has the name. */
typedef enum ck_file_policy {
    CK_FILE_REPLACE = 0,   /* replace it; a replaced file keeps its permission bits */
    CK_FILE_NEW = 1        /* fail and leave it: checking and creating are one atomic step */
} ck_file_policy;

typedef struct ck_file_out {
    int fd;
    char *path;
    char *tmp_path;               /* NULL when writing straight into path */
    ck_file_policy policy;
    struct ck_file_out *next_open;
} ck_file_out;

/* Opens path for writing (see above), replacing what is there on commit.
 * The folder must exist. On failure err names path and says what to check. */
int ck_file_out_open(ck_file_out *out, const char *path, ck_error *err);
/* The same with a policy: with CK_FILE_NEW the commit fails (CK_EIO, the
 * message says the file exists) when path has appeared meanwhile. */
int ck_file_out_open_policy(ck_file_out *out, const char *path, ck_file_policy policy, ck_error *err);
int ck_file_out_write(ck_file_out *out, const void *data, size_t len, ck_error *err);
/* Closes and renames into place; the struct is finished either way. */
int ck_file_out_commit(ck_file_out *out, ck_error *err);
/* Discards the output: the temporary file goes, path is untouched. Safe on
 * a zeroed or finished struct. */
void ck_file_out_abort(ck_file_out *out);

/* The whole of data to path, as above. */
int ck_file_write(const char *path, const void *data, size_t len, ck_error *err);

/* Removes the temporary files of outputs not yet committed. Only calls
 * unlink(), so a signal handler may call it. */
void ck_file_remove_temporaries(void);

/* ---- temporaries ------------------------------------------------------------ */

/* Every temporary clausekit makes is named "." + a name + ".ck-PID-XXXXXX"
 * (PID: the process that made it), in the folder of what it becomes. */

/* Appends that name for path (the same folder) to out, without the
 * random part: callers append "XXXXXX" for mkstemp or mkdtemp. */
void ck_file_temp_name(const char *path, struct ck_buf *out);

/* Removes leftover temporaries of ours in dir: names as above whose process
 * no longer exists (a run killed with SIGKILL, a power cut). A folder of
 * ours is removed with what it holds. A temporary of a run still going is
 * never touched. Errors are ignored: a leftover is at worst left again. */
void ck_file_sweep(const char *dir);
/* ck_file_sweep on the folder that holds path. */
void ck_file_sweep_beside(const char *path);

/* Moves the file or folder from onto to. CK_FILE_NEW fails with EEXIST when
 * to exists, in one step (renameat2 RENAME_NOREPLACE, or link() and
 * unlink() where the file system lacks it). Returns 0 or an errno value. */
int ck_file_move(const char *from, const char *to, ck_file_policy policy);

/* True when a and b name the same file (device and inode: hard links,
 * symbolic links, "./x" and "x"). False when either does not exist. */
int ck_file_same(const char *a, const char *b);

/* ---- several outputs that appear together ------------------------------------ */

/* A run whose outputs appear together or not at all: each output is written
 * completely under a staged name first (beside it, or in a staging folder
 * on the same file system); commit then moves all into place. When one
 * cannot be placed (CK_FILE_NEW and the name is taken, or the system
 * refuses), those already placed are undone: a replaced file comes back
 * from a hard link kept beside it, a new one is removed. */
typedef struct ck_file_batch_item {
    char *staged;
    char *target;
    char *backup;      /* hard link to the replaced file while committing */
    int placed;
    int written_into;  /* the target is a device or FIFO: its bytes were written into it */
} ck_file_batch_item;

typedef struct ck_file_batch {
    ck_file_batch_item *items;
    size_t count, capacity;
    ck_file_policy policy;
} ck_file_batch;

void ck_file_batch_init(ck_file_batch *batch, ck_file_policy policy);
/* Reserves a staged name beside target (an empty hidden file, see
 * ck_file_temp_name, ending in target's extension) and returns it (owned by batch): write the output
 * there, replacing it. NULL with err set when the folder is not writable. */
const char *ck_file_batch_stage(ck_file_batch *batch, const char *target, ck_error *err);
/* Adds a file already written at staged (same file system as target). */
void ck_file_batch_add(ck_file_batch *batch, const char *staged, const char *target);
/* Places every staged file (see above). A target that is a device or a
 * FIFO (/dev/stdout, /dev/null) is written into, never renamed over (and
 * cannot be taken back). On failure err names the target that could not
 * be placed and nothing else of the batch is in place. */
int ck_file_batch_commit(ck_file_batch *batch, ck_error *err);
/* Removes staged files not placed and frees the batch. */
void ck_file_batch_free(ck_file_batch *batch);

/* ---- announcing a run's start, for tests ---------------------------------- */

/* A test that signals, kills or races a run must do so part-way, not after
 * a guessed delay. When CLAUSEKIT_STARTED_FILE is set, the first call
 * writes the process id and a newline into that file (or FIFO); when
 * CLAUSEKIT_HOLD_FIFO is set, it then waits for a line on that FIFO before
 * returning. Commands call it once their signal handlers are installed and
 * their first output is written under its staged name. Later calls do
 * nothing until ck_file_announce_reset. */
void ck_file_announce_started(void);
void ck_file_announce_reset(void);

#endif
