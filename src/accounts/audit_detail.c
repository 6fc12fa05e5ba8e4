/* Stored English audit details read back in the reader's language. */
#include "accounts/audit_detail.h"

#include <stdbool.h>
#include <string.h>

#include "i18n/i18n.h"

/* The codes that details carry, with their words. */
static const struct {
    const char *code, *text;
} codes[] = {
    {"on", N_("on")},
    {"off", N_("off")},
    {"none", N_("none")},
    {"up", N_("up")},
    {"down", N_("down")},
    {"approved", N_("approved")},
    {"declined", N_("declined")},
    /* TRANSLATORS: roles, in the audit log's details ("member → organiser"). */
    {"member", N_("member")},
    {"organiser", N_("organiser")},
    {"moderator", N_("moderator")},
    {"admin", N_("administrator")},
    {"draft", N_("draft")},
    {"published", N_("published")},
    {"cancelled", N_("cancelled")},
    {"finished", N_("finished")},
    {"archived", N_("archived")},
    {"all", N_("everyone registered")},
    {"confirmed", N_("the confirmed")},
    {"waitlisted", N_("the waitlist")},
    {"pending", N_("those awaiting approval")},
    {"close", N_("closed")},
    {"reopen", N_("reopened")},
    {"save", N_("settings saved")},
    {"open", N_("opened")},
    {"recording", N_("recording")},
    {"document", N_("document")},
    {"graphic", N_("graphic summary")},
};

/* The shapes of details: in a shape, %s takes one word (no space), %c a
 * code of the table above (translated), %v a code or else any word (kept),
 * %n a number, %q a title up to the
 * last double quote (which it takes), and %r the rest, itself a detail. The
 * message has one %s per placeholder, in the same order. */
static const struct {
    const char *shape, *msg;
} shapes[] = {
    {"event %s: %r", N_("event %s: %s")},
    {"event %s", N_("event %s")},
    /* TRANSLATORS: the audit log: what an action was about. %s is a number. */
    {"proposal %n %c", N_("proposal %s moved %s")},
    {"proposal %n", N_("proposal %s")},
    {"document %n %c", N_("document %s moved %s")},
    {"document %n", N_("document %s")},
    {"session %n", N_("session %s")},
    {"partner %n", N_("partner %s")},
    {"person %n", N_("speaker or moderator %s")},
    {"question %n", N_("question %s")},
    {"registration %n %c", N_("registration %s %s")},
    {"registration %c, capacity %v, approval %c, %n promoted",
     N_("registration %s, capacity %s, approval %s, %s moved up from the waitlist")},
    {"message to %c (%n people)", N_("message to %s (%s people)")},
    {"room %n copied into the outcome summary", N_("room %s copied into the outcome summary")},
    {"room %n: %c", N_("room %s: %s")},
    {"series %s", N_("series %s")},
    {"%c \"%q", N_("%s “%s”")},
    {"%c to %c", N_("from %s to %s")},
    {"%c → %c", N_("%s → %s")},
    {"%n members \"%q for load tests", N_("%s test members “%s”")},
    {"statistics published", N_("statistics published")},
    {"statistics private", N_("statistics made private")},
    {"outcome summary and recording link", N_("outcome summary and recording link")},
    {"calendar revised", N_("calendar revised")},
};

#define MAXARGS 4

static const char *code_text(const char *code)
{
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(codes[i].code, code) == 0)
            return _(codes[i].text);
    return NULL;
}

/* Matches s against shape, filling args (arena strings, translated where
 * they are codes). True on a whole match. */
static bool match(struct arena *a, const char *shape, const char *s, const char *args[MAXARGS])
{
    int n = 0;
    while (*shape) {
        if (*shape != '%') {
            if (*s++ != *shape++)
                return false;
            continue;
        }
        char kind = shape[1];
        shape += 2;
        const char *end = s, *next;
        if (kind == 'r')
            end = s + strlen(s);
        else if (kind == 'q')
            end = strrchr(s, '"');
        else /* a word ends at a space, a comma or the shape's next character */
            while (*end && *end != ' ' && *end != ',' && *end != *shape)
                end++;
        if (!end || end == s || n == MAXARGS)
            return false;
        next = kind == 'q' ? end + 1 : end;
        char *v = arena_strndup(a, s, (size_t)(end - s));
        if (kind == 'n' && strspn(v, "0123456789") != strlen(v))
            return false;
        const char *text = v;
        if ((kind == 'c' || kind == 'v') && !(text = code_text(v)) && !(kind == 'v' && (text = v)))
            return false;
        args[n++] = kind == 'r' ? audit_detail_text(a, v) : text;
        s = next;
    }
    return *s == '\0';
}

const char *audit_detail_text(struct arena *a, const char *detail)
{
    if (!detail)
        return "";
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        const char *args[MAXARGS] = {"", "", "", ""};
        if (match(a, shapes[i].shape, detail, args))
            return arena_printf(a, _(shapes[i].msg), args[0], args[1], args[2], args[3]);
    }
    return detail;
}
