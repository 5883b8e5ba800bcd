/* serve.c — `clausekit serve`: the checker and the forms as a web page for
 * the people who do not use a terminal (see docs/serve.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/commands.h"
#include "serve/serve.h"
#include "util/lang.h"

static void print_help(FILE *out)
{
    fputs(ck_tr("用法：clausekit serve [--listen 位址:埠] [--max-upload 大小] [--jobs N] [--lang zh-TW|en]\n"
                "                      [--auth 檔案 | --no-auth] [--queue N] [--timeout 秒]\n"
                "      clausekit serve --hash-password\n"
                "\n"
                "提供網頁：以瀏覽器檢查契約、下載加註副本與報告、由名冊產生表單。\n"
                "\n"
                "  --listen 位址:埠     預設 127.0.0.1:8080（只有本機可連）；埠 0 自動選一個空的埠\n"
                "  --max-upload 大小    一次上傳的上限，例如 50M（預設）、200K、1G\n"
                "  --jobs N             同時處理的請求數（預設為 CPU 數）\n"
                "  --queue N            另可排隊等候的請求數（預設 32）；再多的請求回 503\n"
                "  --timeout 秒         每個請求（上傳與處理）的時限（預設 120）\n"
                "  --lang zh-TW|en      回應的預設語言（網頁可切換）\n"
                "  --auth 檔案          需以帳號密碼登入；每行「使用者:雜湊」\n"
                "  --no-auth            不設密碼而接受其他電腦的連線（須在機關的反向代理與單一登入之後）\n"
                "  --hash-password      由標準輸入讀取密碼，印出 --auth 檔案用的雜湊\n"
                "\n"
                "只接受本機以外的連線時，須加 --auth 或 --no-auth。啟動後在標準輸出印出網址。\n"
                "說明見 docs/serve.md。\n",
                "usage: clausekit serve [--listen ADDRESS:PORT] [--max-upload SIZE] [--jobs N] [--lang zh-TW|en]\n"
                "                       [--auth FILE | --no-auth] [--queue N] [--timeout SECONDS]\n"
                "       clausekit serve --hash-password\n"
                "\n"
                "Serves a web page: check contracts, download annotated copies and reports, fill forms\n"
                "from a roster, all in a browser.\n"
                "\n"
                "  --listen ADDR:PORT   default 127.0.0.1:8080 (this machine only); port 0 picks a free one\n"
                "  --max-upload SIZE    largest upload, such as 50M (default), 200K, 1G\n"
                "  --jobs N             requests worked on at once (default: CPUs)\n"
                "  --queue N            further requests that may wait (default 32); beyond, 503\n"
                "  --timeout SECONDS    time limit of a request, upload and work (default 120)\n"
                "  --lang zh-TW|en      default language of answers (the page has a switch)\n"
                "  --auth FILE          ask for a password; 'user:hash' lines\n"
                "  --no-auth            accept other machines without passwords (only behind the\n"
                "                       agency's reverse proxy and single sign-on)\n"
                "  --hash-password      read a password on stdin and print its hash for --auth files\n"
                "\n"
                "Listening beyond this machine needs --auth or --no-auth. The URL is printed on stdout.\n"
                "See docs/serve.md.\n"),
          out);
}

/* Reads one line from stdin (without echo on a terminal) and prints its
 * hash. */
static int hash_password(void)
{
    char password[512], hash[512];
    struct termios saved, quiet;
    int terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    size_t len;

    if (terminal) {
        fputs(ck_tr("密碼：", "password: "), stderr);
        quiet = saved;
        quiet.c_lflag &= (tcflag_t)~ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    if (!fgets(password, sizeof password, stdin))
        password[0] = '\0';
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        fputc('\n', stderr);
    }
    len = strlen(password);
    while (len && (password[len - 1] == '\n' || password[len - 1] == '\r'))
        password[--len] = '\0';
    if (len == 0)
        return ck_cli_usage_error("serve", "%s", ck_tr("請在標準輸入給一個密碼", "give a password on stdin"));
    if (ck_serve_hash_password(password, hash, sizeof hash) != 0) {
        fprintf(stderr, "clausekit: %s\n", ck_tr("無法產生雜湊", "cannot make the hash"));
        return CK_EXIT_ERROR;
    }
    memset(password, 0, sizeof password);
    printf("%s\n", hash);
    return CK_EXIT_OK;
}

