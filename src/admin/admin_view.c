/* Labels, links, dates and strings shared by the admin pages. */
#include "admin/admin_view.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "i18n/timefmt.h"

static const struct ui_string admin_strings[] = {
    /* TRANSLATORS: accessible name of the menu between the admin pages. */
    {"admin_nav", N_("Administration")},
    {"admin_users", N_("Users")},
    {"admin_audit", N_("Audit log")},
    /* TRANSLATORS: label of the search field on the list of accounts. */
    {"admin_search", N_("Search")},
    {"admin_search_hint", N_("Part of a name or email address")},
    {"admin_role", N_("Role")},
    {"admin_any_role", N_("Any role")},
    {"admin_status", N_("Status")},
    {"admin_any_status", N_("Any status")},
    /* TRANSLATORS: button that applies the chosen search and filters. */
    {"admin_filter", N_("Filter")},
    {"admin_clear", N_("Clear filters")},
    /* TRANSLATORS: caption of the table of people's accounts. */
    {"admin_accounts", N_("Accounts")},
    {"admin_name", N_("Name")},
    {"admin_email", N_("Email address")},
    /* TRANSLATORS: column heading: when the account was created. */
    {"admin_created", N_("Created")},
    {"admin_no_users", N_("No account matches these filters.")},
    /* TRANSLATORS: accessible name of the links between pages of a long list. */
    {"admin_pages", N_("Pages")},
    {"admin_first", N_("First page")},
    {"admin_next", N_("Next page")},
    {"admin_all_users", N_("All users")},
    {"admin_verified", N_("Email address verified")},
    /* TRANSLATORS: the email address is not verified yet. */
    {"admin_not_yet", N_("Not yet")},
    {"admin_disabled_since", N_("Disabled since")},
    {"admin_change_role", N_("Change role")},
    /* TRANSLATORS: heading of the part of an account page that disables or enables it. */
    {"admin_access", N_("Access")},
    {"admin_reason", N_("Reason (optional)")},
    {"admin_reason_hint", N_("Kept in the audit log.")},
    {"admin_disable", N_("Disable account")},
    {"admin_disable_note", N_("A disabled account cannot sign in, and its sessions end at once.")},
    {"admin_enable", N_("Enable account")},
    {"admin_verification", N_("Email verification")},
    {"admin_unverified_note", N_("This person has not verified their email address yet.")},
    {"admin_resend", N_("Send the verification email again")},
    {"admin_self_note", N_("This is your own account: you cannot remove your admin role or disable it here.")},
    {"admin_deleted_note", N_("This account was deleted: its personal data has been erased and it cannot be changed.")},
    {"admin_recent", N_("Recent audit entries")},
    {"admin_entries_about", N_("All entries about this account")},
    {"admin_entries_by", N_("All entries by this account")},
    /* TRANSLATORS: column heading: when something happened. */
    {"admin_when", N_("When")},
    {"admin_action", N_("Action")},
    /* TRANSLATORS: column heading: the person who did the action. */
    {"admin_actor", N_("By")},
    /* TRANSLATORS: column heading: the account the action was done to. */
    {"admin_subject", N_("Account")},
    {"admin_detail", N_("Detail")},
    /* TRANSLATORS: column heading: the network (IP) address the action came from. */
    {"admin_ip", N_("Address")},
    /* TRANSLATORS: shown, for screen readers, in a table cell that has nothing in it. */
    {"admin_none", N_("None")},
    {"admin_any_action", N_("Any action")},
    {"admin_actor_id", N_("By account number")},
    {"admin_subject_id", N_("About account number")},
    /* TRANSLATORS: first day of a date range. */
    {"admin_from", N_("From")},
    /* TRANSLATORS: last day of a date range. */
    {"admin_to", N_("To")},
    {"admin_dates_zone", N_("Dates are days in your time zone:")},
    {"admin_entries", N_("Audit entries, newest first")},
    {"admin_no_entries", N_("No entry matches these filters.")},
    {"admin_older", N_("Older entries")},
    {"admin_newest", N_("Newest entries")},
};

void admin_register_strings(void)
{
    I18N_ADD_UI_STRINGS(admin_strings);
}

struct label {
    const char *code, *text;
};

static const struct label roles[] = {
    {"member", N_("Member")},
    /* TRANSLATORS: a role: someone who organises events. */
    {"organiser", N_("Organiser")},
    {"moderator", N_("Moderator")},
    {"admin", N_("Administrator")},
};

static const struct label statuses[] = {
    /* TRANSLATORS: status of an account that can be used. */
    {"active", N_("Active")},
    /* TRANSLATORS: status of an account whose email address is not verified yet. */
    {"unverified", N_("Unverified")},
    {"disabled", N_("Disabled")},
    {"deleted", N_("Deleted")},
};

