/* check.c — `clausekit check`: read contracts, match them against rule
 * packs, write one report per contract. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annotate/review.h"
#include "cli/commands.h"
#include "match/match.h"
#include "reader/reader.h"
#include "report/report.h"
#include "rules/pack.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/fs.h"
#include "util/lang.h"

static void print_help(FILE *out)
{
    fputs(ck_tr("用法：clausekit check 檔案… [--pack 名稱|檔案]… [--assume 條件]…\n"
                "                      [--format text|md|html|json|docx] [-o 檔案|資料夾] [--lang zh-TW|en]\n"
                "                      [--annotate 副本.docx [--annotate-all]] [--force]\n"
                "\n"
                "檢查契約（.docx、.odt）是否具備規則套件要求的條款，並產生報告。\n"
                "\n"
                "  --pack 名稱|檔案     使用這個規則套件（可重複）；預設為 wratb-outsourcing、\n"
                "                       cybersecurity-act、personal-data\n"
                "  --assume 條件        視適用條件為成立（例如 --assume system-development）；\n"
                "                       --assume no-條件 視為不成立（可重複）\n"
                "  --format 格式        text、md、html、json 或 docx（Word，須有 -o）；未指定時依 -o 的\n"
                "                       副檔名，否則 text\n"
                "  -o, --output 路徑    報告寫入檔案；多個契約時寫入資料夾，每份為 資料夾/名稱.副檔名\n"
                "  --lang zh-TW|en      報告語言\n"
                "  --annotate 副本      另存一份加上審查註解與追蹤修訂建議條文的契約（.docx→.docx，\n"
                "                       .odt→.odt）；原檔不會被修改。只能用於一份契約\n"
                "  --annotate-all       符合的項目也加上簡短註解\n"
                "  --force              報告或副本已存在時覆寫（預設不覆寫，以免蓋掉已審閱的版本）；\n"
                "                       要檢查的契約本身永遠不會被覆寫\n"
                "  --explain 規則代號   說明這條規則的判定：每個要素符合的句子與樣式，或最接近的\n"
                "                       文字與不採用的理由（另一方、許可不是義務、否定、但書、定義、\n"
                "                       非約定文字、不在該條內）；適用條件由哪些文字決定\n"
                "\n"
                "結束狀態：0 沒有必要條款缺漏、部分符合或衝突；1 有；2 用法、契約或規則套件錯誤。\n"
                "說明見 docs/checking.md。\n",
                "usage: clausekit check FILE... [--pack NAME|FILE]... [--assume COND]...\n"
                "                       [--format text|md|html|json|docx] [-o FILE|DIR] [--lang zh-TW|en]\n"
                "                       [--annotate COPY.docx [--annotate-all]] [--force]\n"
                "\n"
                "Checks contracts (.docx, .odt) for the clauses the rule packs require and reports.\n"
                "\n"
                "  --pack NAME|FILE     use this rule pack (repeatable); default wratb-outsourcing,\n"
                "                       cybersecurity-act, personal-data\n"
                "  --assume COND        take an applicability condition as holding (e.g.\n"
                "                       --assume system-development); --assume no-COND as not holding\n"
                "  --format FORMAT      text, md, html, json or docx (Word, needs -o); default: from\n"
                "                       -o's extension, else text\n"
                "  -o, --output PATH    write the report to a file; with several contracts, to a\n"
                "                       folder, one DIR/<name>.<ext> each\n"
                "  --lang zh-TW|en      report language\n"
                "  --annotate COPY      also write a copy of the contract with review comments and the\n"
                "                       missing clauses as tracked insertions (.docx to .docx, .odt to\n"
                "                       .odt); the input is never modified. One contract only\n"
                "  --annotate-all       also comment on each requirement that is met\n"
                "  --force              replace an existing report or copy (by default it is kept,\n"
                "                       so a copy someone has already reviewed is never lost); a\n"
                "                       contract being checked is never replaced\n"
                "  --explain ID         explain rule ID's status: for each element the sentence and\n"
                "                       pattern that matched, or the nearest wording and why it was\n"
                "                       turned down; the words that decided applicability\n"
                "\n"
                "Exit status: 0 no required clause is missing, partial or in conflict; 1 some is;\n"
                "2 usage, contract or rule pack error. See docs/checking.md.\n"),
          out);
}

/* -o 報告.html without --format means an HTML report: a text report in a
 * file named .html would open as one long unformatted line. */
