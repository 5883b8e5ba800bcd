/* renameat2 (RENAME_NOREPLACE) is a GNU extension. */
#define _GNU_SOURCE
#include "util/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/lang.h"

/* ============================================================================
 * The registry of temporaries
 * ========================================================================== */

/* Read by signal handlers: volatile, and changed only with the signals
 * blocked, each entry complete before it is linked. */
static ck_file_temp *volatile temporaries;

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, old);
}

void ck_file_temp_list(ck_file_temp *temp)
{
    sigset_t old;

    block_signals(&old);
    temp->owner = getpid();
    temp->next = temporaries;
    temporaries = temp;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

void ck_file_temp_unlist(ck_file_temp *temp)
{
    sigset_t old;

    block_signals(&old);
    for (ck_file_temp *volatile *p = &temporaries; *p; p = &(*p)->next) {
        if (*p == temp) {
            *p = temp->next;
            break;
        }
    }
    temp->next = NULL;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

void ck_file_remove_temporaries(void)
{
    pid_t self = getpid();

    for (ck_file_temp *t = temporaries; t; t = t->next) {
        if (t->owner != self)
            continue; /* a worker's copy of its parent's list */
        for (size_t i = 0; t->paths && i < t->count; i++)
            if (t->paths[i])
                unlink(t->paths[i]);
        if (t->path && t->is_dir)
            rmdir(t->path);
        else if (t->path)
            unlink(t->path);
    }
}

/* ============================================================================
 * One output
 * ========================================================================== */

static int failed(ck_error *err, const char *path, int code)
{
    if (code == EEXIST) {
        ck_error_set(err, CK_EIO, "%s",
                     ck_tr("檔案已存在（可能是同時執行的另一個程序剛寫入）；未覆寫，請改用其他檔名或加 --force",
                           "the file exists (perhaps another run has just written it); it was not replaced: "
                           "give another name, or add --force"));
        ck_error_set_file(err, path);
        return CK_EIO;
    }
    ck_error_set(err, CK_EIO,
                 ck_tr("無法寫入檔案（%s）；請確認資料夾存在、可寫入且磁碟有空間",
                       "cannot write the file (%s); check that the folder exists, is writable and has space"),
                 ck_strerror(code));
    ck_error_set_file(err, path);
    return CK_EIO;
}

static void finish(ck_file_out *out)
{
    if (out->tmp_path)
        ck_file_temp_unlist(&out->temp);
    if (out->fd >= 0)
        close(out->fd);
    free(out->path);
    free(out->tmp_path);
    memset(out, 0, sizeof *out);
    out->fd = -1;
}

int ck_file_out_open(ck_file_out *out, const char *path, ck_error *err)
{
    return ck_file_out_open_policy(out, path, CK_FILE_REPLACE, err);
}

int ck_file_out_open_policy(ck_file_out *out, const char *path, ck_file_policy policy, ck_error *err)
{
    struct stat st;

    memset(out, 0, sizeof *out);
    out->fd = -1;
    out->policy = policy;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return failed(err, path, EISDIR);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        out->fd = open(path, O_WRONLY | O_TRUNC);
        if (out->fd < 0)
            return failed(err, path, errno);
        out->path = ck_strdup(path);
        return 0;
    }
    ck_buf tmp = CK_BUF_INIT;
    sigset_t old;
    ck_file_temp_name(path, &tmp);
    ck_buf_puts(&tmp, "XXXXXX");
    block_signals(&old); /* made and listed in one step */
    out->fd = mkstemp(tmp.data);
    if (out->fd < 0) {
        int code = errno;
        sigprocmask(SIG_SETMASK, &old, NULL);
        ck_buf_free(&tmp);
        return failed(err, path, code);
    }
    out->path = ck_strdup(path);
    out->tmp_path = ck_buf_detach(&tmp);
    out->temp.path = out->tmp_path;
    ck_file_temp_list(&out->temp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return 0;
}

int ck_file_out_write(ck_file_out *out, const void *data, size_t len, ck_error *err)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(out->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failed(err, out->path, n < 0 ? errno : EIO);
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int ck_file_out_commit(ck_file_out *out, ck_error *err)
{
    int rc = 0;

    if (out->tmp_path) {
        /* mkstemp made the file 0600; give it the mode a new file would
         * have, or keep the mode of the file it replaces (0600 stays 0600). */
        struct stat st;
        mode_t mode, mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
        if (out->policy == CK_FILE_REPLACE && stat(out->path, &st) == 0 && S_ISREG(st.st_mode))
            mode = st.st_mode & 07777;
        if (fchmod(out->fd, mode) != 0)
            rc = failed(err, out->path, errno);
    }
    if (close(out->fd) != 0 && rc == 0)
        rc = failed(err, out->path, errno);
    out->fd = -1;
    if (rc == 0 && out->tmp_path) {
        int code = ck_file_move(out->tmp_path, out->path, out->policy);
        if (code != 0)
            rc = failed(err, out->path, code);
    }
    if (rc != 0 && out->tmp_path)
        unlink(out->tmp_path);
    finish(out);
    return rc;
}

void ck_file_out_abort(ck_file_out *out)
{
    if (!out || (!out->path && out->fd <= 0))
        return;
    if (out->tmp_path)
        unlink(out->tmp_path);
    finish(out);
}

int ck_file_write(const char *path, const void *data, size_t len, ck_error *err)
{
    ck_file_out out;
    int rc = ck_file_out_open(&out, path, err);
    if (rc != 0)
        return rc;
    if ((rc = ck_file_out_write(&out, data, len, err)) != 0) {
        ck_file_out_abort(&out);
        return rc;
    }
    return ck_file_out_commit(&out, err);
}

static int open_straight(ck_file_out *out, const char *path, int flags, ck_error *err)
{
    memset(out, 0, sizeof *out);
    out->fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0666);
    if (out->fd < 0)
        return failed(err, path, errno);
    out->path = ck_strdup(path);
    return 0;
}

int ck_file_out_open_staged(ck_file_out *out, const char *path, ck_error *err)
{
    return open_straight(out, path, O_TRUNC, err);
}

int ck_file_write_new(const char *path, const void *data, size_t len, ck_error *err)
{
    ck_file_out out;
    int rc = open_straight(&out, path, O_EXCL, err);

    if (rc != 0)
        return rc;
    rc = ck_file_out_write(&out, data, len, err);
    if (rc == 0)
        return ck_file_out_commit(&out, err);
    ck_file_out_abort(&out);
    unlink(path);
    return rc;
}

/* ============================================================================
 * Temporaries
 * ========================================================================== */

void ck_file_temp_name(const char *path, ck_buf *out)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t len = strlen(base);

    if (slash)
        ck_buf_append(out, path, (size_t)(slash - path + 1));
    while (len > 0 && base[len - 1] == '/')
        len--;
    ck_buf_printf(out, ".%.*s.ck-%ld-", (int)len, base, (long)getpid());
}

/* The process of a name made by ck_file_temp_name, or 0 when the name is
 * not one of ours: ".<name>.ck-<digits>-<6 characters>" and what a
 * staging folder adds after it. */
static pid_t temp_owner(const char *name)
{
    const char *p = name, *mark = NULL;
    long pid = 0;

    if (name[0] != '.')
        return 0;
    while ((p = strstr(p, ".ck-")) != NULL) {
        mark = p;
        p += 4;
    }
    if (!mark)
        return 0;
    p = mark + 4;
    if (*p < '1' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9' && pid < 100000000)
        pid = pid * 10 + (*p++ - '0');
    if (*p != '-' || strlen(p + 1) < 6)
        return 0;
    return (pid_t)pid;
}

static int process_gone(pid_t pid)
{
    return kill(pid, 0) != 0 && errno == ESRCH;
}

/* rm -r of one of our temporaries; staging folders hold files and, at
 * most, one more level of folders. */
static void remove_tree(int parent, const char *name, int depth)
{
    int fd;
    DIR *d;
    struct dirent *e;

    if (unlinkat(parent, name, 0) == 0 || (errno != EISDIR && errno != EPERM) || depth > 3)
        return;
    fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (fd < 0)
        return;
    d = fdopendir(fd);
    if (!d) {
        close(fd);
        return;
    }
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            remove_tree(dirfd(d), e->d_name, depth + 1);
    closedir(d);
    unlinkat(parent, name, AT_REMOVEDIR);
}

void ck_file_sweep(const char *dir)
{
    DIR *d = opendir(dir && *dir ? dir : ".");
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        pid_t owner = temp_owner(e->d_name);
        if (owner > 0 && process_gone(owner))
            remove_tree(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

void ck_file_sweep_beside(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;

    if (!slash) {
        ck_file_sweep(".");
        return;
    }
    dir = slash == path ? ck_strdup("/") : ck_strndup(path, (size_t)(slash - path));
    ck_file_sweep(dir);
    free(dir);
}

int ck_file_move(const char *from, const char *to, ck_file_policy policy)
{
    struct stat st;

    if (policy == CK_FILE_REPLACE)
        return rename(from, to) == 0 ? 0 : errno;
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return errno;
    /* The file system has no RENAME_NOREPLACE: link() fails when to exists. */
    if (lstat(from, &st) != 0)
        return errno;
    if (S_ISDIR(st.st_mode)) {
        /* A folder cannot be linked; rename() replaces at most an empty one. */
        if (lstat(to, &st) == 0 && !S_ISDIR(st.st_mode))
            return EEXIST;
        return rename(from, to) == 0 ? 0 : (errno == ENOTEMPTY ? EEXIST : errno);
    }
    if (link(from, to) != 0)
        return errno;
    unlink(from);
    return 0;
}

int ck_file_same(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ============================================================================
 * Batches
 * ========================================================================== */

void ck_file_batch_init(ck_file_batch *batch, ck_file_policy policy)
{
    memset(batch, 0, sizeof *batch);
    batch->policy = policy;
}

void ck_file_batch_add(ck_file_batch *batch, const char *staged, const char *target)
{
    ck_file_batch_item *item;

    if (batch->count == batch->capacity) {
        batch->capacity = batch->capacity ? batch->capacity * 2 : 4;
        batch->items = ck_realloc(batch->items, batch->capacity * sizeof *batch->items);
    }
    item = &batch->items[batch->count++];
    memset(item, 0, sizeof *item);
    item->staged = ck_strdup(staged);
    item->target = ck_strdup(target);
}

const char *ck_file_batch_stage(ck_file_batch *batch, const char *target, ck_error *err)
{
    ck_buf name = CK_BUF_INIT;
    ck_file_batch_item *item;
    sigset_t old;
    int fd;

    const char *base = strrchr(target, '/'), *dot;
    int suffix = 0;

    /* The staged name keeps the extension: writers and checks go by it. */
    base = base ? base + 1 : target;
    dot = strrchr(base, '.');
    ck_file_temp_name(target, &name);
    ck_buf_puts(&name, "XXXXXX");
    if (dot && dot != base && strlen(dot) < 16) {
        ck_buf_puts(&name, dot);
        suffix = (int)strlen(dot);
    }
    block_signals(&old); /* made and listed in one step */
    fd = mkstemps(name.data, suffix);
    if (fd < 0) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        failed(err, target, errno);
        ck_buf_free(&name);
        return NULL;
    }
    close(fd);
    ck_file_batch_add(batch, name.data, target);
    item = &batch->items[batch->count - 1];
    item->temp = ck_calloc(1, sizeof *item->temp);
    item->temp->path = item->staged;
    ck_file_temp_list(item->temp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    ck_buf_free(&name);
    return item->staged;
}

/* Copies the staged bytes into a device or FIFO. Returns 0 or errno. */
static int write_into(const char *staged, const char *target)
{
    char chunk[65536];
    ssize_t n;
    int code = 0, in = open(staged, O_RDONLY), out = in < 0 ? -1 : open(target, O_WRONLY | O_TRUNC);

    if (in < 0 || out < 0)
        code = errno;
    while (code == 0 && (n = read(in, chunk, sizeof chunk)) != 0) {
        if (n < 0) {
            if (errno != EINTR)
                code = errno;
            continue;
        }
        for (ssize_t done = 0, w; code == 0 && done < n; done += w > 0 ? w : 0)
            if ((w = write(out, chunk + done, (size_t)(n - done))) < 0 && errno != EINTR)
                code = errno;
    }
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0 && code == 0)
        code = errno;
    return code;
}

/* A staged file placed is no temporary any more. */
static void unlist_item(ck_file_batch_item *item)
{
    if (item->temp) {
        ck_file_temp_unlist(item->temp);
        free(item->temp);
        item->temp = NULL;
    }
}

/* Puts the replaced file back (or removes the new one) for an item placed. */
static void undo_item(ck_file_batch_item *item)
{
    if (!item->placed || item->written_into)
        return;
    if (item->backup) {
        rename(item->backup, item->target);
        free(item->backup);
        item->backup = NULL;
    } else {
        unlink(item->target);
    }
    item->placed = 0;
}

int ck_file_batch_commit(ck_file_batch *batch, ck_error *err)
{
    size_t i;
    int code = 0;

    for (i = 0; i < batch->count; i++) {
        ck_file_batch_item *item = &batch->items[i];
        struct stat st;

        if (stat(item->staged, &st) == 0 && !S_ISREG(st.st_mode)) {
            code = EISDIR;
            break;
        }
        if (stat(item->target, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
            if ((code = write_into(item->staged, item->target)) != 0)
                break;
            unlink(item->staged);
            item->placed = item->written_into = 1;
            unlist_item(item);
            continue;
        }
        if (lstat(item->target, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
            code = S_ISDIR(st.st_mode) ? EISDIR : EEXIST;
            break;
        }
        if (batch->policy == CK_FILE_REPLACE && lstat(item->target, &st) == 0) {
            /* Kept as a hard link until every file is in place, so a
             * failure further on can put it back. */
            ck_buf backup = CK_BUF_INIT;
            if (S_ISREG(st.st_mode))
                chmod(item->staged, st.st_mode & 07777);
            ck_buf_printf(&backup, "%s-old", item->staged);
            if (link(item->target, backup.data) == 0)
                item->backup = ck_buf_detach(&backup);
            ck_buf_free(&backup);
        } else {
            mode_t mask = umask(0);
            umask(mask);
            chmod(item->staged, 0666 & ~mask);
        }
        code = ck_file_move(item->staged, item->target, batch->policy);
        if (code != 0) {
            if (item->backup) {
                unlink(item->backup);
                free(item->backup);
                item->backup = NULL;
            }
            break;
        }
        item->placed = 1;
        unlist_item(item);
    }
    if (code != 0) {
        failed(err, batch->items[i].target, code);
        while (i-- > 0)
            undo_item(&batch->items[i]);
        return CK_EIO;
    }
    for (i = 0; i < batch->count; i++)
        if (batch->items[i].backup)
            unlink(batch->items[i].backup);
    return 0;
}

void ck_file_batch_free(ck_file_batch *batch)
{
    for (size_t i = 0; i < batch->count; i++) {
        ck_file_batch_item *item = &batch->items[i];
        if (!item->placed)
            unlink(item->staged);
        unlist_item(item);
        if (item->backup)
            unlink(item->backup);
        free(item->staged);
        free(item->target);
        free(item->backup);
    }
    free(batch->items);
    memset(batch, 0, sizeof *batch);
}

/* ============================================================================
 * Announcing the start
 * ========================================================================== */

static volatile sig_atomic_t announced;

void ck_file_announce_reset(void)
{
    announced = 0;
}

void ck_file_announce_started(void)
{
    const char *started = getenv("CLAUSEKIT_STARTED_FILE"), *hold = getenv("CLAUSEKIT_HOLD_FIFO");
    int fd;

    if (announced)
        return;
    announced = 1;
    if (started && *started && (fd = open(started, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0) {
        char line[32];
        int n = snprintf(line, sizeof line, "%ld\n", (long)getpid());
        if (write(fd, line, (size_t)n) < 0)
            n = 0;
        close(fd);
    }
    if (hold && *hold && (fd = open(hold, O_RDONLY)) >= 0) {
        char c;
        while (read(fd, &c, 1) == 1 && c != '\n')
            ;
        close(fd);
    }
}
