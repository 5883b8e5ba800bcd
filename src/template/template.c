/* template.c — loading, checking and filling Markdown form templates.
 *
 * Loading works in four steps:
 *  1. the YAML front matter is read with libyaml into field declarations;
 *  2. every `{{...}}` of the body is parsed into a token and replaced in the
 *     text by a marker of private-use characters (U+E000 n U+E001), so
 *     cmark never reads a placeholder's `|`, `*` or `_` as Markdown;
 *  3. the body is parsed with cmark-gfm (table extension);
 *  4. section tags that begin or end an element without closing inside it
 *     are lifted out of it and attached to the element (node user data),
 *     bottom-up: `{{#each}}` at the start of a table row's first cell ends
 *     up around the row, and the row repeats.
 * Rendering copies the tree node by node, replacing markers with values
 * (always as text nodes) and expanding sections.
 */
#include "template/template.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/lang.h"

/* The table extension's node types; its installed header does not
 * declare them. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL;

#define MAX_TEMPLATE_BYTES (1024 * 1024)
#define MAX_TREE_DEPTH 64
#define MAX_SECTION_DEPTH 16

/* The marker that stands for token n in the parsed text. */
#define MARK_OPEN "\xEE\x80\x80"  /* U+E000 */
#define MARK_CLOSE "\xEE\x80\x81" /* U+E001 */
#define MARK_LEN 3

typedef enum token_kind {
    TOK_VAR,
    TOK_EACH,
    TOK_IF,
    TOK_ELSE,
    TOK_END_EACH,
    TOK_END_IF
} token_kind;

typedef struct filter_call {
    char *name;
    char *arg; /* NULL without an argument */
} filter_call;

typedef struct token {
    token_kind kind;
    char *name;      /* field, item key, "this" or "@index"; NULL for else/end */
    filter_call *filters;
    size_t filter_count;
    long line, column;
} token;

/* Section tags lifted out of a node: they stand before (lead) and after
 * (trail) it among its siblings. empty: nothing but tags was in it. */
typedef struct lift {
    int *lead;
    size_t lead_count;
    int *trail;
    size_t trail_count;
    int empty;
    int has_content;
} lift;

struct ck_template {
    char *path;
    char *form;
    char *title;
    ck_template_field *fields;
    size_t field_count;
    token *tokens;
    size_t token_count;
    cmark_node *doc;
    lift **lifts;
    size_t lift_count;
    long body_line; /* file line of the body's first line */
};

/* Keys of a checklist item (see template.h). */
static const char *const checklist_keys[] = {
    "項次", "編號", "項目", "依據", "符合", "不符合", "不適用", "說明", NULL,
};

static const char *const kind_names[] = {
    "text", "date", "id", "ubn", "names", "amount", "checklist",
};

const char *ck_field_kind_name(ck_field_kind kind)
{
    return (unsigned)kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : "?";
}

/* ============================================================================
 * Front matter
 * ========================================================================== */

static int yaml_fail(ck_template *t, ck_error *err, long line, const char *fmt, const char *a)
{
    ck_error_set(err, CK_EDATA, fmt, a);
    ck_error_set_file(err, t->path);
    ck_error_set_line(err, line, 0);
    return CK_EDATA;
}

static long yaml_line(const yaml_node_t *node, long first_line)
{
    return (long)node->start_mark.line + first_line;
}

static const char *yaml_scalar(yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static int yaml_bool(const char *s, int *out)
{
    static const char *const yes[] = { "true", "yes", "True", "TRUE", "Yes", "是", NULL };
    static const char *const no[] = { "false", "no", "False", "FALSE", "No", "否", NULL };
    for (int i = 0; yes[i]; i++)
        if (strcmp(s, yes[i]) == 0)
            return *out = 1, 0;
    for (int i = 0; no[i]; i++)
        if (strcmp(s, no[i]) == 0)
            return *out = 0, 0;
    return -1;
}

static int parse_field(ck_template *t, yaml_document_t *doc, yaml_node_t *node, long first_line,
                       ck_template_field *f, ck_error *err)
{
    if (node->type != YAML_MAPPING_NODE)
        return yaml_fail(t, err, yaml_line(node, first_line),
                         ck_tr("fields 的每一項須是對照表（name: …）%s", "each item of fields must be a mapping (name: ...)%s"), "");
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        yaml_node_t *v = yaml_document_get_node(doc, p->value);
        const char *key = yaml_scalar(k), *val = yaml_scalar(v);
        long line = yaml_line(k, first_line);
        if (!key)
            return yaml_fail(t, err, line, ck_tr("欄位宣告的鍵須是文字%s", "a field key must be text%s"), "");
        if (strcmp(key, "aliases") == 0) {
            if (v->type != YAML_SEQUENCE_NODE)
                return yaml_fail(t, err, line, ck_tr("aliases 須是清單，例如 [機關, 委託機關]%s",
                                                     "aliases must be a list, e.g. [機關, 委託機關]%s"), "");
            for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
                const char *alias = yaml_scalar(yaml_document_get_node(doc, *it));
                if (!alias || !*alias)
                    return yaml_fail(t, err, line, ck_tr("別名須是文字%s", "an alias must be text%s"), "");
                f->aliases = ck_realloc(f->aliases, sizeof *f->aliases * (f->alias_count + 1));
                f->aliases[f->alias_count++] = ck_strdup(alias);
            }
            continue;
        }
        if (!val)
            return yaml_fail(t, err, line, ck_tr("「%s」的值須是文字", "the value of '%s' must be text"), key);
        if (strcmp(key, "name") == 0) {
            free(f->name);
            f->name = ck_strdup(val);
        } else if (strcmp(key, "label") == 0) {
            free(f->label);
            f->label = ck_strdup(val);
        } else if (strcmp(key, "required") == 0) {
            if (yaml_bool(val, &f->required) != 0)
                return yaml_fail(t, err, line, ck_tr("required 須是 true 或 false，不是「%s」",
                                                     "required must be true or false, not '%s'"), val);
        } else if (strcmp(key, "kind") == 0) {
            size_t i;
            for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
                if (strcmp(val, kind_names[i]) == 0)
                    break;
            if (i == sizeof kind_names / sizeof kind_names[0])
                return yaml_fail(t, err, line,
                                 ck_tr("不認得的 kind「%s」（可用 text、date、id、ubn、names、amount、checklist）",
                                       "unknown kind '%s' (use text, date, id, ubn, names, amount, checklist)"),
                                 val);
            f->kind = (ck_field_kind)i;
        } else {
            return yaml_fail(t, err, line,
                             ck_tr("欄位宣告中不認得的鍵「%s」（可用 name、label、required、kind、aliases）",
                                   "unknown key '%s' in a field (use name, label, required, kind, aliases)"),
                             key);
        }
    }
    if (!f->name || !*f->name)
        return yaml_fail(t, err, yaml_line(node, first_line), ck_tr("欄位宣告缺少 name%s", "a field has no name%s"), "");
    if (!f->label)
        f->label = ck_strdup(f->name);
    return 0;
}

