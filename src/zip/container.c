#include "zip/container.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "util/buf.h"
#include "util/file.h"
#include "util/lang.h"

struct ck_zip {
    zip_t *archive;
    char *path;
    char **names;        /* entry names, owned */
    size_t count;
    ck_zip_limits limits;
    uint64_t total_read; /* inflated bytes read so far, all entries */
};

/* Deflated and stored entries are read as their raw bytes and inflated
 * here, so the ratio is watched against the compressed bytes actually
 * consumed, whatever the headers say; other methods go through libzip. */
enum { STREAM_LIBZIP, STREAM_STORED, STREAM_DEFLATED };

struct ck_zip_stream {
    ck_zip *zip;
    zip_file_t *file;
    char *name;
    int mode;
    uint64_t compressed;  /* STREAM_LIBZIP: the header's compressed size */
    uint64_t consumed;    /* compressed bytes consumed so far */
    uint64_t read;        /* bytes inflated so far */
    uint64_t size;        /* inflated size the headers give, when known */
    int size_known, crc_known, eof, inflating;
    uint32_t crc, expected_crc;
    z_stream z;
    unsigned char in[16384];
};

void ck_zip_limits_default(ck_zip_limits *limits)
{
    limits->max_entries = 10000;
    limits->max_entry_bytes = (uint64_t)CK_ZIP_MAX_PART_MB << 20;
    limits->max_total_bytes = (uint64_t)2 * CK_ZIP_MAX_PART_MB << 20;
    limits->max_ratio = CK_ZIP_MAX_RATIO;
    limits->ratio_floor = (uint64_t)1 << 20;
}

/* ---- sniffing --------------------------------------------------------------- */

static const unsigned char ole_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

/* Looks for an OLE directory entry name (UTF-16LE) anywhere in the file. */
static int file_has_utf16_name(FILE *f, const char *ascii)
{
    unsigned char pattern[64];
    size_t plen = 0;
    for (const char *p = ascii; *p && plen + 2 <= sizeof pattern; p++) {
        pattern[plen++] = (unsigned char)*p;
        pattern[plen++] = 0;
    }
    unsigned char buf[65536 + 64];
    size_t keep = 0, n;
    uint64_t scanned = 0;

    rewind(f);
    while ((n = fread(buf + keep, 1, sizeof buf - keep, f)) > 0 && scanned < ((uint64_t)256 << 20)) {
        size_t have = keep + n;
        for (size_t i = 0; i + plen <= have; i++)
            if (buf[i] == pattern[0] && memcmp(buf + i, pattern, plen) == 0)
                return 1;
        keep = have < plen ? have : plen - 1;
        memmove(buf, buf + have - keep, keep);
        scanned += n;
    }
    return 0;
}

