/* record.c — YAML and JSON records, read with libyaml into ck_value trees.
 *
 * libyaml reads JSON too (a JSON text is a YAML flow collection). The tree
 * is built from the event stream with an explicit stack, so nesting depth
 * costs no C stack; depth, node count and file size are bounded, and
 * aliases are refused (a record has no use for them, and they are how a
 * small YAML file expands into a huge tree).
 */
#include "data/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/lang.h"

#define MAX_RECORD_BYTES (16u * 1024 * 1024)
#define MAX_DEPTH 64
#define MAX_NODES 200000
#define MAX_KEYS 1000 /* fields in one mapping: keeps the duplicate check cheap */

typedef struct frame {
    ck_value *container; /* LIST or MAP */
    char *key;           /* MAP: the key waiting for its value */
} frame;

static int record_error(ck_error *err, const char *name, long line, long column, const char *message)
{
    ck_error_set(err, CK_EDATA, "%s", message);
    ck_error_set_file(err, name);
    ck_error_set_line(err, line, column);
    return CK_EDATA;
}

static int is_null_scalar(const yaml_event_t *ev)
{
    const char *v = (const char *)ev->data.scalar.value;
    if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    return !*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
           strcmp(v, "NULL") == 0;
}

/* Adds a finished node to the container on top of the stack (or makes it
 * the root). Takes ownership of node. */
static int attach(frame *stack, size_t depth, ck_value **root, ck_value *node, const char *name, ck_error *err)
{
    frame *top;
    if (depth == 0) {
        *root = node;
        return 0;
    }
    top = &stack[depth - 1];
    if (top->container->kind == CK_VALUE_LIST) {
        ck_value_list_append(top->container, node);
        return 0;
    }
    if (!top->key) {
        /* A node in key position: only a scalar can name a field. */
        long line = node->line;
        if (node->kind != CK_VALUE_STRING) {
            ck_value_free(node);
            return record_error(err, name, line, 0,
                                ck_tr("鍵必須是文字，不能是清單或對應表", "a key must be text, not a list or mapping"));
        }
        if (top->container->count >= MAX_KEYS) {
            ck_value_free(node);
            return record_error(err, name, line, 0,
                                ck_tr("一筆資料的欄位太多", "a record has too many fields"));
        }
        if (ck_value_get(top->container, node->string)) {
            char message[600];
            snprintf(message, sizeof message,
                     ck_tr("鍵「%s」重複出現；每個欄位只能寫一次", "key '%s' appears twice; write each field once"),
                     node->string);
            ck_value_free(node);
            return record_error(err, name, line, 0, message);
        }
        top->key = ck_strdup(node->string);
        ck_value_free(node);
        return 0;
    }
    ck_value_map_put(top->container, top->key, node);
    free(top->key);
    top->key = NULL;
    return 0;
}