static int parse_front_matter(ck_template *t, const char *text, size_t len, long first_line, ck_error *err)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_node_t *root;
    int rc = 0, have_doc = 0;

    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        rc = yaml_fail(t, err, (long)parser.problem_mark.line + first_line,
                       ck_tr("表頭（front matter）的 YAML 有誤：%s", "the front matter is not valid YAML: %s"),
                       parser.problem ? parser.problem : "?");
        goto done;
    }
    have_doc = 1;
    root = yaml_document_get_root_node(&doc);
    if (!root || root->type != YAML_MAPPING_NODE) {
        rc = yaml_fail(t, err, first_line, ck_tr("表頭須是對照表（form:、title:、fields:）%s",
                                                 "the front matter must be a mapping (form:, title:, fields:)%s"), "");
        goto done;
    }
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&doc, p->key);
        yaml_node_t *v = yaml_document_get_node(&doc, p->value);
        const char *key = yaml_scalar(k);
        long line = yaml_line(k, first_line);
        if (key && strcmp(key, "fields") == 0) {
            if (v->type != YAML_SEQUENCE_NODE) {
                rc = yaml_fail(t, err, line, ck_tr("fields 須是清單%s", "fields must be a list%s"), "");
                goto done;
            }
            for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
                ck_template_field *f;
                yaml_node_t *item = yaml_document_get_node(&doc, *it);
                t->fields = ck_realloc(t->fields, sizeof *t->fields * (t->field_count + 1));
                f = &t->fields[t->field_count++];
                memset(f, 0, sizeof *f);
                if ((rc = parse_field(t, &doc, item, first_line, f, err)) != 0)
                    goto done;
                for (size_t j = 0; j + 1 < t->field_count; j++)
                    if (strcmp(t->fields[j].name, f->name) == 0) {
                        rc = yaml_fail(t, err, yaml_line(item, first_line),
                                       ck_tr("欄位「%s」宣告了兩次", "field '%s' is declared twice"), f->name);
                        goto done;
                    }
            }
        } else if (key && (strcmp(key, "form") == 0 || strcmp(key, "title") == 0)) {
            const char *val = yaml_scalar(v);
            if (!val) {
                rc = yaml_fail(t, err, line, ck_tr("「%s」的值須是文字", "the value of '%s' must be text"), key);
                goto done;
            }
            if (key[0] == 'f') {
                free(t->form);
                t->form = ck_strdup(val);
            } else {
                free(t->title);
                t->title = ck_strdup(val);
            }
        } else if (key && strcmp(key, "description") == 0) {
            continue; /* a note for whoever edits the template */
        } else {
            rc = yaml_fail(t, err, line,
                           ck_tr("表頭中不認得的鍵「%s」（可用 form、title、description、fields）",
                                 "unknown key '%s' in the front matter (use form, title, description, fields)"),
                           key ? key : "?");
            goto done;
        }
    }
    if (!t->form || !*t->form)
        rc = yaml_fail(t, err, first_line, ck_tr("表頭缺少 form（表單編號）%s", "the front matter has no form (the form's number)%s"), "");
done:
    if (have_doc)
        yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return rc;
}

/* ============================================================================
 * Placeholders
 * ========================================================================== */