static int sniff(const char *path, ck_error *err)
{
    FILE *f = fopen(path, "rb");
    unsigned char head[8] = { 0 };
    size_t n;
    int rc = 0;

    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (f)
            fclose(f);
        return ck_error_set(err, CK_EINPUT, "%s",
                            ck_tr("這是資料夾，不是檔案；請指定資料夾中的契約檔（.docx 或 .odt）",
                                  "this is a folder, not a file; name the contract (.docx or .odt) inside it"));
    }
    if (!f)
        return ck_error_set(err, errno == ENOENT ? CK_EINPUT : CK_EIO, "%s",
                            errno == ENOENT ? ck_tr("找不到檔案；請確認路徑與檔名", "no such file; check the path and name")
                                            : ck_tr("無法開啟檔案；請確認有讀取權限", "cannot open the file; check that you may read it"));
    n = fread(head, 1, sizeof head, f);
    if (n == 0) {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("檔案是空的（0 位元組）；請確認檔案已完整儲存或下載",
                                "the file is empty (0 bytes); check that it was saved or downloaded completely"));
    } else if (n == 8 && memcmp(head, ole_magic, 8) == 0) {
        if (file_has_utf16_name(f, "EncryptedPackage") || file_has_utf16_name(f, "EncryptionInfo"))
            rc = ck_error_set(err, CK_EINPUT, "%s",
                              ck_tr("檔案有密碼保護（加密的 Office 檔）；請在 Word 移除密碼，另存為未加密的 .docx 後再試",
                                    "the file is password-protected (an encrypted Office file); remove the password in Word and save it as an unprotected .docx"));
        else if (file_has_utf16_name(f, "WordDocument"))
            rc = ck_error_set(err, CK_EINPUT, "%s",
                              ck_tr("這是舊版 Word 97-2003 文件（.doc）；請在 Word 或 LibreOffice 另存為 .docx 或 .odt 後再試",
                                    "this is a legacy Word 97-2003 document (.doc); save it as .docx or .odt in Word or LibreOffice"));
        else
            rc = ck_error_set(err, CK_EINPUT, "%s",
                              ck_tr("這是舊版 Office（OLE）檔案，不是 DOCX 或 ODT；請另存為 .docx 或 .odt 後再試",
                                    "this is a legacy Office (OLE) file, not DOCX or ODT; save it as .docx or .odt"));
    } else if (n >= 5 && memcmp(head, "%PDF-", 5) == 0) {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("這是 PDF 檔，不是 DOCX 或 ODT（可能只是改了副檔名）；請取得契約的 Word 或 LibreOffice 原始檔",
                                "this is a PDF file, not DOCX or ODT (perhaps renamed); get the contract's Word or "
                                "LibreOffice original"));
    } else if (n >= 5 && memcmp(head, "{\\rtf", 5) == 0) {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("這是 RTF 檔，不是 DOCX 或 ODT；請在 Word 或 LibreOffice 另存為 .docx 或 .odt",
                                "this is an RTF file, not DOCX or ODT; save it as .docx or .odt in Word or LibreOffice"));
    } else if (n < 4 || head[0] != 'P' || head[1] != 'K') {
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("不是 DOCX 或 ODT 檔案（不是 zip 格式）；請在 Word 或 LibreOffice 另存為 .docx 或 .odt",
                                "not a DOCX or ODT file (not a zip package); save it as .docx or .odt in Word or LibreOffice"));
    }
    fclose(f);
    return rc;
}

/* ---- reading ---------------------------------------------------------------- */

static int compare_nocase(const void *a, const void *b)
{
    return strcasecmp(*(char *const *)a, *(char *const *)b);
}

static int corrupt(ck_error *err, const char *detail)
{
    return ck_error_set(err, CK_EINPUT, ck_tr("檔案已損毀或不完整（%s）；請重新取得或重新儲存原始檔案",
                                              "the file is damaged or incomplete (%s); get or save the original again"),
                        detail);
}

int ck_zip_open(ck_zip **out, const char *path, const ck_zip_limits *limits, ck_error *err)
{
    ck_zip *zip = NULL;
    char **sorted = NULL;
    int errcode = 0, rc = 0;

    *out = NULL;
    if ((rc = sniff(path, err)) != 0)
        goto done;

    zip = ck_calloc(1, sizeof *zip);
    zip->path = ck_strdup(path);
    if (limits)
        zip->limits = *limits;
    else
        ck_zip_limits_default(&zip->limits);

    zip->archive = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &errcode);
    if (!zip->archive && errcode == ZIP_ER_EXISTS) {
        /* libzip itself refuses a central directory naming one entry twice. */
        rc = ck_error_set(err, CK_EINPUT, "%s",
                          ck_tr("壓縮檔內有兩個同名的項目；檔案已損毀或遭竄改，請用 Word 或 LibreOffice 重新儲存",
                                "the package has two entries named alike; it is damaged or tampered with: save it again in Word or LibreOffice"));
        goto done;
    }
    if (!zip->archive) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, errcode);
        rc = corrupt(err, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        goto done;
    }
    zip_int64_t count = zip_get_num_entries(zip->archive, 0);
    if (count < 0) {
        rc = corrupt(err, "central directory");
        goto done;
    }
    if ((uint64_t)count > zip->limits.max_entries) {
        rc = ck_error_set(err, CK_ELIMIT,
                          ck_tr("壓縮檔內項目過多（%lld 個，上限 %llu 個）；這不是一般的文件檔，可能是惡意檔案",
                                "too many entries in the package (%lld, the limit is %llu); this is not an ordinary document and may be hostile"),
                          (long long)count, (unsigned long long)zip->limits.max_entries);
        goto done;
    }
    zip->count = (size_t)count;
    zip->names = ck_calloc(zip->count ? zip->count : 1, sizeof *zip->names);
    for (size_t i = 0; i < zip->count; i++) {
        const char *name = zip_get_name(zip->archive, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        if (!name) {
            rc = corrupt(err, "entry name");
            goto done;
        }
        zip->names[i] = ck_strdup(name);
    }
    sorted = ck_malloc((zip->count ? zip->count : 1) * sizeof *sorted);
    memcpy(sorted, zip->names, zip->count * sizeof *sorted);
    qsort(sorted, zip->count, sizeof *sorted, compare_nocase);
    for (size_t i = 1; i < zip->count; i++) {
        if (strcasecmp(sorted[i - 1], sorted[i]) == 0) {
            rc = ck_error_set(err, CK_EINPUT,
                              ck_tr("壓縮檔內有重複的項目名稱「%s」；檔案已損毀或遭竄改，請用 Word 或 LibreOffice 重新儲存",
                                    "the package has two entries named '%s'; it is damaged or tampered with: save it again in Word or LibreOffice"),
                              sorted[i]);
            goto done;
        }
    }
done:
    free(sorted);
    if (rc != 0) {
        ck_error_set_file(err, path);
        ck_zip_close(zip);
        return rc;
    }
    *out = zip;
    return 0;
}

