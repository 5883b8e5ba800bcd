/* set.c — the packs one check runs with (--pack NAME|FILE, repeatable). */
#include "rules/pack.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/lang.h"
#include "util/paths.h"
#include "util/text.h"

const char *const ck_rule_default_packs[] = { "wratb-outsourcing", "cybersecurity-act", "personal-data", NULL };

ck_rule_set *ck_rule_set_new(void)
{
    return ck_calloc(1, sizeof(ck_rule_set));
}

void ck_rule_set_free(ck_rule_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->pack_count; i++)
        ck_rule_pack_free(set->packs[i]);
    ck_rule_pack_free(set->language);
    free(set->packs);
    free(set->rules);
    for (size_t i = 0; i < set->condition_count; i++)
        free(set->conditions[i].definitions);
    free(set->conditions);
    free(set);
}

/* "wratb-outsourcing, cybersecurity-act, ..." from the data folder;
 * returns how many. */
static int list_available(ck_buf *b, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int first = 1;

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !ck_text_ends_with(e->d_name, strlen(e->d_name), ".yaml") ||
            strcmp(e->d_name, "language.yaml") == 0)
            continue;
        ck_buf_printf(b, "%s%.*s", first ? "" : ck_tr("、", ", "), (int)(strlen(e->d_name) - 5), e->d_name);
        first = 0;
    }
    closedir(d);
    return !first;
}

static void add_condition(ck_rule_set *set, const ck_rule_condition *c)
{
    ck_rule_set_condition *sc = NULL;

    for (size_t i = 0; i < set->condition_count; i++)
        if (strcmp(set->conditions[i].name, c->name) == 0)
            sc = &set->conditions[i];
    if (!sc) {
        set->conditions = ck_realloc(set->conditions, (set->condition_count + 1) * sizeof *set->conditions);
        sc = &set->conditions[set->condition_count++];
        memset(sc, 0, sizeof *sc);
        sc->name = c->name;
    }
    sc->definitions = ck_realloc(sc->definitions, (sc->definition_count + 1) * sizeof *sc->definitions);
    sc->definitions[sc->definition_count++] = c;
}

int ck_rule_set_set_language(ck_rule_set *set, const char *path, ck_error *err)
{
    ck_rule_pack *pack = NULL;
    int rc = ck_rule_pack_load(path, &pack, err);
    if (rc != 0)
        return rc;
    ck_rule_pack_free(set->language);
    set->language = pack;
    return 0;
}

/* The analyser's vocabulary comes with the first pack: rules/language.yaml
 * of the data folder, when it is there. */
static int load_language(ck_rule_set *set, ck_error *err)
{
    char *dir = ck_data_path("rules");
    ck_buf b = CK_BUF_INIT;
    struct stat st;
    int rc = 0;

    ck_buf_printf(&b, "%s/language.yaml", dir);
    if (stat(b.data, &st) == 0)
        rc = ck_rule_set_set_language(set, b.data, err);
    ck_buf_free(&b);
    free(dir);
    return rc;
}

const ck_rule_definition *ck_rule_set_word(const ck_rule_set *set, const char *name)
{
    for (size_t i = 0; set && i < set->pack_count; i++)
        for (size_t d = 0; d < set->packs[i]->definition_count; d++)
            if (strcmp(set->packs[i]->definitions[d].name, name) == 0)
                return &set->packs[i]->definitions[d];
    for (size_t d = 0; set && set->language && d < set->language->definition_count; d++)
        if (strcmp(set->language->definitions[d].name, name) == 0)
            return &set->language->definitions[d];
    return NULL;
}

