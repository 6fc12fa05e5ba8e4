/* The application layer: the one route table, the hub-wide page parts and
 * the glue between the HTTP server and the areas (events, ...). */
#ifndef DXHUB_APP_APP_H
#define DXHUB_APP_APP_H

#include <stddef.h>

#include "http/server.h"

/* The route table: every URL, method, handler and permission of the hub. */
extern const struct route app_routes[];
extern const size_t app_nroutes;

/* What the server needs from the application (routes, permissions, error pages). */
struct server_app app_server_hooks(void);
/* Registers the layout globals (navigation) with the view layer. */
void app_init(void);

/* Sets the hub's public address ("https://hub.example.org", no trailing
 * slash), used in links sent by email. Default http://localhost:8080. */
void app_set_base_url(const char *url);
const char *app_base_url(void);
/* Registers every area's interface strings; call before i18n_init. */
void app_register_strings(void);

/* GET /about */
void page_about(struct request *req);
/* GET /healthz : 200 "ok" when the database answers, else 503. */
void page_healthz(struct request *req);
/* GET /metrics : Prometheus text format. */
void page_metrics(struct request *req);

#endif
