/* commands.h — the subcommands. Each parses its own options with
 * getopt_long, calls the pipeline stages, and returns the exit status:
 * 0 nothing required is missing, 1 required gaps were found (or rows were
 * left out), 2 usage or input error. */
#ifndef CK_CLI_COMMANDS_H
#define CK_CLI_COMMANDS_H

#include <stdio.h>

typedef struct ck_command {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the command's name */
    const char *summary_zh;
    const char *summary_en;
} ck_command;

enum { CK_EXIT_OK = 0, CK_EXIT_GAPS = 1, CK_EXIT_ERROR = 2 };

/* The commands, each in its own cli/<name>.c. */
int ck_cmd_check(int argc, char **argv);
int ck_cmd_extract(int argc, char **argv);
int ck_cmd_rules(int argc, char **argv);
int ck_cmd_forms(int argc, char **argv);
int ck_cmd_serve(int argc, char **argv);

/* The table main.c dispatches on, ending with a NULL name. */
extern const ck_command ck_commands[];

/* Prints "clausekit: <message>" and a hint to run --help; returns 2. */
int ck_cli_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* --lang NAME: sets the language, or prints the usage error naming the
 * languages there are. Returns 0 or 2. command may be NULL (a global
 * option). */
int ck_cli_set_lang(const char *command, const char *name);

/* getopt_long gave c for option: ':' a value is missing, anything else an
 * unknown option. Prints the usage error; returns 2. */
int ck_cli_option_error(const char *command, int c, const char *option);

/* `clausekit forms`: prints what a run did (forms/forms.h) as the command
 * does — the data's problems and the outcome on stderr, the files written
 * to listing (may be NULL) — and returns the exit status. */
struct ck_forms_result;
int ck_cli_forms_tell(const struct ck_forms_result *res, FILE *listing);

#endif
