/* run.h — one run of `clausekit forms`, shared by its two halves (not a
 * public header): forms.c plans and checks (load, check records, choose
 * output, plan targets, check targets), write.c writes (stage, write, zip,
 * commit). */
#ifndef CK_FORMS_RUN_H
#define CK_FORMS_RUN_H

#include <signal.h>

#include "forms/forms.h"
#include "util/file.h"

typedef enum { OUT_FILES, OUT_ONE_FILE, OUT_MERGE, OUT_ZIP } out_mode;

/* Folders above a new output folder that the run made, in the registry
 * (removed again, when empty, if the run fails). */
typedef struct made_dirs {
    ck_file_temp **temps;
    size_t count;
} made_dirs;

/* Everything one run holds, step to step. A step returns 0 to go on, or
 * non-zero with err set (or with res->outcome set when records are
 * invalid). */
typedef struct forms_run {
    const ck_forms_options *opt;
    const char *ext;           /* file extension of opt->format */
    ck_template *t;
    ck_forms_data *data;
    const char *checklist_field;
    ck_value *checklist;
    size_t invalid, valid;
    size_t *rows;              /* the valid records' indexes, valid of them */
    out_mode mode;
    char **targets;            /* where each form goes (inside the zip for --zip) */
    size_t target_count;
    char **staged;             /* where each form is written first, or NULL */
    char **names;              /* what a message calls each form */
    size_t staged_count, name_count;
    ck_writer_docx_kit *kit;   /* DOCX: the parts every form shares, compressed once */
    char *stage_dir, *staged_one, *output_dir;
    int new_dir;
    made_dirs made;            /* folders made above output_dir */
    ck_file_temp stage_temp;   /* stage_dir in the registry */
    ck_file_temp staged_temp;  /* the staged forms in it */
    ck_file_batch batch;
    ck_writer_options wo;
    struct sigaction old_int, old_term;
    int signals_set;
    ck_forms_result *res;      /* what is told of the run */
    ck_error err;
} forms_run;

/* The steps of write.c, in order; each returns 0 or non-zero with r->err
 * set. Stage: signal handlers, sweeping, staged names; write: every form;
 * commit: everything into place at once. */
int ck_forms_stage(forms_run *r);
int ck_forms_write(forms_run *r);
int ck_forms_commit(forms_run *r);
/* Frees what staging holds and restores the signal handlers. */
void ck_forms_stage_free(forms_run *r);

#endif
