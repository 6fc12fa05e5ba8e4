/* The interface strings of profiles, the directory, organisations, and the
 * account export and deletion pages, under the keys their templates use. */
#include "profiles/profile_strings.h"

#include "i18n/i18n.h"

static const struct ui_string profile_strings[] = {
    /* Editing one's profile */
    {"pr_edit_intro", N_("Your profile helps others find you and work with you. Nobody sees it until you choose "
                         "who can.")},
    {"pr_view_own", N_("See your profile as others see it")},
    {"pr_visibility", N_("Who can see your profile")},
    /* TRANSLATORS: checkbox on the profile form. */
    {"pr_in_directory", N_("List me in the directory of people")},
    {"pr_in_directory_hint", N_("Only those who can see your profile find you there. A profile that only you can "
                                "see is never listed.")},
    {"pr_display_name", N_("Name shown on your profile")},
    {"pr_display_name_hint", N_("It may differ from the name on your account.")},
    /* TRANSLATORS: the kind of actor someone is: diaspora member, government, NGO, researcher... */
    {"pr_group", N_("Stakeholder group")},
    /* TRANSLATORS: the choice of giving no stakeholder group. */
    {"pr_group_none", N_("Not given")},
    {"pr_origin", N_("Countries of origin")},
    {"pr_residence", N_("Countries of residence")},
    {"pr_countries_hint", N_("Choose one or more. With a keyboard or mouse, hold Ctrl (⌘ on a Mac) to choose "
                             "several.")},
    /* TRANSLATORS: followed by the countries chosen so far in a list. */
    {"pr_chosen", N_("Chosen:")},
    {"pr_languages", N_("Languages spoken")},
    {"pr_expertise", N_("Areas of expertise")},
    {"pr_expertise_hint", N_("Separate them with commas, for example: remittances, diaspora bonds, youth "
                             "entrepreneurship.")},
    {"pr_bio", N_("Short bio")},
    {"pr_markdown_hint", N_("You can use Markdown: *italics*, **bold**, [a link](https://example.org) and lists.")},
    {"pr_save", N_("Save my profile")},
    /* A profile */
    {"pr_edit", N_("Edit your profile")},
    /* TRANSLATORS: heading above a person's bio. */
    {"pr_about", N_("About")},
    {"pr_organisations", N_("Organisations")},
    /* The directory */
    {"pr_your_profile", N_("Your profile")},
    {"pr_filters", N_("Filter the directory")},
    {"pr_all_groups", N_("All groups")},
    {"pr_country", N_("Country of origin or residence")},
    {"pr_all_countries", N_("All countries")},
    /* TRANSLATORS: button that applies the directory's filters. */
    {"pr_filter", N_("Show")},
    {"pr_clear", N_("Clear the filters")},
    {"pr_results", N_("Profiles")},
    {"pr_no_people", N_("No profiles to show here yet.")},
    /* TRANSLATORS: link to the next page of the directory. */
    {"pr_more", N_("More")},
    {"pr_first", N_("Back to the first page")},

    /* Organisations */
    {"org_create", N_("Create an organisation")},
    {"org_none", N_("No organisations yet.")},
    {"org_more", N_("More organisations")},
    {"org_all", N_("All organisations")},
    /* TRANSLATORS: the countries an organisation works in. */
    {"org_countries", N_("Countries of operation")},
    {"org_website", N_("Website")},
    {"org_website_hint", N_("Optional. The full address, starting with https://")},
    {"org_edit", N_("Edit the organisation")},
    {"org_members", N_("Members")},
    {"org_invite", N_("Invite someone")},
    {"org_invite_hint", N_("They receive an email with a link to join as a member. You can make them an owner "
                           "afterwards.")},
    {"org_email", N_("Email address")},
    {"org_send_invite", N_("Send the invitation")},
    {"org_name", N_("Name")},
    /* TRANSLATORS: label of the list of kinds: NGO, government, private sector... */
    {"org_type", N_("Kind of organisation")},
    {"org_choose", N_("Choose…")},
    {"org_description", N_("Description")},
    {"org_save", N_("Save")},
    {"org_cancel", N_("Cancel")},
    {"org_see", N_("See the organisation's page")},
    {"org_join_explain", N_("Its owners will see that you are a member; others only if they can see your "
                            "profile. You can leave at any time.")},
    {"org_join_button", N_("Join the organisation")},
    {"org_already_member", N_("You are already a member of this organisation.")},
    {"org_go", N_("Go to the organisation's page")},
    {"org_join_invalid", N_("This invitation link has been used already, has expired, or is incomplete. Please ask "
                            "an owner of the organisation to invite you again.")},

    /* Deleting one's account */
    {"acct_delete_intro", N_("Deleting your account cannot be undone. This is what happens:")},
    {"acct_delete_removed", N_("Your personal data is removed: your name, email address and password, your profile, "
                               "your organisation memberships, your sessions, and the emails and links sent to "
                               "you.")},
    {"acct_delete_stays", N_("What you wrote in public places, such as forum posts and questions at events, stays "
                             "on the hub and is shown as written by a “former member”.")},
    {"acct_delete_audit", N_("The security log keeps its records of what was done with your account under the "
                             "account's number only, which no longer leads to your name or email address.")},
    {"acct_delete_export", N_("You may want to keep a copy of your data first.")},
    {"acct_download", N_("Download my data")},
    {"acct_delete_blocked", N_("You are the only owner of these organisations. Please make another member an owner "
                               "of each (on its page) before deleting your account:")},
    {"acct_password", N_("Your password")},
    {"acct_confirm", N_("I understand that my account will be deleted and that this cannot be undone.")},
    {"acct_delete_button", N_("Delete my account")},
    {"acct_goodbye", N_("Your personal data has been removed and you have been signed out. Thank you for taking "
                        "part.")},
};

void profiles_register_strings(void)
{
    I18N_ADD_UI_STRINGS(profile_strings);
}