/* Every action the hub records (see accounts/audit.h), as admins read them. */
static const struct label actions[] = {
    {"signin", N_("Signed in")},
    {"signin_failed", N_("Failed sign-in")},
    {"signout", N_("Signed out")},
    {"signout_everywhere", N_("Signed out everywhere")},
    {"signup", N_("Signed up")},
    {"verify", N_("Verified email address")},
    {"verification_resent", N_("Verification email sent again")},
    {"password_change", N_("Changed password")},
    {"password_reset_requested", N_("Asked for a password reset")},
    {"password_reset", N_("Reset password")},
    {"password_set", N_("Chose a first password")},
    {"role_change", N_("Role changed")},
    {"account_disable", N_("Account disabled")},
    {"account_enable", N_("Account enabled")},
    {"account_delete", N_("Account deleted")},
    {"user_add_cli", N_("Account created on the command line")},
    {"user_bulk_cli", N_("Test accounts created on the command line")},
    {"series_create", N_("Series created")},
    {"series_edit", N_("Series edited")},
    {"event_create", N_("Event created")},
    {"event_edit", N_("Event edited")},
    {"event_status", N_("Event status changed")},
    {"session_create", N_("Session added")},
    {"session_edit", N_("Session edited")},
    {"session_delete", N_("Session deleted")},
    {"session_move", N_("Session moved")},
    {"session_person_add", N_("Speaker or moderator added")},
    {"session_person_remove", N_("Speaker or moderator removed")},
    {"session_person_move", N_("Speaker or moderator moved")},
    {"partner_add", N_("Partner added")},
    {"partner_remove", N_("Partner removed")},
    {"partner_move", N_("Partner moved")},
    {"organiser_add", N_("Organiser added")},
    {"organiser_remove", N_("Organiser removed")},
    {"registration_settings", N_("Registration settings changed")},
    {"registration_question_add", N_("Registration question added")},
    {"registration_question_edit", N_("Registration question edited")},
    {"registration_question_delete", N_("Registration question deleted")},
    {"registration_question_move", N_("Registration question moved")},
    {"registration_status", N_("Registration approved or declined")},
    {"event_message", N_("Message sent to registrants")},
    {"registrations_export", N_("Registrations exported")},
    {"record_outcome", N_("Outcome summary edited")},
    {"proposal_add", N_("Proposal added")},
    {"proposal_edit", N_("Proposal edited")},
    {"proposal_delete", N_("Proposal deleted")},
    {"proposal_move", N_("Proposal moved")},
    {"document_add", N_("Document added")},
    {"document_delete", N_("Document deleted")},
    {"document_move", N_("Document moved")},
    {"stats_visibility", N_("Statistics published or withdrawn")},
    {"room_settings", N_("Live room settings changed")},
    {"room_outcome", N_("Live room results copied to the outcome")},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *label_of(const struct label *table, size_t n, const char *code)
{
    if (!code)
        return "";
    for (size_t i = 0; i < n; i++)
        if (strcmp(table[i].code, code) == 0)
            return _(table[i].text);
    return code;
}

const char *admin_role_label(const char *role)
{
    return label_of(roles, NELEM(roles), role);
}
const char *admin_status_label(const char *status)
{
    return label_of(statuses, NELEM(statuses), status);
}
const char *admin_action_label(const char *action)
{
    return label_of(actions, NELEM(actions), action);
}

static json_t *options_of(const struct label *table, size_t n, const char *selected)
{
    json_t *list = json_array();
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        bool sel = selected && strcmp(selected, table[i].code) == 0;
        found |= sel;
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:b}", "value", table[i].code, "label", _(table[i].text), "selected", sel));
    }
    if (selected && *selected && !found)
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value", selected, "label", selected, "selected", 1));
    return list;
}

json_t *admin_role_options(const char *selected)
{
    return options_of(roles, NELEM(roles), selected);
}
json_t *admin_status_options(const char *selected)
{
    return options_of(statuses, NELEM(statuses), selected);
}
json_t *admin_action_options(const char *selected)
{
    return options_of(actions, NELEM(actions), selected);
}

json_t *admin_person(int64_t id, const char *name, bool deleted)
{
    if (id <= 0)
        return json_null();
    char url[48], num[24], former[160];
    snprintf(url, sizeof url, "/admin/users/%" PRId64, id);
    snprintf(num, sizeof num, "%" PRId64, id);
    /* TRANSLATORS: stands for a person whose account was deleted; %s is the account's number. */
    snprintf(former, sizeof former, _("former member #%s"), num);
    return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "url", url, "label", name && !deleted ? name : former);
}

const char *admin_viewer_zone(const struct request *req)
{
    return req->caller.tz && *req->caller.tz ? req->caller.tz : "UTC";
}

json_t *admin_time(struct request *req, int64_t utc, bool with_time)
{
    char iso[TIMEFMT_MAX], date[TIMEFMT_MAX], time[TIMEFMT_MAX];
    const char *zone = admin_viewer_zone(req);
    timefmt_iso8601(iso, sizeof iso, utc);
    timefmt_format(date, sizeof date, utc, zone, req->lang, TIMEFMT_SHORT_DATE);
    if (!with_time)
        return json_pack("{s:s, s:s}", "iso", iso, "text", date);
    timefmt_format(time, sizeof time, utc, zone, req->lang, TIMEFMT_TIME);
    char text[2 * TIMEFMT_MAX + 2];
    snprintf(text, sizeof text, "%s %s", date, time);
    return json_pack("{s:s, s:s}", "iso", iso, "text", text);
}

void admin_query_add(struct buf *b, const char *name, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!value || !*value)
        return;
    buf_putc(b, b->len && memchr(b->data, '?', b->len) ? '&' : '?');
    buf_puts(b, name);
    buf_putc(b, '=');
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
            buf_putc(b, (char)*p);
        } else {
            buf_putc(b, '%');
            buf_putc(b, hex[*p >> 4]);
            buf_putc(b, hex[*p & 15]);
        }
    }
}

int64_t admin_parse_id(const char *s)
{
    if (!s || *s < '1' || *s > '9')
        return 0;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end)
        return 0;
    return (int64_t)v;
}
