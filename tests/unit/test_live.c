/* Unit tests for the live rooms' transport: SSE frame format (multi-line
 * data), who receives what (audience), a subscriber's bounded queue and
 * dropping, the reader's suspend/resume handshake and ordering, and the hub:
 * replay after Last-Event-ID exactly once then live events through
 * live_notify, heartbeat, shutdown. Subscribers here have no connection
 * (NULL), so suspending is only recorded in their flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "db/db.h"
#include "live/live.h"
#include "live/live_frame.h"
#include "live/live_hub.h"
#include "live/live_sub.h"
#include "live/live_replay.h"
#include "unit_db.h"

static const struct live_viewer visitor = {0, false};
static const struct live_viewer member7 = {7, false};
static const struct live_viewer member8 = {8, false};
static const struct live_viewer moderator = {9, true};

/* Everything the reader hands out until it suspends (or ends), with reads
 * of at most `step` bytes; *end gets the last return value (0 when it
 * suspended). The caller frees the text. */
static char *read_all(struct live_sub *s, size_t step, ssize_t *end)
{
    struct buf out = BUF_INIT;
    char chunk[8192];
    ssize_t n;
    while ((n = live_sub_read(s, 0, chunk, step)) > 0)
        buf_append(&out, chunk, (size_t)n);
    if (end)
        *end = n;
    size_t len;
    return buf_detach(&out, &len);
}

/* The text after the retry hint, which every stream starts with. */
static const char *after_hint(const char *text)
{
    const char *hint = "retry: 3000\n\n";
    return strncmp(text, hint, strlen(hint)) == 0 ? text + strlen(hint) : text;
}