static int token_fail(ck_template *t, ck_error *err, long line, long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static int token_fail(ck_template *t, ck_error *err, long line, long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ck_error_vset(err, CK_EDATA, fmt, ap);
    va_end(ap);
    ck_error_set_file(err, t->path);
    ck_error_set_line(err, line, column);
    return CK_EDATA;
}

static char *trim_dup(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return ck_strndup(s, len);
}

static const char *const known_filters[] = {
    "roc_date", "mask_id", "chinese_amount", "default", "upper", NULL,
};

/* Parses the text between {{ and }} into tok. */
static int parse_token(ck_template *t, const char *s, size_t len, long line, long column, token *tok,
                       ck_error *err)
{
    char *inner = trim_dup(s, len);
    char *p;
    int rc = 0;

    /* `\|` is how GFM tables escape a pipe; a placeholder needs no escape
     * (it is read before the table is), but one copied from elsewhere
     * means the same thing. */
    for (char *r = inner, *w = inner;; r++) {
        if (r[0] == '\\' && r[1] == '|')
            continue;
        *w++ = *r;
        if (!*r)
            break;
    }

    memset(tok, 0, sizeof *tok);
    tok->line = line;
    tok->column = column;
    if (strncmp(inner, "#each", 5) == 0 || strncmp(inner, "#if", 3) == 0) {
        int each = inner[1] == 'e';
        tok->kind = each ? TOK_EACH : TOK_IF;
        tok->name = trim_dup(inner + (each ? 5 : 3), strlen(inner + (each ? 5 : 3)));
        if (!*tok->name || (inner[each ? 5 : 3] != ' ' && inner[each ? 5 : 3] != '\t'))
            rc = token_fail(t, err, line, column, ck_tr("{{%s}} 須寫出欄位名稱，例如 {{#each 稽核人員}}",
                                                        "{{%s}} needs a field name, e.g. {{#each 稽核人員}}"),
                            inner);
        goto done;
    }
    if (strcmp(inner, "else") == 0) {
        tok->kind = TOK_ELSE;
        goto done;
    }
    if (strcmp(inner, "/each") == 0 || strcmp(inner, "/if") == 0) {
        tok->kind = inner[1] == 'e' ? TOK_END_EACH : TOK_END_IF;
        goto done;
    }
    if (inner[0] == '#' || inner[0] == '/') {
        rc = token_fail(t, err, line, column,
                        ck_tr("不認得的區段標記 {{%s}}（可用 #each、#if、else、/each、/if）",
                              "unknown section tag {{%s}} (use #each, #if, else, /each, /if)"),
                        inner);
        goto done;
    }
    tok->kind = TOK_VAR;
    /* name | filter | filter: "argument" — a | inside quotes is not a separator. */
    p = inner;
    for (int part = 0;; part++) {
        char *q = p, quote = 0;
        while (*q && (quote || *q != '|')) {
            if (quote && *q == quote)
                quote = 0;
            else if (!quote && (*q == '"' || *q == '\''))
                quote = *q;
            q++;
        }
        if (part == 0) {
            tok->name = trim_dup(p, (size_t)(q - p));
            if (!*tok->name) {
                rc = token_fail(t, err, line, column, ck_tr("空的預留位置 {{}}%s", "empty placeholder {{}}%s"), "");
                goto done;
            }
        } else {
            char *f = trim_dup(p, (size_t)(q - p));
            char *colon = strchr(f, ':');
            filter_call call = { NULL, NULL };
            int known = 0;
            if (colon) {
                char *arg = trim_dup(colon + 1, strlen(colon + 1));
                size_t alen = strlen(arg);
                *colon = '\0';
                call.name = trim_dup(f, strlen(f));
                if (alen >= 2 && (arg[0] == '"' || arg[0] == '\'') && arg[alen - 1] == arg[0]) {
                    call.arg = ck_strndup(arg + 1, alen - 2);
                    free(arg);
                } else {
                    call.arg = arg;
                }
                free(f);
            } else {
                call.name = f;
            }
            tok->filters = ck_realloc(tok->filters, sizeof *tok->filters * (tok->filter_count + 1));
            tok->filters[tok->filter_count++] = call;
            for (int i = 0; known_filters[i]; i++)
                known |= strcmp(known_filters[i], call.name) == 0;
            if (!known) {
                rc = token_fail(t, err, line, column,
                                ck_tr("不認得的篩選器「%s」（可用 roc_date、mask_id、chinese_amount、default、upper）",
                                      "unknown filter '%s' (use roc_date, mask_id, chinese_amount, default, upper)"),
                                call.name);
                goto done;
            }
        }
        if (!*q)
            break;
        p = q + 1;
    }
done:
    free(inner);
    return rc;
}

static void token_clear(token *tok)
{
    free(tok->name);
    for (size_t i = 0; i < tok->filter_count; i++) {
        free(tok->filters[i].name);
        free(tok->filters[i].arg);
    }
    free(tok->filters);
}

static const char *token_label(const token *tok)
{
    switch (tok->kind) {
    case TOK_EACH: return "{{#each}}";
    case TOK_IF: return "{{#if}}";
    case TOK_ELSE: return "{{else}}";
    case TOK_END_EACH: return "{{/each}}";
    case TOK_END_IF: return "{{/if}}";
    default: return "{{}}";
    }
}

/* Replaces every {{...}} of body by its marker. \{{ stays as it is (cmark
 * turns the backslash escape into a literal brace). */
static int encode_body(ck_template *t, const char *body, size_t len, ck_buf *out, ck_error *err)
{
    long line = t->body_line, column = 1;
    size_t i = 0;

    while (i < len) {
        if (body[i] == '\n') {
            ck_buf_putc(out, '\n');
            line++;
            column = 1;
            i++;
            continue;
        }
        if ((unsigned char)body[i] == 0xEE && i + 2 < len && (unsigned char)body[i + 1] == 0x80 &&
            ((unsigned char)body[i + 2] == 0x80 || (unsigned char)body[i + 2] == 0x81))
            return token_fail(t, err, line, column,
                              ck_tr("範本含有保留字元 U+E000/U+E001，請刪除%s", "the template holds the reserved character U+E000/U+E001; remove it%s"), "");
        if (body[i] == '\\' && i + 1 < len && body[i + 1] == '{') {
            ck_buf_append(out, body + i, 2);
            i += 2;
            column += 2;
            continue;
        }
        if (body[i] == '{' && i + 1 < len && body[i + 1] == '{') {
            size_t j = i + 2;
            token tok;
            int rc;
            while (j + 1 < len && body[j] != '\n' && !(body[j] == '}' && body[j + 1] == '}'))
                j++;
            if (j + 1 >= len || body[j] != '}')
                return token_fail(t, err, line, column,
                                  ck_tr("{{ 沒有在同一行以 }} 結束", "{{ is not closed by }} on the same line%s"), "");
            rc = parse_token(t, body + i + 2, j - i - 2, line, column, &tok, err);
            if (rc != 0) {
                token_clear(&tok);
                return rc;
            }
            t->tokens = ck_realloc(t->tokens, sizeof *t->tokens * (t->token_count + 1));
            t->tokens[t->token_count] = tok;
            ck_buf_printf(out, MARK_OPEN "%zu" MARK_CLOSE, t->token_count);
            t->token_count++;
            column += (long)(j + 2 - i);
            i = j + 2;
            continue;
        }
        ck_buf_putc(out, body[i]);
        if (((unsigned char)body[i] & 0xC0) != 0x80)
            column++;
        i++;
    }
    return 0;
}

static int is_checklist_key(const char *name)
{
    for (int i = 0; checklist_keys[i]; i++)
        if (strcmp(checklist_keys[i], name) == 0)
            return 1;
    return 0;
}

static int is_builtin(const char *name)
{
    return strcmp(name, "表單編號") == 0 || strcmp(name, "表單名稱") == 0;
}

/* The declared field closest to a misspelt name, or NULL. */
static const char *closest_field(const ck_template *t, const char *name)
{
    ck_field_def *defs = ck_calloc(t->field_count ? t->field_count : 1, sizeof *defs);
    const char *best;

    for (size_t i = 0; i < t->field_count; i++)
        defs[i].name = t->fields[i].name;
    best = ck_header_suggest(name, defs, t->field_count);
    free(defs);
    return best;
}

/* Checks the tokens in source order: names exist, filters fit the field's
 * kind, sections nest and close. */
static int check_tokens(ck_template *t, ck_error *err)
{
    int stack[MAX_SECTION_DEPTH];
    int depth = 0;

    for (size_t i = 0; i < t->token_count; i++) {
        token *tok = &t->tokens[i];
        const ck_template_field *field = NULL;
        const ck_template_field *each_field = NULL;
        int in_each = 0;

        for (int d = depth - 1; d >= 0; d--)
            if (t->tokens[stack[d]].kind == TOK_EACH) {
                in_each = 1;
                if (!each_field)
                    each_field = ck_template_find_field(t, t->tokens[stack[d]].name);
            }
        switch (tok->kind) {
        case TOK_ELSE:
            if (depth == 0)
                return token_fail(t, err, tok->line, tok->column,
                                  ck_tr("{{else}} 不在任何 {{#if}} 或 {{#each}} 之內%s",
                                        "{{else}} is not inside an {{#if}} or {{#each}}%s"), "");
            continue;
        case TOK_END_EACH:
        case TOK_END_IF: {
            token_kind want = tok->kind == TOK_END_EACH ? TOK_EACH : TOK_IF;
            if (depth == 0)
                return token_fail(t, err, tok->line, tok->column,
                                  ck_tr("%s 前面沒有對應的開頭標記", "%s has no opening tag before it"),
                                  token_label(tok));
            if (t->tokens[stack[depth - 1]].kind != want)
                return token_fail(t, err, tok->line, tok->column,
                                  ck_tr("%s 不能結束 %s（第 %ld 行）", "%s cannot close the %s of line %ld"),
                                  token_label(tok), token_label(&t->tokens[stack[depth - 1]]),
                                  t->tokens[stack[depth - 1]].line);
            depth--;
            continue;
        }
        default:
            break;
        }
        /* A name: a field, a built-in, or inside {{#each}} the item. */
        if (strcmp(tok->name, "this") == 0 || strcmp(tok->name, ".") == 0 || strcmp(tok->name, "@index") == 0) {
            if (!in_each)
                return token_fail(t, err, tok->line, tok->column,
                                  ck_tr("{{%s}} 只能用在 {{#each}} 之內", "{{%s}} can only be used inside {{#each}}"),
                                  tok->name);
        } else if (is_builtin(tok->name)) {
            /* 表單編號, 表單名稱 */
        } else if ((field = ck_template_find_field(t, tok->name)) == NULL) {
            if (!(each_field && each_field->kind == CK_FIELD_CHECKLIST && is_checklist_key(tok->name))) {
                const char *near = closest_field(t, tok->name);
                if (near)
                    return token_fail(t, err, tok->line, tok->column,
                                      ck_tr("範本使用了未宣告的欄位「%s」（是否要用「%s」？）",
                                            "the template uses the undeclared field '%s' (did you mean '%s'?)"),
                                      tok->name, near);
                return token_fail(t, err, tok->line, tok->column,
                                  ck_tr("範本使用了未宣告的欄位「%s」；請在表頭 fields 宣告它",
                                        "the template uses the undeclared field '%s'; declare it under fields"),
                                  tok->name);
            }
        }
        for (size_t f = 0; f < tok->filter_count; f++) {
            const char *fname = tok->filters[f].name;
            ck_field_kind need;
            if (strcmp(fname, "roc_date") == 0)
                need = CK_FIELD_DATE;
            else if (strcmp(fname, "mask_id") == 0)
                need = CK_FIELD_ID;
            else if (strcmp(fname, "chinese_amount") == 0)
                need = CK_FIELD_AMOUNT;
            else
                continue;
            if (!field || field->kind != need)
                return token_fail(t, err, tok->line, tok->column,
                                  ck_tr("篩選器 %s 只能用在 kind: %s 的欄位，「%s」不是",
                                        "filter %s needs a field of kind: %s, and '%s' is not one"),
                                  fname, ck_field_kind_name(need), tok->name);
        }
        if (tok->kind == TOK_EACH) {
            if (field && field->kind != CK_FIELD_NAMES && field->kind != CK_FIELD_CHECKLIST)
                return token_fail(t, err, tok->line, tok->column,
                                  ck_tr("{{#each %s}} 需要 kind: names 或 checklist 的欄位",
                                        "{{#each %s}} needs a field of kind: names or checklist"),
                                  tok->name);
            if (!field)
                return token_fail(t, err, tok->line, tok->column,
                                  ck_tr("{{#each %s}} 需要宣告的欄位", "{{#each %s}} needs a declared field"),
                                  tok->name);
        }
        if (tok->kind == TOK_EACH || tok->kind == TOK_IF) {
            if (depth == MAX_SECTION_DEPTH)
                return token_fail(t, err, tok->line, tok->column,
                                  ck_tr("區段巢狀超過 %d 層", "sections nest deeper than %d levels"),
                                  MAX_SECTION_DEPTH);
            stack[depth++] = (int)i;
        }
    }
    if (depth > 0) {
        token *open = &t->tokens[stack[depth - 1]];
        return token_fail(t, err, open->line, open->column,
                          ck_tr("%s 沒有結束標記 {{/%s}}", "%s is never closed by {{/%s}}"), token_label(open),
                          open->kind == TOK_EACH ? "each" : "if");
    }
    return 0;
}

/* ============================================================================
 * Units: the children of a node as a sequence of text, tags and nodes
 * ========================================================================== */

enum { UNIT_TEXT, UNIT_TOKEN, UNIT_NODE };
enum { FROM_TEXT, FROM_LEAD, FROM_TRAIL, FROM_SELF };

typedef struct unit {
    int type;
    const char *text; /* UNIT_TEXT: a piece of a text node's literal */
    size_t len;
    int token;        /* UNIT_TOKEN */
    cmark_node *node; /* UNIT_NODE, or the node a text or tag came from */
    int from;         /* FROM_*: where a tag came from */
    int content;      /* prints something */
} unit;

typedef struct unit_list {
    unit *v;
    size_t n, cap;
} unit_list;

static void unit_push(unit_list *u, unit x)
{
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 16;
        u->v = ck_realloc(u->v, sizeof *u->v * u->cap);
    }
    u->v[u->n++] = x;
}

