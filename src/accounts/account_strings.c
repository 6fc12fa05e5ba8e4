/* The words of the account pages, under the keys their templates use. */
#include "accounts/account_strings.h"

#include "i18n/i18n.h"

static const struct ui_string account_strings[] = {
    {"name", N_("Name")},
    {"name_hint", N_("How other members will see you. You can change it later.")},
    {"email", N_("Email address")},
    {"password", N_("Password")},
    {"password_hint", N_("At least 10 characters. A few unrelated words make a strong password that is easy to remember.")},
    {"current_password", N_("Current password")},
    {"new_password", N_("New password")},
    {"preferred_language", N_("Preferred language")},
    {"timezone", N_("Time zone")},
    {"timezone_hint", N_("Event times are shown in this zone as well as in the event's own.")},
    {"signup_title", N_("Create your account")},
    {"signup_intro", N_("Join the hub to register for exchanges, ask questions and meet partners. We will send you an email to confirm your address.")},
    {"signup_button", N_("Create my account")},
    {"signin_title", N_("Sign in")},
    {"signin_button", N_("Sign in")},
    {"no_account", N_("New here?")},
    {"create_account", N_("Create an account")},
    {"forgot_password", N_("Forgot your password?")},
    {"reset_title", N_("Reset your password")},
    {"reset_intro", N_("Enter the email address of your account. If it is registered, we will send you a link to choose a new password. The link works for one hour.")},
    {"reset_button", N_("Send the link")},
    {"new_password_title", N_("Choose a new password")},
    {"save_password", N_("Save the password")},
    {"account_title", N_("Your account")},
    {"role", N_("Role")},
    {"sessions_title", N_("Where you are signed in")},
    {"sessions_intro", N_("Each line is a browser or device signed in to your account. If you do not recognise one, change your password and sign out everywhere else.")},
    {"this_device", N_("This browser")},
    /* TRANSLATORS: a label before a date; the colon is part of it (French puts a space before it). */
    {"signed_in_at", N_("Signed in:")},
    /* TRANSLATORS: a label before a date; the colon is part of it. */
    {"last_active", N_("Last active:")},
    {"device", N_("Browser")},
    {"signout", N_("Sign out")},
    {"signout_everywhere", N_("Sign out everywhere else")},
    {"change_password", N_("Change the password")},
    {"account_links", N_("Your data")},
    {"edit_profile", N_("Edit your profile")},
    {"export_account", N_("Download your data")},
    {"delete_account", N_("Delete your account")},
    {"security", N_("Security")},
    {"admin", N_("Administration")},
    /* TRANSLATORS: account menu link to the events one registered for. */
    {"my_events", N_("My events")},
    /* TRANSLATORS: account menu link to the screens where organisers manage their events. */
    {"organise", N_("Organise")},
};

void accounts_register_strings(void) { I18N_ADD_UI_STRINGS(account_strings); }
