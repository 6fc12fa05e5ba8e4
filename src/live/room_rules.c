/* A room's rules that need no database: text limits, hide reasons, the
 * chat's pace, Markdown for the outcome summary. */
#include "live/room_rules.h"

#include <string.h>

#include "i18n/i18n.h"

size_t room_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

int room_text_check(const char *s, size_t max)
{
    bool blank = true;
    for (const char *p = s; p && *p; p++)
        if (!strchr(" \t\r\n", *p))
            blank = false;
    if (blank)
        return 1;
    return room_chars(s) > max ? 2 : 0;
}

static const struct {
    const char *code, *label;
} reasons[] = {
    /* TRANSLATORS: why a moderator hid a question in a live room. */
    {"off_topic", N_("Off-topic")},
    {"inappropriate", N_("Disrespectful or inappropriate")},
    {"personal", N_("Contains personal information")},
    {"duplicate", N_("Duplicate of another question")},
    {"other", N_("Other reason")},
};

const char *const room_hide_reasons[] = {"off_topic", "inappropriate", "personal", "other", NULL};

bool room_hide_reason_valid(const char *code)
{
    return room_hide_reason_label(code) != NULL;
}

const char *room_hide_reason_label(const char *code)
{
    for (size_t i = 0; code && i < sizeof reasons / sizeof reasons[0]; i++)
        if (strcmp(code, reasons[i].code) == 0)
            return _(reasons[i].label);
    return NULL;
}

bool room_chat_allowed(int64_t last, int64_t now)
{
    return last == 0 || now - last >= ROOM_CHAT_INTERVAL;
}

void room_md_escape(struct buf *out, const char *text)
{
    for (const char *p = text; p && *p; p++) {
        if (*p == '\r')
            continue;
        if (*p == '\n') {
            buf_putc(out, ' ');
            continue;
        }
        if (strchr("\\`*_{}[]()<>#+-.!|~&", *p))
            buf_putc(out, '\\');
        buf_putc(out, *p);
    }
}

void room_md_section(struct buf *out, const char *heading, const char *const items[], size_t n)
{
    if (n == 0)
        return;
    buf_puts(out, "## ");
    room_md_escape(out, heading);
    buf_puts(out, "\n\n");
    for (size_t i = 0; i < n; i++) {
        buf_puts(out, "- ");
        room_md_escape(out, items[i]);
        buf_putc(out, '\n');
    }
    buf_putc(out, '\n');
}
