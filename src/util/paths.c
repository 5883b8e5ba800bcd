#include "util/paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fs.h"

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int has_data(const char *dir)
{
    ck_buf b = CK_BUF_INIT;
    int ok;

    ck_buf_printf(&b, "%s/rules", dir);
    ok = ck_fs_is_dir(b.data);
    ck_buf_clear(&b);
    ck_buf_printf(&b, "%s/templates", dir);
    ok = ok && ck_fs_is_dir(b.data);
    ck_buf_free(&b);
    return ok;
}

static char *find_data_dir(void)
{
    const char *env = getenv("CLAUSEKIT_DATA");
    char exe[PATH_MAX];
    ssize_t n;

    if (env && *env)
        return ck_strdup(env);
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        ck_buf b = CK_BUF_INIT;
        ck_buf_printf(&b, "%s/../share/clausekit", exe);
        if (has_data(b.data)) {
            char *resolved = realpath(b.data, NULL);
            if (resolved) {
                ck_buf_free(&b);
                return resolved;
            }
            return ck_buf_detach(&b);
        }
        ck_buf_free(&b);
        /* A build tree: build/clausekit or build/asan/clausekit. */
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s", exe);
        for (int up = 0; up < 4; up++) {
            char probe[PATH_MAX + 16];
            snprintf(probe, sizeof probe, "%s/src/main.c", dir);
            if (is_file(probe) && has_data(dir))
                return ck_strdup(dir);
            char *s = strrchr(dir, '/');
            if (!s || s == dir)
                break;
            *s = '\0';
        }
    }
    return ck_strdup(CK_DATADIR);
}

static char *data_dir;

static void free_data_dir(void)
{
    free(data_dir);
}

const char *ck_data_dir(void)
{
    if (!data_dir) {
        data_dir = find_data_dir();
        atexit(free_data_dir);
    }
    return data_dir;
}

char *ck_data_path(const char *sub)
{
    ck_buf b = CK_BUF_INIT;
    ck_buf_printf(&b, "%s/%s", ck_data_dir(), sub);
    return ck_buf_detach(&b);
}
