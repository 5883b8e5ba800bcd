/* annotate.h — review comments and suggested clauses written into a copy of
 * the contract itself (DOCX and ODT).
 *
 * The caller (clausekit check --annotate) turns findings into an
 * annotation set: comments anchored on paragraphs of the original, clauses
 * to insert as tracked insertions after a paragraph or in an appended
 * section, and a summary comment at the top. Paragraphs are named by their
 * part and source_index, exactly as the readers record them in ck_block.
 *
 * The writer never modifies the input. It splices into the original bytes
 * of the main part, so everything it did not mean to change keeps its XML;
 * every other entry of the package is copied raw (compressed bytes
 * untouched); the copy appears only when complete (temporary file, rename).
 *
 * Running it again on its own output does not pile up comments: a comment
 * carries its key (the requirement id) as 【key】, a key already commented by
 * clausekit in the input is not commented or inserted again, and the
 * summary comment of an earlier run is replaced.
 */
#ifndef CK_ANNOTATE_H
#define CK_ANNOTATE_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

typedef struct ck_annotation {
    uint32_t first, last; /* source_index of the first and last paragraph it spans */
    char *key;            /* e.g. "3.4.1.3" */
    char *text;           /* the comment; '\n' separates its paragraphs */
} ck_annotation;

typedef struct ck_insertion {
    long after;    /* source_index of the paragraph to insert after; -1: the appended section */
    char *key;
    char *text;    /* the clause; '\n' separates its paragraphs */
    char *comment; /* why it was inserted, anchored on the inserted text; may be NULL */
} ck_insertion;

typedef struct ck_annotation_set {
    char *part;                /* the main part: "word/document.xml", "content.xml" */
    ck_annotation *comments;
    size_t comment_count;
    ck_insertion *insertions;
    size_t insertion_count;
    char *summary;             /* comment on the first paragraph; may be NULL */
    char *author;              /* "clausekit" */
    char *appendix_title;      /* heading of the appended section: 補充條款（審查建議） */
    long appendix_after;       /* source_index of the paragraph the appended section follows (the
                                  last article's, before the signature block and annexes);
                                  -1: the end of the body */
    long appendix_before;      /* source_index of the first paragraph of the signature block (or
                                  of the annexes) the section must precede; -1: none found. ODT
                                  places the section just before it, as its articles may be one
                                  list whose last item holds the signatures */
    long long date;            /* seconds since the epoch, for w:date / dc:date */
} ck_annotation_set;

/* Initialises an empty set for the main part (copied). */
void ck_annotation_set_init(ck_annotation_set *set, const char *part);
/* Adds a comment; strings are copied. */
void ck_annotation_set_comment(ck_annotation_set *set, uint32_t first, uint32_t last, const char *key,
                               const char *text);
/* Adds an insertion; strings are copied, comment may be NULL. */
void ck_annotation_set_insert(ck_annotation_set *set, long after, const char *key, const char *text,
                              const char *comment);
void ck_annotation_set_free(ck_annotation_set *set);

/* Writes input with the set applied to output, which must not be the input.
 * The format is the input's (DOCX or ODT). */
int ck_annotate_write(const char *input, const char *output, const ck_annotation_set *set, ck_error *err);

/* Checks, before any work, that output can be written as the annotated
 * copy of input: not the input itself, and of the same format (.docx or
 * .odt). Returns 0 or CK_EUSAGE with err naming output. */
int ck_annotate_check_output(const char *input, const char *output, ck_error *err);

/* The format writers (annotate/docx.c, annotate/odt.c), on an open package. */
struct ck_zip;
int ck_annotate_docx(struct ck_zip *zip, const char *output, const ck_annotation_set *set, ck_error *err);
int ck_annotate_odt(struct ck_zip *zip, const char *output, const ck_annotation_set *set, ck_error *err);

/* Shared by the format writers: the keys (【key】) of comments an earlier
 * run of clausekit left in the document. */
typedef struct ck_annotation_keys {
    char **keys;
    size_t count;
} ck_annotation_keys;
/* Remembers the key a comment's text[0..len) leads with, if any. */
void ck_annotation_keys_scan(ck_annotation_keys *keys, const char *text, size_t len);
int ck_annotation_keys_has(const ck_annotation_keys *keys, const char *key);
void ck_annotation_keys_free(ck_annotation_keys *keys);

/* Shared by the format writers: the date as ISO 8601 ("2026-11-24T08:00:00",
 * plus "Z" when zulu is set) into buf. */
void ck_annotate_date(long long date, int zulu, char *buf, size_t size);

/* A part an annotation writer changed or made. */
typedef struct ck_annotate_part {
    const char *name;
    const char *data;
    size_t len;           /* 0: not written (the package's own entry, if any, is copied) */
} ck_annotate_part;

/* Writes output from zip: each entry in order, raw, except those parts
 * replace; parts the package lacks follow. Whole or not at all. */
int ck_annotate_write_package(struct ck_zip *zip, const char *output, const ck_annotate_part *parts, size_t count,
                              ck_error *err);

/* Sets err for a paragraph the reader gave a block to that is not in the
 * part (the two disagree about what a paragraph is); returns CK_EINPUT. */
int ck_annotate_unplaced(ck_error *err, const char *part, size_t index, size_t count);

#endif
