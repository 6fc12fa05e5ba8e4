/* The interface strings (t.* in templates) of registration: the event
 * page's box, the participants' and organisers' pages, and the emails. */
#include "registration/registration_strings.h"

#include "i18n/i18n.h"

static const struct ui_string registration_strings[] = {
    /* The box on the event page */
    {"reg_box_title", N_("Registration")},
    {"reg_register", N_("Register")},
    /* TRANSLATORS: button when every seat is taken. */
    {"reg_join_waitlist", N_("Join the waitlist")},
    {"reg_signin", N_("Sign in to register")},
    {"reg_full", N_("All seats are taken: new registrations join the waitlist.")},
    /* TRANSLATORS: followed by a date and time. */
    {"reg_closes_on", N_("Registration closes on")},
    /* TRANSLATORS: followed by a date and time. */
    {"reg_opens_on", N_("Registration opens on")},
    {"reg_closed", N_("Registration is closed.")},
    {"reg_off", N_("This event does not take registrations here.")},
    {"reg_join", N_("Join the event")},
    {"reg_see_registration", N_("See your registration")},
    {"reg_settings_nav", N_("Registration settings")},
    {"reg_list", N_("Registrations")},
    {"reg_message_nav", N_("Write to registrants")},
    {"reg_manage_nav", N_("Managing registration")},

    /* The form */
    {"reg_required", N_("(required)")},
    {"reg_several", N_("You may choose several.")},
    {"reg_choose_country", N_("Choose a country…")},
    {"reg_submit", N_("Register")},
    {"reg_back", N_("Back to the event")},
    {"reg_no_questions", N_("The organisers ask no questions: press the button to register.")},

    /* One's registration */
    {"reg_status", N_("Status")},
    {"reg_waitlist", N_("Waitlist")},
    {"reg_registered_on", N_("Registered on")},
    {"reg_your_answers", N_("Your answers")},
    {"reg_not_registered", N_("You are not registered for this event.")},
    {"reg_cancel_title", N_("Cannot come after all?")},
    {"reg_cancel_explain", N_("Cancelling frees your seat for the next person on the waitlist. You can register "
                              "again later if registration is still open.")},
    {"reg_cancel_button", N_("Cancel my registration")},
    {"reg_keep", N_("Keep my registration")},
    {"reg_nothing_to_cancel", N_("This registration is not active, so there is nothing to cancel.")},

    /* My events and the calendar feed */
    {"reg_no_events", N_("You have not registered for any event yet.")},
    {"reg_feed_title", N_("Your calendar")},
    {"reg_feed_intro", N_("Subscribe to your events in your calendar application: it shows every event you "
                          "registered for and keeps them up to date. The address is private, like a password.")},
    {"reg_feed_make", N_("Make my calendar address")},
    {"reg_feed_renew", N_("Make a new calendar address")},
    {"reg_feed_exists", N_("You have a calendar address. For your safety it is shown only once, when it is made: "
                           "make a new one if you need it again (the old one then stops working).")},
    {"reg_feed_new", N_("Here is your new calendar address. Copy it now: it will not be shown again. Any "
                        "earlier address has stopped working.")},
    {"reg_feed_subscribe", N_("Subscribe in my calendar")},
    {"reg_feed_address", N_("Calendar address")},

    /* Organisers: settings and questions */
    {"reg_enabled", N_("This event takes registrations")},
    {"reg_capacity", N_("Capacity (seats)")},
    {"reg_capacity_hint", N_("Leave empty for no limit. Raising it gives the new seats to the waitlist at once.")},
    {"reg_opens", N_("Registration opens")},
    {"reg_opens_hint", N_("Leave empty to open it now.")},
    {"reg_closes", N_("Registration closes")},
    {"reg_closes_hint", N_("Leave empty to keep it open until the event ends.")},
    /* TRANSLATORS: followed by a time zone name such as Europe/Brussels. */
    {"reg_zone_hint", N_("Local time in the event's time zone:")},
    {"reg_date", N_("Date")},
    {"reg_time", N_("Time")},
    {"reg_approval", N_("The organisers approve each registration")},
    {"reg_approval_hint", N_("People then wait for your approval; once approved they get a seat, or a place on "
                             "the waitlist when the seats are taken.")},
    {"reg_save_settings", N_("Save the settings")},
    {"reg_questions", N_("Questions of the registration form")},
    {"reg_no_questions_yet", N_("No questions yet: people register with one button.")},
    {"reg_q_add", N_("Add a question")},
    {"reg_q_edit", N_("Edit")},
    /* TRANSLATORS: moves a question earlier in the form. */
    {"reg_q_up", N_("Move up")},
    {"reg_q_down", N_("Move down")},
    {"reg_q_delete", N_("Delete")},
    {"reg_q_kind", N_("Kind of question")},
    {"reg_q_required", N_("An answer is required")},
    {"reg_q_required_hint", N_("A consent question is always required.")},
    {"reg_q_event_language", N_("(the event's language: required)")},
    {"reg_q_label", N_("Question")},
    {"reg_q_choices", N_("Choices, one per line")},
    {"reg_q_choices_hint", N_("Only for the kinds with choices. Give the same choices in the same order in every "
                              "language, or leave a language empty to show the event's own.")},
    {"reg_q_save", N_("Save the question")},
    {"reg_back_settings", N_("Back to the registration settings")},

    /* Organisers: the list and messages */
    {"reg_person", N_("Person")},
    {"reg_position", N_("Place on the waitlist")},
    {"reg_filter", N_("Show")},
    {"reg_approve", N_("Approve")},
    {"reg_decline", N_("Decline")},
    {"reg_none", N_("No registrations to show.")},
    {"reg_message_intro", N_("Each person receives your message by email, with the event's details and their "
                             "own links around it in their language. Your text goes out as you write it.")},
    {"reg_message_to", N_("Send to")},
    {"reg_message_subject", N_("Subject")},
    {"reg_message_body", N_("Message")},
    {"reg_message_hint", N_("Plain text. Line breaks are kept.")},
    {"reg_message_send", N_("Send the message")},

    /* Emails (each email's subject is followed by the event's title) */
    /* TRANSLATORS: in an email, followed by the date and time of an event. */
    {"reg_mail_when", N_("When:")},
    /* TRANSLATORS: in an email, followed by the same time on the reader's own clock. */
    {"reg_mail_when_yours", N_("Your time:")},
    {"reg_mail_manage", N_("Your registration:")},
    {"reg_mail_manage_action", N_("See your registration")},
    {"reg_mail_cancel", N_("Cannot come after all? Cancel in one click, so that your seat can go to someone "
                           "else:")},
    {"reg_mail_cancel_action", N_("Cancel my registration")},
    {"reg_mail_join", N_("To join on the day, use this link (it works once your seat is confirmed):")},
    {"reg_mail_calendar", N_("The calendar file attached adds the event to your calendar.")},
    {"reg_mail_confirmed_subject", N_("Registration confirmed:")},
    {"reg_mail_confirmed_intro", N_("Your registration is confirmed: a seat is yours.")},
    {"reg_mail_promoted_subject", N_("A seat is yours:")},
    {"reg_mail_promoted_intro", N_("Good news: a seat has freed up and it is yours. Your registration is now "
                                   "confirmed.")},
    {"reg_mail_waitlisted_subject", N_("On the waitlist:")},
    {"reg_mail_waitlisted_intro", N_("Thank you for registering. All seats are taken for now, so you are on the "
                                     "waitlist.")},
    /* TRANSLATORS: followed by a number: the person's place in the queue. */
    {"reg_mail_position", N_("Your place on the waitlist:")},
    {"reg_mail_waitlisted_next", N_("As soon as a seat frees up for you, it is yours and we email you.")},
    {"reg_mail_pending_subject", N_("Registration received:")},
    {"reg_mail_pending_intro", N_("Thank you for registering. The organisers confirm each registration: you will "
                                  "get an email once they have decided.")},
    {"reg_mail_declined_subject", N_("Registration declined:")},
    {"reg_mail_declined_intro", N_("We are sorry: the organisers could not accept your registration for this "
                                   "event.")},
    {"reg_mail_cancelled_subject", N_("Registration cancelled:")},
    {"reg_mail_cancelled_intro", N_("Your registration has been cancelled. If this was a mistake, you can register "
                                    "again on the event's page while registration is open.")},
    {"reg_mail_event_cancelled_subject", N_("Cancelled:")},
    {"reg_mail_event_cancelled_intro", N_("We are sorry: the organisers have cancelled this event, for which you "
                                          "were registered. There is nothing you need to do.")},
    {"reg_mail_event_cancelled_note", N_("A word from the organisers:")},
    {"reg_mail_message_intro", N_("The organisers of this event have sent this message to its registrants:")},
    {"reg_mail_reminder_24h_subject", N_("Tomorrow:")},
    {"reg_mail_reminder_24h_intro", N_("A reminder: you are registered for this, starting in about 24 hours.")},
    {"reg_mail_reminder_1h_subject", N_("In one hour:")},
    {"reg_mail_reminder_1h_intro", N_("A reminder: you are registered for this, starting in about one hour.")},
    /* TRANSLATORS: in a reminder email, followed by a session's title. */
    {"reg_mail_session", N_("Session:")},
};

void registration_register_strings(void)
{
    I18N_ADD_UI_STRINGS(registration_strings);
}
