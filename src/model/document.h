/* document.h — the document model: what a contract says, in reading order.
 *
 * A ck_document is a flat list of blocks (paragraphs, headings, list items,
 * table cells, notes, text boxes, headers and footers), each with the text a
 * person sees in Word or LibreOffice, the label automatic numbering shows
 * (kept apart from the text), and where a reviewer would cite it. Structure
 * that matters for checking — which article a block belongs to, whether it
 * is in an annex, a table, a tracked insertion — is kept as fields, so the
 * matcher and the writers never go back to the XML.
 *
 * Spans mark ranges of a block's text that came from a tracked insertion or
 * are hidden (w:vanish). Deleted text is not in the model at all.
 *
 * All strings are UTF-8 and owned by the document, which keeps them in a
 * few large pieces of storage rather than one allocation each.
 */
#ifndef CK_MODEL_DOCUMENT_H
#define CK_MODEL_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

typedef enum ck_block_kind {
    CK_BLOCK_PARAGRAPH = 0,
    CK_BLOCK_HEADING,
    CK_BLOCK_LIST_ITEM,
    CK_BLOCK_TABLE_CELL,
    CK_BLOCK_FOOTNOTE,
    CK_BLOCK_ENDNOTE,
    CK_BLOCK_TEXT_BOX,
    CK_BLOCK_HEADER,
    CK_BLOCK_FOOTER,
    CK_BLOCK_COMMENT
} ck_block_kind;

/* Block flags. */
enum {
    CK_BLOCK_HIDDEN = 1u << 0,     /* all of its text is hidden (w:vanish) */
    CK_BLOCK_INSERTED = 1u << 1,   /* all of its text is a tracked insertion */
    CK_BLOCK_IN_TABLE = 1u << 2,   /* inside a table (any depth) */
    CK_BLOCK_IN_ANNEX = 1u << 3,   /* in an annex (附件) */
    CK_BLOCK_TOC = 1u << 4,        /* a table-of-contents line */
    CK_BLOCK_IN_TEXT_BOX = 1u << 5, /* inside a text box or frame */
    CK_BLOCK_UNAGREED = 1u << 6,    /* not agreed text: an unticked option (□) or a line under
                                       it, or a drafting note; never evidence */
    CK_BLOCK_DRAFTING_NOTE = 1u << 7 /* a note to the drafter (註：, 例：, (由機關於招標時載明));
                                        always also CK_BLOCK_UNAGREED */
};

/* Span flags. */
enum {
    CK_SPAN_INSERTED = 1u << 0, /* from a tracked insertion */
    CK_SPAN_HIDDEN = 1u << 1,   /* hidden text */
    CK_SPAN_BLANK = 1u << 2,    /* a blank to be filled (____, ○○): says nothing */
    CK_SPAN_DRAFTING_NOTE = 1u << 3 /* an instruction to the drafter inside a sentence
                                       ((由機關於招標時載明)); never evidence */
};

typedef struct ck_span {
    uint32_t start, end; /* byte offsets into the block's text, end exclusive */
    uint32_t flags;
} ck_span;

/* A block is 96 bytes: a large contract has tens of thousands of them, so
 * the small fields are sized to what they hold, the widest first so that
 * nothing is padding. Its strings live in the document's string storage
 * (see ck_document_string), not in malloc'd pieces of their own. */
#define CK_BLOCK_MAX_NUMBER 65535 /* most tables, and text boxes, a document may have
                                     (table and text_box are 16 bits): readers refuse more */
typedef struct ck_block {
    char *label;        /* label shown by automatic numbering ("第十二條", "(二)"), or NULL */
    char *text;         /* the text as shown, without the label; never NULL */
    char *location;     /* where a reviewer cites it: "第十二條 第二項", "附件一", "表 2 第 3 列" */
    char *place;        /* the same as the contract cites itself, with Arabic numbers and no
                           spaces between units: "第8條第16款第2目", "附件 保密切結書 第3點";
                           the key cross-references resolve to (model/place.h); never NULL
                           after ck_document_locate() */
    char *style;        /* paragraph style name or id, or NULL (interned: blocks share it) */
    ck_span *spans;     /* sorted by start; may be empty (malloc'd, owned by the block) */
    /* Where the block came from, for writers that annotate the original. */
    const char *part;   /* e.g. "word/document.xml" (interned, owned by the document) */
    uint32_t text_len;  /* bytes of text (a paragraph holds at most 1 MiB: reader/common.h) */
    uint32_t span_count;

    /* Structure, filled in by ck_document_locate(). */
    int32_t article;    /* index of the heading block of its article (第N條), or -1 */
    int32_t article_number; /* N of 第N條, or 0 */
    int32_t row, column; /* 1-based for table cells, else 0 */
    int32_t note;       /* footnotes and endnotes: the number shown (1-based, in the
                           order of first reference, counted apart for each kind); else 0 */
    uint32_t source_index; /* ordinal of its paragraph element within the part, from 0 */
    uint16_t table;     /* 1-based table number for table cells, else 0 (CK_BLOCK_MAX_NUMBER) */
    uint16_t text_box;  /* blocks in a text box: 1-based text box number in reading order; else 0
                           (CK_BLOCK_MAX_NUMBER) */
    uint16_t flags;     /* CK_BLOCK_* */
    uint8_t kind;       /* a ck_block_kind */
    int8_t level;       /* heading level (1..9) or list level (0..8); 0 otherwise */
} ck_block;

