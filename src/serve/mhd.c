/* mhd.c — loading libmicrohttpd for `clausekit serve`; see mhd.h. */
#include "serve/mhd.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util/lang.h"

ck_mhd_functions ck_mhd;

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

/* Each entry point: its name in the library and its slot in the table. */
#define ENTRY(name) { "MHD_" #name, (void **)&loaded.name }

int ck_mhd_load(char *message, size_t size)
{
    static int done;
    ck_mhd_functions loaded;
    const struct {
        const char *symbol;
        void **slot;
    } entries[] = {
        ENTRY(start_daemon),
        ENTRY(stop_daemon),
        ENTRY(lookup_connection_value),
        ENTRY(create_response_from_buffer),
        ENTRY(create_response_from_fd),
        ENTRY(add_response_header),
        ENTRY(queue_response),
        ENTRY(destroy_response),
        ENTRY(create_post_processor),
        ENTRY(post_process),
        ENTRY(destroy_post_processor),
        ENTRY(basic_auth_get_username_password),
        ENTRY(queue_basic_auth_fail_response),
        ENTRY(free),
    };
    int rc = 0;

    pthread_mutex_lock(&load_lock);
    if (done)
        goto out;
    void *library = dlopen(CK_MHD_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *why = dlerror();
        snprintf(message, size,
                 ck_tr("無法載入網頁服務需要的 %s（%s）；請安裝 libmicrohttpd12 套件（make deps）",
                       "cannot load %s, which the web service needs (%s): install the libmicrohttpd12 package (make deps)"),
                 CK_MHD_LIBRARY, why ? why : "");
        rc = -1;
        goto out;
    }
    memset(&loaded, 0, sizeof loaded);
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
        /* POSIX: a function pointer is copied from what dlsym gives */
        void *address = dlsym(library, entries[i].symbol);
        if (!address) {
            snprintf(message, size,
                     ck_tr("%s 缺少 %s；請安裝 Debian 12 的 libmicrohttpd12 套件（make deps）",
                           "%s has no %s: install Debian 12's libmicrohttpd12 package (make deps)"),
                     CK_MHD_LIBRARY, entries[i].symbol);
            dlclose(library);
            rc = -1;
            goto out;
        }
        memcpy(entries[i].slot, &address, sizeof address);
    }
    ck_mhd = loaded; /* the library stays loaded while the program runs */
    done = 1;
out:
    pthread_mutex_unlock(&load_lock);
    return rc;
}