void ck_zip_close(ck_zip *zip)
{
    if (!zip)
        return;
    if (zip->archive)
        zip_discard(zip->archive);
    for (size_t i = 0; i < zip->count; i++)
        free(zip->names[i]);
    free(zip->names);
    free(zip->path);
    free(zip);
}

const char *ck_zip_path(const ck_zip *zip)
{
    return zip->path;
}

size_t ck_zip_count(const ck_zip *zip)
{
    return zip->count;
}

const char *ck_zip_name(const ck_zip *zip, size_t i)
{
    return i < zip->count ? zip->names[i] : NULL;
}

long ck_zip_find(const ck_zip *zip, const char *name)
{
    for (size_t i = 0; i < zip->count; i++)
        if (strcmp(zip->names[i], name) == 0)
            return (long)i;
    return -1;
}

long ck_zip_find_nocase(const ck_zip *zip, const char *name)
{
    long exact = ck_zip_find(zip, name);
    if (exact >= 0)
        return exact;
    for (size_t i = 0; i < zip->count; i++)
        if (strcasecmp(zip->names[i], name) == 0)
            return (long)i;
    return -1;
}

int ck_zip_stream_open(ck_zip *zip, const char *name, ck_zip_stream **out, ck_error *err)
{
    long index = ck_zip_find_nocase(zip, name);
    zip_stat_t st;
    ck_zip_stream *s;

    *out = NULL;
    if (index < 0) {
        ck_error_set(err, CK_EINPUT, ck_tr("文件套件中缺少「%s」；檔案不完整，請重新儲存",
                                           "the package has no '%s'; it is incomplete: save it again"),
                     name);
        ck_error_set_file(err, zip->path);
        return CK_EINPUT;
    }
    zip_stat_init(&st);
    if (zip_stat_index(zip->archive, (zip_uint64_t)index, 0, &st) != 0) {
        corrupt(err, zip_strerror(zip->archive));
        ck_error_set_file(err, zip->path);
        return CK_EINPUT;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        ck_error_set(err, CK_EINPUT, "%s",
                     ck_tr("文件內容已加密；請移除密碼，另存為未加密的檔案後再試",
                           "the document's contents are encrypted; remove the password and save an unencrypted copy"));
        ck_error_set_file(err, zip->path);
        return CK_EINPUT;
    }
    s = ck_calloc(1, sizeof *s);
    s->zip = zip;
    s->name = ck_strdup(zip->names[index]);
    s->compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    s->size_known = (st.valid & ZIP_STAT_SIZE) != 0;
    s->size = st.size;
    s->crc_known = (st.valid & ZIP_STAT_CRC) != 0;
    s->expected_crc = st.crc;
    s->crc = (uint32_t)crc32(0L, Z_NULL, 0);
    s->mode = STREAM_LIBZIP;
    if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_DEFLATE)
        s->mode = STREAM_DEFLATED;
    else if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE)
        s->mode = STREAM_STORED;
    if (s->mode == STREAM_DEFLATED) {
        if (inflateInit2(&s->z, -MAX_WBITS) != Z_OK) {
            ck_zip_stream_close(s);
            return ck_error_set(err, CK_ENOMEM, "%s", ck_tr("記憶體不足", "out of memory"));
        }
        s->inflating = 1;
    }
    s->file = zip_fopen_index(zip->archive, (zip_uint64_t)index, s->mode == STREAM_LIBZIP ? 0 : ZIP_FL_COMPRESSED);
    if (!s->file) {
        corrupt(err, zip_strerror(zip->archive));
        ck_error_set_file(err, zip->path);
        ck_error_set_part(err, s->name);
        ck_zip_stream_close(s);
        return CK_EINPUT;
    }
    *out = s;
    return 0;
}

