/* label.h — item labels at the start of a paragraph ("一、", "(二)", "3.",
 * "(4)", "甲、", "①", "a)", "【1】", "1.2.3"), shared by the locator and
 * the agreed-text marker; not used outside src/model. */
#ifndef CK_MODEL_LABEL_H
#define CK_MODEL_LABEL_H

#include <stddef.h>

#include <utf8proc.h>

typedef enum ck_label_kind {
    CK_LABEL_NONE = 0,
    CK_LABEL_CJK,         /* 一、 */
    CK_LABEL_CJK_PAREN,   /* (一) （一） */
    CK_LABEL_LEGAL,       /* 壹、 */
    CK_LABEL_ARABIC,      /* 1. 1、 1) */
    CK_LABEL_ARABIC_PAREN,/* (1) */
    CK_LABEL_STEM,        /* 甲、 */
    CK_LABEL_CIRCLED,     /* ① */
    CK_LABEL_LATIN,       /* a. A) */
    CK_LABEL_LATIN_PAREN, /* (a) */
    CK_LABEL_BRACKET,     /* 【1】 */
    CK_LABEL_BULLET,
    CK_LABEL_MULTI        /* 1.1, 1.1.1: CK_LABEL_MULTI + dots */
} ck_label_kind;

typedef struct ck_label {
    int kind;
    long number;
    size_t length; /* bytes of the label itself in the string read */
} ck_label;

/* The code point at s[pos] (len bytes), its length in *n; -1 at the end or
 * on bad UTF-8 (*n is then 0). */
utf8proc_int32_t ck_label_peek(const char *s, size_t len, size_t pos, size_t *n);

/* ASCII white space, U+3000 ideographic space, U+00A0. */
int ck_label_is_space(utf8proc_int32_t c);
size_t ck_label_skip_spaces(const char *s, size_t len, size_t pos);

/* The words that open an annex's label or title (附件, 附錄, 附表):
 * the one list the model reads them from. The matcher's word list
 * annex_label (rules/language.yaml) names the same words; a test holds the
 * two together. NULL-terminated. */
extern const char *const ck_label_annex_words[];

/* The length in bytes of the annex word s[0..len) starts with, or 0. */
size_t ck_label_annex_word(const char *s, size_t len);

/* Reads an item label at the start of s. whole: s starts with a numbering
 * label of its own (from automatic numbering), so the punctuation after the
 * number may be missing. kind CK_LABEL_NONE when there is none. */
ck_label ck_label_read(const char *s, size_t len, int whole);

#endif
