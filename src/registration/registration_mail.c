/* The emails about a registration: their data in the person's language and
 * zone, the one-click cancel link, and the event's calendar attached. */
#include "registration/registration_mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "core/json_arena.h"
#include "events/calendar.h"
#include "events/event_clocks.h"
#include "i18n/tz.h"
#include "mail/outbox.h"
#include "registration/reg_mail_worker.h"
#include "registration/registration.h"

int reg_link_store(struct db *db, int64_t reg_id, const char *token)
{
    char hash[SECRET_HASH_LEN];
    secret_hash(token, hash);
    return db_run(db, "INSERT INTO registration_cancel_tokens (token_hash, registration_id, created_at) "
                      "VALUES (?, ?, ?)",
                  "tii", hash, reg_id, (int64_t)time(NULL));
}

void reg_when(int64_t at, const char *precision, const char *event_tz, const char *viewer_tz, enum lang lang,
              char *event_out, char *yours_out)
{
    yours_out[0] = '\0';
    if (strcmp(precision, "minute") == 0) {
        event_clocks_format(at, event_tz, viewer_tz, lang, event_out, yours_out);
    } else if (strcmp(precision, "day") == 0) {
        timefmt_format(event_out, EVENT_CLOCK_MAX, at, event_tz, lang, TIMEFMT_DATE);
    } else {
        struct civil c;
        tz_utc_to_local(event_tz, at, &c);
        snprintf(event_out, EVENT_CLOCK_MAX, "%d", c.year);
    }
}

/* What the email needs to know of a registration, its person and event. */
struct mail_facts {
    enum lang lang;
    bool reachable; /* the account is neither deleted nor disabled */
    char name[256], email[256], tz[64], slug[128], event_tz[64], precision[8], title[512];
    int64_t starts_at; /* 0: not known */
};

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

static int load_facts(struct db *db, int64_t reg_id, struct mail_facts *f)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT r.lang, u.deleted_at IS NULL AND u.disabled_at IS NULL, u.name, u.email, u.tz, "
                       "e.slug, e.tz, e.time_precision, e.starts_at, COALESCE(t.title, d.title) "
                       "FROM registrations r JOIN users u ON u.id = r.user_id JOIN events e ON e.id = r.event_id "
                       "JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "
                       "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = r.lang WHERE r.id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, reg_id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        f->lang = LANG_EN;
        i18n_parse(db_col_text(st, 0), &f->lang);
        f->reachable = db_col_int(st, 1) != 0;
        copy(f->name, sizeof f->name, db_col_text(st, 2));
        copy(f->email, sizeof f->email, db_col_text(st, 3));
        copy(f->tz, sizeof f->tz, db_col_text(st, 4));
        copy(f->slug, sizeof f->slug, db_col_text(st, 5));
        copy(f->event_tz, sizeof f->event_tz, db_col_text(st, 6));
        copy(f->precision, sizeof f->precision, db_col_text(st, 7));
        f->starts_at = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
        copy(f->title, sizeof f->title, db_col_text(st, 9));
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : -1;
}

/* The data every registration email sees (see the header). */
static json_t *mail_data(const struct mail_facts *f, int64_t position, const char *token)
{
    const char *base = app_base_url();
    char when_event[EVENT_CLOCK_MAX] = "", when_yours[EVENT_CLOCK_MAX] = "";
    if (f->starts_at)
        reg_when(f->starts_at, f->precision, f->event_tz, f->tz[0] ? f->tz : NULL, f->lang, when_event, when_yours);
    char event_url[512], registration_url[512], cancel_url[512], join_url[512];
    snprintf(event_url, sizeof event_url, "%s/events/%s", base, f->slug);
    snprintf(join_url, sizeof join_url, "%s/events/%s/join", base, f->slug);
    snprintf(registration_url, sizeof registration_url, "%s/events/%s/registration", base, f->slug);
    snprintf(cancel_url, sizeof cancel_url, "%s/registrations/cancel?token=%s", base, token);
    json_t *data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", f->name, "event_title", f->title,
                             "event_url", event_url, "when_event", when_event, "when_yours", when_yours,
                             "registration_url", registration_url, "cancel_url", cancel_url, "join_url", join_url);
    json_object_set_new(data, "position", position ? json_integer(position) : json_null());
    return data;
}

int reg_mail(struct db *db, int64_t reg_id, const char *mail, json_t *extra, bool with_calendar)
{
    char *text = extra ? json_dumps(extra, JSON_COMPACT) : NULL;
    int rc = db_run(db,
                    "INSERT INTO reg_mail_jobs (registration_id, mail, extra, calendar, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    "ittii", reg_id, mail, text, (int64_t)with_calendar, (int64_t)time(NULL));
    json_arena_free_text(text);
    if (rc == 0)
        reg_mail_kick();
    return rc;
}

/* The event's calendar in lang: from cals when it holds it, else made (and
 * kept there when there is room). *owned is set when the caller frees it. */
static int calendar_for(struct reg_mail_calendars *cals, const char *slug, enum lang lang, char **ics, bool *owned)
{
    for (int i = 0; cals && i < cals->n; i++)
        if (cals->item[i].lang == lang && strcmp(cals->item[i].slug, slug) == 0) {
            *ics = cals->item[i].ics, *owned = false;
            return 0;
        }
    if (calendar_event(slug, lang, ics) == CALENDAR_ERROR)
        return -1;
    *owned = !cals || cals->n == REG_MAIL_CALENDARS || strlen(slug) >= sizeof cals->item[0].slug;
    if (!*owned) {
        snprintf(cals->item[cals->n].slug, sizeof cals->item[0].slug, "%s", slug);
        cals->item[cals->n].lang = lang;
        cals->item[cals->n++].ics = *ics;
    }
    return 0;
}

void reg_mail_calendars_free(struct reg_mail_calendars *cals)
{
    for (int i = 0; i < cals->n; i++)
        free(cals->item[i].ics);
    cals->n = 0;
}

int reg_mail_render(struct db *db, int64_t reg_id, const char *mail, json_t *extra, bool with_calendar,
                    struct reg_mail_calendars *cals, struct reg_mail_rendered *out)
{
    struct mail_facts f;
    struct reg_row r;
    *out = (struct reg_mail_rendered){.reg_id = reg_id};
    if (load_facts(db, reg_id, &f) || reg_find_id(db, reg_id, &r) != 1)
        return -1;
    if (!f.reachable)
        return 0;
    secret_new(out->token);
    char *ics = NULL;
    bool owned = false;
    if (with_calendar && calendar_for(cals, f.slug, f.lang, &ics, &owned))
        return -1;
    i18n_use(f.lang);
    json_t *data = mail_data(&f, r.position, out->token);
    if (extra)
        json_object_update(data, extra);
    int rc = mail_render(f.email, f.lang, mail, data, ics, &out->msg);
    i18n_use(LANG_EN);
    json_decref(data);
    if (owned)
        free(ics);
    out->send = rc == 0;
    return rc;
}

int reg_mail_store(struct db *db, const struct reg_mail_rendered *m)
{
    if (!m->send)
        return 0;
    return reg_link_store(db, m->reg_id, m->token) || mail_queue(db, &m->msg) ? -1 : 0;
}
