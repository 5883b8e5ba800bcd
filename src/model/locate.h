/* locate.h — gives every block of a document its place: the article
 * (第N條) it belongs to, its 項/款/目 numbering, annex (附件), table row and
 * column, and the location string a reviewer would cite
 * ("第十二條 第二項", "三、(二)", "附件一", "表 2 第 3 列"). */
#ifndef CK_MODEL_LOCATE_H
#define CK_MODEL_LOCATE_H

#include "model/document.h"

/* Fills block->location, ->article, ->article_number and the annex flag
 * for every block. Runs after a reader; idempotent. */
void ck_document_locate(ck_document *doc);

#endif