/* Finds the next marker in s[0..len) at or after *pos: sets *start, *end
 * (past the marker) and *index. Returns 0 when there is none. */
static int next_marker(const char *s, size_t len, size_t pos, size_t *start, size_t *end, int *index)
{
    for (size_t i = pos; i + MARK_LEN <= len; i++) {
        if (memcmp(s + i, MARK_OPEN, MARK_LEN) == 0) {
            size_t j = i + MARK_LEN;
            long n = 0;
            while (j < len && s[j] >= '0' && s[j] <= '9')
                n = n * 10 + (s[j++] - '0');
            if (j + MARK_LEN <= len && memcmp(s + j, MARK_CLOSE, MARK_LEN) == 0) {
                *start = i;
                *end = j + MARK_LEN;
                *index = (int)n;
                return 1;
            }
        }
    }
    return 0;
}

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return 0;
    return 1;
}

static lift *lift_of(cmark_node *node)
{
    return (lift *)cmark_node_get_user_data(node);
}

static int node_is_break(cmark_node *node)
{
    cmark_node_type type = cmark_node_get_type(node);
    return type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK;
}

static void build_units(const ck_template *t, cmark_node *parent, unit_list *u)
{
    u->n = 0;
    for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
        lift *lf = lift_of(c);
        if (lf)
            for (size_t i = 0; i < lf->lead_count; i++)
                unit_push(u, (unit){ UNIT_TOKEN, NULL, 0, lf->lead[i], c, FROM_LEAD, 0 });
        if (cmark_node_get_type(c) == CMARK_NODE_TEXT) {
            const char *s = cmark_node_get_literal(c);
            size_t len = strlen(s), pos = 0, start, end;
            int index;
            while (next_marker(s, len, pos, &start, &end, &index)) {
                if (start > pos)
                    unit_push(u, (unit){ UNIT_TEXT, s + pos, start - pos, 0, c, FROM_TEXT, !is_blank(s + pos, start - pos) });
                unit_push(u, (unit){ UNIT_TOKEN, NULL, 0, index, c, FROM_TEXT,
                                     (size_t)index < t->token_count && t->tokens[index].kind == TOK_VAR });
                pos = end;
            }
            if (pos < len)
                unit_push(u, (unit){ UNIT_TEXT, s + pos, len - pos, 0, c, FROM_TEXT, !is_blank(s + pos, len - pos) });
        } else if (!(lf && lf->empty)) {
            int content = node_is_break(c) ? 0 : lf ? lf->has_content : 1;
            unit_push(u, (unit){ UNIT_NODE, NULL, 0, 0, c, FROM_SELF, content });
        }
        if (lf)
            for (size_t i = 0; i < lf->trail_count; i++)
                unit_push(u, (unit){ UNIT_TOKEN, NULL, 0, lf->trail[i], c, FROM_TRAIL, 0 });
    }
}

static int is_section_token(const ck_template *t, const unit *x)
{
    return x->type == UNIT_TOKEN && t->tokens[x->token].kind != TOK_VAR;
}

/* Pairs the section tags of u: for an opening tag at i, close[i] is its
 * closing tag and mid[i] its {{else}} (-1 when none). Tags left unmatched
 * get unmatched[i] = 1 (unmatched may be NULL when the caller knows the
 * structure is sound). Returns 0, or the index + 1 of a tag that closes the
 * wrong kind of section, negated. */
static int pair_sections(const ck_template *t, const unit_list *u, int *close, int *mid, char *unmatched)
{
    int stack[MAX_SECTION_DEPTH * 4];
    int depth = 0;

    for (size_t i = 0; i < u->n; i++) {
        close[i] = mid[i] = -1;
        if (unmatched)
            unmatched[i] = 0;
    }
    for (size_t i = 0; i < u->n; i++) {
        token_kind kind;
        if (!is_section_token(t, &u->v[i]))
            continue;
        kind = t->tokens[u->v[i].token].kind;
        if (kind == TOK_EACH || kind == TOK_IF) {
            if (depth == (int)(sizeof stack / sizeof stack[0]))
                return -(int)(i + 1);
            stack[depth++] = (int)i;
        } else if (kind == TOK_ELSE) {
            if (depth == 0 || mid[stack[depth - 1]] >= 0) {
                if (unmatched)
                    unmatched[i] = 1;
            } else {
                mid[stack[depth - 1]] = (int)i;
            }
        } else {
            token_kind want = kind == TOK_END_EACH ? TOK_EACH : TOK_IF;
            if (depth == 0) {
                if (unmatched)
                    unmatched[i] = 1;
                continue;
            }
            if (t->tokens[u->v[stack[depth - 1]].token].kind != want)
                return -(int)(i + 1);
            close[stack[--depth]] = (int)i;
        }
    }
    while (depth > 0) {
        int i = stack[--depth];
        if (unmatched)
            unmatched[i] = 1;
        if (mid[i] >= 0 && unmatched) {
            /* an {{else}} of a section closed outside belongs outside too */
            unmatched[mid[i]] = 1;
            mid[i] = -1;
        }
    }
    return 0;
}

/* ============================================================================
 * Lifting section tags out of the elements they begin or end
 * ========================================================================== */

static lift *lift_new(ck_template *t, cmark_node *node)
{
    lift *lf = lift_of(node);
    if (lf)
        return lf;
    lf = ck_calloc(1, sizeof *lf);
    t->lifts = ck_realloc(t->lifts, sizeof *t->lifts * (t->lift_count + 1));
    t->lifts[t->lift_count++] = lf;
    cmark_node_set_user_data(node, lf);
    return lf;
}

static void int_push(int **v, size_t *n, int x)
{
    *v = ck_realloc(*v, sizeof **v * (*n + 1));
    (*v)[(*n)++] = x;
}

