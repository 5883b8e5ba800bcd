/* ids.h — Taiwanese identity and business numbers, checked and masked.
 *
 * A person's number (國民身分證統一編號, 居留證統一證號) is personal data: it
 * appears in full only on the generated form. Every message this module
 * produces describes the number without quoting it; callers that name the
 * value in a message use the masked form (ck_id_mask): A12345****, or
 * A1234**** for a 9-character typo.
 *
 * Formats (regulations.md §4):
 *   national ID              [A-Z][12][0-9]{8}
 *   resident cert. (new)     [A-Z][89][0-9]{8}    same checksum as the ID
 *   resident cert. (old)     [A-Z][A-D][0-9]{8}   2nd letter: units digit of its code
 *   unified business number  [0-9]{8}, weights 1 2 1 2 1 2 4 1, mod 5
 * Lowercase letters are refused (with their own reason), never upper-cased.
 */
#ifndef CK_DATA_IDS_H
#define CK_DATA_IDS_H

#include <stddef.h>

/* What kind of number a valid (or nearly valid) value is. */
typedef enum ck_id_kind {
    CK_ID_KIND_UNKNOWN = 0,
    CK_ID_KIND_NATIONAL,     /* 國民身分證統一編號 */
    CK_ID_KIND_RESIDENT_NEW, /* 居留證統一證號, 2021 format (second digit 8/9) */
    CK_ID_KIND_RESIDENT_OLD, /* 居留證統一證號, old format (second letter A-D) */
    CK_ID_KIND_BUSINESS      /* 統一編號 */
} ck_id_kind;

/* Why a value is not valid; CK_ID_VALID when it is. */
typedef enum ck_id_reason {
    CK_ID_VALID = 0,
    CK_ID_EMPTY,          /* nothing given */
    CK_ID_LENGTH,         /* wrong number of characters */
    CK_ID_FULL_WIDTH,     /* full-width letters or digits (Ａ１２…) */
    CK_ID_SPACE,          /* a space inside the number */
    CK_ID_LOWERCASE,      /* a lowercase first or second letter */
    CK_ID_FIRST_LETTER,   /* first character is not a letter A-Z */
    CK_ID_SECOND_CHAR,    /* second character is not 1/2, 8/9 or A-D */
    CK_ID_NOT_DIGITS,     /* a character that must be a digit is not */
    CK_ID_CHECKSUM        /* the check digit does not match */
} ck_id_reason;

typedef struct ck_id_result {
    ck_id_reason reason;
    ck_id_kind kind;      /* known from the second character even when invalid */
    char masked[64];      /* the value masked as ck_id_mask writes it (business numbers: as given) */
    char message[256];    /* what is wrong, in the current language, without the value;
                             "" when valid. E.g. "has 9 characters, needs 10". */
} ck_id_result;

/* Checks a person's number: national ID or resident certificate (either
 * format). value is the cell as read (already trimmed). result may be NULL.
 * Returns the reason (CK_ID_VALID == 0 when valid). */
ck_id_reason ck_id_check_person(const char *value, ck_id_result *result);

/* Checks a unified business number (統一編號), including the rule for a 7th
 * digit of 7. result may be NULL. Returns the reason. */
ck_id_reason ck_id_check_business(const char *value, ck_id_result *result);

/* Masks a person's number for messages and logs into out (always
 * NUL-terminated): ten or more characters keep the first 6 and mask the rest
 * (A12345****); shorter values keep all but the last 4 (A1234****); counts
 * are in Unicode code points. Returns out. */
const char *ck_id_mask(const char *value, char *out, size_t size);

/* Masks, in place, every person's number that validates (national ID,
 * resident certificate, either format; half- or full-width) anywhere inside
 * text: its last four characters become '*' ('＊' where full-width), so
 * the text keeps its length in bytes and byte ranges into it stay valid.
 * The one place messages and reports hide the numbers a clause or a cell
 * quotes; only the forms carry them in full. Returns how many were masked. */
size_t ck_id_mask_in_text(char *text, size_t len);
/* A copy of the NUL-terminated text with the numbers masked as above, or
 * NULL for NULL. Caller frees. */
char *ck_id_masked_copy(const char *text);

/* Writes "<label> 'MASKED' <message>" (zh-TW: <label>「MASKED」<message>) into
 * out, the line a roster error carries. Returns out. */
const char *ck_id_describe(const ck_id_result *result, const char *label, char *out, size_t size);

/* The two-digit code of a letter A-Z in the ID table (A=10 ... I=34, O=35,
 * W=32, X=30, Y=31, Z=33), or -1. */
int ck_id_letter_code(char letter);

#endif
