/* build.c — zip archives written directly (see build.h). */
#include "zip/build.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/lang.h"

/* 1989-12-29 00:00 as an MS-DOS date and time: the fixed time every entry
 * carries, as the libzip writer gives (container.c). */
#define DOS_DATE ((9u << 9) | (12u << 5) | 29u)
#define DOS_TIME 0u
#define FLAG_UTF8 0x0800u
#define MADE_BY ((3u << 8) | 20u)              /* Unix, zip 2.0 */
#define REGULAR_FILE_MODE (0100666u << 16)     /* -rw-rw-rw-, as container.c gives an entry from memory */
#define LOCAL_HEADER 30u
#define CENTRAL_HEADER 46u

/* One deflate stream per thread, reset between entries. */
static _Thread_local z_stream deflater;
static _Thread_local int deflater_ready;

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xffff);
    put16(p + 2, (v >> 16) & 0xffff);
}

static int too_large(ck_error *err)
{
    return ck_error_set(err, CK_ELIMIT, "%s",
                        ck_tr("zip 檔超過 4 GiB 或 65,535 個項目；請分成幾個較小的名冊",
                              "the zip archive would pass 4 GiB or 65,535 entries; split the roster"));
}

static int deflate_failed(ck_error *err)
{
    return ck_error_set(err, CK_ENOMEM, "%s", ck_tr("無法壓縮資料（記憶體不足）", "cannot compress the data (out of memory)"));
}

int ck_zip_entry_make(ck_zip_entry *e, const void *data, size_t len, int store, ck_error *err)
{
    uLong bound;
    int zrc;

    memset(e, 0, sizeof e[0]);
    if (len > 0xfffffffeu)
        return too_large(err);
    e->size = len;
    e->crc = (uint32_t)crc32(0L, data, (uInt)len);
    if (store) {
        e->data = ck_malloc(len ? len : 1);
        if (len)
            memcpy(e->data, data, len);
        e->data_len = len;
        return 0;
    }
    if (!deflater_ready) {
        /* level 6, raw deflate (no zlib header), as zip stores it */
        if (deflateInit2(&deflater, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return deflate_failed(err);
        deflater_ready = 1;
    } else if (deflateReset(&deflater) != Z_OK) {
        return deflate_failed(err);
    }
    bound = deflateBound(&deflater, (uLong)len);
    e->data = ck_malloc(bound ? bound : 1);
    deflater.next_in = (Bytef *)(uintptr_t)data;
    deflater.avail_in = (uInt)len;
    deflater.next_out = e->data;
    deflater.avail_out = (uInt)bound;
    zrc = deflate(&deflater, Z_FINISH);
    if (zrc != Z_STREAM_END) {
        ck_zip_entry_free(e);
        return deflate_failed(err);
    }
    e->data_len = (size_t)deflater.total_out;
    e->deflated = 1;
    return 0;
}

void ck_zip_entry_free(ck_zip_entry *e)
{
    if (!e)
        return;
    free(e->data);
    memset(e, 0, sizeof e[0]);
}

void ck_zip_build_init(ck_zip_build *b, ck_zip_sink sink, void *ctx)
{
    memset(b, 0, sizeof b[0]);
    b->sink = sink;
    b->ctx = ctx;
}

/* The fields the local and the central header share, from "version
 * needed" to the name's length. */
static void put_common(unsigned char *p, const ck_zip_entry *e, size_t name_len)
{
    put16(p, 20);
    put16(p + 2, FLAG_UTF8);
    put16(p + 4, e->deflated ? 8 : 0);
    put16(p + 6, DOS_TIME);
    put16(p + 8, DOS_DATE);
    put32(p + 10, e->crc);
    put32(p + 14, (uint32_t)e->data_len);
    put32(p + 18, (uint32_t)e->size);
    put16(p + 22, (unsigned)name_len);
}

int ck_zip_build_add(ck_zip_build *b, const char *name, const ck_zip_entry *e, ck_error *err)
{
    unsigned char local[LOCAL_HEADER], central[CENTRAL_HEADER];
    size_t name_len = strlen(name);
    int rc;

    if (b->count >= 0xffff || name_len > 0xffff || e->size > 0xfffffffeu ||
        b->offset + LOCAL_HEADER + name_len + e->data_len > 0xfffffffeu)
        return too_large(err);
    put32(local, 0x04034b50);
    put_common(local + 4, e, name_len);
    put16(local + 28, 0); /* extra field */
    put32(central, 0x02014b50);
    put16(central + 4, MADE_BY);
    put_common(central + 6, e, name_len);
    put16(central + 30, 0);  /* extra field */
    put16(central + 32, 0);  /* comment */
    put16(central + 34, 0);  /* disk */
    put16(central + 36, 0);  /* internal attributes */
    put32(central + 38, REGULAR_FILE_MODE);
    put32(central + 42, (uint32_t)b->offset);
    if ((rc = b->sink(b->ctx, local, sizeof local, err)) != 0 || (rc = b->sink(b->ctx, name, name_len, err)) != 0 ||
        (e->data_len && (rc = b->sink(b->ctx, e->data, e->data_len, err)) != 0))
        return rc;
    ck_buf_append(&b->central, central, sizeof central);
    ck_buf_append(&b->central, name, name_len);
    b->offset += LOCAL_HEADER + name_len + e->data_len;
    b->count++;
    return 0;
}

int ck_zip_build_add_data(ck_zip_build *b, const char *name, const void *data, size_t len, int store,
                          ck_error *err)
{
    ck_zip_entry e;
    int rc = ck_zip_entry_make(&e, data, len, store, err);

    if (rc == 0)
        rc = ck_zip_build_add(b, name, &e, err);
    ck_zip_entry_free(&e);
    return rc;
}

int ck_zip_build_finish(ck_zip_build *b, ck_error *err)
{
    unsigned char end[22];
    int rc;

    if (b->offset + b->central.len > 0xfffffffeu)
        return too_large(err);
    put32(end, 0x06054b50);
    put16(end + 4, 0);                           /* this disk */
    put16(end + 6, 0);                           /* the central directory's disk */
    put16(end + 8, (unsigned)b->count);          /* entries on this disk */
    put16(end + 10, (unsigned)b->count);         /* entries */
    put32(end + 12, (uint32_t)b->central.len);   /* central directory size */
    put32(end + 16, (uint32_t)b->offset);        /* and where it starts */
    put16(end + 20, 0);                          /* comment */
    if (b->central.len && (rc = b->sink(b->ctx, b->central.data, b->central.len, err)) != 0)
        return rc;
    return b->sink(b->ctx, end, sizeof end, err);
}

void ck_zip_build_free(ck_zip_build *b)
{
    ck_buf_free(&b->central);
    memset(b, 0, sizeof b[0]);
}

int ck_zip_sink_buf(void *ctx, const void *data, size_t len, ck_error *err)
{
    (void)err;
    ck_buf_append(ctx, data, len);
    return 0;
}