static int parse_count(const char *text, int low, int high, int *out)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (!*text || *end || n < low || n > high)
        return -1;
    *out = (int)n;
    return 0;
}

enum { OPT_LISTEN = 256, OPT_MAX_UPLOAD, OPT_JOBS, OPT_QUEUE, OPT_TIMEOUT, OPT_LANG, OPT_AUTH, OPT_NO_AUTH,
       OPT_HASH, OPT_HELP };

int ck_cmd_serve(int argc, char **argv)
{
    static const struct option options[] = {
        { "listen", required_argument, NULL, OPT_LISTEN },
        { "max-upload", required_argument, NULL, OPT_MAX_UPLOAD },
        { "jobs", required_argument, NULL, OPT_JOBS },
        { "queue", required_argument, NULL, OPT_QUEUE },
        { "timeout", required_argument, NULL, OPT_TIMEOUT },
        { "lang", required_argument, NULL, OPT_LANG },
        { "auth", required_argument, NULL, OPT_AUTH },
        { "no-auth", no_argument, NULL, OPT_NO_AUTH },
        { "hash-password", no_argument, NULL, OPT_HASH },
        { "help", no_argument, NULL, OPT_HELP },
        { NULL, 0, NULL, 0 },
    };
    ck_serve_options opt;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int c, hash = 0;

    memset(&opt, 0, sizeof opt);
    opt.listen = "127.0.0.1:8080";
    opt.max_upload = 50ULL * 1024 * 1024;
    opt.jobs = cpus > 0 ? (int)(cpus < 64 ? cpus : 64) : 1;
    opt.queue = 32;
    opt.timeout = 120;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case OPT_LISTEN: opt.listen = optarg; break;
        case OPT_MAX_UPLOAD:
            if (ck_serve_parse_size(optarg, &opt.max_upload) != 0)
                return ck_cli_usage_error("serve", ck_tr("--max-upload %s：請寫成大小，例如 50M、200K、1G（至多 4G）",
                                                         "--max-upload %s: give a size such as 50M, 200K, 1G (at most 4G)"),
                                          optarg);
            break;
        case OPT_JOBS:
            if (parse_count(optarg, 1, 64, &opt.jobs) != 0)
                return ck_cli_usage_error("serve", "%s", ck_tr("--jobs 須是 1 到 64 的整數", "--jobs must be a number from 1 to 64"));
            break;
        case OPT_QUEUE:
            if (parse_count(optarg, 0, 1000, &opt.queue) != 0)
                return ck_cli_usage_error("serve", "%s", ck_tr("--queue 須是 0 到 1000 的整數", "--queue must be a number from 0 to 1000"));
            break;
        case OPT_TIMEOUT:
            if (parse_count(optarg, 1, 3600, &opt.timeout) != 0)
                return ck_cli_usage_error("serve", "%s", ck_tr("--timeout 須是 1 到 3600 的秒數", "--timeout must be 1 to 3600 seconds"));
            break;
        case OPT_LANG:
            if (ck_cli_set_lang("serve", optarg) != 0)
                return CK_EXIT_ERROR;
            opt.lang = optarg;
            break;
        case OPT_AUTH: opt.auth_file = optarg; break;
        case OPT_NO_AUTH: opt.no_auth = 1; break;
        case OPT_HASH: hash = 1; break;
        case 'h':
        case OPT_HELP: print_help(stdout); return CK_EXIT_OK;
        default: return ck_cli_option_error("serve", c, argv[optind - 1]);
        }
    }
    if (optind < argc)
        return ck_cli_usage_error("serve", ck_tr("多餘的參數「%s」", "unexpected argument '%s'"), argv[optind]);
    if (hash)
        return hash_password();
    if (opt.auth_file && opt.no_auth)
        return ck_cli_usage_error("serve", "%s", ck_tr("--auth 與 --no-auth 只能擇一", "use either --auth or --no-auth, not both"));
    return ck_serve_run(&opt);
}
