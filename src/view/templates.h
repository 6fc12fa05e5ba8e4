/* The template registry: every Mustache template of the binary (or, in development, of a folder on
 * disk) by name, and rendering by name with partials and parents resolved from the same set.
 *
 * A template's name is its path under templates/ without the extension: templates/home.mustache
 * is "home", templates/partials/nav.mustache is "partials/nav". */
#ifndef DXHUB_VIEW_TEMPLATES_H
#define DXHUB_VIEW_TEMPLATES_H

#include <jansson.h>
#include <stdbool.h>

#include "core/buf.h"

/* Loads and compiles every embedded file named "templates/<name>.mustache"; afterwards the
 * registry is read-only, so rendering takes no lock. When dev_dir is non-NULL, templates are
 * instead read from dev_dir/<name>.mustache and compiled on every render (an edit shows on the
 * next reload); init then compiles every *.mustache under dev_dir once to report errors early.
 * Returns 0, or -1 when a template does not compile (each failure is logged naming the file and
 * the line) or dev_dir cannot be read; the registry is then empty. A partial or parent name that
 * matches no template is logged as a warning and renders as nothing. Call once, from one thread,
 * before any render; call templates_shutdown() before calling it again. */
int templates_init(const char *dev_dir);

/* Releases every template. Renders must have finished. Safe when init failed or never ran. */
void templates_shutdown(void);

/* Renders template `name` with data (borrowed; NULL is an empty context), appending to out.
 * Returns 0, or -1 when name is unknown, a template does not compile (dev mode) or partials nest
 * too deeply; the cause is logged and out is left as it was. Thread-safe. */
int templates_render(const char *name, json_t *data, struct buf *out);

/* True when a template called name exists (in dev mode: its file is readable). Thread-safe. */
bool templates_exists(const char *name);

#endif
