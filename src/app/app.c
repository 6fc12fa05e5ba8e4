/* Glue between the HTTP server, the view layer and the areas. */
#include "app/app.h"

#include <string.h>

#include "view/page.h"

static const struct {
    const char *url, *label;
} nav_items[] = {{"/", N_("Home")}, {"/events", N_("Events")}, {"/about", N_("About")}};

/* Until accounts exist every caller is a visitor. */
static enum perm caller_perm(struct request *req)
{
    (void)req;
    return PERM_PUBLIC;
}

static bool nav_current(const char *item, const char *path)
{
    if (strcmp(item, "/") == 0)
        return strcmp(path, "/") == 0;
    size_t n = strlen(item);
    return strncmp(path, item, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static void layout_globals(struct request *req, json_t *ctx)
{
    json_t *nav = json_array();
    for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++)
        json_array_append_new(nav, json_pack("{s:s, s:s, s:b}", "url", nav_items[i].url, "label",
                                             _(nav_items[i].label), "current",
                                             nav_current(nav_items[i].url, req->path)));
    json_object_set_new(ctx, "nav", nav);
}

void app_init(void) { page_set_globals(layout_globals); }

struct server_app app_server_hooks(void)
{
    return (struct server_app){
        .routes = app_routes, .nroutes = app_nroutes, .caller_perm = caller_perm, .error_page = page_error};
}