static void frames_have_id_event_and_one_data_line_per_line(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    live_frame_format(&b, 42, "question", "{\"id\":1}");
    assert_string_equal(buf_str(&b), "id: 42\nevent: question\ndata: {\"id\":1}\n\n");
    buf_reset(&b);
    live_frame_format(&b, 5, "chat", "one\ntwo\r\nthree\rfour");
    assert_string_equal(buf_str(&b), "id: 5\nevent: chat\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
    buf_reset(&b);
    live_frame_format(&b, 6, "a\nb", "trailing\n");
    assert_string_equal(buf_str(&b), "id: 6\nevent: a b\ndata: trailing\ndata: \n\n");
    buf_reset(&b);
    live_frame_format(&b, 7, "empty", NULL);
    assert_string_equal(buf_str(&b), "id: 7\nevent: empty\ndata: \n\n");
    buf_free(&b);
}

static void audiences_decide_who_sees_what(void **state)
{
    (void)state;
    assert_true(live_may_see(&visitor, LIVE_ALL, 0));
    assert_false(live_may_see(&visitor, LIVE_MODERATORS, 0));
    assert_false(live_may_see(&visitor, LIVE_USER, 7));
    assert_false(live_may_see(&visitor, LIVE_USER, 0)); /* a visitor is nobody's "user 0" */
    assert_false(live_may_see(&member7, LIVE_MODERATORS, 0));
    assert_true(live_may_see(&member7, LIVE_USER, 7));
    assert_false(live_may_see(&member8, LIVE_USER, 7));
    assert_true(live_may_see(&moderator, LIVE_MODERATORS, 0));
    assert_true(live_may_see(&moderator, LIVE_USER, 7));
}

static void subscribers_receive_only_their_audience(void **state)
{
    (void)state;
    const struct live_viewer *viewers[] = {&visitor, &member7, &member8, &moderator};
    const char *want[] = {
        "id: 1\nevent: all\ndata: {}\n\n",
        "id: 1\nevent: all\ndata: {}\n\nid: 3\nevent: mine\ndata: {}\n\n",
        "id: 1\nevent: all\ndata: {}\n\n",
        "id: 1\nevent: all\ndata: {}\n\nid: 2\nevent: mods\ndata: {}\n\nid: 3\nevent: mine\ndata: {}\n\n",
    };
    struct live_frame *frames[] = {live_frame_new(1, LIVE_ALL, 0, "all", "{}"),
                                   live_frame_new(2, LIVE_MODERATORS, 0, "mods", "{}"),
                                   live_frame_new(3, LIVE_USER, 7, "mine", "{}")};
    for (size_t i = 0; i < 4; i++) {
        struct live_sub *s = live_sub_new(NULL, 1, viewers[i]);
        for (size_t f = 0; f < 3; f++)
            assert_true(live_sub_push(s, frames[f]));
        char *text = read_all(s, 4096, NULL);
        assert_string_equal(after_hint(text), want[i]);
        free(text);
        live_sub_finished(s);
    }
    for (size_t f = 0; f < 3; f++)
        live_frame_unref(frames[f]);
    assert_int_equal(live_sub_open_count(), 0);
}

static void an_idle_reader_suspends_and_a_push_resumes_it_in_order(void **state)
{
    (void)state;
    struct live_sub *s = live_sub_new(NULL, 1, &visitor);
    ssize_t end;
    char *text = read_all(s, 4096, &end);
    assert_string_equal(text, "retry: 3000\n\n");
    free(text);
    assert_int_equal(end, 0);
    assert_true(s->suspended);
    /* Nothing more: it stays suspended and says so again. */
    char buf[64];
    assert_int_equal(live_sub_read(s, 0, buf, sizeof buf), 0);
    struct live_frame *a = live_frame_new(10, LIVE_ALL, 0, "a", "first"),
                      *b = live_frame_new(11, LIVE_ALL, 0, "b", "second");
    assert_true(live_sub_push(s, a));
    assert_false(s->suspended);
    assert_true(live_sub_push(s, b));
    /* Small reads cut frames anywhere; the bytes still come in order. */
    text = read_all(s, 7, &end);
    assert_string_equal(text, "id: 10\nevent: a\ndata: first\n\nid: 11\nevent: b\ndata: second\n\n");
    assert_int_equal(end, 0);
    assert_true(s->suspended);
    free(text);
    live_frame_unref(a);
    live_frame_unref(b);
    /* Closing wakes it, and the stream ends. */
    live_sub_close(s);
    assert_false(s->suspended);
    assert_int_equal(live_sub_read(s, 0, buf, sizeof buf), MHD_CONTENT_READER_END_OF_STREAM);
    live_sub_finished(s);
}

static void a_subscriber_too_far_behind_is_dropped(void **state)
{
    (void)state;
    long dropped = live_sub_dropped_count();
    struct live_sub *slow = live_sub_new(NULL, 1, &visitor), *other = live_sub_new(NULL, 1, &moderator);
    char data[1000];
    memset(data, 'x', sizeof data - 1);
    data[sizeof data - 1] = '\0';
    size_t pushed = 0;
    bool alive = true;
    while (alive && pushed < 10000) {
        struct live_frame *f = live_frame_new((int64_t)pushed + 1, LIVE_ALL, 0, "big", data);
        alive = live_sub_push(slow, f);
        live_frame_unref(f);
        pushed++;
    }
    assert_false(alive);
    /* The queue is bounded: about LIVE_QUEUE_MAX_BYTES of these ~1 KB frames. */
    assert_true(pushed <= LIVE_QUEUE_MAX_BYTES / 1000 + 1);
    assert_int_equal(live_sub_dropped_count(), dropped + 1);
    assert_true(slow->dropped);
    assert_int_equal(slow->qlen, 0);
    char buf[64];
    assert_int_equal(live_sub_read(slow, 0, buf, sizeof buf), MHD_CONTENT_READER_END_WITH_ERROR);
    /* Others are not affected. */
    struct live_frame *f = live_frame_new(1, LIVE_ALL, 0, "small", "1");
    assert_false(live_sub_push(slow, f));
    assert_true(live_sub_push(other, f));
    live_frame_unref(f);
    char *text = read_all(other, 4096, NULL);
    assert_string_equal(after_hint(text), "id: 1\nevent: small\ndata: 1\n\n");
    free(text);
    live_sub_finished(slow);
    live_sub_finished(other);
}

/* Hub tests: a published event with a session (room) 1 and events in it. */
static int64_t room;

static int hub_setup(void **state)
{
    if (unit_db_setup(state))
        return -1;
    struct db *db = db_get();
    if (db_run(
            db,
            "INSERT INTO events (slug, status, tz, created_at, updated_at) VALUES ('live', 'published', 'UTC', 0, 0)",
            "") ||
        db_run(db, "INSERT INTO sessions (event_id, position) VALUES (last_insert_rowid(), 1)", ""))
        return -1;
    room = db_last_id(db);
    for (int64_t id = 7; id <= 9; id++)
        if (db_run(db, "INSERT INTO users (id, email, name, created_at) VALUES (?, 'u' || ? || '@example.org', 'U', 0)",
                   "ii", id, id))
            return -1;
    live_set_heartbeat(1);
    return live_start();
}

static int hub_teardown(void **state)
{
    live_stop();
    return unit_db_teardown(state);
}

static int64_t record(enum live_audience audience, int64_t user, const char *type, const char *text)
{
    struct db *db = db_get();
    json_t *data = json_pack("{ss}", "text", text);
    assert_int_equal(db_begin(db), 0);
    int64_t id = live_record(db, room, audience, user, type, data);
    assert_true(id > 0);
    assert_int_equal(db_commit(db), 0);
    json_decref(data);
    return id;
}

/* Reads s until its text contains want, waiting for the hub (bounded). */
static char *read_until(struct live_sub *s, const char *want)
{
    struct buf all = BUF_INIT;
    for (int i = 0; i < 500 && !strstr(buf_str(&all), want); i++) {
        char *text = read_all(s, 4096, NULL);
        buf_puts(&all, text);
        free(text);
        if (!strstr(buf_str(&all), want))
            usleep(10 * 1000);
    }
    size_t len;
    return buf_detach(&all, &len);
}

static void the_hub_replays_after_last_event_id_once_then_sends_live_events(void **state)
{
    (void)state;
    int64_t first = record(LIVE_ALL, 0, "asked", "one");
    int64_t hidden = record(LIVE_USER, 7, "hidden", "yours");
    int64_t mods = record(LIVE_MODERATORS, 0, "pending", "mods");
    int64_t third = record(LIVE_ALL, 0, "asked", "two\nlines");
    struct live_sub *fresh = live_sub_new(NULL, room, &member8), *back = live_sub_new(NULL, room, &member7),
                    *mod = live_sub_new(NULL, room, &moderator);
    int64_t last = live_last_id(db_get(), room);
    assert_int_equal(last, third);
    assert_int_equal(live_hub_attach(fresh, -1, last), 0);
    assert_int_equal(live_hub_attach(back, first, last), 0);
    assert_int_equal(live_hub_attach(mod, 0, last), 0);
    assert_int_equal(live_hub_subscribers(), 3);

    char *text = read_all(back, 4096, NULL);
    char *want = NULL;
    assert_true(asprintf(&want,
                         "id: %lld\nevent: hidden\ndata: {\"text\":\"yours\"}\n\n"
                         "id: %lld\nevent: asked\ndata: {\"text\":\"two\\nlines\"}\n\n",
                         (long long)hidden, (long long)third) > 0);
    assert_string_equal(after_hint(text), want);
    free(want);
    free(text);
    text = read_all(mod, 4096, NULL);
    assert_non_null(strstr(text, "event: pending"));
    assert_non_null(strstr(text, "event: hidden"));
    assert_true(strstr(text, "\"one\"") < strstr(text, "\"mods\""));
    (void)mods;
    free(text);
    text = read_all(fresh, 4096, NULL);
    assert_string_equal(text, "retry: 3000\n\n"); /* no Last-Event-ID: from now on */
    free(text);

    int64_t live = record(LIVE_ALL, 0, "voted", "live");
    int64_t secret = record(LIVE_USER, 7, "hidden", "not for 8");
    live_notify(room);
    char *got = read_until(fresh, "\"live\"");
    assert_non_null(strstr(got, "event: voted"));
    assert_null(strstr(got, "not for 8"));
    free(got);
    got = read_until(back, "not for 8");
    char *at = strstr(got, "\"live\"");
    assert_non_null(at);
    assert_true(at < strstr(got, "not for 8"));
    assert_null(strstr(got, "\"one\"")); /* nothing twice */
    assert_null(strstr(got, "\"two"));
    free(got);
    (void)live;
    (void)secret;

    /* The heartbeat (1 s here) reaches idle subscribers as a comment. */
    got = read_until(fresh, ": heartbeat\n\n");
    assert_non_null(strstr(got, ": heartbeat\n\n"));
    free(got);

    /* A finished connection is forgotten at the next pass. */
    live_sub_finished(fresh);
    for (int i = 0; i < 500 && live_hub_subscribers() != 2; i++)
        usleep(10 * 1000);
    assert_int_equal(live_hub_subscribers(), 2);

    /* Shutdown ends the remaining streams and refuses new ones. */
    live_sub_finished(mod);
    live_stop();
    char buf[64];
    text = read_all(back, 4096, NULL);
    free(text);
    assert_int_equal(live_sub_read(back, 0, buf, sizeof buf), MHD_CONTENT_READER_END_OF_STREAM);
    live_sub_finished(back);
    struct live_sub *late = live_sub_new(NULL, room, &visitor);
    assert_int_equal(live_hub_attach(late, -1, 0), -1);
    live_sub_finished(late);
    assert_int_equal(live_sub_open_count(), 0);
}

/* Frames are read with today's audience: each stored frame about a question, chat message or poll
 * is narrowed to who may see that object now; others (and data that is not JSON) keep theirs. */
static void stored_frames_get_todays_audience(void **state)
{
    (void)state;
    struct db *db = db_get();
    int64_t after = live_last_id(db, room), q = 0, m = 0, draft = 0, hidden_results = 0;
    assert_int_equal(db_begin(db), 0);
    assert_int_equal(db_one_int(db,
                                "INSERT INTO room_questions (room_id, user_id, body, lang, status, created_at, "
                                "updated_at) VALUES (?, 7, 'q', 'en', 'hidden', 0, 0) RETURNING id",
                                &q, "i", room),
                     1);
    assert_int_equal(db_one_int(db,
                                "INSERT INTO room_chat (room_id, user_id, body, hidden, created_at) VALUES (?, 8, 'm', "
                                "1, 0) RETURNING id",
                                &m, "i", room),
                     1);
    assert_int_equal(
        db_one_int(db, "INSERT INTO room_polls (room_id, question, created_at) VALUES (?, 'p', 0) RETURNING id", &draft,
                   "i", room),
        1);
    assert_int_equal(
        db_one_int(db,
                   "INSERT INTO room_polls (room_id, question, status, created_at) VALUES (?, 'r', 'open', "
                   "0) RETURNING id",
                   &hidden_results, "i", room),
        1);
    struct {
        const char *type, *data;
        int64_t audience, user;
    } rows[] = {
        {"question", "{\"id\":%lld}", LIVE_USER, 7},
        {"chat", "{\"id\":%lld}", LIVE_MODERATORS, 0},
        {"poll", "{\"id\":%lld}", LIVE_MODERATORS, 0},
        {"poll", "{\"id\":%lld,\"show_results\":true}", LIVE_MODERATORS, 0},
        {"poll", "{\"id\":%lld,\"show_results\":false}", LIVE_ALL, 0},
        {"chat", "not json", LIVE_ALL, 0},
        {"question_removed", "{\"id\":%lld}", LIVE_ALL, 0},
    };
    int64_t ids[] = {q, m, draft, hidden_results, hidden_results, 0, q};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char data[96];
        snprintf(data, sizeof data, rows[i].data, (long long)ids[i]);
        assert_int_equal(
            db_run(db, "INSERT INTO room_events (room_id, audience, type, data, created_at) VALUES (?, 0, ?, ?, 0)",
                   "itt", room, rows[i].type, data),
            0);
    }
    assert_int_equal(db_commit(db), 0);
    struct db_stmt *st = live_events_query(db, room, after, INT64_MAX, 100);
    assert_non_null(st);
    size_t n = 0;
    while (db_step(st) == DB_ROW) {
        assert_true(n < sizeof rows / sizeof rows[0]);
        assert_string_equal(db_col_text(st, 3), rows[n].type);
        assert_int_equal(db_col_int(st, 1), rows[n].audience);
        assert_int_equal(db_col_int(st, 2), rows[n].user);
        n++;
    }
    db_reset(st);
    assert_int_equal(n, sizeof rows / sizeof rows[0]);
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(frames_have_id_event_and_one_data_line_per_line),
        cmocka_unit_test(audiences_decide_who_sees_what),
        cmocka_unit_test(subscribers_receive_only_their_audience),
        cmocka_unit_test(an_idle_reader_suspends_and_a_push_resumes_it_in_order),
        cmocka_unit_test(a_subscriber_too_far_behind_is_dropped),
    };
    const struct CMUnitTest hub[] = {
        cmocka_unit_test(the_hub_replays_after_last_event_id_once_then_sends_live_events),
        cmocka_unit_test(stored_frames_get_todays_audience),
    };
    int failed = cmocka_run_group_tests_name("live frames and subscribers", pure, NULL, NULL);
    return failed + cmocka_run_group_tests_name("live hub", hub, hub_setup, hub_teardown);
}