static ck_report_format format_from_name(const char *path, ck_report_format fallback)
{
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base ? base + 1 : path, '.');
    char ext[16];
    ck_report_format format = fallback;
    size_t n = 0;

    if (!dot)
        return fallback;
    for (dot++; *dot && n + 1 < sizeof ext; dot++)
        ext[n++] = (char)((*dot >= 'A' && *dot <= 'Z') ? *dot - 'A' + 'a' : *dot);
    ext[n] = '\0';
    if (strcmp(ext, "htm") == 0)
        return CK_REPORT_HTML;
    /* A Word report is asked for with --format docx: a .docx name alone is
     * more often a contract named by mistake. */
    if (ck_report_format_parse(ext, &format) != 0 || format == CK_REPORT_DOCX)
        return fallback;
    return format;
}

/* The extension of path's last component, lower-cased into ext ("" when
 * there is none). */
static void name_extension(const char *path, char *ext, size_t size)
{
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base ? base + 1 : path, '.');
    size_t n = 0;

    if (dot && dot != (base ? base + 1 : path))
        for (dot++; *dot && n + 1 < size; dot++)
            ext[n++] = (char)((*dot >= 'A' && *dot <= 'Z') ? *dot - 'A' + 'a' : *dot);
    ext[n] = '\0';
}

/* -o 契約.docx, -o 報告.pdf, or --format md -o 報告.html: the name says the
 * file is something the report is not. A name whose extension means
 * nothing to us (報告.2026) is the user's choice. */
static int extension_contradicts(const char *path, ck_report_format format)
{
    static const char *const documents[] = {
        "docx", "docm", "doc", "odt", "ott", "rtf", "pdf", "xlsx", "xls", "ods", "csv", "tsv",
        "pptx", "odp", "zip", "yaml", "yml", "xml", "png", "jpg", "jpeg",
    };
    char ext[16];
    ck_report_format named;

    name_extension(path, ext, sizeof ext);
    if (!*ext)
        return 0;
    if (format == CK_REPORT_DOCX)
        return strcmp(ext, "docx") != 0;
    for (size_t i = 0; i < sizeof documents / sizeof *documents; i++)
        if (strcmp(ext, documents[i]) == 0)
            return 1;
    if (strcmp(ext, "htm") == 0)
        return format != CK_REPORT_HTML;
    if (strcmp(ext, "text") == 0)
        return format != CK_REPORT_TEXT;
    if (ck_report_format_parse(ext, &named) == 0)
        return named != format;
    return 0;
}

static const char *format_label(ck_report_format format)
{
    static const char *const labels[] = { "text", "Markdown", "HTML", "JSON", "Word" };
    return (unsigned)format < 5 ? labels[format] : "text";
}

/* A report path is never one of the contracts (same name, ./name, a hard
 * or symbolic link), whatever --force says; nor, without --force, a file
 * that exists. Devices (/dev/null, /dev/stdout) are written into. Prints
 * the one line and returns 2, or returns 0. */
