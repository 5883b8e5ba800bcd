/* extract.c — `clausekit extract`: every block of a contract in reading
 * order, with its kind, location, label and text, as lines for a terminal
 * or as JSON (see docs/reader.md for both formats). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "model/agreed.h"
#include "model/document.h"
#include "model/place.h"
#include "reader/reader.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/lang.h"

static void usage(FILE *out)
{
    fprintf(out, "%s\n\n%s\n",
            ck_tr("用法：clausekit extract [--format text|json] [--at 位置] [--lang zh-TW|en] 檔案…",
                  "usage: clausekit extract [--format text|json] [--at PLACE] [--lang zh-TW|en] FILE..."),
            ck_tr("依閱讀順序列出契約（.docx 或 .odt）的每個段落、表格儲存格、註腳、文字方塊與頁首頁尾，\n"
                  "並標示種類、條次位置（如「第十二條 第二項」）、自動編號與文字。\n\n"
                  "  --format text   給人看的格式，每個區塊一行（預設）\n"
                  "  --format json   給程式用的 JSON（欄位說明見 docs/reader.md）\n"
                  "  --at 位置       只列出該位置的區塊，位置依契約自己的寫法，如「第8條第16款第2目」\n"
                  "  --lang zh-TW|en 訊息語言\n"
                  "  -h, --help      顯示本說明",
                  "Lists every paragraph, table cell, footnote, text box, header and footer of a\n"
                  "contract (.docx or .odt) in reading order, with its kind, location (as a\n"
                  "reviewer cites it: \"第十二條 第二項\"), automatic numbering label and text.\n\n"
                  "  --format text   for people: one block per line (default)\n"
                  "  --format json   for programs: JSON (fields in docs/reader.md)\n"
                  "  --at PLACE      only the blocks at that place, cited as the contract cites\n"
                  "                  itself: \"第8條第16款第2目\", \"附件 保密切結書 第3點\"\n"
                  "  --lang zh-TW|en language of messages\n"
                  "  -h, --help      show this help"));
}

/* Byte offset -> character (code point) offset in text. */
static size_t char_offset(const char *text, size_t bytes)
{
    size_t chars = 0;
    for (size_t i = 0; i < bytes && text[i]; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            chars++;
    return chars;
}

static void json_spans(ck_buf *out, const ck_block *b, uint32_t flag)
{
    int first = 1;
    ck_buf_puts(out, "[");
    for (size_t i = 0; i < b->span_count; i++) {
        if (!(b->spans[i].flags & flag))
            continue;
        ck_buf_printf(out, "%s[%zu,%zu]", first ? "" : ",", char_offset(b->text, b->spans[i].start),
                      char_offset(b->text, b->spans[i].end));
        first = 0;
    }
    ck_buf_puts(out, "]");
}

static const struct {
    uint32_t flag;
    const char *name, *zh;
} flag_names[] = {
    { CK_BLOCK_INSERTED, "inserted", "插入" }, { CK_BLOCK_HIDDEN, "hidden", "隱藏" },
    { CK_BLOCK_TOC, "toc", "目錄" },          { CK_BLOCK_IN_TABLE, "table", "表格" },
    { CK_BLOCK_IN_ANNEX, "annex", "附件" },   { CK_BLOCK_IN_TEXT_BOX, "text_box", "文字方塊" },
    { CK_BLOCK_UNAGREED, "unagreed", "未約定" }, { CK_BLOCK_DRAFTING_NOTE, "drafting_note", "附註" },
};

/* What a block is in the contract's structure: the opening line of an
 * article or annex, a numbered item, a check-box option, a drafting note,
 * a field to fill in (all blank), or text. */
static const char *block_role(const ck_document *doc, size_t i)
{
    const ck_block *b = &doc->blocks[i];
    if (b->article == (long)i)
        return "article";
    if ((b->flags & CK_BLOCK_IN_ANNEX) && (i == 0 || !(doc->blocks[i - 1].flags & CK_BLOCK_IN_ANNEX) ||
                                           ck_annex_title(b->text, b->text_len)))
        return "annex";
    if (b->flags & CK_BLOCK_DRAFTING_NOTE)
        return "note";
    ck_buf lead = CK_BUF_INIT;
    ck_buf_putc(&lead, ' '); /* never empty: labels are read after leading spaces */
    if (b->label) {
        ck_buf_puts(&lead, b->label);
        ck_buf_putc(&lead, ' ');
    }
    ck_buf_append(&lead, b->text, b->text_len < 200 ? b->text_len : 200);
    ck_label own;
    int ticked, option = ck_option_read(lead.data, lead.len, b->label != NULL, &own, &ticked);
    ck_label l = ck_label_read(lead.data, lead.len, b->label != NULL);
    ck_buf_free(&lead);
    if (option)
        return "option";
    for (size_t k = 0; k < b->span_count; k++)
        if ((b->spans[k].flags & CK_SPAN_BLANK) && b->spans[k].start == 0 && b->spans[k].end >= b->text_len)
            return "field";
    if (l.kind != CK_LABEL_NONE && l.kind != CK_LABEL_BULLET)
        return "item";
    return "text";
}

/* The cross-references in a block's text to places of the contract: where
 * each is (characters), the place it names and the block there (or null). */
static void json_references(ck_buf *out, const ck_document *doc, size_t i)
{
    const ck_block *b = &doc->blocks[i];
    ck_buf place = CK_BUF_INIT, previous = CK_BUF_INIT;
    ck_reference_scan scan;
    size_t start, end;
    int first = 1, joined;
    ck_buf_puts(out, ",\"references\":[");
    ck_reference_scan_init(&scan, b->text, b->text_len);
    while (ck_reference_next(&scan, &start, &end, &joined)) {
        long at = ck_document_resolve_reference(doc, i, joined && previous.len ? previous.data : NULL, b->text + start,
                                                end - start, &place);
        ck_buf_clear(&previous);
        ck_buf_append(&previous, place.data, place.len);
        ck_buf_putc(&previous, '\0');
        previous.len--;
        ck_buf_printf(out, "%s{\"at\":[%zu,%zu],\"place\":", first ? "" : ",", char_offset(b->text, start),
                      char_offset(b->text, end));
        ck_buf_put_json(out, place.data, place.len);
        if (at >= 0)
            ck_buf_printf(out, ",\"block\":%ld}", at);
        else
            ck_buf_puts(out, ",\"block\":null}");
        first = 0;
    }
    ck_buf_puts(out, "]");
    ck_buf_free(&place);
    ck_buf_free(&previous);
}

/* Output goes out as it is formatted, a document at a time, so a large
 * contract never sits in memory twice (model and text). */
static void flush_if_large(ck_buf *out)
{
    if (out->len >= 65536) {
        fwrite(out->data, 1, out->len, stdout);
        ck_buf_clear(out);
    }
}

static void json_document(ck_buf *out, const ck_document *doc, const unsigned char *only)
{
    ck_buf_puts(out, "{\"file\":");
    ck_buf_put_json(out, doc->path, strlen(doc->path));
    ck_buf_printf(out, ",\"format\":\"%s\",\"blocks\":[",
                  doc->format == CK_FORMAT_DOCX ? "docx" : doc->format == CK_FORMAT_ODT ? "odt" : "unknown");
    int first = 1;
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        if (only && !only[i])
            continue;
        flush_if_large(out);
        ck_buf_puts(out, first ? "\n" : ",\n");
        first = 0;
        ck_buf_printf(out, "{\"kind\":\"%s\",\"role\":\"%s\",\"location\":", ck_block_kind_name(b->kind),
                      block_role(doc, i));
        ck_buf_put_json_str(out, b->location);
        ck_buf_puts(out, ",\"place\":");
        ck_buf_put_json_str(out, b->place);
        ck_buf_puts(out, ",\"label\":");
        ck_buf_put_json_str(out, b->label);
        ck_buf_puts(out, ",\"text\":");
        ck_buf_put_json(out, b->text, b->text_len);
        ck_buf_puts(out, ",\"style\":");
        ck_buf_put_json_str(out, b->style);
        ck_buf_printf(out, ",\"level\":%d,\"flags\":[", b->level);
        int first_flag = 1;
        for (size_t f = 0; f < CK_ARRAY_LEN(flag_names); f++) {
            if (b->flags & flag_names[f].flag) {
                ck_buf_printf(out, "%s\"%s\"", first_flag ? "" : ",", flag_names[f].name);
                first_flag = 0;
            }
        }
        ck_buf_puts(out, "],\"inserted\":");
        json_spans(out, b, CK_SPAN_INSERTED);
        ck_buf_puts(out, ",\"hidden\":");
        json_spans(out, b, CK_SPAN_HIDDEN);
        ck_buf_printf(out, ",\"agreed\":%s,\"drafting_note\":%s,\"blanks\":",
                      b->flags & CK_BLOCK_UNAGREED ? "false" : "true",
                      b->flags & CK_BLOCK_DRAFTING_NOTE ? "true" : "false");
        json_spans(out, b, CK_SPAN_BLANK);
        ck_buf_puts(out, ",\"instructions\":");
        json_spans(out, b, CK_SPAN_DRAFTING_NOTE);
        ck_buf_printf(out, ",\"article\":%d", b->article_number);
        if (b->table)
            ck_buf_printf(out, ",\"table\":%d,\"row\":%d,\"column\":%d", b->table, b->row, b->column);
        if (b->note)
            ck_buf_printf(out, ",\"note\":%d", b->note);
        if (b->text_box)
            ck_buf_printf(out, ",\"text_box\":%d", b->text_box);
        json_references(out, doc, i);
        ck_buf_puts(out, ",\"part\":");
        ck_buf_put_json_str(out, b->part);
        ck_buf_printf(out, ",\"source_index\":%u}", (unsigned)b->source_index);
    }
    ck_buf_puts(out, "\n]}");
}

