/* Structured logging: one JSON object per line on stderr.
 *
 * No personal data beyond the request path is ever logged: callers pass
 * identifiers and codes, never names, emails or form contents. */
#ifndef DXHUB_CORE_LOG_H
#define DXHUB_CORE_LOG_H

#include <stdint.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Minimum level written; default LOG_INFO. */
void log_set_level(enum log_level level);
/* Writes {"time":..., "level":..., "msg": msg, "rid": request_id?} plus the
 * extra key/value pairs given as a NULL-terminated list of const char *
 * alternating key, value (values written as JSON strings). request_id may be NULL. */
void log_event(enum log_level level, const char *request_id, const char *msg, ...);
/* Access log line for one finished request; sql_statements is how many SQL
 * statements it ran (written as "sql"). */
void log_request(const char *request_id, const char *method, const char *path, unsigned status,
                 int64_t duration_us, uint64_t sql_statements);

#endif
