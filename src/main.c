/* main.c — the command line: global options, then one subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "util/lang.h"
#include "xml/xml.h"

static void print_help(FILE *out)
{
    fprintf(out, "%s\n\n", ck_tr("用法：clausekit [--lang zh-TW|en] <命令> [選項] 檔案…",
                                 "usage: clausekit [--lang zh-TW|en] <command> [options] FILE..."));
    fprintf(out, "%s\n", ck_tr("命令：", "commands:"));
    for (const ck_command *c = ck_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, ck_tr(c->summary_zh, c->summary_en));
    fprintf(out, "\n%s\n", ck_tr("各命令的說明：clausekit <命令> --help\n"
                                 "結束狀態：0 沒有必要項目待處理，1 有必要項目缺漏、部分符合或衝突（forms：有列被略過），2 用法或輸入錯誤",
                                 "help on a command: clausekit <command> --help\n"
                                 "exit status: 0 nothing required is missing, 1 required gaps found (forms: rows left out), 2 usage or input error"));
}

int main(int argc, char **argv)
{
    int i = 1;

    ck_lang_init();
    ck_xml_init();
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_help(stdout);
            return CK_EXIT_OK;
        } else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
            printf("clausekit %s\n", CK_VERSION);
            return CK_EXIT_OK;
        } else if (strncmp(a, "--lang=", 7) == 0 || strcmp(a, "--lang") == 0) {
            if (a[6] != '=' && i + 1 >= argc)
                return ck_cli_usage_error(NULL, "%s", ck_tr("選項「--lang」需要一個值：zh-TW 或 en",
                                                            "option '--lang' needs a value: zh-TW or en"));
            const char *name = a[6] == '=' ? a + 7 : argv[++i];
            if (ck_cli_set_lang(NULL, name) != 0)
                return CK_EXIT_ERROR;
        } else {
            return ck_cli_option_error(NULL, '?', a);
        }
    }
    if (i >= argc)
        return ck_cli_usage_error(NULL, "%s", ck_tr("請指定命令：check、extract、rules、forms 或 serve",
                                                    "name a command: check, extract, rules, forms or serve"));
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 >= argc) {
            print_help(stdout);
            return CK_EXIT_OK;
        }
        i++;
        for (const ck_command *c = ck_commands; c->name; c++) {
            if (strcmp(c->name, argv[i]) == 0) {
                char *help_argv[] = { argv[i], "--help", NULL };
                return c->run(2, help_argv);
            }
        }
    }
    for (const ck_command *c = ck_commands; c->name; c++)
        if (strcmp(c->name, argv[i]) == 0)
            return c->run(argc - i, argv + i);
    return ck_cli_usage_error(NULL, ck_tr("不明的命令「%s」", "unknown command '%s'"), argv[i]);
}
