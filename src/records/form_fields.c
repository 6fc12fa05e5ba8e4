/* Registration questions that stand for a profile field, and each
 * registrant's values for those fields (form first, profile otherwise). */
#include "records/form_fields.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "profiles/code_lists.h"
#include "profiles/profiles.h"

#define CURRENT_STATUS(s)                                                                                              \
    (strcmp(s, "confirmed") == 0 || strcmp(s, "pending") == 0 || strcmp(s, "waitlisted") == 0)

/* The stakeholder group whose name (English or translated) is text, or NULL. */
static const char *group_named(const char *text)
{
    for (size_t i = 0; i < nstakeholder_groups; i++)
        if (strcasecmp(text, stakeholder_groups[i].label) == 0 || strcasecmp(text, _(stakeholder_groups[i].label)) == 0)
            return stakeholder_groups[i].value;
    return NULL;
}

enum form_field form_field_of(struct request *req, struct db *db, json_t *q)
{
    (void)req;
    const char *kind = json_string_value(json_object_get(q, "kind"));
    json_int_t id = json_integer_value(json_object_get(q, "id"));
    if (kind && strcmp(kind, "country") == 0) {
        /* lower() folds ASCII only, which these words are. */
        int found = db_one_int(db,
                               "SELECT 1 FROM registration_question_texts WHERE question_id = ? AND ("
                               "lower(label) LIKE '%origin%' OR lower(label) LIKE '%origen%' OR "
                               "lower(label) LIKE '%nationalit%' OR lower(label) LIKE '%nacionalidad%' OR "
                               "lower(label) LIKE '%birth%' OR lower(label) LIKE '%naissance%' OR "
                               "lower(label) LIKE '%nacimiento%') LIMIT 1",
                               NULL, "i", (int64_t)id);
        return found == 0 ? FORM_FIELD_RESIDENCE : FORM_FIELD_NONE;
    }
    json_t *choices = json_object_get(q, "choices");
    if (!kind || strcmp(kind, "single_choice") != 0 || json_array_size(choices) == 0)
        return FORM_FIELD_NONE;
    size_t i;
    json_t *c;
    json_array_foreach (choices, i, c)
        if (!group_named(json_string_value(c)))
            return FORM_FIELD_NONE;
    return FORM_FIELD_GROUP;
}

/* The entry of registration id in all, made on first use. */
static json_t *entry_of(json_t *all, int64_t id)
{
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    json_t *e = json_object_get(all, key);
    if (!e) {
        e = json_pack("{s:[], s:s, s:b}", "residence", "group", "", "current", 0);
        json_object_set_new(all, key, e);
    }
    return e;
}

/* Adds code to the ascending list of countries, once. */
static void country_add(json_t *list, const char *code)
{
    size_t i;
    json_t *c;
    json_array_foreach (list, i, c) {
        int cmp = strcmp(json_string_value(c), code);
        if (cmp == 0)
            return;
        if (cmp > 0) {
            json_array_insert_new(list, i, json_string(code));
            return;
        }
    }
    json_array_append_new(list, json_string(code));
}

/* Puts every registration of event_id into all with its status and its
 * profile's group and countries of residence. 0 or -1. */
static int profile_values(struct db *db, int64_t event_id, json_t *all)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT r.id, r.status, COALESCE(p.stakeholder_group, '') FROM registrations r "
            "LEFT JOIN profiles p ON p.user_id = r.user_id WHERE r.event_id = ?1");
    if (!st)
        return -1;
    db_bind_int(st, 1, event_id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *e = entry_of(all, db_col_int(st, 0));
        json_object_set_new(e, "current", json_boolean(CURRENT_STATUS(db_col_text(st, 1))));
        json_object_set_new(e, "group", json_string(db_col_text(st, 2)));
    }
    db_reset(st);
    if (rc != DB_DONE)
        return -1;
    st = db_prepare(db, "SELECT r.id, pc.country FROM registrations r JOIN profile_countries pc "
                        "ON pc.user_id = r.user_id AND pc.kind = 'residence' WHERE r.event_id = ?1");
    if (!st)
        return -1;
    db_bind_int(st, 1, event_id);
    while ((rc = db_step(st)) == DB_ROW)
        country_add(json_object_get(entry_of(all, db_col_int(st, 0)), "residence"), db_col_text(st, 1));
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

/* The line number ("2") value names among q's choices, from 1; 0 if none. */
static size_t choice_line(json_t *q, const char *value)
{
    size_t n = 0;
    if (sscanf(value, "%zu", &n) != 1 || n < 1 || n > json_array_size(json_object_get(q, "choices")))
        return 0;
    return n;
}

json_t *form_fields_load(struct request *req, struct db *db, int64_t event_id, json_t *questions)
{
    json_t *all = json_object();
    /* Each question's field, by id, to look answers up once. */
    json_t *fields = json_object();
    size_t i;
    json_t *q;
    json_array_foreach (questions, i, q) {
        enum form_field f = form_field_of(req, db, q);
        if (f != FORM_FIELD_NONE) {
            char key[24];
            snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(q, "id")));
            json_object_set_new(fields, key, json_pack("{s:i, s:O}", "field", (int)f, "q", q));
        }
    }
    int rc = profile_values(db, event_id, all);
    struct db_stmt *st = rc == 0 && json_object_size(fields)
                             ? db_prepare(db, "SELECT a.registration_id, a.question_id, a.value FROM registration_answers a "
                                              "JOIN registrations r ON r.id = a.registration_id WHERE r.event_id = ?1")
                             : NULL;
    if (st) {
        db_bind_int(st, 1, event_id);
        enum db_step step;
        while ((step = db_step(st)) == DB_ROW) {
            char key[24];
            snprintf(key, sizeof key, "%lld", (long long)db_col_int(st, 1));
            json_t *f = json_object_get(fields, key);
            const char *value = db_col_text(st, 2);
            if (!f || !*value)
                continue;
            json_t *e = entry_of(all, db_col_int(st, 0));
            json_t *fq = json_object_get(f, "q");
            if (json_integer_value(json_object_get(f, "field")) == FORM_FIELD_RESIDENCE && country_valid(value)) {
                country_add(json_object_get(e, "residence"), value);
            } else if (json_integer_value(json_object_get(f, "field")) == FORM_FIELD_GROUP) {
                size_t line = choice_line(fq, value);
                const char *code =
                    line ? group_named(json_string_value(json_array_get(json_object_get(fq, "choices"), line - 1)))
                         : NULL;
                if (code)
                    json_object_set_new(e, "group", json_string(code));
            }
        }
        db_reset(st);
        rc = step == DB_DONE ? 0 : -1;
    } else if (rc == 0 && json_object_size(fields)) {
        rc = -1;
    }
    json_decref(fields);
    if (rc) {
        json_decref(all);
        return NULL;
    }
    return all;
}
