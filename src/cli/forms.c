/* forms.c — `clausekit forms`: the vendor-staff forms 4-016, 4-017 and
 * 4-018 (or a clerk's own template) filled from a roster or a record. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "forms/forms.h"
#include "util/lang.h"
#include "util/paths.h"

/* ---- telling the run's progress and end ----------------------------------- */

static volatile sig_atomic_t progress_line_open; /* a progress bar waits for its newline */
static const char *interrupted_message;          /* chosen before the run starts */

/* A bar on stderr, redrawn every 25 forms. */
static void draw_progress(void *ctx, size_t done, size_t total)
{
    enum { WIDTH = 30 };
    char bar[WIDTH + 1];
    size_t filled;

    (void)ctx;
    if (total < 2 || (done != total && done % 25 != 0))
        return;
    filled = total ? done * WIDTH / total : WIDTH;
    for (size_t i = 0; i < WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\r%s [%s] %zu/%zu", ck_tr("產生表單", "writing forms"), bar, done, total);
    if (done == total)
        fputs("\n", stderr);
    fflush(stderr);
    progress_line_open = done != total;
}

/* From the signal handler, once the run's files are removed: a clerk who
 * pressed Ctrl+C learns that nothing was left behind. */
static void tell_interrupted(void)
{
    if (progress_line_open)
        (void)!write(STDERR_FILENO, "\n", 1);
    (void)!write(STDERR_FILENO, interrupted_message, strlen(interrupted_message));
}

int ck_cli_forms_tell(const ck_forms_result *res, FILE *listing)
{
    const ck_forms_data *d = res->data;
    ck_buf lines = CK_BUF_INIT;

    if (d && d->note)
        fputs(d->note, stderr);
    for (size_t i = 0; d && i < res->problems.count; i++)
        ck_forms_problem_format(d, &res->problems.items[i], &lines);
    if (lines.len)
        fputs(lines.data, stderr);
    ck_buf_free(&lines);
    switch (res->outcome) {
    case CK_FORMS_INVALID:
        fprintf(stderr, ck_tr("clausekit: %s: %zu 筆資料有誤，未產生任何表單（可用 --skip-invalid 略過有誤的列）\n",
                              "clausekit: %s: %zu record(s) are invalid; nothing was written (--skip-invalid leaves them out)\n"),
                d->path, res->invalid);
        return CK_EXIT_ERROR;
    case CK_FORMS_NONE_VALID:
        fprintf(stderr, ck_tr("clausekit: %s: 沒有任何一筆正確的資料，未產生表單\n",
                              "clausekit: %s: no record is valid; nothing was written\n"),
                d->path);
        return CK_EXIT_ERROR;
    case CK_FORMS_FAILED:
        ck_error_print(&res->error, stderr);
        return CK_EXIT_ERROR;
    case CK_FORMS_WRITTEN:
        break;
    }
    for (size_t i = 0; listing && i < res->output_count; i++)
        fprintf(listing, "%s\n", res->outputs[i]);
    if (res->invalid) {
        fprintf(stderr, ck_tr("clausekit: %s: 已產生 %zu 份，略過 %zu 筆有誤的資料\n",
                              "clausekit: %s: wrote %zu form(s), left out %zu invalid record(s)\n"),
                d->path, res->valid, res->invalid);
        return CK_EXIT_GAPS;
    }
    return CK_EXIT_OK;
}

/* forms list: number, title and file of each installed form. */
static int list_forms(FILE *out)
{
    size_t count;
    ck_forms_installed *list = ck_forms_list(&count);
    int status = CK_EXIT_OK;

    if (count == 0) {
        char *dir = ck_data_path("templates");
        fprintf(stderr, ck_tr("clausekit: %s: 沒有任何範本（*.md）\n", "clausekit: %s: no templates (*.md)\n"), dir);
        free(dir);
        status = CK_EXIT_ERROR;
    }
    for (size_t i = 0; i < count; i++) {
        if (!list[i].form) {
            ck_error_print(&list[i].error, stderr);
            status = CK_EXIT_ERROR;
        } else {
            fprintf(out, ck_tr("%-8s %s（%s）\n", "%-8s %s  (%s)\n"), list[i].form, list[i].title, list[i].path);
        }
    }
    ck_forms_installed_free(list, count);
    return status;
}

static void print_help(FILE *out)
{
    fputs(ck_tr("用法：clausekit forms 表單 --data 資料檔 [--format docx|odt|html|md] -o 輸出 [選項]\n"
                "      clausekit forms list\n"
                "\n"
                "  表單                4-016、4-017、4-018，或自訂範本（.md）的路徑\n"
                "  list                列出已安裝的表單\n"
                "  --data 檔案         名冊（CSV、XLSX、ODS：第一個工作表，第一列為欄名）或\n"
                "                      一筆／多筆資料（YAML、JSON）\n"
                "  --encoding 編碼     CSV 的編碼（預設自動判斷 UTF-8 或 Big5/CP950）\n"
                "  --format 格式       docx（預設）、odt、html、md\n"
                "  -o, --output 輸出   名冊：輸出資料夾（每人一份）；一筆資料或 --merge：輸出檔\n"
                "  --name 樣式         檔名樣式，預設 '{{表單編號}}-{{姓名}}'；重複的檔名加上 -2、-3\n"
                "  --merge             合併成一份文件，每人一頁起\n"
                "  --zip 檔案          全部輸出放進一個 zip 檔\n"
                "  --force             覆寫已存在的檔案（預設：有任何一個已存在就不產生）\n"
                "  --skip-invalid      略過有誤的列，產生其餘的（結束狀態 1）\n"
                "  --from-check 檔案   4-018：依 clausekit check --format json 的結果預先勾選\n"
                "  --rules 名稱|檔案   4-018：稽核項目取自這些規則套件（可重複；預設同 check）\n"
                "  --jobs N            大型名冊以 N 個行程同時產生（預設為 CPU 數）\n"
                "  --lang zh-TW|en     顯示語言\n"
                "\n"
                "結束狀態：0 全部產生；1 有列被 --skip-invalid 略過；2 錯誤（未產生任何檔案）。\n"
                "範本寫法見 docs/templates.md，本命令見 docs/forms.md。\n",
                "usage: clausekit forms FORM --data FILE [--format docx|odt|html|md] -o OUT [options]\n"
                "       clausekit forms list\n"
                "\n"
                "  FORM                4-016, 4-017, 4-018, or the path of your own template (.md)\n"
                "  list                list the installed forms\n"
                "  --data FILE         a roster (CSV, XLSX, ODS: first sheet, header row) or\n"
                "                      one or more records (YAML, JSON)\n"
                "  --encoding ENC      encoding of a CSV roster (default: detect UTF-8 or Big5/CP950)\n"
                "  --format FORMAT     docx (default), odt, html, md\n"
                "  -o, --output OUT    roster: output folder (one file per row); one record or\n"
                "                      --merge: output file\n"
                "  --name PATTERN      file names, default '{{表單編號}}-{{姓名}}'; repeats get -2, -3\n"
                "  --merge             one document, each person starting a new page\n"
                "  --zip FILE          put every output into one zip archive\n"
                "  --force             overwrite existing files (default: write nothing if any exists)\n"
                "  --skip-invalid      leave invalid rows out and write the rest (exit status 1)\n"
                "  --from-check FILE   4-018: pre-fill the marks from clausekit check --format json\n"
                "  --rules NAME|FILE   4-018: take the audit items from these rule packs\n"
                "                      (repeatable; default as for check)\n"
                "  --jobs N            write a large roster's files with N processes (default: CPUs)\n"
                "  --lang zh-TW|en     language\n"
                "\n"
                "exit status: 0 all written; 1 rows left out by --skip-invalid; 2 error (nothing written).\n"
                "Writing templates: docs/templates.md; this command: docs/forms.md.\n"),
          out);
}

enum {
    OPT_DATA = 256, OPT_ENCODING, OPT_FORMAT, OPT_NAME, OPT_MERGE, OPT_ZIP, OPT_FORCE, OPT_SKIP,
    OPT_FROM_CHECK, OPT_RULES, OPT_JOBS, OPT_LANG, OPT_HELP
};

int ck_cmd_forms(int argc, char **argv)
{
    static const struct option options[] = {
        { "data", required_argument, NULL, OPT_DATA },
        { "encoding", required_argument, NULL, OPT_ENCODING },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "output", required_argument, NULL, 'o' },
        { "name", required_argument, NULL, OPT_NAME },
        { "merge", no_argument, NULL, OPT_MERGE },
        { "zip", required_argument, NULL, OPT_ZIP },
        { "force", no_argument, NULL, OPT_FORCE },
        { "skip-invalid", no_argument, NULL, OPT_SKIP },
        { "from-check", required_argument, NULL, OPT_FROM_CHECK },
        { "rules", required_argument, NULL, OPT_RULES },
        { "jobs", required_argument, NULL, OPT_JOBS },
        { "lang", required_argument, NULL, OPT_LANG },
        { "help", no_argument, NULL, OPT_HELP },
        { NULL, 0, NULL, 0 },
    };
    ck_forms_options opt;
    ck_forms_result res;
    const char **packs = NULL;
    int c, status;

    memset(&opt, 0, sizeof opt);
    opt.format = CK_WRITER_DOCX;
    {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        opt.jobs = cpus > 0 ? (int)cpus : 1;
    }
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (c) {
        case OPT_DATA: opt.data = optarg; break;
        case OPT_ENCODING: opt.encoding = optarg; break;
        case OPT_FORMAT:
            if (ck_writer_format_from_name(optarg, &opt.format) != 0) {
                free(packs);
                return ck_cli_usage_error("forms", ck_tr("不明的格式「%s」：請用 docx、odt、html 或 md",
                                                         "unknown format '%s': use docx, odt, html or md"),
                                          optarg);
            }
            break;
        case 'o': opt.output = optarg; break;
        case OPT_NAME: opt.name_pattern = optarg; break;
        case OPT_MERGE: opt.merge = 1; break;
        case OPT_ZIP: opt.zip = optarg; break;
        case OPT_FORCE: opt.force = 1; break;
        case OPT_SKIP: opt.skip_invalid = 1; break;
        case OPT_FROM_CHECK: opt.from_check = optarg; break;
        case OPT_RULES:
            packs = realloc(packs, sizeof *packs * (opt.pack_count + 1));
            if (!packs)
                abort();
            packs[opt.pack_count++] = optarg;
            break;
        case OPT_JOBS: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 64) {
                free(packs);
                return ck_cli_usage_error("forms", ck_tr("--jobs 須是 1 到 64 的整數", "--jobs must be a number from 1 to 64"));
            }
            opt.jobs = (int)n;
            break;
        }
        case OPT_LANG:
            if (ck_lang_set_name(optarg) != 0) {
                free(packs);
                return ck_cli_usage_error("forms", ck_tr("不明的語言「%s」：請用 zh-TW 或 en",
                                                         "unknown language '%s': use zh-TW or en"),
                                          optarg);
            }
            break;
        case 'h':
        case OPT_HELP:
            print_help(stdout);
            free(packs);
            return CK_EXIT_OK;
        case ':':
            free(packs);
            return ck_cli_usage_error("forms", ck_tr("選項「%s」需要一個值", "option '%s' needs a value"),
                                      argv[optind - 1]);
        default:
            free(packs);
            return ck_cli_usage_error("forms", ck_tr("不明的選項「%s」", "unknown option '%s'"), argv[optind - 1]);
        }
    }
    opt.packs = packs;
    if (optind < argc && strcmp(argv[optind], "list") == 0 && optind + 1 == argc) {
        free(packs);
        return list_forms(stdout);
    }
    if (optind + 1 < argc) {
        /* Most often a path with a space typed without quotes. */
        free(packs);
        return ck_cli_usage_error("forms", ck_tr("多餘的參數「%s」；檔名或路徑有空白時，請用引號括起來",
                                                 "unexpected argument '%s'; put quotes around a path with spaces"),
                                  argv[optind + 1]);
    }
    if (optind + 1 != argc) {
        free(packs);
        return ck_cli_usage_error("forms", ck_tr("請給一個表單：4-016、4-017、4-018 或範本檔",
                                                 "give one form: 4-016, 4-017, 4-018 or a template file"));
    }
    opt.form = argv[optind];
    if (!opt.data) {
        free(packs);
        return ck_cli_usage_error("forms", ck_tr("請用 --data 指定名冊或資料檔", "give the roster or record with --data"));
    }
    if (opt.zip && opt.output) {
        free(packs);
        return ck_cli_usage_error("forms", ck_tr("-o 與 --zip 只能擇一", "use either -o or --zip, not both"));
    }
    if (!opt.zip && !opt.output) {
        free(packs);
        return ck_cli_usage_error("forms", ck_tr("請用 -o 指定輸出檔或資料夾（或用 --zip）", "give -o FILE or -o DIR (or --zip FILE)"));
    }
    if (isatty(STDERR_FILENO))
        opt.on_progress = draw_progress;
    interrupted_message = ck_tr("clausekit: 已中斷；本次產生的檔案都已刪除，沒有留下任何表單\n",
                                "clausekit: interrupted; every file this run wrote was removed\n");
    opt.on_interrupt = tell_interrupted;
    ck_forms_run(&opt, &res);
    status = ck_cli_forms_tell(&res, stdout);
    ck_forms_result_free(&res);
    free(packs);
    return status;
}
