/* reader.h — reads a contract file (DOCX or ODT) into a ck_document.
 *
 * ck_reader_read() opens the package with the zip layer's limits, decides
 * what it is from its contents (not its file name), runs the matching
 * reader, then ck_document_locate() so every block knows where a reviewer
 * would cite it.
 */
#ifndef CK_READER_H
#define CK_READER_H

#include "model/document.h"
#include "util/error.h"
#include "zip/container.h"

/* Reads path. On success *out is a document the caller frees with
 * ck_document_free(); on failure *out is NULL and err says why, naming the
 * file. limits may be NULL for the defaults. */
int ck_reader_read(const char *path, const ck_zip_limits *limits, ck_document **out, ck_error *err);

/* The format readers, on an open package; they append blocks to doc. */
int ck_docx_read(ck_zip *zip, ck_document *doc, ck_error *err);
int ck_odt_read(ck_zip *zip, ck_document *doc, ck_error *err);

#endif
