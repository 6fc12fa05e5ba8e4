/* The route table: every URL of the hub, its method, handler and the
 * permission a caller needs, in one place (tested as a matrix). Order
 * matters where patterns overlap: the first match wins. */
#include "app/app.h"
#include "events/event_pages.h"
#include "http/static.h"

const struct route app_routes[] = {
    {HTTP_GET, "/", page_home, PERM_PUBLIC, true},
    {HTTP_GET, "/events", page_events, PERM_PUBLIC, true},
    {HTTP_GET, "/events/{slug}", page_event, PERM_PUBLIC, true},
    {HTTP_GET, "/series/{slug}", page_series, PERM_PUBLIC, true},
    {HTTP_GET, "/about", page_about, PERM_PUBLIC, true},
    {HTTP_GET, "/static/{file}", static_serve, PERM_PUBLIC, false},
    {HTTP_GET, "/healthz", page_healthz, PERM_PUBLIC, false},
    {HTTP_GET, "/metrics", page_metrics, PERM_PUBLIC, false},
};

const size_t app_nroutes = sizeof app_routes / sizeof app_routes[0];
