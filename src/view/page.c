/* Rendering a handler's view object as an HTML page or as JSON. */
#include "view/page.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json_arena.h"
#include "core/log.h"
#include "http/static.h"
#include "view/templates.h"

static page_globals_fn globals_hook;

void page_set_globals(page_globals_fn fn) { globals_hook = fn; }

static void release_json(void *p) { json_decref(p); }

static void respond_json(struct request *req, unsigned status, json_t *data)
{
    char *text = json_dumps(data, JSON_COMPACT | JSON_REAL_PRECISION(15));
    if (!text) {
        log_event(LOG_ERROR, req->id, "JSON encoding failed", NULL);
        request_respond(req, 500, "application/json; charset=utf-8",
                        "{\"error\":{\"status\":500}}", 24);
        return;
    }
    /* jansson's text: in the arena while the request is being answered, else freed with it. */
    arena_defer(req->arena, json_arena_free_text, text);
    request_respond(req, status, "application/json; charset=utf-8", text, strlen(text));
}

/* The language switcher: the same page in each language. */
static json_t *language_links(struct request *req)
{
    json_t *list = json_array();
    for (int l = 0; l < LANG_COUNT; l++) {
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b}", "code", i18n_code((enum lang)l), "name",
                                              i18n_native_name((enum lang)l), "url",
                                              arena_printf(req->arena, "%s?lang=%s", req->raw_path,
                                                           i18n_code((enum lang)l)),
                                              "current", l == (int)req->lang));
    }
    return list;
}

static json_t *layout_context(struct request *req, json_t *data)
{
    json_t *ctx = json_copy(data);
    json_t *t = i18n_ui_strings(req->lang);
    json_object_set(ctx, "t", t);
    json_object_set_new(ctx, "lang", json_string(i18n_code(req->lang)));
    json_object_set_new(ctx, "dir", json_string("ltr"));
    json_object_set_new(ctx, "langs", language_links(req));
    json_object_set_new(ctx, "css", json_string(static_url("app.css")));
    json_object_set_new(ctx, "favicon", json_string(static_url("favicon.svg")));
    const char *js = static_url("app.js");
    if (js)
        json_object_set_new(ctx, "js", json_string(js));
    json_object_set_new(ctx, "request_id", json_string(req->id));
    if (globals_hook)
        globals_hook(req, ctx);
    return ctx;
}

void page_render(struct request *req, unsigned status, const char *name, json_t *data)
{
    arena_defer(req->arena, release_json, data);
    request_add_header(req, "Vary", HTTP_VARY_PAGE);
    if (req->want_json) {
        respond_json(req, status, data);
        return;
    }
    json_t *ctx = layout_context(req, data);
    struct buf out = BUF_INIT;
    int rc = templates_render(name, ctx, &out);
    json_decref(ctx);
    if (rc) {
        buf_free(&out);
        log_event(LOG_ERROR, req->id, "template failed", "template", name, NULL);
        if (status != 500)
            page_error(req, 500);
        else
            request_respond(req, 500, "text/plain; charset=utf-8", "Internal error\n", 15);
        return;
    }
    size_t len;
    char *html = buf_detach(&out, &len);
    request_respond_owned(req, status, "text/html; charset=utf-8", html, len);
}

struct error_text {
    unsigned status;
    const char *title, *message;
};

static const struct error_text error_texts[] = {
    {400, N_("Bad request"), N_("The request could not be understood. Please check what you sent and try again.")},
    {401, N_("Please sign in"), N_("You need to sign in to use this page.")},
    {403, N_("Forbidden"), N_("You do not have permission to use this page.")},
    {404, N_("Page not found"), N_("There is nothing at this address. It may have moved, or the link may be mistyped.")},
    {405, N_("Method not allowed"), N_("This page cannot be used that way.")},
    {413, N_("Request too large"), N_("What you sent is larger than this hub accepts.")},
    {431, N_("Request headers too large"), N_("Your browser sent more header data than this hub accepts. Clearing this site's cookies usually helps.")},
    {500, N_("Something went wrong"), N_("An unexpected error happened on our side. It has been logged; please try again later.")},
    {503, N_("Service unavailable"), N_("The hub is busy or under maintenance. Please try again in a moment.")},
};

void page_error(struct request *req, unsigned status)
{
    const struct error_text *e = &error_texts[0];
    for (size_t i = 0; i < sizeof error_texts / sizeof error_texts[0]; i++)
        if (error_texts[i].status == status)
            e = &error_texts[i];
    json_t *data = json_pack("{s:s, s:{s:i, s:s, s:s, s:s}}", "title", _(e->title), "error", "status", (int)status,
                             "title", _(e->title), "message", _(e->message), "request_id", req->id);
    page_render(req, status, "error", data);
}
