/* The moderators' queue of a room's questions awaiting approval, and the
 * presenter view's list of questions. */
#include "live/room_queue.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool has_status(json_t *q, const char *status)
{
    const char *s = json_string_value(json_object_get(q, "status"));
    return s && strcmp(s, status) == 0;
}

static json_t *anchor_of(json_t *q)
{
    char a[32];
    snprintf(a, sizeof a, "q-%lld", (long long)json_integer_value(json_object_get(q, "id")));
    return json_string(a);
}

void room_queue_view(json_t *view, json_t *questions)
{
    json_t *queue = json_array();
    size_t i;
    json_t *q;
    json_array_foreach (questions, i, q) {
        if (!has_status(q, "pending"))
            continue;
        json_object_set_new(q, "in_queue", json_true());
        json_array_insert(queue, 0, q); /* the list is newest first */
    }
    size_t n = json_array_size(queue);
    for (i = 0; i < n; i++) {
        json_t *next = i + 1 < n ? json_array_get(queue, i + 1) : i > 0 ? json_array_get(queue, i - 1) : NULL;
        json_object_set_new(json_array_get(queue, i), "next_anchor", next ? anchor_of(next) : json_string("queue"));
    }
    json_object_set_new(view, "queue", queue);
    json_object_set_new(view, "queue_count", json_integer((json_int_t)n));
    json_object_set_new(view, "queue_empty", json_boolean(n == 0));
}

json_t *room_present_questions(json_t *questions)
{
    json_t *shown = json_array();
    size_t i, n = 0;
    json_t *q;
    json_array_foreach (questions, i, q) {
        if (!has_status(q, "visible"))
            continue;
        bool pinned = json_is_true(json_object_get(q, "pinned"));
        if (n < 10 || pinned)
            json_array_append(shown, q);
        n += !pinned;
    }
    return shown;
}
