/* assets.c — the page's files, compiled in by src/serve/embed.sh (the
 * Makefile writes build/gen/serve_assets.c from src/serve/page.*). */
#include "serve/serve.h"

#include <string.h>

extern const ck_serve_asset ck_serve_assets[];

const ck_serve_asset *ck_serve_asset_find(const char *path)
{
    for (const ck_serve_asset *a = ck_serve_assets; a->path; a++)
        if (strcmp(a->path, path) == 0)
            return a;
    return NULL;
}
