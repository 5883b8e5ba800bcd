#include "cli/commands.h"

#include <stdarg.h>
#include <stdio.h>

#include "util/lang.h"

/* One line per command; each command lives in its own cli/<name>.c. */
const ck_command ck_commands[] = {
    { "check", ck_cmd_check, "檢查契約條款並產生報告", "check contracts against rule packs and report" },
    { "extract", ck_cmd_extract, "列出契約的段落、條次位置與文字", "list a contract's blocks with locations and text" },
    { "rules", ck_cmd_rules, "列出、顯示與檢查規則套件", "list, show and lint rule packs" },
    { "forms", ck_cmd_forms, "產生委外人員表單 4-016、4-017、4-018", "fill the vendor-staff forms 4-016, 4-017, 4-018" },
    { "serve", ck_cmd_serve, "提供網頁：以瀏覽器檢查契約與產生表單", "serve a web page for checking contracts and filling forms" },
    { NULL, NULL, NULL, NULL },
};

int ck_cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;

    fputs("clausekit: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (command)
        fprintf(stderr, ck_tr("（請執行 clausekit %s --help）\n", " (see clausekit %s --help)\n"), command);
    else
        fputs(ck_tr("（請執行 clausekit --help）\n", " (see clausekit --help)\n"), stderr);
    return CK_EXIT_ERROR;
}

int ck_cli_set_lang(const char *command, const char *name)
{
    if (ck_lang_set_name(name) == 0)
        return CK_EXIT_OK;
    return ck_cli_usage_error(command, ck_tr("不明的語言「%s」：請用 zh-TW 或 en", "unknown language '%s': use zh-TW or en"),
                              name);
}

int ck_cli_option_error(const char *command, int c, const char *option)
{
    if (c == ':')
        return ck_cli_usage_error(command, ck_tr("選項「%s」需要一個值", "option '%s' needs a value"), option);
    return ck_cli_usage_error(command, ck_tr("不明的選項「%s」", "unknown option '%s'"), option);
}
