/* odt_internal.h — what the ODT reader's files share; not used outside src/reader/odt*.c.
 *
 * The reader is split by concern: odt.c streams content.xml and styles.xml
 * into blocks, odt_styles.c keeps the paragraph, text and list styles it
 * meets on the way, odt_numerals.c turns counters into the label text
 * LibreOffice shows ("一", "壹拾", "iv", "①").
 */
#ifndef CK_READER_ODT_INTERNAL_H
#define CK_READER_ODT_INTERNAL_H

#include <stddef.h>

#include "util/buf.h"

/* ODF allows ten list and outline levels. */
enum { CK_ODT_LEVELS = 10 };

/* Where a style was declared: styles in office:styles are visible from both
 * parts; automatic styles only from the part that declares them. */
typedef enum ck_odt_scope {
    CK_ODT_SCOPE_COMMON = 0,
    CK_ODT_SCOPE_STYLES_AUTO = 1,
    CK_ODT_SCOPE_CONTENT_AUTO = 2
} ck_odt_scope;

typedef enum ck_odt_family { CK_ODT_FAMILY_OTHER = 0, CK_ODT_FAMILY_PARAGRAPH, CK_ODT_FAMILY_TEXT } ck_odt_family;

typedef enum ck_odt_level_kind {
    CK_ODT_LEVEL_UNSET = 0, /* the list style does not define this level */
    CK_ODT_LEVEL_NUMBER,
    CK_ODT_LEVEL_BULLET,
    CK_ODT_LEVEL_IMAGE
} ck_odt_level_kind;

/* One text:list-level-style-* (or text:outline-level-style). */
typedef struct ck_odt_level {
    ck_odt_level_kind kind;
    char *format;      /* style:num-format; NULL when absent, "" for no number */
    char *prefix;      /* style:num-prefix */
    char *suffix;      /* style:num-suffix */
    char *bullet;      /* text:bullet-char */
    char *list_format; /* num-list-format ("%1%.%2%."), which supersedes prefix/suffix/display-levels */
    int display_levels;
    long start_value;
    int letter_sync;
} ck_odt_level;

typedef struct ck_odt_list_style {
    char *name;
    ck_odt_scope scope;
    ck_odt_level levels[CK_ODT_LEVELS];
} ck_odt_list_style;

typedef struct ck_odt_style {
    char *name;
    char *display_name; /* style:display-name, or NULL */
    int toc;            /* a table-of-contents style ("Contents 1", "Contents Heading") */
    ck_odt_scope scope;
    ck_odt_family family;
    char *parent;
    char *list_style;  /* style:list-style-name */
    int display;       /* text:display: -1 not said, 0 "none", 1 shown */
    int outline_level; /* style:default-outline-level, 0 when absent */
} ck_odt_style;

/* A hash map from byte strings to indexes; documents declare thousands of
 * automatic styles and lists, and every paragraph looks several up. */
typedef struct ck_odt_map_entry {
    char *key;
    size_t key_len;
    size_t value;
} ck_odt_map_entry;

typedef struct ck_odt_map {
    ck_odt_map_entry *slots;
    size_t count, capacity;
} ck_odt_map;

/* Sets key (copied) to value, replacing an earlier value. */
void ck_odt_map_put(ck_odt_map *map, const char *key, size_t key_len, size_t value);
/* 1 and *value when key is present, else 0. */
int ck_odt_map_get(const ck_odt_map *map, const char *key, size_t key_len, size_t *value);
void ck_odt_map_free(ck_odt_map *map);

typedef struct ck_odt_styles {
    ck_odt_style *styles;
    size_t count, capacity;
    ck_odt_list_style **lists;
    size_t list_count, list_capacity;
    ck_odt_list_style outline; /* text:outline-style */
    int has_outline;
    ck_odt_map style_index; /* family, scope, name -> styles[] */
    ck_odt_map list_index;  /* scope, name -> lists[] */
} ck_odt_styles;

void ck_odt_styles_free(ck_odt_styles *styles);

/* Adds a style and returns it (valid until the next add); strings are
 * copied. A later style of the same family, scope and name replaces the
 * earlier one in lookups, as when LibreOffice loads duplicates. */
ck_odt_style *ck_odt_styles_add(ck_odt_styles *styles, const char *name, const char *display_name,
                                ck_odt_scope scope, ck_odt_family family, const char *parent);
/* Adds a list style (or returns the outline style when outline is set). */
ck_odt_list_style *ck_odt_styles_add_list(ck_odt_styles *styles, const char *name, ck_odt_scope scope,
                                          int outline);

/* Lookups as seen from a part whose automatic styles are in scope: that
 * part's automatic styles first, then the common ones. NULL when unknown. */
const ck_odt_style *ck_odt_style_find(const ck_odt_styles *styles, const char *name, ck_odt_family family,
                                      ck_odt_scope scope);
const ck_odt_list_style *ck_odt_list_style_find(const ck_odt_styles *styles, const char *name,
                                                ck_odt_scope scope);

/* Follows style:parent-style-name: whether the style hides its text
 * (text:display="none"), its list style name, its default outline level,
 * the name users see of the first common (non-automatic) style in the
 * chain (its display name when it has one), and whether it is a
 * table-of-contents style. */
int ck_odt_style_hidden(const ck_odt_styles *styles, const char *name, ck_odt_family family, ck_odt_scope scope);
const char *ck_odt_style_list_style(const ck_odt_styles *styles, const char *name, ck_odt_scope scope);
int ck_odt_style_outline_level(const ck_odt_styles *styles, const char *name, ck_odt_scope scope);
const char *ck_odt_style_common_name(const ck_odt_styles *styles, const char *name, ck_odt_scope scope);
int ck_odt_style_toc(const ck_odt_styles *styles, const char *name, ck_odt_scope scope);

/* Appends value written in an ODF style:num-format ("1", "a", "A", "i",
 * "I", "一, 二, 三, ...", "壹, 貳, 參, ...", "壹, 贰, 叁, ...",
 * "甲, 乙, 丙, ...", "子, 丑, 寅, ...", "①, ②, ③, ...", "１, ２, ３, ...";
 * "" writes nothing; anything else is written in Arabic digits).
 * letter_sync: style:num-letter-sync (a, b, ..., z, aa, bb rather than aa, ab). */
void ck_odt_number_format(ck_buf *out, long value, const char *format, int letter_sync);

/* Appends the label of a numbered paragraph at level (0-based) whose
 * counters[0..level] are the numbers of it and its ancestors. */
void ck_odt_label(ck_buf *out, const ck_odt_list_style *style, int level, const long *counters);

#endif
