/* mkhostile — writes the hostile and broken files the bad-input suite feeds
 * to clausekit. Usage: mkhostile KIND OUT. Each KIND is one way a contract
 * file can be wrong: see the table at the end. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zlib.h>

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
static const char doc_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
static const char doc_tail[] = "</w:body></w:document>";

static void die(const char *what)
{
    fprintf(stderr, "mkhostile: %s\n", what);
    exit(1);
}

static zip_t *create(const char *out)
{
    int e = 0;
    zip_t *z = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &e);
    if (!z)
        die("cannot create zip");
    return z;
}

static void add(zip_t *z, const char *name, const void *data, size_t len)
{
    void *copy = len ? malloc(len) : NULL;
    if (len)
        memcpy(copy, data, len);
    zip_source_t *s = zip_source_buffer(z, copy, len, len != 0);
    if (!s || zip_file_add(z, name, s, ZIP_FL_OVERWRITE) < 0)
        die(zip_strerror(z));
}

static void add_str(zip_t *z, const char *name, const char *s)
{
    add(z, name, s, strlen(s));
}

static void finish(zip_t *z)
{
    if (zip_close(z) != 0)
        die(zip_strerror(z));
}

/* A DOCX package whose document.xml is head + body + tail. */
static void docx_with_body(const char *out, const char *body)
{
    zip_t *z = create(out);
    size_t n = strlen(doc_head) + strlen(body) + strlen(doc_tail);
    char *xml = malloc(n + 1);
    snprintf(xml, n + 1, "%s%s%s", doc_head, body, doc_tail);
    add_str(z, "[Content_Types].xml", content_types);
    add_str(z, "_rels/.rels", rels);
    add(z, "word/document.xml", xml, n);
    free(xml);
    finish(z);
}

static void docx_with_document(const char *out, const char *document)
{
    zip_t *z = create(out);
    add_str(z, "[Content_Types].xml", content_types);
    add_str(z, "_rels/.rels", rels);
    add_str(z, "word/document.xml", document);
    finish(z);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot read back");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    unsigned char *b = malloc((size_t)n);
    if (fread(b, 1, (size_t)n, f) != (size_t)n)
        die("short read");
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void spit(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n)
        die("cannot write");
    fclose(f);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Replaces every occurrence of from (same length as to) in the file. */
static void patch_name(const char *out, const char *from, const char *to)
{
    size_t n, k = strlen(from);
    unsigned char *b = slurp(out, &n);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(b + i, from, k) == 0)
            memcpy(b + i, to, k);
    spit(out, b, n);
    free(b);
}

static void ole(const char *out, const char *stream)
{
    unsigned char b[2048] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
    for (size_t i = 0; stream[i]; i++)
        b[1024 + 2 * i] = (unsigned char)stream[i];
    spit(out, b, sizeof b);
}

static void zeros_entry(const char *out, size_t size)
{
    zip_t *z = create(out);
    char *zeros = calloc(1, size);
    add_str(z, "[Content_Types].xml", content_types);
    add_str(z, "_rels/.rels", rels);
    /* Valid XML all the way: a comment-free document padded with spaces. */
    memcpy(zeros, doc_head, strlen(doc_head));
    memset(zeros + strlen(doc_head), ' ', size - strlen(doc_head));
    add(z, "word/document.xml", zeros, size);
    free(zeros);
    finish(z);
}

/* ---- the 2 GiB bomb: written by hand, as libzip would inflate it to write it ---- */

static void put16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

/* Raw deflate of data as independent, byte-aligned blocks: with last set
 * the stream ends there. Returns a malloc'd buffer. */
