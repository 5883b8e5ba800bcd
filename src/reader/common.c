#include "reader/common.h"

#include <stdio.h>
#include <string.h>

#include "util/lang.h"
#include "xml/xml.h"

int ck_reader_text_over_limit(void *ctx, size_t have, size_t more)
{
    if (have + more <= CK_READER_MAX_PARAGRAPH_TEXT)
        return 0;
    char message[256];
    snprintf(message, sizeof message,
             ck_tr("單一段落的文字超過 %zu MB，契約不會有這麼長的段落，檔案可能是惡意的；已停止讀取",
                   "one paragraph holds more than %zu MB of text; no contract has one, the file may be hostile: reading stopped"),
             CK_READER_MAX_PARAGRAPH_TEXT >> 20);
    ck_xml_abort(ctx, CK_ELIMIT, message);
    return 1;
}

int ck_reader_count_over_limit(void *ctx, long tables, long text_boxes)
{
    if (tables <= CK_BLOCK_MAX_NUMBER && text_boxes <= CK_BLOCK_MAX_NUMBER)
        return 0;
    char message[256];
    if (tables > CK_BLOCK_MAX_NUMBER)
        snprintf(message, sizeof message,
                 ck_tr("文件有超過 %d 個表格，契約不會有這麼多，檔案可能是惡意的；已停止讀取",
                       "the document has more than %d tables; no contract has that many, the file may be hostile: reading stopped"),
                 CK_BLOCK_MAX_NUMBER);
    else
        snprintf(message, sizeof message,
                 ck_tr("文件有超過 %d 個文字方塊，契約不會有這麼多，檔案可能是惡意的；已停止讀取",
                       "the document has more than %d text boxes; no contract has that many, the file may be hostile: reading stopped"),
                 CK_BLOCK_MAX_NUMBER);
    ck_xml_abort(ctx, CK_ELIMIT, message);
    return 1;
}

int ck_reader_is_suggestion(const char *author)
{
    return author && strcmp(author, CK_SUGGESTION_AUTHOR) == 0;
}

int ck_reader_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            i++;
        else if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80)
            i += 3; /* U+3000 ideographic space */
        else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
            i += 2; /* no-break space */
        else
            return 0;
    }
    return 1;
}

ck_block_kind ck_reader_block_kind(ck_block_kind part_kind, int text_box, int in_table, int heading, int listed)
{
    if (part_kind != CK_BLOCK_PARAGRAPH)
        return part_kind;
    if (text_box)
        return CK_BLOCK_TEXT_BOX;
    if (in_table)
        return CK_BLOCK_TABLE_CELL;
    if (heading)
        return CK_BLOCK_HEADING;
    if (listed)
        return CK_BLOCK_LIST_ITEM;
    return CK_BLOCK_PARAGRAPH;
}
