/* Turning a handler's view object into the response: HTML through a
 * template inside the layout, or the very same object as JSON. */
#ifndef DXHUB_VIEW_PAGE_H
#define DXHUB_VIEW_PAGE_H

#include <jansson.h>

#include "http/request.h"

/* Called for every HTML page to add the hub-wide parts of the layout
 * (navigation, signed-in user) to the template context `ctx`. */
typedef void (*page_globals_fn)(struct request *req, json_t *ctx);

/* Registers the globals hook (once, at start-up). */
void page_set_globals(page_globals_fn fn);

/* Answers req with data: as JSON when req->want_json, else rendered with
 * template `name` (which extends the layout). Takes ownership of data
 * (released with the request). A template failure becomes a 500 page. */
void page_render(struct request *req, unsigned status, const char *name, json_t *data);

/* Answers req with the error page for status, in the request's language:
 * HTML, or {"error": {"status", "title", "message"}} as JSON. */
void page_error(struct request *req, unsigned status);

#endif