static unsigned char *deflate_piece(const void *data, size_t len, int last, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        die("deflateInit2");
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    unsigned char *out = malloc(cap);
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    if (deflate(&z, last ? Z_FINISH : Z_FULL_FLUSH) == Z_STREAM_ERROR)
        die("deflate");
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

typedef struct hand_entry {
    const char *name;
    uint32_t crc, csize, usize, offset;
    int method;
} hand_entry;

static void local_header(FILE *f, hand_entry *e)
{
    unsigned char h[30] = { 0 };
    e->offset = (uint32_t)ftell(f);
    put32(h, 0x04034b50);
    put16(h + 4, 20);
    put16(h + 8, (uint32_t)e->method);
    put16(h + 12, 0x21);
    put32(h + 14, e->crc);
    put32(h + 18, e->csize);
    put32(h + 22, e->usize);
    put16(h + 26, (uint32_t)strlen(e->name));
    fwrite(h, 1, sizeof h, f);
    fwrite(e->name, 1, strlen(e->name), f);
}

static void stored_entry(FILE *f, hand_entry *e, const char *name, const char *text)
{
    e->name = name;
    e->method = 0;
    e->csize = e->usize = (uint32_t)strlen(text);
    e->crc = (uint32_t)crc32(0, (const Bytef *)text, e->usize);
    local_header(f, e);
    fwrite(text, 1, strlen(text), f);
}

/* A DOCX whose document.xml is one w:t of 2^31 'A': 2 MB on disk, 2 GiB
 * inflated (ratio about 1030). With lie set, the headers say 1 KiB. */
static void bomb_2g(const char *out, int lie)
{
    static const char head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                               "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                               "<w:body><w:p><w:r><w:t>";
    static const char tail[] = "</w:t></w:r></w:p></w:body></w:document>";
    const size_t chunk = (size_t)1 << 20, chunks = 2048;
    FILE *f = fopen(out, "wb");
    hand_entry e[3];
    if (!f)
        die("cannot write");
    memset(e, 0, sizeof e);
    stored_entry(f, &e[0], "[Content_Types].xml", content_types);
    stored_entry(f, &e[1], "_rels/.rels", rels);

    char *as = malloc(chunk);
    memset(as, 'A', chunk);
    size_t head_len, as_len, tail_len;
    unsigned char *zhead = deflate_piece(head, strlen(head), 0, &head_len);
    unsigned char *zas = deflate_piece(as, chunk, 0, &as_len);
    unsigned char *ztail = deflate_piece(tail, strlen(tail), 1, &tail_len);
    uLong crc_as = crc32(0, (const Bytef *)as, (uInt)chunk), crc = crc32(0, (const Bytef *)head, (uInt)strlen(head));
    for (size_t i = 0; i < chunks; i++)
        crc = crc32_combine(crc, crc_as, (z_off_t)chunk);
    crc = crc32_combine(crc, crc32(0, (const Bytef *)tail, (uInt)strlen(tail)), (z_off_t)strlen(tail));
    e[2].name = "word/document.xml";
    e[2].method = 8;
    e[2].crc = (uint32_t)crc;
    e[2].csize = (uint32_t)(head_len + as_len * chunks + tail_len);
    e[2].usize = lie ? 1024 : (uint32_t)(strlen(head) + chunk * chunks + strlen(tail));
    local_header(f, &e[2]);
    fwrite(zhead, 1, head_len, f);
    for (size_t i = 0; i < chunks; i++)
        fwrite(zas, 1, as_len, f);
    fwrite(ztail, 1, tail_len, f);

    uint32_t cd_start = (uint32_t)ftell(f);
    for (int i = 0; i < 3; i++) {
        unsigned char h[46] = { 0 };
        put32(h, 0x02014b50);
        put16(h + 4, 20);
        put16(h + 6, 20);
        put16(h + 10, (uint32_t)e[i].method);
        put16(h + 14, 0x21);
        put32(h + 16, e[i].crc);
        put32(h + 20, e[i].csize);
        put32(h + 24, e[i].usize);
        put16(h + 28, (uint32_t)strlen(e[i].name));
        put32(h + 42, e[i].offset);
        fwrite(h, 1, sizeof h, f);
        fwrite(e[i].name, 1, strlen(e[i].name), f);
    }
    unsigned char end[22] = { 0 };
    put32(end, 0x06054b50);
    put16(end + 8, 3);
    put16(end + 10, 3);
    put32(end + 12, (uint32_t)ftell(f) - cd_start);
    put32(end + 16, cd_start);
    fwrite(end, 1, sizeof end, f);
    if (fclose(f) != 0)
        die("cannot write");
    free(as);
    free(zhead);
    free(zas);
    free(ztail);
}

/* One paragraph of 2 MiB of text that does not compress much, in 4 KiB runs. */
static void long_paragraph(const char *out)
{
    const size_t total = (size_t)2 << 20, run = 4096;
    char *body = malloc(total + total / run * 64 + 64), *p = body;
    uint32_t x = 12345;
    p += sprintf(p, "<w:p>");
    for (size_t done = 0; done < total; done += run) {
        p += sprintf(p, "<w:r><w:t>");
        for (size_t i = 0; i < run; i++) {
            x = x * 1103515245u + 12345u;
            *p++ = (char)('a' + (x >> 16) % 26);
        }
        p += sprintf(p, "</w:t></w:r>");
    }
    sprintf(p, "</w:p>");
    docx_with_body(out, body);
    free(body);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkhostile KIND OUT\n");
        return 2;
    }
    const char *kind = argv[1], *out = argv[2];

    if (strcmp(kind, "valid") == 0) {
        docx_with_body(out, "<w:p><w:r><w:t>第一條 乙方應遵守甲方資通安全管理規定。</w:t></w:r></w:p>");
    } else if (strcmp(kind, "empty") == 0) {
        spit(out, "", 0);
    } else if (strcmp(kind, "text") == 0) {
        spit(out, "第一條 這是純文字，不是 Word 檔。\n", strlen("第一條 這是純文字，不是 Word 檔。\n"));
    } else if (strcmp(kind, "truncated") == 0) {
        docx_with_body(out, "<w:p><w:r><w:t>第一條 乙方應遵守甲方資通安全管理規定，並接受甲方稽核。</w:t></w:r></w:p>");
        size_t n;
        unsigned char *b = slurp(out, &n);
        spit(out, b, n * 2 / 3);
        free(b);
    } else if (strcmp(kind, "legacy-doc") == 0) {
        ole(out, "WordDocument");
    } else if (strcmp(kind, "encrypted-office") == 0) {
        ole(out, "EncryptedPackage");
    } else if (strcmp(kind, "no-main") == 0) {
        zip_t *z = create(out);
        add_str(z, "readme.txt", "hello");
        add_str(z, "pictures/a.xml", "<a/>");
        finish(z);
    } else if (strcmp(kind, "rels-nowhere") == 0) {
        zip_t *z = create(out);
        add_str(z, "[Content_Types].xml", content_types);
        add_str(z, "_rels/.rels", rels);
        finish(z);
    } else if (strcmp(kind, "rels-traversal") == 0) {
        zip_t *z = create(out);
        add_str(z, "[Content_Types].xml", content_types);
        char r[1024];
        snprintf(r, sizeof r, "%s", rels);
        char *t = strstr(r, "word/document.xml");
        const char *evil = "../../../../etc/passwd\"/></Relationships>";
        memcpy(t, evil, strlen(evil) + 1);
        add_str(z, "_rels/.rels", r);
        add_str(z, "../../evil.xml", "<a/>");
        add_str(z, "/abs/evil.xml", "<a/>");
        finish(z);
    } else if (strcmp(kind, "bomb") == 0) {
        zeros_entry(out, (size_t)64 << 20);
    } else if (strcmp(kind, "bomb-lying") == 0) {
        zeros_entry(out, (size_t)64 << 20);
        /* Claim the document inflates to 1 KiB, in the local and central headers. */
        size_t n;
        unsigned char *b = slurp(out, &n);
        const char *name = "word/document.xml";
        size_t k = strlen(name);
        for (size_t i = 0; i + 46 + k <= n; i++) {
            if (get32(b + i) == 0x04034b50 && memcmp(b + i + 30, name, k) == 0)
                put32(b + i + 22, 1024);
            if (get32(b + i) == 0x02014b50 && memcmp(b + i + 46, name, k) == 0)
                put32(b + i + 24, 1024);
        }
        spit(out, b, n);
        free(b);
    } else if (strcmp(kind, "bomb-2g") == 0) {
        bomb_2g(out, 0);
    } else if (strcmp(kind, "bomb-2g-lying") == 0) {
        bomb_2g(out, 1);
    } else if (strcmp(kind, "long-paragraph") == 0) {
        long_paragraph(out);
    } else if (strcmp(kind, "many-entries") == 0) {
        zip_t *z = create(out);
        add_str(z, "[Content_Types].xml", content_types);
        add_str(z, "_rels/.rels", rels);
        for (int i = 0; i < 10050; i++) {
            char name[32];
            snprintf(name, sizeof name, "x/%05d", i);
            add_str(z, name, "");
        }
        finish(z);
    } else if (strcmp(kind, "doctype") == 0) {
        docx_with_document(out, "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                                "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                                "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                                "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                                "<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>");
    } else if (strcmp(kind, "external-entity") == 0) {
        docx_with_document(out, "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                                "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>");
    } else if (strcmp(kind, "deep") == 0) {
        size_t depth = 100000, n = depth * 7 + 1;
        char *body = malloc(n);
        for (size_t i = 0; i < depth; i++)
            memcpy(body + i * 7, "<w:p> ", 6), body[i * 7 + 6] = ' ';
        body[n - 1] = '\0';
        docx_with_body(out, body);
        free(body);
    } else if (strcmp(kind, "bad-utf8") == 0) {
        docx_with_body(out, "<w:p><w:r><w:t>\xe7\xac\xac\xff\xfe\xc0\xaf</w:t></w:r></w:p>");
    } else if (strcmp(kind, "duplicate") == 0) {
        zip_t *z = create(out);
        add_str(z, "[Content_Types].xml", content_types);
        add_str(z, "_rels/.rels", rels);
        add_str(z, "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
        add_str(z, "word/documenX.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
        finish(z);
        patch_name(out, "word/documenX.xml", "word/document.xml");
    } else if (strcmp(kind, "overlap") == 0) {
        zip_t *z = create(out);
        add_str(z, "[Content_Types].xml", content_types);
        add_str(z, "_rels/.rels", rels);
        add_str(z, "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
        add_str(z, "word/other.xml", "<a/>");
        finish(z);
        /* Point other.xml's central entry at document.xml's local header. */
        size_t n;
        unsigned char *b = slurp(out, &n);
        uint32_t doc_offset = 0;
        for (size_t i = 0; i + 46 <= n; i++)
            if (get32(b + i) == 0x02014b50 && memcmp(b + i + 46, "word/document.xml", 17) == 0)
                doc_offset = get32(b + i + 42);
        for (size_t i = 0; i + 46 <= n; i++)
            if (get32(b + i) == 0x02014b50 && memcmp(b + i + 46, "word/other.xml", 14) == 0)
                put32(b + i + 42, doc_offset);
        spit(out, b, n);
        free(b);
    } else if (strcmp(kind, "encrypted-odt") == 0) {
        zip_t *z = create(out);
        add_str(z, "mimetype", "application/vnd.oasis.opendocument.text");
        zip_set_file_compression(z, 0, ZIP_CM_STORE, 0);
        add_str(z, "META-INF/manifest.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
                "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\" manifest:size=\"2000\">"
                "<manifest:encryption-data manifest:checksum-type=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k\" manifest:checksum=\"AAAA\">"
                "<manifest:algorithm manifest:algorithm-name=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\" manifest:initialisation-vector=\"AAAA\"/>"
                "<manifest:key-derivation manifest:key-derivation-name=\"PBKDF2\" manifest:key-size=\"32\" manifest:iteration-count=\"100000\" manifest:salt=\"AAAA\"/>"
                "</manifest:encryption-data></manifest:file-entry></manifest:manifest>");
        add(z, "content.xml", "\x8f\x11\x02\xa7\x99\x01\x5e", 7);
        finish(z);
    } else if (strcmp(kind, "zip-encrypted") == 0) {
        zip_t *z = create(out);
        add_str(z, "[Content_Types].xml", content_types);
        add_str(z, "_rels/.rels", rels);
        add_str(z, "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
        if (zip_file_set_encryption(z, 2, ZIP_EM_TRAD_PKWARE, "secret") != 0)
            die(zip_strerror(z));
        finish(z);
    } else if (strcmp(kind, "ods") == 0) {
        zip_t *z = create(out);
        add_str(z, "mimetype", "application/vnd.oasis.opendocument.spreadsheet");
        zip_set_file_compression(z, 0, ZIP_CM_STORE, 0);
        add_str(z, "content.xml", "<a/>");
        finish(z);
    } else {
        fprintf(stderr, "mkhostile: unknown kind '%s'\n", kind);
        return 2;
    }
    return 0;
}