static int lift_fail(ck_template *t, int token_index, ck_error *err, const char *zh, const char *en)
{
    token *tok = &t->tokens[token_index];
    return token_fail(t, err, tok->line, tok->column, ck_tr(zh, en), token_label(tok));
}

/* Rebuilds the text children and lifts of parent's children without the
 * units marked in drop. */
static void drop_units(ck_template *t, cmark_node *parent, const unit_list *u, const char *drop)
{
    ck_buf b = CK_BUF_INIT;
    cmark_node *c = cmark_node_first_child(parent);

    (void)t;
    while (c) {
        cmark_node *next = cmark_node_next(c);
        lift *lf = lift_of(c);
        int changed = 0;
        ck_buf_clear(&b);
        if (lf) {
            size_t nl = 0, nt = 0;
            for (size_t i = 0; i < u->n; i++) {
                if (u->v[i].node != c || u->v[i].type != UNIT_TOKEN)
                    continue;
                if (u->v[i].from == FROM_LEAD && !drop[i])
                    lf->lead[nl++] = u->v[i].token;
                if (u->v[i].from == FROM_TRAIL && !drop[i])
                    lf->trail[nt++] = u->v[i].token;
            }
            lf->lead_count = nl;
            lf->trail_count = nt;
        }
        if (cmark_node_get_type(c) == CMARK_NODE_TEXT) {
            for (size_t i = 0; i < u->n; i++) {
                if (u->v[i].node != c || u->v[i].from != FROM_TEXT)
                    continue;
                if (drop[i]) {
                    changed = 1;
                } else if (u->v[i].type == UNIT_TEXT) {
                    ck_buf_append(&b, u->v[i].text, u->v[i].len);
                } else {
                    ck_buf_printf(&b, MARK_OPEN "%d" MARK_CLOSE, u->v[i].token);
                }
            }
            if (changed) {
                if (b.len == 0) {
                    cmark_node_free(c);
                } else {
                    cmark_node_set_literal(c, b.data);
                }
            }
        }
        c = next;
    }
    ck_buf_free(&b);
}

/* Decides, for node, which of its children's tags stay inside it and which
 * move out (lead/trail) to its parent. */
static int lift_node(ck_template *t, cmark_node *node, unit_list *u, ck_error *err)
{
    cmark_node_type type = cmark_node_get_type(node);
    int *close = NULL, *mid = NULL;
    char *unmatched = NULL, *drop = NULL;
    lift *lf = NULL;
    long first_content = -1, last_content = -1;
    int rc = 0, any_tag = 0, bad;
    size_t lifted = 0;

    build_units(t, node, u);
    if (u->n == 0)
        return 0;
    close = ck_malloc(sizeof *close * u->n);
    mid = ck_malloc(sizeof *mid * u->n);
    unmatched = ck_calloc(u->n, 1);
    drop = ck_calloc(u->n, 1);
    for (size_t i = 0; i < u->n; i++) {
        if (u->v[i].content) {
            if (first_content < 0)
                first_content = (long)i;
            last_content = (long)i;
        }
        any_tag |= is_section_token(t, &u->v[i]);
    }
    if (!any_tag)
        goto content;
    if (type == CMARK_NODE_TABLE_ROW) {
        /* Sections never span cells: tags go to the row (lead from the
         * first cell, trail from the last) or stay inside one cell. */
        long first_node = -1, last_node = -1;
        for (size_t i = 0; i < u->n; i++)
            if (u->v[i].type == UNIT_NODE) {
                if (first_node < 0)
                    first_node = (long)i;
                last_node = (long)i;
            }
        for (size_t i = 0; i < u->n; i++) {
            if (!is_section_token(t, &u->v[i]))
                continue;
            if ((long)i < first_node || (long)i > last_node || first_node < 0)
                unmatched[i] = 1;
            else {
                rc = lift_fail(t, u->v[i].token, err,
                               "%s 在表格列的中間：區段標記須在第一格開頭、最後一格結尾，或在同一格內成對",
                               "%s is in the middle of a table row: a section tag must begin the first cell, "
                               "end the last cell, or open and close inside one cell");
                goto done;
            }
        }
        first_content = first_node;
        last_content = last_node;
    } else {
        bad = pair_sections(t, u, close, mid, unmatched);
        if (bad < 0) {
            rc = lift_fail(t, u->v[-bad - 1].token, err, "%s 結束的區段種類不對（#each 用 /each，#if 用 /if）",
                           "%s closes the wrong kind of section (#each with /each, #if with /if)");
            goto done;
        }
        if (type == CMARK_NODE_ITEM ||
            (type == CMARK_NODE_PARAGRAPH && cmark_node_parent(node) &&
             cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_ITEM)) {
            /* A list item wholly inside one section repeats as an item:
             * `- {{#each 人員}}{{this}}{{/each}}` gives one item per name. */
            long first = -1, last = -1;
            for (size_t i = 0; i < u->n; i++)
                if (u->v[i].type != UNIT_TEXT || u->v[i].content) {
                    if (first < 0)
                        first = (long)i;
                    last = (long)i;
                }
            if (first >= 0 && is_section_token(t, &u->v[first]) && close[first] == last && mid[first] < 0) {
                unmatched[first] = unmatched[last] = 1;
                close[first] = -1;
            }
        }
        if (type == CMARK_NODE_TABLE) {
            /* A section may not take in the header row. */
            cmark_node *header = cmark_node_first_child(node);
            for (size_t i = 0; i < u->n; i++)
                if (u->v[i].node == header && u->v[i].type == UNIT_TOKEN && !unmatched[i] &&
                    close[i] >= 0) {
                    rc = lift_fail(t, u->v[i].token, err, "%s 不能包含表格的標題列",
                                   "%s cannot take in the table's header row");
                    goto done;
                }
        }
    }
    for (size_t i = 0; i < u->n; i++) {
        if (!unmatched[i])
            continue;
        if (type == CMARK_NODE_DOCUMENT) {
            rc = lift_fail(t, u->v[i].token, err, "%s 沒有成對的標記（開頭與結尾須在同一層：同一段落、同一表格或同一清單）",
                           "%s has no partner at its level (opening and closing tags must be in the same "
                           "paragraph, table or list)");
            goto done;
        }
        if (first_content >= 0 && (long)i > first_content && (long)i < last_content) {
            rc = lift_fail(t, u->v[i].token, err,
                           "%s 的另一半不在同一段落：跨段落的區段標記須寫在段落的開頭或結尾",
                           "%s has no partner in its paragraph: a section spanning paragraphs must begin "
                           "or end one");
            goto done;
        }
        lf = lift_new(t, node);
        if (first_content < 0 || (long)i < first_content)
            int_push(&lf->lead, &lf->lead_count, u->v[i].token);
        else
            int_push(&lf->trail, &lf->trail_count, u->v[i].token);
        drop[i] = 1;
        lifted++;
    }
    if (lifted) {
        int keep = type == CMARK_NODE_TABLE_CELL || type == CMARK_NODE_TABLE;
        if (type == CMARK_NODE_TABLE_ROW && cmark_gfm_extensions_get_table_row_is_header(node))
            keep = 1;
        drop_units(t, node, u, drop);
        if (first_content < 0 && !keep)
            lf->empty = 1;
        if (type == CMARK_NODE_TABLE_ROW && !keep) {
            /* A row whose cells hold nothing but the tags is a marker row. */
            int row_content = 0;
            for (cmark_node *cell = cmark_node_first_child(node); cell; cell = cmark_node_next(cell)) {
                lift *cl = lift_of(cell);
                row_content |= cl ? cl->has_content : cmark_node_first_child(cell) != NULL;
            }
            lf->empty = !row_content;
        }
    }
content:
    if (!lf)
        lf = lift_new(t, node);
    lf->has_content = 0;
    if (type == CMARK_NODE_TABLE_ROW || type == CMARK_NODE_TABLE) {
        lf->has_content = 1;
    } else {
        build_units(t, node, u);
        for (size_t i = 0; i < u->n; i++)
            lf->has_content |= u->v[i].content;
    }
done:
    free(close);
    free(mid);
    free(unmatched);
    free(drop);
    return rc;
}