static int bomb(ck_zip_stream *s, ck_error *err)
{
    ck_error_set(err, CK_ELIMIT,
                 ck_tr("解壓縮後超過安全上限（單一項目 %llu MB、總計 %llu MB、壓縮比 %llu 倍）；檔案可能是惡意的 zip 炸彈，請勿開啟",
                       "inflates past the safety limits (%llu MB an entry, %llu MB in all, ratio %llu); the file may be a zip bomb: do not open it"),
                 (unsigned long long)(s->zip->limits.max_entry_bytes >> 20),
                 (unsigned long long)(s->zip->limits.max_total_bytes >> 20),
                 (unsigned long long)s->zip->limits.max_ratio);
    ck_error_set_file(err, s->zip->path);
    ck_error_set_part(err, s->name);
    return CK_ELIMIT;
}

static long stream_corrupt(ck_zip_stream *s, const char *detail, ck_error *err)
{
    corrupt(err, detail);
    ck_error_set_file(err, s->zip->path);
    ck_error_set_part(err, s->name);
    return CK_EINPUT;
}

/* Raw bytes of the entry into s->in; returns the count, 0 at its end. */
static long raw_read(ck_zip_stream *s, void *buf, size_t size, ck_error *err)
{
    zip_int64_t n = zip_fread(s->file, buf, size);
    if (n < 0)
        return stream_corrupt(s, zip_file_strerror(s->file), err);
    return (long)n;
}

/* Up to size inflated bytes: 0 only at the end of the data. */
static long inflate_some(ck_zip_stream *s, unsigned char *buf, size_t size, ck_error *err)
{
    if (s->eof)
        return 0;
    s->z.next_out = buf;
    s->z.avail_out = (uInt)size;
    while (s->z.avail_out == size) {
        if (s->z.avail_in == 0) {
            long n = raw_read(s, s->in, sizeof s->in, err);
            if (n < 0)
                return n;
            if (n == 0)
                return stream_corrupt(s, "deflate data ends early", err);
            s->z.next_in = s->in;
            s->z.avail_in = (uInt)n;
        }
        uInt before = s->z.avail_in;
        int zr = inflate(&s->z, Z_NO_FLUSH);
        s->consumed += before - s->z.avail_in;
        if (zr == Z_STREAM_END) {
            s->eof = 1;
            break;
        }
        if (zr != Z_OK)
            return stream_corrupt(s, s->z.msg ? s->z.msg : "deflate data", err);
    }
    return (long)(size - s->z.avail_out);
}

long ck_zip_stream_read(ck_zip_stream *s, void *buf, size_t size, ck_error *err)
{
    const ck_zip_limits *lim = &s->zip->limits;
    long n;

    if (size > (size_t)1 << 30)
        size = (size_t)1 << 30;
    if (s->mode == STREAM_DEFLATED) {
        n = inflate_some(s, buf, size, err);
    } else {
        n = raw_read(s, buf, size, err);
        if (s->mode == STREAM_STORED)
            s->consumed += n > 0 ? (uint64_t)n : 0;
    }
    if (n < 0)
        return n;
    s->read += (uint64_t)n;
    s->zip->total_read += (uint64_t)n;
    if (s->read > lim->max_entry_bytes || s->zip->total_read > lim->max_total_bytes)
        return bomb(s, err);
    uint64_t base = s->mode == STREAM_LIBZIP ? s->compressed : s->consumed;
    if (s->read > lim->ratio_floor && s->read / (base ? base : 1) > lim->max_ratio)
        return bomb(s, err);
    if (s->mode == STREAM_LIBZIP)
        return n;
    /* libzip checks these itself only when it inflates. */
    if (s->size_known && s->read > s->size)
        return stream_corrupt(s, ck_tr("內容比標頭所載的大小還長", "longer than its header says"), err);
    s->crc = (uint32_t)crc32(s->crc, buf, (uInt)n);
    if (n == 0 && ((s->size_known && s->read != s->size) || (s->crc_known && s->crc != s->expected_crc)))
        return stream_corrupt(s, "CRC", err);
    return n;
}

void ck_zip_stream_close(ck_zip_stream *s)
{
    if (!s)
        return;
    if (s->file)
        zip_fclose(s->file);
    if (s->inflating)
        inflateEnd(&s->z);
    free(s->name);
    free(s);
}

