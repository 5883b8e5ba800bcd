/* auth.c — the --auth file: "user:crypt(3) hash" lines, checked with the C
 * library's crypt_r (libcrypt), so hashes from `clausekit serve
 * --hash-password`, mkpasswd(1) or /etc/shadow all work. */
#include "serve/serve.h"

#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/lang.h"

/* A password file is a few lines; anything larger is not one. */
#define AUTH_MAX_BYTES (1024 * 1024)

typedef struct auth_user {
    char *name;
    char *hash;
} auth_user;

struct ck_serve_auth {
    auth_user *users;
    size_t count;
};

void ck_serve_auth_free(ck_serve_auth *auth)
{
    if (!auth)
        return;
    for (size_t i = 0; i < auth->count; i++) {
        free(auth->users[i].name);
        free(auth->users[i].hash);
    }
    free(auth->users);
    free(auth);
}

int ck_serve_auth_load(const char *path, ck_serve_auth **out, char *message, size_t size)
{
    ck_buf text = CK_BUF_INIT;
    ck_serve_auth *auth;
    ck_error err;
    long number = 0;
    char *next;

    *out = NULL;
    ck_error_clear(&err);
    if (ck_fs_read_all(path, AUTH_MAX_BYTES, ck_tr("密碼檔", "the password file"), &text, &err) != 0) {
        ck_error_format(&err, message, size);
        ck_buf_free(&text);
        return -1;
    }
    auth = ck_calloc(1, sizeof *auth);
    for (char *line = text.data; line; line = next) {
        size_t len;
        char *colon;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        number++;
        len = strlen(line);
        while (len && line[len - 1] == '\r')
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        colon = strchr(line, ':');
        if (!colon || colon == line || colon[1] != '$') {
            snprintf(message, size, ck_tr("%s:%ld: 每一行須是「使用者:雜湊」，雜湊由 clausekit serve --hash-password 產生",
                                          "%s:%ld: each line must be 'user:hash', the hash from clausekit serve --hash-password"),
                     path, number);
            ck_buf_free(&text);
            ck_serve_auth_free(auth);
            return -1;
        }
        *colon = '\0';
        auth->users = ck_realloc(auth->users, sizeof *auth->users * (auth->count + 1));
        auth->users[auth->count].name = ck_strdup(line);
        auth->users[auth->count].hash = ck_strdup(colon + 1);
        auth->count++;
    }
    ck_buf_free(&text);
    if (auth->count == 0) {
        snprintf(message, size, ck_tr("%s: 沒有任何使用者；請加入「使用者:雜湊」行", "%s: no users; add 'user:hash' lines"),
                 path);
        ck_serve_auth_free(auth);
        return -1;
    }
    *out = auth;
    return 0;
}

/* Compares all of a and b whatever differs first, so the time taken says
 * nothing about the hash. */
static int same_string(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = (unsigned char)(la != lb);
    for (size_t i = 0; i < la && i < lb; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

int ck_serve_auth_check(const ck_serve_auth *auth, const char *user, const char *password)
{
    struct crypt_data *data;
    int ok = 0;

    if (!auth || !user || !password)
        return 0;
    data = ck_calloc(1, sizeof *data);
    for (size_t i = 0; i < auth->count; i++) {
        const char *hashed;
        if (strcmp(auth->users[i].name, user) != 0)
            continue;
        hashed = crypt_r(password, auth->users[i].hash, data);
        if (hashed && hashed[0] != '*' && same_string(hashed, auth->users[i].hash))
            ok = 1;
        break;
    }
    free(data);
    return ok;
}

int ck_serve_hash_password(const char *password, char *hash, size_t size)
{
    struct crypt_data *data = ck_calloc(1, sizeof *data);
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    const char *hashed;
    int rc = -1;

    /* NULL random bytes: crypt_gensalt_rn reads the system's random source. */
    if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) &&
        !crypt_gensalt_rn("$6$", 0, NULL, 0, salt, sizeof salt))
        goto done;
    hashed = crypt_r(password, salt, data);
    if (!hashed || hashed[0] == '*' || strlen(hashed) + 1 > size)
        goto done;
    memcpy(hash, hashed, strlen(hashed) + 1);
    rc = 0;
done:
    free(data);
    return rc;
}