typedef enum ck_format { CK_FORMAT_UNKNOWN = 0, CK_FORMAT_DOCX, CK_FORMAT_ODT } ck_format;

struct ck_document_strings;

typedef struct ck_document {
    char *path;
    ck_format format;
    ck_block *blocks;
    size_t count, capacity;
    char **parts;       /* interned part names */
    size_t part_count;
    struct ck_document_strings *strings; /* where the blocks' strings live */
    int borrows_strings; /* strings belong to another document (ck_document_new_borrowing) */
    int32_t *sections;  /* per block, filled by ck_document_locate(): see ck_document_section; NULL before */
    size_t section_count;
} ck_document;

/* The block opening the section block i is in, for what is checked together:
 * its article (第N條), else a heading without 第N條 (六、交付項目, 6. 資訊安全),
 * else in a contract with neither its top-level item (三、 of 三、(一)); -1
 * outside any, in annexes, under the document's title, and before
 * ck_document_locate() has run. */
int32_t ck_document_section(const ck_document *doc, size_t i);
/* Sets it (the locator; tests building a document by hand). */
void ck_document_set_section(ck_document *doc, size_t i, int32_t section);

/* Creates an empty document for path. Caller owns it; free with ck_document_free. */
ck_document *ck_document_new(const char *path, ck_format format);

/* Creates an empty document whose strings are kept in owner's storage, so
 * that its blocks can be moved into owner (a reader collecting the
 * paragraphs of a text box apart). owner must outlive it. */
ck_document *ck_document_new_borrowing(ck_document *owner);

void ck_document_free(ck_document *doc);

/* Appends a block of kind with a copy of text; returns it (valid until the
 * next append). label and style may be NULL and are copied. */
ck_block *ck_document_add(ck_document *doc, ck_block_kind kind, const char *text, size_t text_len,
                          const char *label, const char *style);

/* A copy of len bytes of s, NUL-terminated, in the document's string
 * storage: it lives as long as doc and is never freed on its own. */
char *ck_document_string(ck_document *doc, const char *s, size_t len);

/* Appends the range [start, end) with flags to a list of spans in text
 * order, the one way the readers and the model merge spans: the last span
 * grows when it ends at start with the same flags. Empty ranges and ranges
 * without flags add nothing. *cap is the list's allocated length, doubled
 * as needed; with cap NULL the list is kept exactly *count long. */
void ck_span_append(ck_span **spans, size_t *count, size_t *cap, uint32_t start, uint32_t end, uint32_t flags);

/* Adds a span to the last-added block (ck_span_append). */
void ck_block_add_span(ck_block *block, uint32_t start, uint32_t end, uint32_t flags);

/* Interns a part name; the pointer lives as long as doc. */
const char *ck_document_part(ck_document *doc, const char *name);

/* The text a block starts with, for recognising labels and options: its
 * numbering label, a space, then at most 400 bytes of its text, never
 * cutting a character. out is cleared first. */
struct ck_buf;
void ck_block_leading_text(const ck_block *b, struct ck_buf *out);

/* Replaces block->text with a copy of text (len bytes) in doc's storage. */
void ck_block_set_text(ck_document *doc, ck_block *block, const char *text, size_t len);

/* Sets block->location (a copy in doc's storage; NULL clears it). */
void ck_block_set_location(ck_document *doc, ck_block *block, const char *location);

/* Sets block->place (a copy in doc's storage; NULL clears it). */
void ck_block_set_place(ck_document *doc, ck_block *block, const char *place);

/* English and zh-TW names of a block kind ("paragraph", "段落"). */
const char *ck_block_kind_name(ck_block_kind kind);
const char *ck_block_kind_label(ck_block_kind kind);

#endif
