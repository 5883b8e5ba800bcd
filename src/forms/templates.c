/* templates.c — the installed forms: where a form's template is, the list
 * of them, and loading one (an unknown form's message names the installed
 * ones). */
#include "forms/forms.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/fs.h"
#include "util/lang.h"
#include "util/paths.h"


char *ck_forms_template_path(const char *form)
{
    ck_buf b = CK_BUF_INIT;
    char *dir;

    if (strchr(form, '/') || ck_fs_has_extension(form, ".md"))
        return ck_strdup(form);
    dir = ck_data_path("templates");
    ck_buf_printf(&b, "%s/%s.md", dir, form);
    free(dir);
    return ck_buf_detach(&b);
}

static int name_compare(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The .md files of the templates folder, sorted. */
static char **installed_templates(size_t *count)
{
    char *dir = ck_data_path("templates");
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;

    *count = 0;
    while (d && (e = readdir(d)) != NULL) {
        ck_buf b = CK_BUF_INIT;
        if (e->d_name[0] == '.' || !ck_fs_has_extension(e->d_name, ".md"))
            continue;
        ck_buf_printf(&b, "%s/%s", dir, e->d_name);
        names = ck_realloc(names, sizeof *names * (*count + 1));
        names[(*count)++] = ck_buf_detach(&b);
    }
    if (d)
        closedir(d);
    free(dir);
    if (*count)
        qsort(names, *count, sizeof *names, name_compare);
    return names;
}

ck_forms_installed *ck_forms_list(size_t *count)
{
    char **paths = installed_templates(count);
    ck_forms_installed *list = ck_calloc(*count ? *count : 1, sizeof *list);

    for (size_t i = 0; i < *count; i++) {
        ck_template *t = NULL;
        list[i].path = paths[i];
        ck_error_clear(&list[i].error);
        if (ck_template_load(paths[i], &t, &list[i].error) == 0) {
            list[i].form = ck_strdup(ck_template_form(t));
            list[i].title = ck_strdup(ck_template_title(t));
            ck_template_free(t);
        }
    }
    free(paths);
    return list;
}

void ck_forms_installed_free(ck_forms_installed *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++) {
        free(list[i].path);
        free(list[i].form);
        free(list[i].title);
    }
    free(list);
}

int ck_forms_template_load(const char *form, ck_template **out, ck_error *err)
{
    char *path = ck_forms_template_path(form);
    struct stat st;
    int rc;

    if (stat(path, &st) != 0 && !strchr(form, '/') && !ck_fs_has_extension(form, ".md")) {
        size_t count;
        char **paths = installed_templates(&count);
        ck_buf known = CK_BUF_INIT;
        for (size_t i = 0; i < count; i++) {
            const char *base = strrchr(paths[i], '/');
            base = base ? base + 1 : paths[i];
            ck_buf_printf(&known, "%s%.*s", known.len ? ck_tr("、", ", ") : "", (int)(strlen(base) - 3), base);
            free(paths[i]);
        }
        free(paths);
        rc = ck_error_set(err, CK_EUSAGE,
                          ck_tr("沒有表單「%s」；已安裝：%s（或給範本檔的路徑）",
                                "no form '%s'; installed: %s (or give a template file's path)"),
                          form, known.len ? known.data : "-");
        ck_buf_free(&known);
        free(path);
        return rc;
    }
    rc = ck_template_load(path, out, err);
    free(path);
    return rc;
}
