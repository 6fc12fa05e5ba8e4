/* Queuing an email: rendering its subject, plain-text and HTML parts in the
 * recipient's language, and inserting them into the outbox table. */
#include "mail/outbox.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/log.h"
#include "http/form.h"
#include "mail/mime.h"
#include "view/templates.h"

#define NAME_MAX_LEN 40

/* True for the names of email templates: lower-case letters and '_'. */
static bool mail_name_ok(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > NAME_MAX_LEN)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!islower((unsigned char)name[i]) && name[i] != '_')
            return false;
    return true;
}

/* The context the templates see: a shallow copy of data plus the strings
 * and names every email uses (see outbox.h). */
static json_t *mail_context(enum lang lang, json_t *data)
{
    json_t *ctx = json_is_object(data) ? json_copy(data) : json_object();
    json_t *t = i18n_ui_strings(lang);
    json_object_set_new(ctx, "t", t ? json_incref(t) : json_object());
    json_t *site = t ? json_object_get(t, "site_name") : NULL;
    json_object_set_new(ctx, "site_name", site ? json_incref(site) : json_string("Diaspora Exchange Hub"));
    json_object_set_new(ctx, "base_url", json_string(app_base_url()));
    json_object_set_new(ctx, "lang", json_string(i18n_code(lang)));
    return ctx;
}

/* Trims blanks and line breaks around the subject in place; false when
 * nothing is left or a line break or other control character remains. */
static bool subject_clean(struct buf *b)
{
    if (!b->data)
        return false;
    size_t start = 0, end = b->len;
    while (start < end && isspace((unsigned char)b->data[start]))
        start++;
    while (end > start && isspace((unsigned char)b->data[end - 1]))
        end--;
    memmove(b->data, b->data + start, end - start);
    b->len = end - start;
    b->data[b->len] = '\0';
    return b->len > 0 && mime_header_text_ok(b->data);
}

/* Renders the subject (the .txt template with "subject_only" set), then the
 * two parts. Returns 0, or -1 after logging which template failed. */
static int render_parts(const char *name, json_t *ctx, struct buf *subject, struct buf *text, struct buf *html)
{
    char txt_name[NAME_MAX_LEN + 16], html_name[NAME_MAX_LEN + 16];
    snprintf(txt_name, sizeof txt_name, "mail/%s.txt", name);
    snprintf(html_name, sizeof html_name, "mail/%s.html", name);
    json_object_set_new(ctx, "subject_only", json_true());
    int rc = templates_render(txt_name, ctx, subject);
    json_object_del(ctx, "subject_only");
    if (rc == 0 && !subject_clean(subject)) {
        log_event(LOG_ERROR, NULL, "mail: empty subject, or a line break in it", "template", name, NULL);
        return -1;
    }
    json_object_set_new(ctx, "subject", json_string(subject->data));
    if (rc || templates_render(txt_name, ctx, text) || templates_render(html_name, ctx, html)) {
        log_event(LOG_ERROR, NULL, "mail: template failed", "template", name, NULL);
        return -1;
    }
    return 0;
}

int mail_render(const char *to, enum lang lang, const char *name, json_t *data, const char *ics,
                struct mail_message *out)
{
    *out = (struct mail_message){.lang = lang, .subject = BUF_INIT, .text = BUF_INIT, .html = BUF_INIT};
    if (!name || !mail_name_ok(name) || (int)lang < 0 || lang >= LANG_COUNT || !mime_address_ok(to) ||
        (ics && !utf8_valid(ics, strlen(ics)))) {
        log_event(LOG_ERROR, NULL, "mail: refused to queue a message (bad address or template name)", "template",
                  name && mail_name_ok(name) ? name : "?", NULL);
        return -1;
    }
    json_t *ctx = mail_context(lang, data);
    int rc = render_parts(name, ctx, &out->subject, &out->text, &out->html);
    json_decref(ctx);
    if (rc) {
        mail_message_free(out);
        return -1;
    }
    out->to = xstrdup(to);
    out->name = xstrdup(name);
    out->ics = xstrdup(ics ? ics : "");
    return 0;
}

int mail_queue(struct db *db, const struct mail_message *m)
{
    char key[MIME_KEY_LEN];
    mime_random_key(key);
    int64_t now = (int64_t)time(NULL);
    if (!db || db_run(db,
                      "INSERT INTO outbox (recipient, lang, template, subject, body_text, body_html, message_key, "
                      "created_at, next_attempt_at, attachment_ics) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      "tttttttiit", m->to, i18n_code(m->lang), m->name, buf_str(&m->subject), buf_str(&m->text),
                      buf_str(&m->html), key, now, now, m->ics))
        return -1;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)db_last_id(db));
    log_event(LOG_INFO, NULL, "mail queued", "outbox_id", id, "template", m->name, NULL);
    mail_kick();
    return 0;
}

void mail_message_free(struct mail_message *m)
{
    free(m->to), free(m->name), free(m->ics);
    buf_free(&m->subject), buf_free(&m->text), buf_free(&m->html);
    m->to = m->name = m->ics = NULL;
}

int mail_enqueue(struct db *db, const char *to, enum lang lang, const char *name, json_t *data)
{
    return mail_enqueue_calendar(db, to, lang, name, data, NULL);
}

int mail_enqueue_calendar(struct db *db, const char *to, enum lang lang, const char *name, json_t *data,
                          const char *ics)
{
    struct mail_message m;
    if (!db || mail_render(to, lang, name, data, ics, &m))
        return -1;
    int rc = mail_queue(db, &m);
    mail_message_free(&m);
    return rc;
}
