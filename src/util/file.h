/* file.h — output files that appear whole or not at all.
 *
 * An output is written into a temporary file beside its path (same folder,
 * so the rename cannot cross file systems) and renamed into place when
 * complete; an interrupted or failed write leaves the old file, or nothing.
 * A path that names something other than a regular file — /dev/null,
 * /dev/stdout, a FIFO — is written straight into: renaming over it would
 * replace the device itself.
 *
 * Every temporary a run makes is listed in one registry (below) until it
 * is placed or removed, so that one signal handler can remove them all.
 */
#ifndef CK_FILE_H
#define CK_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "util/error.h"

struct ck_buf;

/* ---- the registry of temporaries ---------------------------------------------
 * Every temporary of a run — an output's temporary file, a staged output,
 * a staging folder and the files in it, a folder made for the output — is
 * listed here while it exists, by every writer, by zip, by forms. The list
 * is a chain of entries the callers own; it changes only with SIGINT and
 * SIGTERM blocked and an entry is complete before it is linked, so a signal
 * handler always reads a whole list. */
typedef struct ck_file_temp {
    const char *path;            /* one file or folder (borrowed: must outlive the listing) */
    char *const *paths;          /* or count files (borrowed too) */
    size_t count;
    int is_dir;                  /* path is a folder: removed with rmdir, so only when empty */
    pid_t owner;                 /* the process that listed it */
    struct ck_file_temp *next;
} ck_file_temp;

/* Lists temp (path or paths set by the caller), owned by this process;
 * temp stays the caller's and must stay in place until unlisted. */
void ck_file_temp_list(ck_file_temp *temp);
/* Unlists temp; nothing when it is not listed. */
void ck_file_temp_unlist(ck_file_temp *temp);

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
    ck_file_temp temp;            /* tmp_path in the registry */
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

/* Opens path to write straight into: a staged name of the caller's own
 * that nothing else uses (ck_file_batch_stage), so no temporary and no
 * rename; commit closes it. The file is made when missing, emptied when
 * not. */
int ck_file_out_open_staged(ck_file_out *out, const char *path, ck_error *err);

/* The whole of data straight into a new file at path, a name of the
 * caller's own that nothing else uses (a staged output in a staging
 * folder): no temporary and no rename. Fails when path exists; on failure
 * the file is removed. */
int ck_file_write_new(const char *path, const void *data, size_t len, ck_error *err);

/* Removes every temporary this process has listed, newest first: files
 * with unlink(), folders with rmdir() (only when empty by then). Calls
 * nothing else, so a signal handler may call it; in a worker process it
 * leaves the parent's entries to the parent. */
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
    ck_file_temp *temp;   /* staged in the registry until placed */
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
