/* support.h — helpers shared by the unit tests (static: each test is its own
 * program). Packages are built at test time from XML strings, with the
 * project's own zip writer. */
#ifndef CK_TEST_SUPPORT_H
#define CK_TEST_SUPPORT_H

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "xml/xml.h"
#include "zip/container.h"

/* A fresh temporary folder for this test program, removed at exit. */
static __attribute__((unused)) char ck_test_dir_path[256];

static __attribute__((unused)) void ck_test_remove_dir(void)
{
    char cmd[300];
    if (ck_test_dir_path[0]) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", ck_test_dir_path);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", ck_test_dir_path);
    }
}

static __attribute__((unused)) const char *ck_test_dir(void)
{
    if (!ck_test_dir_path[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(ck_test_dir_path, sizeof ck_test_dir_path, "%s/ck-test-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(ck_test_dir_path)) {
            perror("mkdtemp");
            abort();
        }
        atexit(ck_test_remove_dir);
    }
    return ck_test_dir_path;
}

/* "<test dir>/<name>" in a static buffer (one at a time). */
static __attribute__((unused)) const char *ck_test_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", ck_test_dir(), name);
    return path;
}

/* Writes a zip package at "<test dir>/<name>" from NULL-terminated
 * (entry name, content) pairs; an entry named "mimetype" is stored.
 * Returns the path (static buffer). */
static __attribute__((unused)) const char *ck_test_package(const char *name, ...)
{
    static char path[512];
    ck_zip_writer *w = NULL;
    ck_error err;
    va_list ap;
    const char *entry;

    snprintf(path, sizeof path, "%s/%s", ck_test_dir(), name);
    ck_error_clear(&err);
    if (ck_zip_writer_open(&w, path, &err) != 0) {
        ck_error_print(&err, stderr);
        abort();
    }
    va_start(ap, name);
    while ((entry = va_arg(ap, const char *)) != NULL) {
        const char *content = va_arg(ap, const char *);
        if (ck_zip_writer_add(w, entry, content, strlen(content), strcmp(entry, "mimetype") == 0, &err) != 0) {
            ck_error_print(&err, stderr);
            abort();
        }
    }
    va_end(ap);
    if (ck_zip_writer_commit(w, &err) != 0) {
        ck_error_print(&err, stderr);
        abort();
    }
    return path;
}

/* Writes raw bytes to "<test dir>/<name>"; returns the path (static buffer). */
static __attribute__((unused)) const char *ck_test_file(const char *name, const void *data, size_t len)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", ck_test_dir(), name);
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(data, 1, len, f) != len)) {
        perror(path);
        abort();
    }
    fclose(f);
    return path;
}

/* Reads one part of a package (NUL-terminated, caller frees); fails the
 * test when the package cannot be opened or has no such part. */
static __attribute__((unused)) char *ck_test_read_part(const char *path, const char *part)
{
    ck_zip *zip = NULL;
    ck_error err;
    char *data = NULL;
    size_t len = 0;

    ck_error_clear(&err);
    if (ck_zip_open(&zip, path, NULL, &err) != 0)
        fail_msg("%s: %s", path, err.message);
    if (ck_zip_read(zip, part, 0, &data, &len, &err) != 0)
        fail_msg("%s: no part %s (%s)", path, part, err.message);
    ck_zip_close(zip);
    return data;
}

/* Asserts data is well-formed XML and returns its DOM (caller frees). */
static __attribute__((unused)) xmlDocPtr ck_test_well_formed(const char *data, const char *name)
{
    xmlDocPtr dom = NULL;
    ck_error err;

    ck_error_clear(&err);
    if (ck_xml_read_dom_memory(data, strlen(data), name, &dom, &err) != 0)
        fail_msg("%s is not well-formed: %s (line %ld)", name, err.message, err.line);
    return dom;
}

#endif