int ck_zip_read(ck_zip *zip, const char *name, size_t max_bytes, char **data, size_t *len,
                ck_error *err)
{
    ck_zip_stream *s = NULL;
    ck_buf b = CK_BUF_INIT;
    char chunk[65536];
    long n;
    int rc;

    *data = NULL;
    if (len)
        *len = 0;
    if ((rc = ck_zip_stream_open(zip, name, &s, err)) != 0)
        return rc;
    while ((n = ck_zip_stream_read(s, chunk, sizeof chunk, err)) > 0) {
        if (max_bytes && b.len + (size_t)n > max_bytes) {
            rc = bomb(s, err);
            goto done;
        }
        ck_buf_append(&b, chunk, (size_t)n);
    }
    if (n < 0) {
        rc = (int)n;
        goto done;
    }
    if (len)
        *len = b.len;
    *data = ck_buf_detach(&b);
done:
    ck_buf_free(&b);
    ck_zip_stream_close(s);
    return rc;
}

/* ---- writing ---------------------------------------------------------------- */

/* The archive is built in memory and written once, at commit, into a
 * temporary file made at open (so a folder that cannot be written is known
 * before any work is done), which is then renamed into place. */
struct ck_zip_writer {
    zip_t *archive;
    zip_source_t *memory; /* the archive's bytes, kept past zip_close */
    ck_file_out out;      /* the file they go to (util/file.h) */
    char *path;
};

static int write_failed(ck_error *err, const char *path, const char *why)
{
    ck_error_set(err, CK_EIO, ck_tr("無法寫入檔案（%s）；請確認資料夾存在、可寫入且磁碟有空間",
                                    "cannot write the file (%s); check that the folder exists, is writable and has space"),
                 why);
    ck_error_set_file(err, path);
    return CK_EIO;
}

static void writer_free(ck_zip_writer *w)
{
    ck_file_out_abort(&w->out);
    if (w->memory)
        zip_source_free(w->memory);
    free(w->path);
    free(w);
}

