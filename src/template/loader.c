/* loader.c — a template's front matter (fields) and placeholders (tokens). */
#include "template/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/array.h"
#include "util/lang.h"

/* Keys of a checklist item (see template.h). */
static const char *const checklist_keys[] = {
    "項次", "編號", "項目", "依據", "符合", "不符合", "不適用", "說明", NULL,
};

static const char *const kind_names[] = {
    "text", "date", "id", "ubn", "names", "amount", "checklist",
};

const char *ck_field_kind_name(ck_field_kind kind)
{
    return (unsigned)kind < CK_ARRAY_LEN(kind_names) ? kind_names[kind] : "?";
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
            for (i = 0; i < CK_ARRAY_LEN(kind_names); i++)
                if (strcmp(val, kind_names[i]) == 0)
                    break;
            if (i == CK_ARRAY_LEN(kind_names))
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

int ck_template_parse_front_matter(ck_template *t, const char *text, size_t len, long first_line, ck_error *err)
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
        } else if (key && strcmp(key, "ignore_columns") == 0) {
            if (v->type != YAML_SEQUENCE_NODE) {
                rc = yaml_fail(t, err, line, ck_tr("ignore_columns 須是清單，例如 [序號, 備註]%s",
                                                   "ignore_columns must be a list, e.g. [序號, 備註]%s"), "");
                goto done;
            }
            for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
                const char *name = yaml_scalar(yaml_document_get_node(&doc, *it));
                if (!name || !*name) {
                    rc = yaml_fail(t, err, line, ck_tr("ignore_columns 的每一項須是欄名%s",
                                                       "each item of ignore_columns must be a column name%s"), "");
                    goto done;
                }
                t->ignore_columns = ck_realloc(t->ignore_columns, sizeof *t->ignore_columns * (t->ignore_count + 2));
                t->ignore_columns[t->ignore_count++] = ck_strdup(name);
                t->ignore_columns[t->ignore_count] = NULL;
            }
        } else if (key && strcmp(key, "description") == 0) {
            continue; /* a note for whoever edits the template */
        } else {
            rc = yaml_fail(t, err, line,
                           ck_tr("表頭中不認得的鍵「%s」（可用 form、title、description、fields、ignore_columns）",
                                 "unknown key '%s' in the front matter (use form, title, description, fields, "
                                 "ignore_columns)"),
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

int ck_template_token_fail(ck_template *t, ck_error *err, long line, long column, const char *fmt, ...)
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
            rc = ck_template_token_fail(t, err, line, column, ck_tr("{{%s}} 須寫出欄位名稱，例如 {{#each 稽核人員}}",
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
        rc = ck_template_token_fail(t, err, line, column,
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
                rc = ck_template_token_fail(t, err, line, column, ck_tr("空的預留位置 {{}}%s", "empty placeholder {{}}%s"), "");
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
                rc = ck_template_token_fail(t, err, line, column,
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

void ck_template_token_clear(token *tok)
{
    free(tok->name);
    for (size_t i = 0; i < tok->filter_count; i++) {
        free(tok->filters[i].name);
        free(tok->filters[i].arg);
    }
    free(tok->filters);
}

const char *ck_template_token_label(const token *tok)
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
int ck_template_encode_body(ck_template *t, const char *body, size_t len, ck_buf *out, ck_error *err)
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
            return ck_template_token_fail(t, err, line, column,
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
                return ck_template_token_fail(t, err, line, column,
                                  ck_tr("{{ 沒有在同一行以 }} 結束", "{{ is not closed by }} on the same line%s"), "");
            rc = parse_token(t, body + i + 2, j - i - 2, line, column, &tok, err);
            if (rc != 0) {
                ck_template_token_clear(&tok);
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
int ck_template_check_tokens(ck_template *t, ck_error *err)
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
                return ck_template_token_fail(t, err, tok->line, tok->column,
                                  ck_tr("{{else}} 不在任何 {{#if}} 或 {{#each}} 之內%s",
                                        "{{else}} is not inside an {{#if}} or {{#each}}%s"), "");
            continue;
        case TOK_END_EACH:
        case TOK_END_IF: {
            token_kind want = tok->kind == TOK_END_EACH ? TOK_EACH : TOK_IF;
            if (depth == 0)
                return ck_template_token_fail(t, err, tok->line, tok->column,
                                  ck_tr("%s 前面沒有對應的開頭標記", "%s has no opening tag before it"),
                                  ck_template_token_label(tok));
            if (t->tokens[stack[depth - 1]].kind != want)
                return ck_template_token_fail(t, err, tok->line, tok->column,
                                  ck_tr("%s 不能結束 %s（第 %ld 行）", "%s cannot close the %s of line %ld"),
                                  ck_template_token_label(tok), ck_template_token_label(&t->tokens[stack[depth - 1]]),
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
                return ck_template_token_fail(t, err, tok->line, tok->column,
                                  ck_tr("{{%s}} 只能用在 {{#each}} 之內", "{{%s}} can only be used inside {{#each}}"),
                                  tok->name);
        } else if (is_builtin(tok->name)) {
            /* 表單編號, 表單名稱 */
        } else if ((field = ck_template_find_field(t, tok->name)) == NULL) {
            if (!(each_field && each_field->kind == CK_FIELD_CHECKLIST && is_checklist_key(tok->name))) {
                const char *near = closest_field(t, tok->name);
                if (near)
                    return ck_template_token_fail(t, err, tok->line, tok->column,
                                      ck_tr("範本使用了未宣告的欄位「%s」（是否要用「%s」？）",
                                            "the template uses the undeclared field '%s' (did you mean '%s'?)"),
                                      tok->name, near);
                return ck_template_token_fail(t, err, tok->line, tok->column,
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
                return ck_template_token_fail(t, err, tok->line, tok->column,
                                  ck_tr("篩選器 %s 只能用在 kind: %s 的欄位，「%s」不是",
                                        "filter %s needs a field of kind: %s, and '%s' is not one"),
                                  fname, ck_field_kind_name(need), tok->name);
        }
        if (tok->kind == TOK_EACH) {
            if (field && field->kind != CK_FIELD_NAMES && field->kind != CK_FIELD_CHECKLIST)
                return ck_template_token_fail(t, err, tok->line, tok->column,
                                  ck_tr("{{#each %s}} 需要 kind: names 或 checklist 的欄位",
                                        "{{#each %s}} needs a field of kind: names or checklist"),
                                  tok->name);
            if (!field)
                return ck_template_token_fail(t, err, tok->line, tok->column,
                                  ck_tr("{{#each %s}} 需要宣告的欄位", "{{#each %s}} needs a declared field"),
                                  tok->name);
        }
        if (tok->kind == TOK_EACH || tok->kind == TOK_IF) {
            if (depth == MAX_SECTION_DEPTH)
                return ck_template_token_fail(t, err, tok->line, tok->column,
                                  ck_tr("區段巢狀超過 %d 層", "sections nest deeper than %d levels"),
                                  MAX_SECTION_DEPTH);
            stack[depth++] = (int)i;
        }
    }
    if (depth > 0) {
        token *open = &t->tokens[stack[depth - 1]];
        return ck_template_token_fail(t, err, open->line, open->column,
                          ck_tr("%s 沒有結束標記 {{/%s}}", "%s is never closed by {{/%s}}"), ck_template_token_label(open),
                          open->kind == TOK_EACH ? "each" : "if");
    }
    return 0;
}

