#include "reader/reader.h"
#include "util/lang.h"

int ck_docx_read(ck_zip *zip, ck_document *doc, ck_error *err)
{
    (void)zip, (void)doc;
    return ck_error_set(err, CK_EINPUT, "%s", ck_tr("尚不支援 DOCX", "DOCX is not supported yet"));
}
