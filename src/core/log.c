/* Structured logging: one JSON object per line on stderr, built with jansson. */
#include "core/log.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/json_arena.h"

static enum log_level min_level = LOG_INFO;
static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_set_level(enum log_level level) { min_level = level; }

static void stamp(json_t *o, enum log_level level, const char *request_id)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char when[64];
    snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
    json_object_set_new(o, "time", json_string(when));
    json_object_set_new(o, "level", json_string(level_names[level]));
    if (request_id)
        json_object_set_new(o, "rid", json_string(request_id));
}

static void emit(json_t *o)
{
    /* One write per line so that lines from several threads never interleave. */
    char *line = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (line) {
        fprintf(stderr, "%s\n", line);
        json_arena_free_text(line);
    }
    json_decref(o);
}

void log_event(enum log_level level, const char *request_id, const char *msg, ...)
{
    if (level < min_level)
        return;
    json_t *o = json_object();
    stamp(o, level, request_id);
    json_object_set_new(o, "msg", json_string(msg ? msg : ""));
    va_list ap;
    va_start(ap, msg);
    const char *key;
    while ((key = va_arg(ap, const char *)) != NULL) {
        const char *value = va_arg(ap, const char *);
        json_object_set_new(o, key, value ? json_string(value) : json_null());
    }
    va_end(ap);
    emit(o);
}

void log_request(const char *request_id, const char *method, const char *path, unsigned status,
                 int64_t duration_us, uint64_t sql_statements)
{
    if (LOG_INFO < min_level)
        return;
    json_t *o = json_object();
    stamp(o, LOG_INFO, request_id);
    json_object_set_new(o, "method", json_string(method));
    /* Paths are percent-decoded and may hold invalid UTF-8; json_string rejects it. */
    json_t *p = json_string(path);
    json_object_set_new(o, "path", p ? p : json_string("(not UTF-8)"));
    json_object_set_new(o, "status", json_integer(status));
    json_object_set_new(o, "duration_us", json_integer(duration_us));
    json_object_set_new(o, "sql", json_integer((json_int_t)sql_statements));
    emit(o);
}