/* Joins adjacent text nodes, which cmark leaves apart around characters
 * such as `[` or `*` that turned out to be plain text. */
static void merge_text_children(cmark_node *node)
{
    cmark_node *c = cmark_node_first_child(node);
    ck_buf b = CK_BUF_INIT;

    while (c) {
        cmark_node *next = cmark_node_next(c);
        if (cmark_node_get_type(c) == CMARK_NODE_TEXT && next && cmark_node_get_type(next) == CMARK_NODE_TEXT) {
            ck_buf_clear(&b);
            ck_buf_puts(&b, cmark_node_get_literal(c));
            ck_buf_puts(&b, cmark_node_get_literal(next));
            cmark_node_set_literal(c, b.data);
            cmark_node_free(next);
            continue;
        }
        c = next;
    }
    ck_buf_free(&b);
}

static int node_is_leaf(cmark_node *node)
{
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
        return 1;
    default:
        return 0;
    }
}

static int marker_line(const ck_template *t, const char *s, long *line, long *column)
{
    size_t start, end;
    int index;
    if (!s || !next_marker(s, strlen(s), 0, &start, &end, &index) || (size_t)index >= t->token_count)
        return 0;
    *line = t->tokens[index].line;
    *column = t->tokens[index].column;
    return 1;
}

/* Leaves where only plain placeholders may stand (code), or none at all
 * (HTML, link targets, code block info strings). */
static int check_leaf(ck_template *t, cmark_node *node, ck_error *err)
{
    cmark_node_type type = cmark_node_get_type(node);
    long line, column;
    const char *where = NULL;

    if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
        if (marker_line(t, cmark_node_get_literal(node), &line, &column))
            where = ck_tr("HTML", "HTML");
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
        if (marker_line(t, cmark_node_get_url(node), &line, &column) ||
            marker_line(t, cmark_node_get_title(node), &line, &column))
            where = ck_tr("連結網址", "a link's address");
    } else if (type == CMARK_NODE_CODE_BLOCK) {
        if (marker_line(t, cmark_node_get_fence_info(node), &line, &column))
            where = ck_tr("程式碼區塊的標示", "a code block's info string");
    }
    if (where)
        return token_fail(t, err, line, column, ck_tr("預留位置不能用在%s之內", "placeholders cannot be used inside %s"),
                          where);
    if (type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        const char *s = cmark_node_get_literal(node);
        size_t len = strlen(s), pos = 0, start, end;
        int index;
        while (next_marker(s, len, pos, &start, &end, &index)) {
            if (t->tokens[index].kind != TOK_VAR)
                return token_fail(t, err, t->tokens[index].line, t->tokens[index].column,
                                  ck_tr("區段標記 %s 不能在程式碼之內", "the section tag %s cannot be inside code"),
                                  token_label(&t->tokens[index]));
            pos = end;
        }
    }
    return 0;
}

static int compile_tree(ck_template *t, ck_error *err)
{
    cmark_iter *it = cmark_iter_new(t->doc);
    cmark_event_type ev;
    unit_list u = { NULL, 0, 0 };
    int depth = 0, rc = 0;

    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER) {
            if ((rc = check_leaf(t, node, err)) != 0)
                goto done;
            if (!node_is_leaf(node) && ++depth > MAX_TREE_DEPTH) {
                rc = token_fail(t, err, cmark_node_get_start_line(node) + t->body_line - 1, 0,
                                ck_tr("範本的巢狀結構超過 %d 層", "the template nests deeper than %d levels"),
                                MAX_TREE_DEPTH);
                goto done;
            }
        } else if (ev == CMARK_EVENT_EXIT) {
            depth--;
            merge_text_children(node);
            if ((rc = lift_node(t, node, &u, err)) != 0)
                goto done;
        }
    }
done:
    cmark_iter_free(it);
    free(u.v);
    return rc;
}

/* ============================================================================
 * Loading
 * ========================================================================== */

static cmark_syntax_extension *table_extension(void)
{
    cmark_gfm_core_extensions_ensure_registered();
    return cmark_find_syntax_extension("table");
}

int ck_template_load_string(const char *name, const char *text, size_t len, ck_template **out,
                            ck_error *err)
{
    ck_template *t = ck_calloc(1, sizeof *t);
    ck_buf body = CK_BUF_INIT;
    cmark_parser *parser = NULL;
    const char *p = text, *end = text + len, *fm_start, *fm_end = NULL, *body_start = NULL;
    long line = 1;
    int rc = 0;

    *out = NULL;
    t->path = ck_strdup(name);
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    if (memchr(p, '\0', (size_t)(end - p))) {
        rc = token_fail(t, err, 0, 0, ck_tr("範本不是文字檔（含有 NUL 位元組）%s", "the template is not a text file (it holds NUL bytes)%s"), "");
        goto done;
    }
    /* Front matter: "---" on the first line, up to the next "---" line. */
    if (!(end - p >= 3 && memcmp(p, "---", 3) == 0 && (p[3] == '\n' || (p[3] == '\r' && p[4] == '\n')))) {
        rc = token_fail(t, err, 1, 1,
                        ck_tr("範本須以 --- 開頭的表頭（front matter）宣告表單與欄位",
                              "a template must begin with a --- front matter block declaring the form and fields%s"),
                        "");
        goto done;
    }
    p = (const char *)memchr(p, '\n', (size_t)(end - p)) + 1;
    line = 2;
    fm_start = p;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t l = eol ? (size_t)(eol - p) : (size_t)(end - p);
        if (l && p[l - 1] == '\r')
            l--;
        if ((l == 3 && (memcmp(p, "---", 3) == 0 || memcmp(p, "...", 3) == 0))) {
            fm_end = p;
            body_start = eol ? eol + 1 : end;
            break;
        }
        p = eol ? eol + 1 : end;
        line++;
    }
    if (!fm_end) {
        rc = token_fail(t, err, 1, 1, ck_tr("表頭沒有以 --- 結束", "the front matter is not closed by ---%s"), "");
        goto done;
    }
    if ((rc = parse_front_matter(t, fm_start, (size_t)(fm_end - fm_start), 2, err)) != 0)
        goto done;
    t->body_line = line + 1;
    if ((rc = encode_body(t, body_start, (size_t)(end - body_start), &body, err)) != 0)
        goto done;
    if ((rc = check_tokens(t, err)) != 0)
        goto done;
    parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(parser, table_extension());
    cmark_parser_feed(parser, body.data ? body.data : "", body.len);
    t->doc = cmark_parser_finish(parser);
    if ((rc = compile_tree(t, err)) != 0)
        goto done;
done:
    if (parser)
        cmark_parser_free(parser);
    ck_buf_free(&body);
    if (rc != 0)
        ck_template_free(t);
    else
        *out = t;
    return rc;
}

