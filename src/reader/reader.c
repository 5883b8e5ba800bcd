#include "reader/reader.h"

#include <stdlib.h>
#include <string.h>

#include "model/locate.h"
#include "util/lang.h"

static ck_format detect(ck_zip *zip, ck_error *err)
{
    char *mimetype = NULL;
    ck_format format = CK_FORMAT_UNKNOWN;

    if (ck_zip_find(zip, "mimetype") >= 0 && ck_zip_read(zip, "mimetype", 256, &mimetype, NULL, err) == 0) {
        if (strncmp(mimetype, "application/vnd.oasis.opendocument.text", 39) == 0)
            format = CK_FORMAT_ODT;
        else if (strncmp(mimetype, "application/vnd.oasis.opendocument.spreadsheet", 46) == 0)
            ck_error_set(err, CK_EINPUT, "%s",
                         ck_tr("這是 LibreOffice 試算表（.ods），不是文字文件；請提供 .odt 或 .docx 契約",
                               "this is a LibreOffice spreadsheet (.ods), not a text document; give a .odt or .docx "
                               "contract"));
        else if (strncmp(mimetype, "application/vnd.oasis.opendocument.", 35) == 0)
            ck_error_set(err, CK_EINPUT,
                         ck_tr("這是 OpenDocument 檔案，但不是文字文件（%s）；請提供 .odt 或 .docx 契約",
                               "this is an OpenDocument file but not a text document (%s); give a .odt or .docx contract"),
                         mimetype);
        free(mimetype);
        if (format || ck_error_is_set(err))
            return format;
    }
    /* Excel and PowerPoint files are Office packages too; a clerk who picked
     * the wrong file is told which one it is. */
    if (ck_zip_find(zip, "xl/workbook.xml") >= 0) {
        ck_error_set(err, CK_EINPUT, "%s",
                     ck_tr("這是 Excel 試算表（.xlsx），不是 Word 文件；請提供 .docx 或 .odt 契約",
                           "this is an Excel workbook (.xlsx), not a Word document; give a .docx or .odt contract"));
        return CK_FORMAT_UNKNOWN;
    }
    if (ck_zip_find(zip, "ppt/presentation.xml") >= 0) {
        ck_error_set(err, CK_EINPUT, "%s",
                     ck_tr("這是 PowerPoint 簡報（.pptx），不是 Word 文件；請提供 .docx 或 .odt 契約",
                           "this is a PowerPoint presentation (.pptx), not a Word document; give a .docx or .odt "
                           "contract"));
        return CK_FORMAT_UNKNOWN;
    }
    if (ck_zip_find_nocase(zip, "[Content_Types].xml") >= 0)
        return CK_FORMAT_DOCX;
    if (ck_zip_find(zip, "content.xml") >= 0 && ck_zip_find(zip, "META-INF/manifest.xml") >= 0)
        return CK_FORMAT_ODT;
    ck_error_set(err, CK_EINPUT, "%s",
                 ck_tr("zip 檔中沒有 Word 或 OpenDocument 的主文件；請在 Word 或 LibreOffice 另存為 .docx 或 .odt",
                       "the zip holds no Word or OpenDocument main document; save the contract as .docx or .odt"));
    return CK_FORMAT_UNKNOWN;
}

int ck_reader_read(const char *path, const ck_zip_limits *limits, ck_document **out, ck_error *err)
{
    ck_zip *zip = NULL;
    ck_document *doc = NULL;
    ck_format format;
    int rc;

    *out = NULL;
    if ((rc = ck_zip_open(&zip, path, limits, err)) != 0)
        return rc;
    format = detect(zip, err);
    if (format == CK_FORMAT_UNKNOWN) {
        rc = err->code ? err->code : CK_EINPUT;
        goto done;
    }
    doc = ck_document_new(path, format);
    rc = format == CK_FORMAT_DOCX ? ck_docx_read(zip, doc, err) : ck_odt_read(zip, doc, err);
    if (rc == 0)
        ck_document_locate(doc);
done:
    ck_zip_close(zip);
    if (rc != 0) {
        ck_error_set_file(err, path);
        ck_document_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}
