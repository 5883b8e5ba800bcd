/* lang.h — the language users read: zh-TW first, English available.
 *
 * Messages are written in both languages at the call site:
 *   ck_tr("找不到檔案", "file not found")
 * The language is chosen once, from --lang, then CLAUSEKIT_LANG, then
 * LC_ALL / LC_MESSAGES / LANG (English when they start with "en"),
 * and zh-TW otherwise.
 */
#ifndef CK_LANG_H
#define CK_LANG_H

typedef enum { CK_LANG_ZH_TW = 0, CK_LANG_EN = 1 } ck_lang;

/* Chooses the language from the environment. */
void ck_lang_init(void);

/* Sets the language from a user's word ("zh-TW", "zh", "en"); returns 0 or -1. */
int ck_lang_set_name(const char *name);

ck_lang ck_lang_current(void);

/* Returns zh or en by the current language. The strings are not copied. */
const char *ck_tr(const char *zh, const char *en);

/* Describes a system error code (errno) in the current language: the causes
 * a clerk meets (no such file, no permission, disk full, read-only, a
 * folder where a file belongs) in zh-TW, others as the C library words it.
 * The string is static. */
const char *ck_strerror(int code);

#endif
