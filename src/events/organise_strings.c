/* The interface strings of the organiser screens (templates organise*.mustache,
 * partials/organise_*, partials/event_manage and the speakers of
 * partials/session), under the keys their templates use ({{t.og_...}}). */
#include "events/organise_strings.h"

#include "i18n/i18n.h"

static const struct ui_string organise_strings[] = {
    /* The list of one's events */
    {"og_my_events", N_("Events I organise")},
    {"og_admin_sees_all", N_("As an administrator, you see and manage every event.")},
    {"og_new_event", N_("New event")},
    {"og_events", N_("Events")},
    {"og_no_events_yet", N_("You do not organise any event yet. Start with “New event”.")},
    {"og_no_events_member", N_("You do not organise any event. An event's organisers can add you by your email "
                               "address.")},
    /* TRANSLATORS: link to an event's dashboard. */
    {"og_manage", N_("Manage")},
    {"og_edit", N_("Edit")},
    {"og_view_page", N_("See the event's page")},
    {"og_series_heading", N_("Series")},
    {"og_new_series", N_("New series")},

    /* The event on its page, for its organisers */
    /* TRANSLATORS: accessible name of the bar of organiser links on an event's page. */
    {"og_manage_region", N_("For the organisers")},
    {"og_manage_event", N_("Manage this event")},
    {"og_draft_banner", N_("Draft: only organisers see this page.")},

    /* The dashboard */
    {"og_draft_note", N_("This event is a draft: only its organisers see it. Publish it when it is ready.")},
    {"og_status", N_("Status")},
    {"og_before_publishing", N_("Before publishing")},
    {"og_cancel_intro", N_("Its page will say that it is cancelled and nobody can register any more. You can "
                           "publish it again later.")},
    {"og_cancel_notify", N_("Email its registrants that the event is cancelled (each in their own language)")},
    {"og_cancel_message", N_("A message to include (optional)")},
    {"og_cancel_message_hint", N_("For example, whether the event will take place at another time.")},
    {"og_cancel_confirm", N_("Yes, cancel the event")},
    {"og_back_to_dashboard", N_("No, back to the dashboard")},
    {"og_checklist_intro", N_("The event can be published, but people would miss something:")},
    {"og_publish_anyway", N_("Publish anyway")},
    /* TRANSLATORS: heading above the links to an event's organiser screens. */
    {"og_tools", N_("Run the event")},
    {"og_edit_event", N_("Edit the details and texts")},
    {"og_registration_settings", N_("Registration settings")},
    {"og_registrations", N_("Registrations")},
    {"og_message", N_("Write to registrants")},
    /* TRANSLATORS: link to the screen where recordings, documents and outcomes are added after the event. */
    {"og_record", N_("Record of the event")},
    {"og_stats", N_("Statistics")},
    {"og_add_session", N_("Add a session")},
    {"og_no_sessions", N_("No sessions yet.")},
    {"og_move_up", N_("Move up")},
    {"og_move_down", N_("Move down")},
    {"og_remove", N_("Remove")},
    {"og_no_partners", N_("No partners yet.")},
    {"og_add_partner", N_("Add a partner")},
    {"og_partner_name", N_("Name of the organisation")},
    {"og_partner_url", N_("Its website")},
    /* TRANSLATORS: link to a partner's logo image. */
    {"og_logo", N_("Logo")},
    {"og_organisers", N_("Organisers")},
    /* TRANSLATORS: marks the signed-in person in a list of people. */
    {"og_you", N_("you")},
    {"og_add_organiser", N_("Add an organiser")},
    {"og_organiser_email", N_("Their email address")},
    {"og_organiser_hint", N_("They need an account on the hub. Organisers can edit everything about this event.")},
    {"og_series_organisers_hint", N_("Only these people (and administrators) can edit this series.")},
    {"og_add_series_organiser", N_("Add an organiser (their email address)")},
    {"og_series_organiser_hint",
     N_("Optional. They need an account with the organiser role. Organisers can edit everything about this series.")},

    /* The event, session and series forms */
    {"og_main_language", N_("Main language")},
    {"og_main_language_hint", N_("The title is required in this language. Other languages are optional: readers see "
                                 "the main language where a text is missing.")},
    {"og_required", N_("required")},
    {"og_optional", N_("optional")},
    {"og_title", N_("Title")},
    {"og_summary", N_("Summary")},
    {"og_description", N_("Description")},
    {"og_markdown_hint", N_("You can use Markdown: *italics*, **bold**, [a link](https://example.org), lists "
                            "and headings.")},
    {"og_about", N_("About the event")},
    {"og_series", N_("Series")},
    {"og_no_series", N_("No series")},
    {"og_kind", N_("Type of event")},
    {"og_format", N_("Format")},
    {"og_place", N_("Place")},
    {"og_place_hint", N_("Required for an event in person or hybrid: the venue and city.")},
    {"og_languages", NC_("event", "Languages spoken")},
    {"og_interpretation", N_("Interpretation offered into")},
    {"og_when", NC_("event form: the fieldset of start and end", "When")},
    {"og_when_hint", N_("Give the local date and time in the event's time zone. Everyone else sees them in their "
                        "own time zone too.")},
    {"og_zone", N_("Time zone of the event")},
    {"og_precision", N_("How precisely is the date known?")},
    {"og_start", N_("Start")},
    {"og_end", N_("End")},
    {"og_date", N_("Date")},
    {"og_time", N_("Time")},
    {"og_meeting_url", N_("Join link (meeting address)")},
    {"og_meeting_url_hint", N_("Shown only to confirmed participants, speakers and organisers.")},
    {"og_save", N_("Save")},
    /* TRANSLATORS: button that shows the form again with the texts rendered, saving nothing. */
    {"og_preview_button", N_("Preview")},
    {"og_preview", N_("Preview")},
    {"og_preview_note", N_("This is how the texts will read. Nothing has been saved yet.")},
    {"og_cancel", N_("Cancel")},
    {"og_times_in_zone", N_("Local times in the event's time zone:")},
    {"og_questions_hint", N_("One question per line. Line 1 in every language is question 1, line 2 question 2, "
                             "and so on.")},
    {"og_slug", N_("Web address")},
    {"og_slug_hint", N_("The last part of the series' address: lower-case letters, digits and hyphens.")},

    /* Speakers and moderators */
    {"og_people", N_("Speakers and moderators")},
    {"og_no_people", N_("No speakers or moderators yet.")},
    {"og_add_person", N_("Add a person")},
    {"og_role", N_("Role")},
    {"og_person_name", N_("Name")},
    {"og_affiliation", N_("Affiliation")},
    {"og_person_email", N_("Email of their account (optional)")},
    {"og_person_email_hint", N_("Links them to their account on the hub. Leave it empty for a guest.")},
    {"og_bio", N_("Short bio")},
    {"og_delete_session", N_("Delete the session")},
    {"og_delete_confirm", N_("Yes, delete this session with its guiding questions, speakers and moderators.")},
    {"og_speakers", N_("Speakers")},
    {"og_moderators", N_("Moderators")},
};

void organise_register_strings(void)
{
    I18N_ADD_UI_STRINGS(organise_strings);
}