int ck_rule_set_add(ck_rule_set *set, const char *spec, ck_error *err)
{
    char *path = NULL;
    char *dir = NULL;
    ck_rule_pack *pack = NULL;
    int rc = 0;
    int is_file = strchr(spec, '/') || ck_text_ends_with(spec, strlen(spec), ".yaml") || ck_text_ends_with(spec, strlen(spec), ".yml");

    if (!set->language && set->pack_count == 0 && (rc = load_language(set, err)) != 0)
        return rc;

    if (is_file) {
        path = ck_strdup(spec);
    } else {
        struct stat st;
        ck_buf b = CK_BUF_INIT;
        dir = ck_data_path("rules");
        ck_buf_printf(&b, "%s/%s.yaml", dir, spec);
        path = ck_buf_detach(&b);
        if (stat(path, &st) != 0) {
            ck_buf msg = CK_BUF_INIT;
            ck_buf available = CK_BUF_INIT;
            if (list_available(&available, dir))
                ck_buf_printf(&msg, ck_tr("找不到規則套件「%s」（可用：%s；或指定 .yaml 檔案路徑）",
                                          "no rule pack named '%s' (available: %s; or give the path of a .yaml file)"),
                              spec, available.data);
            else
                ck_buf_printf(&msg, ck_tr("找不到規則套件「%s」：%s 沒有規則套件（可設定 CLAUSEKIT_DATA，或指定 .yaml 檔案路徑）",
                                          "no rule pack named '%s': %s holds no rule packs (set CLAUSEKIT_DATA, or give the path of a .yaml file)"),
                              spec, dir);
            ck_buf_free(&available);
            rc = ck_error_set(err, CK_EINPUT, "%s", msg.data);
            ck_buf_free(&msg);
            goto done;
        }
    }
    rc = ck_rule_pack_load(path, &pack, err);
    if (rc != 0)
        goto done;
    for (size_t i = 0; i < set->pack_count; i++) {
        if (strcmp(set->packs[i]->id, pack->id) == 0) {
            rc = ck_error_set(err, CK_EDATA, ck_tr("規則套件「%s」已經載入（%s）", "rule pack '%s' is already loaded (%s)"),
                              pack->id, set->packs[i]->path);
            ck_error_set_file(err, path);
            goto done;
        }
    }
    for (size_t i = 0; i < pack->rule_count; i++) {
        const ck_rule *other = ck_rule_set_find(set, pack->rules[i].id);
        if (other) {
            rc = ck_error_set(err, CK_EDATA,
                              ck_tr("規則代號「%s」已在套件「%s」中使用", "rule id '%s' is already used by pack '%s'"),
                              pack->rules[i].id, other->pack->id);
            ck_error_set_file(err, path);
            ck_error_set_line(err, pack->rules[i].place.line, pack->rules[i].place.column);
            goto done;
        }
    }
    set->packs = ck_realloc(set->packs, (set->pack_count + 1) * sizeof *set->packs);
    set->packs[set->pack_count++] = pack;
    set->rules = ck_realloc(set->rules, (set->rule_count + pack->rule_count + 1) * sizeof *set->rules);
    for (size_t i = 0; i < pack->rule_count; i++)
        set->rules[set->rule_count++] = &pack->rules[i];
    for (size_t i = 0; i < pack->condition_count; i++)
        add_condition(set, &pack->conditions[i]);
    pack = NULL;
done:
    ck_rule_pack_free(pack);
    free(path);
    free(dir);
    return rc;
}

int ck_rule_set_add_defaults(ck_rule_set *set, ck_error *err)
{
    for (const char *const *name = ck_rule_default_packs; *name; name++) {
        int rc = ck_rule_set_add(set, *name, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

const ck_rule *ck_rule_set_find(const ck_rule_set *set, const char *id)
{
    for (size_t i = 0; set && i < set->rule_count; i++)
        if (strcmp(set->rules[i]->id, id) == 0)
            return set->rules[i];
    return NULL;
}

const ck_rule_set_condition *ck_rule_set_condition_find(const ck_rule_set *set, const char *name)
{
    for (size_t i = 0; set && i < set->condition_count; i++)
        if (strcmp(set->conditions[i].name, name) == 0)
            return &set->conditions[i];
    return NULL;
}
