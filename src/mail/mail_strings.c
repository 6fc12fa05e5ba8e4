/* The words of the emails and of the outbox page. The emails build their
 * sentences around names (a person's, an organisation's), so each string is
 * a whole clause that reads right before or after one. */
#include "mail/mail_strings.h"

#include "i18n/i18n.h"

static const struct ui_string mail_strings[] = {
    /* TRANSLATORS: greeting opening an email; the person's name and a comma follow. */
    {"mail_hello", N_("Hello")},
    {"mail_verify_subject", N_("Confirm your email address")},
    {"mail_verify_intro",
     N_("Thank you for signing up. To finish creating your account, please confirm your email address:")},
    {"mail_verify_action", N_("Confirm my email address")},
    {"mail_verify_ignore", N_("If you did not sign up, you can ignore this email: no account will be activated.")},
    {"mail_link_week", N_("The link works for seven days.")},
    {"mail_reset_subject", N_("Reset your password")},
    {"mail_reset_intro",
     N_("Someone, probably you, asked to reset the password of your account. To choose a new one, open this link:")},
    {"mail_reset_action", N_("Choose a new password")},
    {"mail_link_hour", N_("The link works for one hour, and only once.")},
    {"mail_reset_ignore", N_("If you did not ask for this, you can ignore this email: your password stays as it is.")},
    {"mail_set_password_subject", N_("An account was made for you")},
    {"mail_set_password_intro",
     N_("An account on the hub was made for you with this email address. To start using it, choose your password:")},
    {"mail_set_password_action", N_("Choose my password")},
    /* TRANSLATORS: email subject; the name of an organisation follows. */
    {"mail_invite_subject", N_("Invitation to join")},
    /* TRANSLATORS: a person's name comes before, an organisation's name after: "Ana has invited you to join the
       organisation Diaspora Link". */
    {"mail_invite_intro", N_("has invited you to join the organisation")},
    {"mail_invite_how", N_("To accept, open this link:")},
    {"mail_invite_action", N_("Accept the invitation")},
    {"mail_invite_ignore", N_("If you do not wish to join, you can ignore this email.")},
    /* TRANSLATORS: email subject, followed by the event's title. */
    {"mail_organiser_subject", N_("You now organise")},
    /* TRANSLATORS: "<person> has made you an organiser of <event>." */
    {"mail_organiser_intro", N_("has made you an organiser of")},
    {"mail_organiser_how", N_("You can edit it, manage its registrations and write its record here:")},
    {"mail_organiser_action", N_("Manage the event")},
    /* TRANSLATORS: the admin page listing the emails the hub queued and sent. */
    {"outbox_nav", N_("Outbox")},
    {"outbox_intro", N_("Every email the hub has queued, newest first.")},
    {"outbox_sending", N_("Messages are delivered through the configured SMTP server.")},
    {"outbox_not_sending",
     N_("No SMTP server is configured, so messages wait here and are not sent. You can open their links yourself.")},
    {"outbox_empty", N_("The outbox is empty.")},
    {"outbox_recipient", N_("Recipient")},
    {"outbox_status", N_("Status")},
    /* TRANSLATORS: how many times the hub tried to deliver an email. */
    {"outbox_attempts", N_("Attempts")},
    {"outbox_queued_at", N_("Queued at")},
    {"outbox_sent_at", N_("Sent at")},
    {"outbox_next_attempt", N_("Next attempt")},
    {"outbox_last_error", N_("Last error")},
    {"outbox_text_part", N_("Plain-text message")},
};

void mail_register_strings(void)
{
    I18N_ADD_UI_STRINGS(mail_strings);
}
