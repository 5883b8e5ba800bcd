/* filters.c — what `{{欄位 | filter}}` does to a value. */
#include "template/template.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "data/dates.h"
#include "data/ids.h"
#include "model/numerals.h"
#include "util/buf.h"
#include "util/lang.h"

/* ---- chinese_amount ---------------------------------------------------------- */

int ck_template_chinese_amount(const char *text, char **out, ck_error *err)
{
    long long yuan;
    int rc = ck_numeral_parse_grouped(text, 0, &yuan);
    ck_buf b = CK_BUF_INIT;

    *out = NULL;
    if (rc == -1)
        return ck_error_set(err, CK_EDATA, "%s",
                            ck_tr("金額須為阿拉伯數字（可用千分位逗號），不含小數或貨幣符號",
                                  "an amount must be digits (thousands commas allowed), without "
                                  "decimals or a currency sign"));
    if (rc != 0 || ck_numeral_format_amount(yuan, &b) != 0)
        return ck_error_set(err, CK_EDATA, "%s",
                            ck_tr("金額超過 12 位數（9999 億餘），無法以壹…億書寫",
                                  "an amount of more than 12 digits cannot be written up to 億"));
    *out = ck_buf_detach(&b);
    return 0;
}

/* ---- names ---------------------------------------------------------------- */

/* Splits a names value (甲、乙,丙，丁；戊) into a LIST of trimmed names. */
ck_value *ck_template_split_names(const char *s, long line)
{
    static const char *const seps[] = { "、", ",", "，", "；", ";", NULL };
    ck_value *list = ck_value_new_list(line);
    const char *p = s;

    while (*p) {
        const char *best = NULL;
        size_t best_len = 0;
        char *name;
        for (int i = 0; seps[i]; i++) {
            const char *q = strstr(p, seps[i]);
            if (q && (!best || q < best)) {
                best = q;
                best_len = strlen(seps[i]);
            }
        }
        name = ck_strndup(p, best ? (size_t)(best - p) : strlen(p));
        ck_data_trim(name);
        if (*name)
            ck_value_list_append(list, ck_value_new_string(name, line));
        free(name);
        if (!best)
            break;
        p = best + best_len;
    }
    return list;
}

/* ---- the filter table ------------------------------------------------------- */

static int filter_roc_date(const char *arg, const char *value, char **out, ck_error *err)
{
    ck_date date;
    char why[256], buf[64];

    (void)arg;
    if (!*value) {
        *out = ck_strdup("");
        return 0;
    }
    if (ck_date_parse(value, &date, why, sizeof why) != 0)
        return ck_error_set(err, CK_EDATA, ck_tr("日期「%s」無法辨識：%s", "date '%s' is not valid: %s"),
                            value, why);
    *out = ck_strdup(ck_date_format(&date, CK_DATE_ROC_LONG, buf, sizeof buf));
    return 0;
}

static int filter_mask_id(const char *arg, const char *value, char **out, ck_error *err)
{
    char buf[128];

    (void)arg, (void)err;
    *out = ck_strdup(*value ? ck_id_mask(value, buf, sizeof buf) : "");
    return 0;
}

static int filter_chinese_amount(const char *arg, const char *value, char **out, ck_error *err)
{
    (void)arg;
    if (!*value) {
        *out = ck_strdup("");
        return 0;
    }
    return ck_template_chinese_amount(value, out, err);
}

static int filter_default(const char *arg, const char *value, char **out, ck_error *err)
{
    (void)err;
    *out = ck_strdup(*value ? value : (arg ? arg : ""));
    return 0;
}

static int filter_upper(const char *arg, const char *value, char **out, ck_error *err)
{
    char *s = ck_strdup(value);

    (void)arg, (void)err;
    for (char *p = s; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    *out = s;
    return 0;
}

typedef struct filter_def {
    const char *name;
    int (*run)(const char *arg, const char *value, char **out, ck_error *err);
} filter_def;

static const filter_def filters[] = {
    { "roc_date", filter_roc_date },
    { "mask_id", filter_mask_id },
    { "chinese_amount", filter_chinese_amount },
    { "default", filter_default },
    { "upper", filter_upper },
    { NULL, NULL },
};

int ck_template_apply_filter(const char *filter, const char *arg, const char *value, char **out,
                             ck_error *err)
{
    *out = NULL;
    for (const filter_def *f = filters; f->name; f++)
        if (strcmp(f->name, filter) == 0)
            return f->run(arg, value ? value : "", out, err);
    return ck_error_set(err, CK_EDATA, ck_tr("不認得的篩選器「%s」", "unknown filter '%s'"), filter);
}
