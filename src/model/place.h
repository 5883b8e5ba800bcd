/* place.h — citations of places in a contract, and the cross-references
 * in its text that name them (「依第5條第14款」, 「第8條第16款第2目第3子目」,
 * 「前款第2目」 aside, which is relative to the sentence and not resolved).
 *
 * A place is compared through its key: no white space, and every number
 * after 第 (and after 附件, 附錄, 附表) in Arabic digits, so "第八條 第十六款",
 * "第8條第16款" and "第８條第１６款" are the same place. */
#ifndef CK_MODEL_PLACE_H
#define CK_MODEL_PLACE_H

#include <stddef.h>

#include "model/document.h"
#include "util/buf.h"

/* Appends the key of the citation s (len bytes) to out. */
void ck_place_key(const char *s, size_t len, ck_buf *out);

/* The index of the first block whose place (or location) has the key of
 * citation, or -1 when the contract has no such place. */
long ck_document_find_place(const ck_document *doc, const char *citation, size_t len);

/* Scans a text for cross-references to the contract itself: 第N條
 * followed by any of 第N項 第N款 第N目 第N子目, or one of those alone
 * (relative to the citing block). A citation of a law (「採購法第67條」,
 * 「民法第216條第1項」, 「同條第2項」) or of a rule's points (「要點」第2點)
 * is not one, nor what is joined to it (「第3款至第5款」). */
typedef struct ck_reference_scan {
    const char *text;
    size_t len, pos;
    size_t prev_end;
    int have_prev, prev_law;
} ck_reference_scan;

void ck_reference_scan_init(ck_reference_scan *scan, const char *text, size_t len);

/* The next reference: [*start, *end) in bytes; *joined when it carries on
 * the one before (「第2目第1子目及第2子目」: 第2子目 is of that 第2目).
 * Returns 0 at the end. */
int ck_reference_next(ck_reference_scan *scan, size_t *start, size_t *end, int *joined);

/* Resolves the reference ref made in block `from`: a reference without
 * 第N條 is completed from base (the place of the reference it is joined
 * to), or when base is NULL from the citing block's place (「第2目第1子目」
 * in 第8條第16款第5目 is 第8條第16款第2目第1子目). Puts the full citation in
 * out (cleared first) and returns the index of the block it names, or -1. */
long ck_document_resolve_reference(const ck_document *doc, size_t from, const char *base, const char *ref, size_t len,
                                   ck_buf *out);

#endif