static int refuse_output(const char *path, char **files, int file_count, const char *annotate, int force)
{
    struct stat st;

    for (int i = 0; i < file_count; i++)
        if (strcmp(path, files[i]) == 0 || ck_file_same(path, files[i])) {
            fprintf(stderr, "clausekit: %s: %s\n", path,
                    ck_tr("這是要檢查的契約本身，報告不能寫在它上面（--force 也不行）；請用 -o 指定另一個檔名",
                          "this is a contract being checked; a report never replaces it (not even with --force): "
                          "give -o another name"));
            return CK_EXIT_ERROR;
        }
    if (annotate && (strcmp(path, annotate) == 0 || ck_file_same(path, annotate))) {
        fprintf(stderr, "clausekit: %s: %s\n", path,
                ck_tr("報告與 --annotate 副本不能是同一個檔案；請改用其他檔名",
                      "the report and the --annotate copy cannot be the same file; give another name"));
        return CK_EXIT_ERROR;
    }
    if (!force && lstat(path, &st) == 0) {
        struct stat target;
        if (stat(path, &target) == 0 && !S_ISREG(target.st_mode) && !S_ISDIR(target.st_mode))
            return 0; /* a device, or a link to one */
        fprintf(stderr, "clausekit: %s: %s\n", path,
                ck_tr("檔案已存在；若要覆寫請加上 --force，或改用其他檔名",
                      "the file exists; add --force to replace it, or give another name"));
        return CK_EXIT_ERROR;
    }
    return 0;
}

/* "報告.html": a name with an extension, which -o for several reports
 * would otherwise make into a folder. "報告.2026/" stays a folder. */
static int looks_like_file_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return base[0] != '.' && strchr(base, '.') != NULL;
}

/* "dir/contract.docx" -> "contract"; full name when strip is 0. */
static char *base_name(const char *path, int strip)
{
    const char *slash = strrchr(path, '/');
    char *name = ck_strdup(slash ? slash + 1 : path);
    char *dot = strip ? strrchr(name, '.') : NULL;
    if (dot && dot != name)
        *dot = '\0';
    return name;
}

/* The report path for input i when writing into a folder; names that two
 * inputs share keep their extension so neither report overwrites the other,
 * and so does a contract named index beside the batch's index.html. */