/* One block per line group: "[第十二條 第二項]（段落）一、 乙方應…"; lines
 * after the first (line breaks inside the block) are indented. */
static void text_document(ck_buf *out, const ck_document *doc, const unsigned char *only)
{
    for (size_t i = 0; i < doc->count; i++) {
        const ck_block *b = &doc->blocks[i];
        if (only && !only[i])
            continue;
        flush_if_large(out);
        ck_buf_printf(out, ck_tr("[%s]（%s", "[%s] (%s"), b->location ? b->location : "", ck_block_kind_label(b->kind));
        for (size_t f = 0; f < 3; f++)
            if (b->flags & flag_names[f].flag)
                ck_buf_printf(out, "%s%s", ck_tr("、", ", "), ck_tr(flag_names[f].zh, flag_names[f].name));
        ck_buf_puts(out, ck_tr("）", ") "));
        /* text that is not agreed is shown, marked */
        if (b->flags & CK_BLOCK_DRAFTING_NOTE)
            ck_buf_puts(out, ck_tr("〔附註〕", "[note] "));
        else if (b->flags & CK_BLOCK_UNAGREED)
            ck_buf_puts(out, ck_tr("〔未勾選〕", "[not ticked] "));
        if (b->label) {
            ck_buf_puts(out, b->label);
            ck_buf_putc(out, ' ');
        }
        const char *t = b->text, *end = b->text + b->text_len;
        while (t < end && *t == ' ')
            t++; /* the space Word puts after a footnote mark */
        while (t < end) {
            const char *nl = memchr(t, '\n', (size_t)(end - t));
            size_t n = nl ? (size_t)(nl - t) : (size_t)(end - t);
            ck_buf_append(out, t, n);
            if (nl)
                ck_buf_puts(out, "\n    ");
            t += n + (nl != NULL);
        }
        ck_buf_putc(out, '\n');
    }
}

