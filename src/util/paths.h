/* paths.h — where clausekit finds its rule packs and templates.
 *
 * In order: $CLAUSEKIT_DATA; the share/clausekit folder beside an installed
 * binary (PREFIX/bin/../share/clausekit); the checkout a binary was built in
 * (an ancestor folder holding src/main.c, rules/ and templates/); the
 * compile-time data folder.
 */
#ifndef CK_PATHS_H
#define CK_PATHS_H

/* The data folder (owned by the module; computed once). */
const char *ck_data_dir(void);

/* Returns a malloc'd "<data dir>/<sub>" path the caller frees. */
char *ck_data_path(const char *sub);

#endif
