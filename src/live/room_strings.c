/* The interface strings of live rooms ({{t.room_*}}): the room page, the
 * presenter view, and the room links on the event page. */
#include "i18n/i18n.h"
#include "live/room_pages.h"

static const struct ui_string room_strings[] = {
    {"room_live_room", N_("Live room")},
    /* TRANSLATORS: link from a session on the event page to its live room (or, afterwards, its archive). */
    {"room_link", N_("Live room: questions, polls and chat")},
    {"room_present", N_("Presenter view")},
    {"room_back_to_room", N_("Back to the room")},
    {"room_not_yet", N_("This room is not open yet.")},
    /* TRANSLATORS: followed by a date and time. */
    {"room_opens_at", N_("It opens on")},
    {"room_archive_note", N_("This room is closed. It is kept as a read-only archive of its questions, polls and "
                             "chat.")},
    {"room_now_answering", N_("Now answering")},
    {"room_top_questions", N_("Top questions")},
    {"room_questions", N_("Questions")},
    {"room_your_question", N_("Your question")},
    {"room_ask_hint", N_("Up to 500 characters.")},
    {"room_premoderated", N_("Moderators approve each question before others see it.")},
    {"room_question_language", N_("Language of your question")},
    {"room_anonymous", N_("Show my question as anonymous")},
    {"room_anonymous_hint", N_("Other participants will not see your name; the moderators will.")},
    /* TRANSLATORS: button that sends a question to the live room. */
    {"room_ask", N_("Ask")},
    {"room_signin_to_take_part", N_("Sign in to ask, vote and chat")},
    {"room_sort_filter", N_("Sort and filter the questions")},
    {"room_sort", N_("Sort:")},
    {"room_sort_votes", N_("most voted")},
    {"room_sort_time", N_("newest")},
    {"room_filter_language", N_("Language:")},
    {"room_no_questions", N_("No questions yet.")},
    {"room_pending", N_("Awaiting approval")},
    {"room_answered", N_("Answered")},
    {"room_hidden", N_("Hidden by the moderators")},
    {"room_shown_anonymous", N_("(shown to others as anonymous)")},
    {"room_upvote", N_("Upvote")},
    {"room_unvote", N_("Withdraw my vote")},
    {"room_moderate", N_("Moderate")},
    {"room_approve", N_("Approve")},
    {"room_pin", N_("Pin: now answering")},
    {"room_mark_answered", N_("Mark as answered")},
    {"room_hide_reason", N_("Reason")},
    {"room_hide", N_("Hide")},
    {"room_merge_into", N_("Duplicate of question number")},
    {"room_merge", N_("Merge")},
    {"room_merge_more", N_("Merge as a duplicate")},
    /* TRANSLATORS: heading of the moderators' list of questions not shown to others yet; a count follows. */
    {"room_queue", N_("Questions awaiting approval")},
    {"room_queue_empty", N_("No question is waiting for approval.")},
    {"room_queue_hint", N_("Approve a question to show it to everyone; pinning or marking it answered approves it "
                           "too.")},
    {"room_asked", N_("Your question was sent.")},
    {"room_asked_pending", N_("Your question was sent. Others will see it once a moderator approves it.")},
    {"room_log", N_("Moderation log")},
    {"room_log_intro", N_("What the moderators hid and why. The hidden texts are not shown; whoever asked a hidden "
                          "question still sees it and the reason.")},
    {"room_log_empty", N_("Nothing hidden so far.")},
    {"room_polls", N_("Polls")},
    {"room_no_polls", N_("No polls yet.")},
    {"room_poll_draft", N_("Not open yet")},
    {"room_poll_open", N_("Open")},
    {"room_poll_closed", N_("Closed")},
    {"room_poll_vote", N_("Vote")},
    {"room_poll_thanks", N_("You have answered this poll.")},
    {"room_poll_do_open", N_("Open the poll")},
    {"room_poll_do_close", N_("Close the poll")},
    {"room_poll_show", N_("Show the results")},
    {"room_poll_hide", N_("Hide the results")},
    {"room_poll_new", N_("New poll")},
    {"room_poll_question", N_("Question")},
    {"room_poll_options", N_("Choices")},
    {"room_poll_options_hint", N_("One per line, from 2 to 10.")},
    {"room_poll_multiple", N_("Several choices allowed")},
    {"room_poll_open_now", N_("Open it now")},
    {"room_poll_create", N_("Create the poll")},
    {"room_chat", N_("Chat")},
    {"room_chat_off", N_("The chat is turned off.")},
    {"room_chat_message", N_("Your message")},
    {"room_chat_send", N_("Send")},
    {"room_settings", N_("Room settings")},
    {"room_set_premoderation", N_("Approve questions before they are shown (pre-moderation)")},
    {"room_set_chat", N_("Chat on")},
    {"room_set_opens", N_("Opens on")},
    {"room_set_opens_hint", N_("Leave empty to open the room now. In the event's time zone")},
    {"room_date", N_("Date")},
    {"room_time", N_("Time")},
    {"room_settings_save", N_("Save the settings")},
    {"room_close", N_("Close the room")},
    {"room_reopen", N_("Open the room again")},
    {"room_copy_outcome", N_("Copy answered questions and poll results into the outcome summary")},
    {"room_copy_outcome_hint", N_("They are added at the end of the event's outcome summary, in each of its "
                                  "languages; you can edit it on the record page afterwards.")},
};

void rooms_register_strings(void)
{
    I18N_ADD_UI_STRINGS(room_strings);
}