int ck_template_load(const char *path, ck_template **out, ck_error *err)
{
    FILE *f = fopen(path, "rb");
    ck_buf b = CK_BUF_INIT;
    char chunk[8192];
    size_t n;
    int rc;

    *out = NULL;
    if (!f) {
        ck_error_set(err, errno == ENOENT ? CK_EINPUT : CK_EIO,
                     ck_tr("無法開啟範本：%s", "cannot open the template: %s"), ck_strerror(errno));
        ck_error_set_file(err, path);
        return err->code;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        ck_buf_append(&b, chunk, n);
        if (b.len > MAX_TEMPLATE_BYTES) {
            fclose(f);
            ck_buf_free(&b);
            ck_error_set(err, CK_ELIMIT, ck_tr("範本超過 1 MiB", "the template is larger than 1 MiB"));
            ck_error_set_file(err, path);
            return CK_ELIMIT;
        }
    }
    fclose(f);
    rc = ck_template_load_string(path, b.data ? b.data : "", b.len, out, err);
    ck_buf_free(&b);
    return rc;
}

void ck_template_free(ck_template *t)
{
    if (!t)
        return;
    free(t->path);
    free(t->form);
    free(t->title);
    for (size_t i = 0; i < t->field_count; i++) {
        ck_template_field *f = &t->fields[i];
        free(f->name);
        free(f->label);
        for (size_t j = 0; j < f->alias_count; j++)
            free(f->aliases[j]);
        free(f->aliases);
    }
    free(t->fields);
    for (size_t i = 0; i < t->token_count; i++)
        token_clear(&t->tokens[i]);
    free(t->tokens);
    for (size_t i = 0; i < t->lift_count; i++) {
        free(t->lifts[i]->lead);
        free(t->lifts[i]->trail);
        free(t->lifts[i]);
    }
    free(t->lifts);
    if (t->doc)
        cmark_node_free(t->doc);
    free(t);
}

const char *ck_template_form(const ck_template *t) { return t->form; }
const char *ck_template_title(const ck_template *t) { return t->title ? t->title : t->form; }
const char *ck_template_path(const ck_template *t) { return t->path; }
size_t ck_template_field_count(const ck_template *t) { return t->field_count; }

const ck_template_field *ck_template_field_at(const ck_template *t, size_t i)
{
    return i < t->field_count ? &t->fields[i] : NULL;
}

const ck_template_field *ck_template_find_field(const ck_template *t, const char *name)
{
    for (size_t i = 0; i < t->field_count; i++)
        if (strcmp(t->fields[i].name, name) == 0)
            return &t->fields[i];
    return NULL;
}

/* ============================================================================
 * Rendering
 * ========================================================================== */

typedef struct scope {
    const ck_value *item; /* the {{#each}} item */
    long index;           /* 1-based */
    const struct scope *up;
} scope;

typedef struct render_ctx {
    const ck_template *t;
    const ck_value *record;
    ck_error *err;
} render_ctx;

static int render_children(render_ctx *ctx, cmark_node *tparent, cmark_node *oparent, const scope *sc);

static const ck_value *lookup(render_ctx *ctx, const scope *sc, const char *name)
{
    if (strcmp(name, "this") == 0 || strcmp(name, ".") == 0)
        return sc ? sc->item : NULL;
    for (const scope *s = sc; s; s = s->up)
        if (s->item && s->item->kind == CK_VALUE_MAP) {
            const ck_value *v = ck_value_get(s->item, name);
            if (v)
                return v;
        }
    return ctx->record ? ck_value_get(ctx->record, name) : NULL;
}

static char *value_text(const ck_value *v)
{
    ck_buf b = CK_BUF_INIT;
    if (!v)
        return ck_strdup("");
    if (v->kind == CK_VALUE_STRING)
        return ck_strdup(v->string ? v->string : "");
    if (v->kind == CK_VALUE_LIST)
        for (size_t i = 0; i < v->count; i++)
            if (v->items[i]->kind == CK_VALUE_STRING) {
                if (b.len)
                    ck_buf_puts(&b, "、");
                ck_buf_puts(&b, v->items[i]->string);
            }
    return ck_buf_detach(&b);
}

static int token_value(render_ctx *ctx, const token *tok, const scope *sc, char **out)
{
    char *text;

    *out = NULL;
    if (strcmp(tok->name, "@index") == 0) {
        ck_buf b = CK_BUF_INIT;
        ck_buf_printf(&b, "%ld", sc ? sc->index : 0L);
        text = ck_buf_detach(&b);
    } else if (strcmp(tok->name, "表單編號") == 0 && !lookup(ctx, sc, tok->name)) {
        text = ck_strdup(ctx->t->form);
    } else if (strcmp(tok->name, "表單名稱") == 0 && !lookup(ctx, sc, tok->name)) {
        text = ck_strdup(ck_template_title(ctx->t));
    } else {
        text = value_text(lookup(ctx, sc, tok->name));
    }
    for (size_t i = 0; i < tok->filter_count; i++) {
        char *next = NULL;
        int rc = ck_template_apply_filter(tok->filters[i].name, tok->filters[i].arg, text, &next, ctx->err);
        free(text);
        if (rc != 0) {
            ck_error_set_file(ctx->err, ctx->t->path);
            ck_error_set_line(ctx->err, tok->line, tok->column);
            return rc;
        }
        text = next;
    }
    *out = text;
    return 0;
}

/* Appends text to parent's last text node, or a new one; a newline in a
 * value becomes a hard line break, so an address keeps its lines. */
static void append_text(cmark_node *parent, const char *s, size_t len, int split_lines)
{
    while (len > 0) {
        const char *nl = split_lines ? memchr(s, '\n', len) : NULL;
        size_t piece = nl ? (size_t)(nl - s) : len;
        if (piece > 0) {
            cmark_node *last = cmark_node_last_child(parent);
            if (last && cmark_node_get_type(last) == CMARK_NODE_TEXT) {
                ck_buf b = CK_BUF_INIT;
                ck_buf_puts(&b, cmark_node_get_literal(last));
                ck_buf_append(&b, s, piece);
                cmark_node_set_literal(last, b.data);
                ck_buf_free(&b);
            } else {
                cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
                char *copy = ck_strndup(s, piece);
                cmark_node_set_literal(text, copy);
                free(copy);
                cmark_node_append_child(parent, text);
            }
        }
        if (!nl)
            break;
        if (piece + 1 < len || piece > 0)
            cmark_node_append_child(parent, cmark_node_new(CMARK_NODE_LINEBREAK));
        s = nl + 1;
        len -= piece + 1;
    }
}

/* A literal with its markers replaced by values (code spans, code blocks). */
static int fill_literal(render_ctx *ctx, const char *s, const scope *sc, char **out)
{
    ck_buf b = CK_BUF_INIT;
    size_t len = strlen(s), pos = 0, start, end;
    int index;

    while (next_marker(s, len, pos, &start, &end, &index)) {
        char *v;
        ck_buf_append(&b, s + pos, start - pos);
        if (token_value(ctx, &ctx->t->tokens[index], sc, &v) != 0) {
            ck_buf_free(&b);
            return ctx->err->code;
        }
        ck_buf_puts(&b, v);
        free(v);
        pos = end;
    }
    ck_buf_append(&b, s + pos, len - pos);
    *out = ck_buf_detach(&b);
    return 0;
}