/* Marks the blocks at a place (by its key: "第八條 第十六款" and "第8條第16款"
 * are one place): the block that opens it and the lines that carry on it.
 * NULL when the contract has no such place. */
static unsigned char *blocks_at(const ck_document *doc, const char *at)
{
    ck_buf want = CK_BUF_INIT, have = CK_BUF_INIT;
    unsigned char *only = ck_calloc(doc->count ? doc->count : 1, 1);
    int found = 0;
    ck_place_key(at, strlen(at), &want);
    for (size_t i = 0; i < doc->count; i++) {
        for (int k = 0; k < 2 && !only[i]; k++) {
            const char *p = k == 0 ? doc->blocks[i].place : doc->blocks[i].location;
            if (!p)
                continue;
            ck_buf_clear(&have);
            ck_place_key(p, strlen(p), &have);
            if (have.len == want.len && want.len && memcmp(have.data, want.data, want.len) == 0)
                only[i] = 1, found = 1;
        }
    }
    ck_buf_free(&want);
    ck_buf_free(&have);
    if (!found) {
        free(only);
        return NULL;
    }
    return only;
}

int ck_cmd_extract(int argc, char **argv)
{
    static const struct option options[] = {
        { "format", required_argument, NULL, 'f' },
        { "at", required_argument, NULL, 'a' },
        { "lang", required_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int json = 0, c, status = CK_EXIT_OK;
    const char *at = NULL;
    ck_buf out = CK_BUF_INIT;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":hf:a:", options, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return CK_EXIT_OK;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                json = 1;
            else if (strcmp(optarg, "text") == 0)
                json = 0;
            else
                return ck_cli_usage_error("extract", ck_tr("不明的格式「%s」：請用 text 或 json",
                                                           "unknown format '%s': use text or json"),
                                          optarg);
            break;
        case 'a':
            at = optarg;
            break;
        case 'l':
            if (ck_cli_set_lang("extract", optarg) != 0)
                return CK_EXIT_ERROR;
            break;
        default:
            return ck_cli_option_error("extract", c, argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return ck_cli_usage_error("extract", "%s", ck_tr("請指定要讀取的契約檔案", "name a contract file to read"));

    int files = argc - optind, printed = 0;
    if (json && files > 1)
        ck_buf_puts(&out, "[");
    for (int i = optind; i < argc; i++) {
        ck_document *doc = NULL;
        ck_error err;
        ck_error_clear(&err);
        /* A file that cannot be read gets its one line; the others are
         * still printed, each whole, and the status says something failed. */
        if (ck_reader_read(argv[i], NULL, &doc, &err) != 0) {
            ck_error_print(&err, stderr);
            status = CK_EXIT_ERROR;
            continue;
        }
        unsigned char *only = NULL;
        if (at && !(only = blocks_at(doc, at))) {
            fprintf(stderr, ck_tr("clausekit: %s：契約中沒有「%s」這個位置（clausekit extract --format json 列出每個區塊的 place）\n",
                                  "clausekit: %s: no place '%s' in this contract (clausekit extract --format json lists every block's place)\n"),
                    argv[i], at);
            status = CK_EXIT_ERROR;
            ck_document_free(doc);
            continue;
        }
        if (json) {
            if (printed)
                ck_buf_puts(&out, ",\n");
            json_document(&out, doc, only);
        } else {
            if (files > 1)
                ck_buf_printf(&out, "%s== %s ==\n", printed ? "\n" : "", argv[i]);
            text_document(&out, doc, only);
        }
        printed++;
        free(only);
        ck_document_free(doc);
    }
    if (json && files > 1)
        ck_buf_puts(&out, "]");
    if (json && (printed || files > 1))
        ck_buf_putc(&out, '\n');
    if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
        status = CK_EXIT_ERROR;
    if (fflush(stdout) != 0)
        status = CK_EXIT_ERROR;
    ck_buf_free(&out);
    return status;
}