int ck_zip_writer_open(ck_zip_writer **out, const char *path, ck_error *err)
{
    ck_zip_writer *w = ck_calloc(1, sizeof *w);
    zip_error_t ze;
    int rc;

    *out = NULL;
    if ((rc = ck_file_out_open(&w->out, path, err)) != 0) {
        free(w);
        return rc;
    }
    w->path = ck_strdup(path);
    zip_error_init(&ze);
    w->memory = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (w->memory) {
        zip_source_keep(w->memory);
        w->archive = zip_open_from_source(w->memory, ZIP_TRUNCATE, &ze);
    }
    if (!w->archive) {
        write_failed(err, path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        writer_free(w);
        return CK_EIO;
    }
    zip_error_fini(&ze);
    *out = w;
    return 0;
}

int ck_zip_writer_open_memory(ck_zip_writer **out, ck_error *err)
{
    ck_zip_writer *w = ck_calloc(1, sizeof *w);
    zip_error_t ze;

    *out = NULL;
    w->out.fd = -1;
    w->path = ck_strdup("");
    zip_error_init(&ze);
    w->memory = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (w->memory) {
        zip_source_keep(w->memory);
        w->archive = zip_open_from_source(w->memory, ZIP_TRUNCATE, &ze);
    }
    if (!w->archive) {
        write_failed(err, "", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        writer_free(w);
        return CK_EIO;
    }
    zip_error_fini(&ze);
    *out = w;
    return 0;
}

/* The in-memory archive appended to out. */
static int copy_out(ck_zip_writer *w, ck_buf *out, ck_error *err)
{
    char buf[65536];
    zip_int64_t n;

    if (zip_source_open(w->memory) != 0)
        return write_failed(err, w->path, zip_error_strerror(zip_source_error(w->memory)));
    while ((n = zip_source_read(w->memory, buf, sizeof buf)) > 0)
        ck_buf_append(out, buf, (size_t)n);
    zip_source_close(w->memory);
    return n < 0 ? write_failed(err, w->path, zip_error_strerror(zip_source_error(w->memory))) : 0;
}

int ck_zip_writer_commit_memory(ck_zip_writer *w, ck_buf *out, ck_error *err)
{
    int rc;

    if (zip_close(w->archive) != 0) {
        rc = write_failed(err, w->path, zip_strerror(w->archive));
        zip_discard(w->archive);
    } else {
        rc = copy_out(w, out, err);
    }
    writer_free(w);
    return rc;
}

static int add_source(ck_zip_writer *w, const char *name, zip_source_t *src, int store, ck_error *err);

int ck_zip_writer_add_stream(ck_zip_writer *w, const char *name, FILE *file, int store, ck_error *err)
{
    zip_source_t *src;

    if (fflush(file) != 0) {
        fclose(file);
        return write_failed(err, w->path, ck_strerror(errno));
    }
    /* libzip gives the entry the file's mode: that of an entry from memory */
    fchmod(fileno(file), 0666);
    rewind(file);
    src = zip_source_filep(w->archive, file, 0, -1);
    if (!src)
        fclose(file);
    return add_source(w, name, src, store, err);
}

static int add_source(ck_zip_writer *w, const char *name, zip_source_t *src, int store, ck_error *err)
{
    zip_int64_t index;

    if (!src)
        return write_failed(err, w->path, zip_strerror(w->archive));
    index = zip_file_add(w->archive, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
        zip_source_free(src);
        return write_failed(err, w->path, zip_strerror(w->archive));
    }
    if (store >= 0)
        zip_set_file_compression(w->archive, (zip_uint64_t)index, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 store ? 0 : 6);
    /* A fixed time keeps output reproducible: the same input gives the same bytes. */
    zip_file_set_mtime(w->archive, (zip_uint64_t)index, 315532800 + 86400 * 365 * 10, 0);
    return 0;
}

int ck_zip_writer_add_owned(ck_zip_writer *w, const char *name, void *data, size_t len, int store,
                            ck_error *err)
{
    zip_source_t *src;
    if (len == 0) {
        /* libzip does not free an empty buffer it was given to own. */
        free(data);
        src = zip_source_buffer(w->archive, NULL, 0, 0);
    } else {
        src = zip_source_buffer(w->archive, data, len, 1);
        if (!src)
            free(data);
    }
    return add_source(w, name, src, store, err);
}

int ck_zip_writer_add(ck_zip_writer *w, const char *name, const void *data, size_t len, int store,
                      ck_error *err)
{
    void *copy = ck_malloc(len ? len : 1);
    if (len)
        memcpy(copy, data, len);
    return ck_zip_writer_add_owned(w, name, copy, len, store, err);
}

int ck_zip_writer_copy_raw(ck_zip_writer *w, ck_zip *src, const char *name, ck_error *err)
{
    long index = ck_zip_find(src, name);
    zip_source_t *source;

    zip_stat_t st;

    if (index < 0)
        return ck_error_set(err, CK_EINPUT, "no entry '%s' to copy", name);
    /* A stored entry (a PNG, ODF's mimetype) stays stored: libzip would
     * deflate it otherwise. */
    zip_stat_init(&st);
    int stored = zip_stat_index(src->archive, (zip_uint64_t)index, 0, &st) == 0 &&
                 (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE;
    source = zip_source_zip(w->archive, src->archive, (zip_uint64_t)index, ZIP_FL_COMPRESSED, 0, -1);
    return add_source(w, name, source, stored ? 1 : -1, err);
}

/* Copies the in-memory archive into the output. */
static int write_out(ck_zip_writer *w, ck_error *err)
{
    char buf[65536];
    zip_int64_t n;
    int rc = 0;

    if (zip_source_open(w->memory) != 0)
        return write_failed(err, w->path, zip_error_strerror(zip_source_error(w->memory)));
    while (rc == 0 && (n = zip_source_read(w->memory, buf, sizeof buf)) > 0)
        rc = ck_file_out_write(&w->out, buf, (size_t)n, err);
    if (rc == 0 && n < 0)
        rc = write_failed(err, w->path, zip_error_strerror(zip_source_error(w->memory)));
    zip_source_close(w->memory);
    return rc;
}

int ck_zip_writer_commit(ck_zip_writer *w, ck_error *err)
{
    int rc;

    if (zip_close(w->archive) != 0) {
        rc = write_failed(err, w->path, zip_strerror(w->archive));
        zip_discard(w->archive);
    } else if ((rc = write_out(w, err)) == 0) {
        rc = ck_file_out_commit(&w->out, err);
    }
    writer_free(w);
    return rc;
}

void ck_zip_writer_abort(ck_zip_writer *w)
{
    if (!w)
        return;
    zip_discard(w->archive);
    writer_free(w);
}
