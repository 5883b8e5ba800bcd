#include "annotate/annotate.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "util/buf.h"
#include "util/file.h"
#include "util/lang.h"
#include "xml/splice.h"
#include "zip/container.h"

void ck_annotation_set_init(ck_annotation_set *set, const char *part)
{
    memset(set, 0, sizeof *set);
    set->part = ck_strdup(part ? part : "");
    set->author = ck_strdup("clausekit");
    set->appendix_title = ck_strdup("補充條款（審查建議）");
    set->appendix_after = -1;
    set->appendix_before = -1;
    set->date = (long long)time(NULL);
}

void ck_annotation_set_comment(ck_annotation_set *set, uint32_t first, uint32_t last, const char *key,
                               const char *text)
{
    set->comments = ck_realloc(set->comments, (set->comment_count + 1) * sizeof *set->comments);
    set->comments[set->comment_count++] =
        (ck_annotation){ first, last < first ? first : last, ck_strdup(key ? key : ""), ck_strdup(text ? text : "") };
}

void ck_annotation_set_insert(ck_annotation_set *set, long after, const char *key, const char *text,
                              const char *comment)
{
    set->insertions = ck_realloc(set->insertions, (set->insertion_count + 1) * sizeof *set->insertions);
    set->insertions[set->insertion_count++] = (ck_insertion){ after, ck_strdup(key ? key : ""),
                                                              ck_strdup(text ? text : ""), ck_strdup(comment) };
}

void ck_annotation_set_free(ck_annotation_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->comment_count; i++) {
        free(set->comments[i].key);
        free(set->comments[i].text);
    }
    for (size_t i = 0; i < set->insertion_count; i++) {
        free(set->insertions[i].key);
        free(set->insertions[i].text);
        free(set->insertions[i].comment);
    }
    free(set->comments);
    free(set->insertions);
    free(set->summary);
    free(set->part);
    free(set->author);
    free(set->appendix_title);
    memset(set, 0, sizeof *set);
}

void ck_annotation_keys_scan(ck_annotation_keys *keys, const char *text, size_t len)
{
    const char *open = ck_xml_find(text, len, "【");
    const char *shut = open ? ck_xml_find(open, len - (size_t)(open - text), "】") : NULL;
    if (!open || !shut)
        return;
    keys->keys = ck_realloc(keys->keys, (keys->count + 1) * sizeof *keys->keys);
    keys->keys[keys->count++] = ck_strndup(open + strlen("【"), (size_t)(shut - open) - strlen("【"));
}

int ck_annotation_keys_has(const ck_annotation_keys *keys, const char *key)
{
    for (size_t i = 0; key && *key && i < keys->count; i++)
        if (strcmp(keys->keys[i], key) == 0)
            return 1;
    return 0;
}

void ck_annotation_keys_free(ck_annotation_keys *keys)
{
    for (size_t i = 0; i < keys->count; i++)
        free(keys->keys[i]);
    free(keys->keys);
    keys->keys = NULL;
    keys->count = 0;
}

void ck_annotate_date(long long date, int zulu, char *buf, size_t size)
{
    time_t t = (time_t)date;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, zulu ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%dT%H:%M:%S", &tm);
}

int ck_annotate_write_package(ck_zip *zip, const char *output, const ck_annotate_part *parts, size_t count,
                               ck_error *err)
{
    ck_zip_writer *w = NULL;
    int rc;

    if ((rc = ck_zip_writer_open(&w, output, err)) != 0)
        return rc;
    for (size_t i = 0; i < ck_zip_count(zip) && rc == 0; i++) {
        const char *name = ck_zip_name(zip, i);
        const ck_annotate_part *part = NULL;
        for (size_t k = 0; k < count && !part; k++)
            if (parts[k].len && strcmp(parts[k].name, name) == 0)
                part = &parts[k];
        rc = part ? ck_zip_writer_add(w, name, part->data, part->len, 0, err)
                  : ck_zip_writer_copy_raw(w, zip, name, err);
    }
    for (size_t k = 0; k < count && rc == 0; k++)
        if (parts[k].len && ck_zip_find(zip, parts[k].name) < 0)
            rc = ck_zip_writer_add(w, parts[k].name, parts[k].data, parts[k].len, 0, err);
    if (rc == 0)
        return ck_zip_writer_commit(w, err);
    ck_zip_writer_abort(w);
    return rc;
}

int ck_annotate_unplaced(ck_error *err, const char *part, size_t index, size_t count)
{
    ck_error_set(err, CK_EINPUT,
                 ck_tr("找不到第 %zu 個段落元素（文件中只有 %zu 個）；無法加註，請回報此檔案",
                       "paragraph element %zu is not in the part (it has %zu); cannot annotate: please report the file"),
                 index + 1, count);
    ck_error_set_part(err, part);
    return CK_EINPUT;
}

int ck_annotate_check_output(const char *input, const char *output, ck_error *err)
{
    const char *ei = strrchr(input, '.'), *eo = strrchr(output, '.');

    if (ck_file_same(input, output) || strcmp(input, output) == 0) {
        ck_error_set(err, CK_EUSAGE, "%s",
                     ck_tr("加註的副本不能覆寫原檔；請為 --annotate 指定另一個檔名",
                           "the annotated copy cannot replace the original; give --annotate another file name"));
    } else if (!ei || !eo || strcasecmp(ei, eo) != 0 || (strcasecmp(ei, ".docx") != 0 && strcasecmp(ei, ".odt") != 0)) {
        ck_error_set(err, CK_EUSAGE, "%s",
                     ck_tr("副本須與原檔同為 .docx 或 .odt；請改用相同的副檔名",
                           "the copy must be .docx or .odt like the contract; use the same extension"));
    } else {
        return 0;
    }
    ck_error_set_file(err, output);
    return CK_EUSAGE;
}

int ck_annotate_write(const char *input, const char *output, const ck_annotation_set *set, ck_error *err)
{
    ck_zip *zip = NULL;
    int rc;

    if ((rc = ck_annotate_check_output(input, output, err)) != 0)
        return rc;
    if ((rc = ck_zip_open(&zip, input, NULL, err)) != 0)
        return rc;
    if (ck_zip_find(zip, "content.xml") >= 0 && ck_zip_find_nocase(zip, "[Content_Types].xml") < 0)
        rc = ck_annotate_odt(zip, output, set, err);
    else
        rc = ck_annotate_docx(zip, output, set, err);
    ck_zip_close(zip);
    if (rc != 0)
        ck_error_set_file(err, input);
    return rc;
}