static char *report_path(const char *dir, char **files, int count, int i, ck_report_format format)
{
    char *name = base_name(files[i], 1);
    ck_buf path = CK_BUF_INIT;
    if (count > 1 && strcasecmp(name, "index") == 0) {
        free(name);
        name = base_name(files[i], 0);
    }
    for (int j = 0; j < count; j++) {
        char *other = base_name(files[j], 1);
        int clash = j != i && strcmp(other, name) == 0;
        free(other);
        if (clash) {
            free(name);
            name = base_name(files[i], 0);
            break;
        }
    }
    ck_buf_printf(&path, "%s%s%s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name, ck_report_extension(format));
    free(name);
    return ck_buf_detach(&path);
}

/* A Word report is written from the report itself, the others from the
 * text already rendered. */
static int save_report(ck_report_format format, const ck_report_input *in, const char *path, const ck_buf *text,
                       ck_error *err)
{
    if (format == CK_REPORT_DOCX)
        return ck_report_docx_write(in, path, err);
    return ck_report_save(path, text->data, text->len, err);
}

/* ---- SIGINT and SIGTERM -------------------------------------------------------
 * Outputs wait under staged names until the end; a signal removes them
 * (and the writers' temporaries) so that nothing of the run is left. The
 * batch is changed only while signals are held. */
static ck_file_batch *signal_batch;

static void on_signal(int sig)
{
    ck_file_remove_temporaries();
    for (size_t i = 0; signal_batch && i < signal_batch->count; i++)
        if (!signal_batch->items[i].placed)
            unlink(signal_batch->items[i].staged);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void hold_signals(int hold)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* An error about a staged name is about the output the user named. */
static void name_output(ck_error *err, const char *staged, const char *target)
{
    if (staged && strcmp(err->file, staged) == 0)
        err->file[0] = '\0';
    ck_error_set_file(err, target);
}

/* DIR/index.html and DIR/index.csv, the batch at a glance: staged with the
 * reports, so they appear together. */
static const char *const index_names[] = { "index.html", "index.csv" };

static char *index_path(const char *dir, int k)
{
    ck_buf path = CK_BUF_INIT;
    ck_buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", index_names[k]);
    return ck_buf_detach(&path);
}

static int write_index(const char *dir, ck_report_index *index, ck_file_batch *batch, ck_error *err)
{
    int rc = 0;

    ck_report_index_sort(index);
    for (int k = 0; k < 2 && rc == 0; k++) {
        ck_buf text = CK_BUF_INIT;
        char *path = index_path(dir, k);
        const char *staged;
        if (k == 0)
            ck_report_index_html(index, &text);
        else
            ck_report_index_csv(index, &text);
        hold_signals(1); /* the batch changes only while signals are held */
        staged = ck_file_batch_stage(batch, path, err);
        rc = staged ? ck_report_save(staged, text.data, text.len, err) : CK_EIO;
        hold_signals(0);
        if (rc != 0)
            name_output(err, staged, path);
        ck_buf_free(&text);
        free(path);
    }
    return rc;
}

static void summary_line_to(ck_buf *out, const char *file, const ck_match_result *r)
{
    char label[64];
    ck_buf_printf(out, "%s%s", file, ck_tr("：", ": "));
    for (int s = 0; s < CK_STATUS_COUNT; s++)
        ck_buf_printf(out, "%s%zu %s", s ? ck_tr("，", ", ") : "", r->status_counts[s],
                      ck_report_status_label((ck_status)s, label, sizeof label));
    ck_buf_printf(out, ck_tr("；必要項目待處理 %d 項\n", "; required gaps: %d\n"), r->required_gaps);
}

static void summary_line(FILE *out, const char *file, const ck_match_result *r)
{
    ck_buf line = CK_BUF_INIT;
    summary_line_to(&line, file, r);
    fputs(line.data, out);
    ck_buf_free(&line);
}

/* ---- the command ------------------------------------------------------------- */

/* What the command line asks for. */
typedef struct check_options {
    const char **packs, **assume;  /* pointers into argv */
    size_t pack_count, assume_count;
    ck_report_format format;
    int format_given, annotate_all, force;
    const char *output, *annotate, *explain;
    char **files;
    int file_count;
} check_options;

/* One run over the contracts: where its outputs go and what came of them. */
typedef struct check_run {
    const check_options *opt;
    ck_rule_set *set;
    ck_file_batch batch;           /* every output, placed together at the end */
    ck_report_index index;         /* DIR/index.html and .csv for several contracts */
    ck_buf json_all;               /* the JSON array of several reports on stdout */
    ck_buf summaries;              /* one line a written report, shown once all are placed */
    int to_dir, made_dir, json_array;
    int errors, gaps, written, annotated;
} check_run;

/* parse_options and the checks before any work say this to go on. */
#define GO_ON (-1)

/* Fills o from the command line; GO_ON, or the exit status (--help, or a
 * usage error already printed). */
static int parse_options(int argc, char **argv, check_options *o)
{
    static const struct option options[] = {
        { "pack", required_argument, NULL, 'p' },   { "assume", required_argument, NULL, 'a' },
        { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
        { "lang", required_argument, NULL, 'l' },   { "help", no_argument, NULL, 'h' },
        { "annotate", required_argument, NULL, 'A' }, { "annotate-all", no_argument, NULL, 'B' },
        { "force", no_argument, NULL, 'F' },         { "explain", required_argument, NULL, 'E' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (c) {
        case 'p': o->packs[o->pack_count++] = optarg; break;
        case 'a': o->assume[o->assume_count++] = optarg; break;
        case 'f':
            o->format_given = 1;
            if (ck_report_format_parse(optarg, &o->format) != 0)
                return ck_cli_usage_error("check", ck_tr("不明的格式「%s」：請用 text、md、html、json 或 docx",
                                                         "unknown format '%s': use text, md, html, json or docx"),
                                          optarg);
            break;
        case 'o': o->output = optarg; break;
        case 'A': o->annotate = optarg; break;
        case 'B': o->annotate_all = 1; break;
        case 'F': o->force = 1; break;
        case 'E': o->explain = optarg; break;
        case 'l':
            if (ck_cli_set_lang("check", optarg) != 0)
                return CK_EXIT_ERROR;
            break;
        case 'h': print_help(stdout); return CK_EXIT_OK;
        default: return ck_cli_option_error("check", c, argv[optind - 1]);
        }
    }
    o->files = argv + optind;
    o->file_count = argc - optind;
    if (o->file_count <= 0)
        return ck_cli_usage_error("check", "%s", ck_tr("請指定要檢查的契約檔案", "name the contract files to check"));
    if (!o->format_given && o->output && o->file_count == 1)
        o->format = format_from_name(o->output, o->format);
    return GO_ON;
}

/* --annotate COPY: one contract, a copy of the same kind that is neither
 * the contract nor, without --force, a file that exists. GO_ON or 2. */
static int check_annotate_option(const check_options *o)
{
    ck_error err;

    ck_error_clear(&err);
    if (o->annotate_all && !o->annotate)
        return ck_cli_usage_error("check", "%s", ck_tr("--annotate-all 需與 --annotate 副本檔名一起使用",
                                                       "--annotate-all goes with --annotate COPY"));
    if (!o->annotate)
        return GO_ON;
    if (o->file_count > 1)
        return ck_cli_usage_error("check", "%s", ck_tr("--annotate 一次只能用於一份契約",
                                                       "--annotate takes one contract at a time"));
    if (ck_annotate_check_output(o->files[0], o->annotate, &err) != 0) {
        ck_error_print(&err, stderr);
        return CK_EXIT_ERROR;
    }
    if (ck_file_same(o->annotate, o->files[0]))
        return ck_cli_usage_error("check", "%s", ck_tr("加註的副本不能覆寫原檔；請為 --annotate 指定另一個檔名",
                                                       "the annotated copy cannot replace the original; give "
                                                       "--annotate another file name"));
    if (!o->force && access(o->annotate, F_OK) == 0) {
        /* The copy may be one a reviewer has already worked on. */
        fprintf(stderr, "clausekit: %s: %s\n", o->annotate,
                ck_tr("檔案已存在；若要覆寫請加上 --force，或改用其他檔名",
                      "the file exists; add --force to replace it, or give another name"));
        return CK_EXIT_ERROR;
    }
    return GO_ON;
}

/* -o: a file for one report, or a folder (made here when missing) for
 * several; no report may land on a contract, the copy, or without --force
 * on a file that exists. GO_ON or 2. */
static int prepare_output(check_run *run)
{
    const check_options *o = run->opt;
    const char *output = o->output;
    int status;

    if (!output)
        return GO_ON;
    if (o->file_count > 1 && !ck_fs_is_dir(output) && output[strlen(output) - 1] != '/' &&
        (access(output, F_OK) == 0 || looks_like_file_name(output))) {
        /* -o 報告.html with several contracts: a file was meant, not a folder
         * named like one. */
        return ck_cli_usage_error("check", ck_tr("%s：有多份契約時 -o 須是資料夾（每份契約一個報告），例如 -o 報告/",
                                                 "%s: with several contracts -o must be a folder (one report each), "
                                                 "such as -o reports/"),
                                  output);
    }
    if (o->file_count > 1 || ck_fs_is_dir(output) || output[strlen(output) - 1] == '/') {
        run->to_dir = 1;
        run->made_dir = !ck_fs_is_dir(output);
        if (run->made_dir && mkdir(output, 0777) != 0) {
            run->made_dir = 0;
            fprintf(stderr, "clausekit: %s: %s%s%s\n", output,
                    ck_tr("無法建立報告資料夾（", "cannot create the report folder ("), ck_strerror(errno),
                    ck_tr("）；請確認上層資料夾存在且可寫入", "); check that the folder above exists and is writable"));
            return CK_EXIT_ERROR;
        }
    }
    if (!run->to_dir) {
        if ((status = refuse_output(output, o->files, o->file_count, o->annotate, o->force)) != 0)
            return status;
        if (extension_contradicts(output, o->format)) {
            char ext[16];
            name_extension(output, ext, sizeof ext);
            fprintf(stderr, ck_tr("clausekit: %s: 報告的格式是 %s，檔名卻是 .%s；請改用 .%s 的檔名（或用 --format 指定格式）\n",
                                  "clausekit: %s: the report is %s but the name ends in .%s; name it .%s (or choose "
                                  "the format with --format)\n"),
                    output, format_label(o->format), ext, ck_report_extension(o->format));
            return CK_EXIT_ERROR;
        }
        return GO_ON;
    }
    for (int i = 0; i < o->file_count; i++) {
        char *path = report_path(output, o->files, o->file_count, i, o->format);
        status = refuse_output(path, o->files, o->file_count, o->annotate, o->force);
        free(path);
        if (status != 0)
            return status;
    }
    for (int k = 0; k < 2 && o->file_count > 1; k++) {
        char *path = index_path(output, k);
        status = refuse_output(path, o->files, o->file_count, o->annotate, o->force);
        free(path);
        if (status != 0)
            return status;
    }
    return GO_ON;
}

/* The packs (--pack, else the defaults), then --assume and --explain
 * checked against them. GO_ON or 2, the error printed. */
static int load_rules(check_run *run)
{
    const check_options *o = run->opt;
    ck_error err;

    ck_error_clear(&err);
    run->set = ck_rule_set_new();
    for (size_t i = 0; i < o->pack_count; i++) {
        if (ck_rule_set_add(run->set, o->packs[i], &err) != 0) {
            /* A pack's first mistake is shown; lint lists them all at once. */
            if (err.code == CK_EDATA && err.line > 0) {
                size_t used = strlen(err.message);
                snprintf(err.message + used, sizeof err.message - used, "%s",
                         ck_tr("（clausekit rules lint 可一次列出所有問題）", " (clausekit rules lint lists every problem)"));
            }
            ck_error_print(&err, stderr);
            return CK_EXIT_ERROR;
        }
    }
    if (o->pack_count == 0 && ck_rule_set_add_defaults(run->set, &err) != 0) {
        ck_error_print(&err, stderr);
        return CK_EXIT_ERROR;
    }
    if (ck_match_check_assumptions(run->set, &(ck_match_options){ o->assume, o->assume_count }, &err) != 0)
        return ck_cli_usage_error("check", "%s", err.message);
    if (o->explain && !ck_rule_set_find(run->set, o->explain))
        return ck_cli_usage_error("check", ck_tr("--explain %s：規則套件中沒有這條規則（clausekit rules list 列出所有規則）",
                                                 "--explain %s: no such rule in the packs (clausekit rules list shows them)"),
                                  o->explain);
    return GO_ON;
}

/* The --annotate copy of contract i, staged to appear with the report
 * only when both are complete. */
static void write_annotated_copy(check_run *run, int i, const ck_document *doc, const ck_match_result *result)
{
    const check_options *o = run->opt;
    ck_annotation_set notes;
    const char *staged;
    ck_error err;
    int rc;

    ck_error_clear(&err);
    hold_signals(1);
    staged = ck_file_batch_stage(&run->batch, o->annotate, &err);
    ck_review_annotations(doc, run->set, result, o->annotate_all, &notes);
    rc = !staged || ck_annotate_write(o->files[i], staged, &notes, &err) != 0;
    hold_signals(0);
    if (!rc)
        ck_file_announce_started();
    if (rc) {
        name_output(&err, staged, o->annotate);
        ck_error_print(&err, stderr);
        run->errors++;
    } else {
        run->annotated = 1;
    }
    ck_annotation_set_free(&notes);
}

/* Contract i's report into its file: a device is written into, anything
 * else staged in the batch and listed in the index. */
static void save_report_file(check_run *run, int i, const ck_report_input *in, const ck_buf *report)
{
    const check_options *o = run->opt;
    char *path = run->to_dir ? report_path(o->output, o->files, o->file_count, i, o->format) : ck_strdup(o->output);
    struct stat st;
    const char *staged;
    ck_error err;
    int rc;

    ck_error_clear(&err);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        /* /dev/null, /dev/stdout: written into, never staged */
        if (save_report(o->format, in, path, report, &err) != 0) {
            ck_error_print(&err, stderr);
            run->errors++;
        } else {
            summary_line(stdout, o->files[i], in->result);
            run->written++;
        }
        free(path);
        return;
    }
    hold_signals(1);
    staged = ck_file_batch_stage(&run->batch, path, &err);
    rc = !staged || save_report(o->format, in, staged, report, &err) != 0;
    hold_signals(0);
    if (!rc)
        ck_file_announce_started();
    if (rc) {
        name_output(&err, staged, path);
        ck_error_print(&err, stderr);
        run->errors++;
    } else {
        summary_line_to(&run->summaries, o->files[i], in->result);
        run->written++;
        if (run->to_dir && o->file_count > 1) {
            run->index.generated_at = in->generated_at;
            ck_report_index_add(&run->index, o->files[i], strrchr(path, '/') + 1, in->result);
        }
    }
    free(path);
}

/* Contract i's report on stdout, or into the JSON array of several. */
static void print_report(check_run *run, int i, const ck_match_result *result, const ck_buf *report)
{
    const check_options *o = run->opt;

    if (run->json_array) {
        if (run->written++)
            ck_buf_puts(&run->json_all, ",\n");
        ck_buf_append(&run->json_all, report->data, report->len);
        return;
    }
    if (i > 0 && o->format == CK_REPORT_TEXT)
        fputs("\n", stdout);
    fwrite(report->data, 1, report->len, stdout);
    if (o->file_count > 1 && o->format != CK_REPORT_JSON)
        summary_line(stderr, o->files[i], result);
}

/* Reads, matches and reports contract i; a contract that cannot be read
 * is counted in errors and the others go on. */
static void check_contract(check_run *run, int i)
{
    const check_options *o = run->opt;
    ck_document *doc = NULL;
    ck_match_result *result = NULL;
    ck_report_input in;
    ck_match_options mo = { o->assume, o->assume_count };
    ck_buf report = CK_BUF_INIT;
    ck_error err;

    ck_error_clear(&err);
    memset(&in, 0, sizeof in);
    if (ck_reader_read(o->files[i], NULL, &doc, &err) != 0 || ck_match_run(doc, run->set, &mo, &result, &err) != 0 ||
        ck_report_input_stat(&in, o->files[i], &err) != 0) {
        ck_error_set_file(&err, o->files[i]);
        ck_error_print(&err, stderr);
        run->errors++;
        ck_match_result_free(result);
        ck_document_free(doc);
        return;
    }
    in.file = o->files[i];
    in.doc = doc;
    in.set = run->set;
    in.result = result;
    in.color = !o->output && o->format == CK_REPORT_TEXT && isatty(STDOUT_FILENO) &&
               !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
    /* --explain: the trace of one rule instead of the report (the JSON
     * report carries every finding's trace). */
    if (o->explain && o->format != CK_REPORT_JSON)
        ck_report_explain(&in, o->explain, &report);
    else
        ck_report_render(o->format, &in, &report);
    if (result->required_gaps)
        run->gaps++;
    if (o->annotate)
        write_annotated_copy(run, i, doc, result);
    if (o->output)
        save_report_file(run, i, &in, &report);
    else
        print_report(run, i, result, &report);
    ck_buf_free(&report);
    ck_match_result_free(result);
    ck_document_free(doc);
}

/* After the last contract: the index, the JSON array's end, every staged
 * output placed together (or none), the summaries. Returns the exit status. */
static int finish_run(check_run *run)
{
    const check_options *o = run->opt;
    ck_error err;

    ck_error_clear(&err);
    if (run->errors == 0 && run->index.count && write_index(o->output, &run->index, &run->batch, &err) != 0) {
        ck_error_print(&err, stderr);
        run->errors++;
    }
    if (run->json_array) {
        ck_buf_puts(&run->json_all, "]\n");
        fwrite(run->json_all.data, 1, run->json_all.len, stdout);
    }
    /* A run's files appear together or not at all. */
    hold_signals(1);
    if (run->errors == 0 && ck_file_batch_commit(&run->batch, &err) != 0) {
        ck_error_print(&err, stderr);
        run->errors++;
    }
    ck_file_batch_free(&run->batch);
    signal_batch = NULL;
    hold_signals(0);
    if (run->errors == 0 && run->summaries.len)
        fwrite(run->summaries.data, 1, run->summaries.len, stdout);
    if (run->errors)
        run->annotated = 0;
    if (run->errors && run->made_dir)
        rmdir(o->output); /* the folder this run made, when it stayed empty */
    if (run->annotated && isatty(STDERR_FILENO)) {
        /* After the report, where someone at a terminal looks for the result;
         * never in a pipe or a log, where stderr is for problems. */
        fflush(stdout);
        fprintf(stderr, ck_tr("已寫入加註的副本：%s\n", "annotated copy written: %s\n"), o->annotate);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "clausekit: %s\n", ck_tr("無法寫出報告", "cannot write the report"));
        run->errors++;
    }
    return run->errors ? CK_EXIT_ERROR : run->gaps ? CK_EXIT_GAPS : CK_EXIT_OK;
}

int ck_cmd_check(int argc, char **argv)
{
    check_options opt;
    check_run run;
    struct sigaction old_int, old_term;
    int signals_set = 0, status;

    memset(&opt, 0, sizeof opt);
    memset(&run, 0, sizeof run);
    opt.packs = ck_calloc((size_t)argc + 1, sizeof *opt.packs);
    opt.assume = ck_calloc((size_t)argc + 1, sizeof *opt.assume);
    opt.format = CK_REPORT_TEXT;
    run.opt = &opt;
    ck_file_batch_init(&run.batch, CK_FILE_NEW);
    if ((status = parse_options(argc, argv, &opt)) != GO_ON || (status = check_annotate_option(&opt)) != GO_ON ||
        (status = prepare_output(&run)) != GO_ON)
        goto done;
    /* Leftovers of an earlier run that was killed. */
    if (opt.output)
        run.to_dir ? ck_file_sweep(opt.output) : ck_file_sweep_beside(opt.output);
    if (opt.annotate)
        ck_file_sweep_beside(opt.annotate);
    ck_file_batch_init(&run.batch, opt.force ? CK_FILE_REPLACE : CK_FILE_NEW);
    if (opt.format == CK_REPORT_DOCX && !opt.output) {
        status = ck_cli_usage_error("check", "%s", ck_tr("--format docx 需要 -o 檔名.docx（Word 檔不能印在終端機上）",
                                                         "--format docx needs -o NAME.docx (a Word file cannot go to "
                                                         "the terminal)"));
        goto done;
    }
    if (opt.output || opt.annotate) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old_int);
        sigaction(SIGTERM, &sa, &old_term);
        signal_batch = &run.batch;
        signals_set = 1;
    }
    run.json_array = !opt.output && opt.format == CK_REPORT_JSON && opt.file_count > 1;
    if ((status = load_rules(&run)) != GO_ON)
        goto done;
    if (run.json_array)
        ck_buf_puts(&run.json_all, "[\n");
    for (int i = 0; i < opt.file_count; i++)
        check_contract(&run, i);
    status = finish_run(&run);
done:
    ck_report_index_free(&run.index);
    hold_signals(1);
    ck_file_batch_free(&run.batch);
    signal_batch = NULL;
    if (signals_set) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
    }
    hold_signals(0);
    ck_buf_free(&run.summaries);
    ck_buf_free(&run.json_all);
    ck_rule_set_free(run.set);
    free(opt.packs);
    free(opt.assume);
    return status;
}