/* Checks the root: a mapping, or a list of mappings; wraps a single one. */
static int shape(ck_value **root, const char *name, ck_error *err)
{
    ck_value *r = *root, *list;
    if (!r || (r->kind == CK_VALUE_STRING && !r->string[0]))
        return record_error(err, name, 0, 0, ck_tr("資料檔是空的", "the data file is empty"));
    if (r->kind == CK_VALUE_MAP) {
        list = ck_value_new_list(r->line);
        ck_value_list_append(list, r);
        *root = list;
        return 0;
    }
    if (r->kind == CK_VALUE_LIST) {
        for (size_t i = 0; i < r->count; i++)
            if (r->items[i]->kind != CK_VALUE_MAP)
                return record_error(err, name, r->items[i]->line, 0,
                                    ck_tr("清單中的每一項都必須是一筆資料（欄位: 值）",
                                          "each item of the list must be a record (field: value)"));
        return 0;
    }
    return record_error(err, name, r->line, 0,
                        ck_tr("資料檔必須是一筆資料（欄位: 值）或多筆資料的清單",
                              "the data file must hold a record (field: value) or a list of records"));
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* JSON writes a character outside the BMP (an emoji, or a CJK Extension B
 * ideograph in a person's name) as a surrogate pair "\ud840\udc00", which
 * libyaml refuses. In a JSON text (it starts with { or [ and its strings
 * are all double-quoted) each pair inside a string is replaced by the
 * character's UTF-8 bytes. Returns a new buffer, or NULL when nothing
 * needed replacing. */
static char *join_surrogate_pairs(const char *data, size_t len, size_t *out_len)
{
    size_t i = 0, o = 0;
    int in_string = 0, changed = 0;
    char *out;

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i == len || (data[i] != '{' && data[i] != '['))
        return NULL;
    out = ck_malloc(len + 1);
    for (i = 0; i < len;) {
        unsigned hi, lo;
        if (!in_string) {
            in_string = data[i] == '"';
            out[o++] = data[i++];
            continue;
        }
        if (data[i] == '"') {
            in_string = 0;
            out[o++] = data[i++];
        } else if (data[i] == '\\' && i + 12 <= len && data[i + 1] == 'u' && hex4(data + i + 2, &hi) == 0 &&
                   hi >= 0xD800 && hi <= 0xDBFF && data[i + 6] == '\\' && data[i + 7] == 'u' &&
                   hex4(data + i + 8, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
            unsigned cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            out[o++] = (char)(0xF0 | (cp >> 18));
            out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
            i += 12;
            changed = 1;
        } else if (data[i] == '\\' && i + 1 < len) {
            out[o++] = data[i++];
            out[o++] = data[i++];
        } else {
            out[o++] = data[i++];
        }
    }
    if (!changed) {
        free(out);
        return NULL;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

int ck_record_read_memory(const char *data, size_t len, const char *name, const ck_data_options *opts,
                          ck_value **out, ck_error *err)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    frame stack[MAX_DEPTH];
    size_t depth = 0, nodes = 0;
    ck_value *root = NULL;
    int rc = 0, done = 0, documents = 0;

    size_t joined_len = 0;
    char *joined = join_surrogate_pairs(data, len, &joined_len);

    (void)opts;
    *out = NULL;
    if (!yaml_parser_initialize(&parser)) {
        free(joined);
        return ck_error_set(err, CK_ENOMEM, "out of memory");
    }
    if (joined)
        yaml_parser_set_input_string(&parser, (const unsigned char *)joined, joined_len);
    else
        yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    while (!done && !rc) {
        long line, column;
        if (!yaml_parser_parse(&parser, &ev)) {
            char message[600];
            snprintf(message, sizeof message, ck_tr("YAML/JSON 語法錯誤：%s", "YAML/JSON syntax error: %s"),
                     parser.problem ? parser.problem : "?");
            rc = record_error(err, name, (long)parser.problem_mark.line + 1, (long)parser.problem_mark.column + 1,
                              message);
            break;
        }
        line = (long)ev.start_mark.line + 1;
        column = (long)ev.start_mark.column + 1;
        if (++nodes > MAX_NODES) {
            rc = record_error(err, name, line, column,
                              ck_tr("資料檔太大；請分成較小的檔案", "the data file is too large; split it"));
            yaml_event_delete(&ev);
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1)
                rc = record_error(err, name, line, column,
                                  ck_tr("檔案中有多份 YAML 文件（---）；請改成一份文件中的清單",
                                        "the file holds several YAML documents (---); make them one list instead"));
            break;
        case YAML_ALIAS_EVENT:
            rc = record_error(err, name, line, column,
                              ck_tr("不支援 YAML 別名（*名稱）；請直接寫出值",
                                    "YAML aliases (*name) are not supported; write the value out"));
            break;
        case YAML_SCALAR_EVENT: {
            ck_value *v = ck_value_new_string(is_null_scalar(&ev) ? "" : (const char *)ev.data.scalar.value, line);
            ck_data_trim(v->string);
            rc = attach(stack, depth, &root, v, name, err);
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (depth == MAX_DEPTH) {
                rc = record_error(err, name, line, column,
                                  ck_tr("資料的巢狀層次太深", "the data is nested too deeply"));
                break;
            }
            if (depth > 0 && stack[depth - 1].container->kind == CK_VALUE_MAP && !stack[depth - 1].key) {
                rc = record_error(err, name, line, column,
                                  ck_tr("鍵必須是文字，不能是清單或對應表", "a key must be text, not a list or mapping"));
                break;
            }
            stack[depth].container =
                ev.type == YAML_MAPPING_START_EVENT ? ck_value_new_map(line) : ck_value_new_list(line);
            stack[depth].key = NULL;
            depth++;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            ck_value *finished = stack[depth - 1].container;
            free(stack[depth - 1].key);
            depth--;
            rc = attach(stack, depth, &root, finished, name, err);
            break;
        }
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    free(joined);
    /* On error, unwind: each open container still owns what it holds. */
    while (depth > 0) {
        depth--;
        free(stack[depth].key);
        ck_value_free(stack[depth].container);
    }
    if (!rc)
        rc = shape(&root, name, err);
    if (rc) {
        ck_value_free(root);
        return rc;
    }
    *out = root;
    return 0;
}

int ck_record_read(const char *path, const ck_data_options *opts, ck_value **out, ck_error *err)
{
    ck_buf data = CK_BUF_INIT;
    int rc;

    *out = NULL;
    rc = ck_fs_read_all(path, MAX_RECORD_BYTES, ck_tr("檔案", "the file"), &data, err);
    if (!rc)
        rc = ck_record_read_memory(data.data ? data.data : "", data.len, path, opts, out, err);
    ck_buf_free(&data);
    return rc;
}
