/* The rules of a room that need no database: limits of what people type,
 * the reasons a moderator hides a question for, the chat's pace, and the
 * Markdown that carries a room's results into the event's outcome summary. */
#ifndef DXHUB_LIVE_ROOM_RULES_H
#define DXHUB_LIVE_ROOM_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define ROOM_QUESTION_MAX 500 /* characters */
#define ROOM_CHAT_MAX 280     /* characters */
#define ROOM_POLL_QUESTION_MAX 200
#define ROOM_POLL_OPTION_MAX 100
#define ROOM_POLL_OPTIONS_MAX 10
#define ROOM_CHAT_INTERVAL 2 /* seconds between two messages of one person */

/* The number of characters (code points) of UTF-8 text s (NULL: 0). */
size_t room_chars(const char *s);

/* Checks typed text: 0 when s is non-blank and at most max characters;
 * 1 when blank (or NULL); 2 when too long. */
int room_text_check(const char *s, size_t max);

/* True when code is one of the reasons for hiding a question: "off_topic",
 * "inappropriate", "personal", "duplicate" (given by merging), "other". */
bool room_hide_reason_valid(const char *code);
/* The translated label of a hide reason ("Off-topic"); NULL when unknown. */
const char *room_hide_reason_label(const char *code);
/* The reasons a moderator picks from (all but "duplicate"), NULL-terminated. */
extern const char *const room_hide_reasons[];

/* True when a person whose last chat message in the room was at last (0:
 * never) may send another at now. */
bool room_chat_allowed(int64_t last, int64_t now);

/* Markdown for the outcome summary: appends to out a "## heading" line and a
 * bullet per item, each item's text on one line with Markdown's special
 * characters escaped, so that what participants typed stays plain text.
 * Nothing when n is 0. */
void room_md_section(struct buf *out, const char *heading, const char *const items[], size_t n);
/* Appends text to out with Markdown's special characters backslash-escaped
 * and line breaks turned into spaces. */
void room_md_escape(struct buf *out, const char *text);

#endif
