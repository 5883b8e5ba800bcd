#include "util/lang.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"

static ck_lang current = CK_LANG_ZH_TW;

static int starts_with_en(const char *s)
{
    return s && s[0] && strncmp(s, "en", 2) == 0;
}

void ck_lang_init(void)
{
    const char *env = getenv("CLAUSEKIT_LANG");

    if (env && *env && ck_lang_set_name(env) == 0)
        return;
    const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    for (size_t i = 0; i < CK_ARRAY_LEN(vars); i++) {
        const char *v = getenv(vars[i]);
        if (v && *v && strcmp(v, "C") != 0 && strncmp(v, "C.", 2) != 0 && strcmp(v, "POSIX") != 0) {
            current = starts_with_en(v) ? CK_LANG_EN : CK_LANG_ZH_TW;
            return;
        }
    }
    current = CK_LANG_ZH_TW;
}

int ck_lang_set_name(const char *name)
{
    if (!name)
        return -1;
    if (strncmp(name, "en", 2) == 0) {
        current = CK_LANG_EN;
        return 0;
    }
    if (strncmp(name, "zh", 2) == 0) {
        current = CK_LANG_ZH_TW;
        return 0;
    }
    return -1;
}

ck_lang ck_lang_current(void)
{
    return current;
}

const char *ck_tr(const char *zh, const char *en)
{
    return current == CK_LANG_EN ? en : zh;
}

const char *ck_strerror(int code)
{
    if (current == CK_LANG_EN)
        return strerror(code);
    switch (code) {
    case ENOENT:
        return "找不到檔案或資料夾";
    case EACCES:
    case EPERM:
        return "沒有權限";
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
        return "磁碟空間不足";
    case EROFS:
        return "磁碟是唯讀的";
    case EISDIR:
        return "這是資料夾，不是檔案";
    case ENOTDIR:
        return "路徑中有一段不是資料夾";
    case EEXIST:
        return "已經存在";
    case ENAMETOOLONG:
        return "檔名或路徑太長";
    case EMFILE:
    case ENFILE:
        return "同時開啟的檔案太多";
    case EIO:
        return "磁碟讀寫錯誤";
    default:
        return strerror(code);
    }
}