static cmark_node *clone_shallow(render_ctx *ctx, cmark_node *n, const scope *sc)
{
    cmark_node_type type = cmark_node_get_type(n);
    cmark_syntax_extension *ext = cmark_node_get_syntax_extension(n);
    cmark_node *c;
    char *filled = NULL;

    if (ext && type == CMARK_NODE_TABLE_CELL) {
        /* cmark-gfm 0.29 allocates per-cell parser data for a cell made with
         * its extension and never frees it; a cell needs none once parsed. */
        c = cmark_node_new(type);
        cmark_node_set_syntax_extension(c, ext);
    } else {
        c = ext ? cmark_node_new_with_ext(type, ext) : cmark_node_new(type);
    }

    switch (type) {
    case CMARK_NODE_HEADING:
        cmark_node_set_heading_level(c, cmark_node_get_heading_level(n));
        break;
    case CMARK_NODE_LIST:
        cmark_node_set_list_type(c, cmark_node_get_list_type(n));
        cmark_node_set_list_delim(c, cmark_node_get_list_delim(n));
        cmark_node_set_list_start(c, cmark_node_get_list_start(n));
        cmark_node_set_list_tight(c, cmark_node_get_list_tight(n));
        break;
    case CMARK_NODE_CODE_BLOCK:
        cmark_node_set_fence_info(c, cmark_node_get_fence_info(n));
        /* fall through */
    case CMARK_NODE_CODE:
        if (fill_literal(ctx, cmark_node_get_literal(n), sc, &filled) != 0) {
            cmark_node_free(c);
            return NULL;
        }
        cmark_node_set_literal(c, filled);
        free(filled);
        break;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_TEXT:
        cmark_node_set_literal(c, cmark_node_get_literal(n));
        break;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
        cmark_node_set_url(c, cmark_node_get_url(n));
        cmark_node_set_title(c, cmark_node_get_title(n));
        break;
    default:
        if (type == CMARK_NODE_TABLE) {
            uint16_t cols = cmark_gfm_extensions_get_table_columns(n);
            cmark_gfm_extensions_set_table_columns(c, cols);
            cmark_gfm_extensions_set_table_alignments(c, cols, cmark_gfm_extensions_get_table_alignments(n));
        } else if (type == CMARK_NODE_TABLE_ROW) {
            cmark_gfm_extensions_set_table_row_is_header(c, cmark_gfm_extensions_get_table_row_is_header(n));
        }
        break;
    }
    return c;
}

/* Removes spaces and tabs at the start (leading) or end of a text node. */
static void trim_text_end(cmark_node *text, int leading)
{
    const char *s;
    size_t len, start = 0;

    if (!text || cmark_node_get_type(text) != CMARK_NODE_TEXT)
        return;
    s = cmark_node_get_literal(text);
    len = strlen(s);
    if (leading)
        while (start < len && (s[start] == ' ' || s[start] == '\t'))
            start++;
    else
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
    if (start > 0 || len < strlen(s)) {
        char *copy = ck_strndup(s + start, len - start);
        cmark_node_set_literal(text, copy);
        free(copy);
    }
}

/* Tidies a container after its content was filled: no line breaks at either
 * end or twice in a row; an element that came out empty disappears. */
static void tidy(cmark_node *node, int *remove)
{
    cmark_node_type type = cmark_node_get_type(node);
    cmark_node *c;

    *remove = 0;
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_TABLE_CELL) {
        while ((c = cmark_node_first_child(node)) && node_is_break(c))
            cmark_node_free(c);
        while ((c = cmark_node_last_child(node)) && node_is_break(c))
            cmark_node_free(c);
        for (c = cmark_node_first_child(node); c;) {
            cmark_node *next = cmark_node_next(c);
            if (next && cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK && node_is_break(next)) {
                cmark_node_free(c);
            }
            c = next;
        }
        /* spaces a false section left at either end, as cmark trims a line */
        trim_text_end(cmark_node_first_child(node), 1);
        trim_text_end(cmark_node_last_child(node), 0);
        while ((c = cmark_node_first_child(node)) && cmark_node_get_type(c) == CMARK_NODE_TEXT &&
               !*cmark_node_get_literal(c))
            cmark_node_free(c);
        while ((c = cmark_node_last_child(node)) && cmark_node_get_type(c) == CMARK_NODE_TEXT &&
               !*cmark_node_get_literal(c))
            cmark_node_free(c);
    }
    if (cmark_node_first_child(node))
        return;
    *remove = type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM || type == CMARK_NODE_LIST ||
              type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG;
}

static int process(render_ctx *ctx, const unit_list *u, const int *close, const int *mid, size_t from,
                   size_t to, cmark_node *oparent, const scope *sc)
{
    for (size_t i = from; i < to; i++) {
        const unit *x = &u->v[i];
        if (x->type == UNIT_TEXT) {
            append_text(oparent, x->text, x->len, 0);
        } else if (x->type == UNIT_TOKEN) {
            const token *tok = &ctx->t->tokens[x->token];
            size_t end = close[i] >= 0 ? (size_t)close[i] : i;
            size_t body_end = mid[i] >= 0 ? (size_t)mid[i] : end;
            if (tok->kind == TOK_VAR) {
                char *v;
                if (token_value(ctx, tok, sc, &v) != 0)
                    return ctx->err->code;
                append_text(oparent, v, strlen(v), 1);
                free(v);
            } else if (tok->kind == TOK_IF) {
                const ck_value *v = lookup(ctx, sc, tok->name);
                int truth = v && (v->kind == CK_VALUE_STRING ? v->string[0] != '\0' : v->count > 0);
                int rc = 0;
                if (truth)
                    rc = process(ctx, u, close, mid, i + 1, body_end, oparent, sc);
                else if (mid[i] >= 0)
                    rc = process(ctx, u, close, mid, (size_t)mid[i] + 1, end, oparent, sc);
                if (rc != 0)
                    return rc;
                i = end;
            } else if (tok->kind == TOK_EACH) {
                const ck_value *v = lookup(ctx, sc, tok->name);
                ck_value *split = NULL;
                size_t count;
                int rc = 0;
                if (v && v->kind == CK_VALUE_STRING) {
                    split = ck_template_split_names(v->string, 0);
                    v = split;
                }
                count = v && v->kind == CK_VALUE_LIST ? v->count : 0;
                for (size_t k = 0; k < count && rc == 0; k++) {
                    scope inner = { v->items[k], (long)k + 1, sc };
                    rc = process(ctx, u, close, mid, i + 1, body_end, oparent, &inner);
                }
                if (rc == 0 && count == 0 && mid[i] >= 0)
                    rc = process(ctx, u, close, mid, (size_t)mid[i] + 1, end, oparent, sc);
                ck_value_free(split);
                if (rc != 0)
                    return rc;
                i = end;
            }
            /* {{else}}, {{/each}}, {{/if}} are reached only by the jumps above */
        } else {
            cmark_node *copy = clone_shallow(ctx, x->node, sc);
            int remove, rc;
            if (!copy)
                return ctx->err->code;
            if (!cmark_node_append_child(oparent, copy)) {
                cmark_node_free(copy);
                continue;
            }
            if (!node_is_leaf(x->node)) {
                if ((rc = render_children(ctx, x->node, copy, sc)) != 0)
                    return rc;
                tidy(copy, &remove);
                if (remove)
                    cmark_node_free(copy);
            }
        }
    }
    return 0;
}

static int render_children(render_ctx *ctx, cmark_node *tparent, cmark_node *oparent, const scope *sc)
{
    unit_list u = { NULL, 0, 0 };
    int *close = NULL, *mid = NULL;
    int rc;

    build_units(ctx->t, tparent, &u);
    if (u.n == 0)
        return 0;
    close = ck_malloc(sizeof *close * u.n);
    mid = ck_malloc(sizeof *mid * u.n);
    pair_sections(ctx->t, &u, close, mid, NULL);
    rc = process(ctx, &u, close, mid, 0, u.n, oparent, sc);
    free(close);
    free(mid);
    free(u.v);
    return rc;
}

int ck_template_render(const ck_template *t, const ck_value *record, cmark_node **out, ck_error *err)
{
    render_ctx ctx = { t, record, err };
    cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
    int rc;

    *out = NULL;
    rc = render_children(&ctx, t->doc, doc, NULL);
    if (rc != 0) {
        cmark_node_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}
