/* The interface strings of event records (the record editor and the record
 * on the event page) and of event statistics, under the keys their
 * templates use ({{t.rec_*}}, {{t.st_*}}). */
#include "records/record_strings.h"

#include "i18n/i18n.h"

static const struct ui_string record_strings[] = {
    /* The record editor */
    {"rec_intro", N_("What the event leaves behind: the outcome summary and its proposals, recordings, documents and "
                     "the graphic summary. Everything saved here appears on the event page.")},
    {"rec_outcome", N_("Outcome summary")},
    {"rec_outcome_langs", N_("To write the summary in another language, first give the event a title in that "
                             "language.")},
    {"rec_recording_url", N_("Link to the recording")},
    {"rec_recording_hint", N_("Optional. The full address of the video, starting with https://. The event page "
                              "shows it as a button.")},
    /* TRANSLATORS: button that shows the Markdown as it will look, without saving it. */
    {"rec_preview", N_("Preview")},
    /* TRANSLATORS: heading above the rendered Markdown of one language. */
    {"rec_preview_of", N_("Preview, not saved yet")},
    {"rec_save", N_("Save the summary")},
    {"rec_proposals", N_("Proposals")},
    {"rec_proposals_intro", N_("Each proposal keeps its own address when you edit or move it, so that forum topics "
                               "and the library can link to it.")},
    {"rec_no_proposals", N_("No proposals yet.")},
    {"rec_title", N_("Title")},
    {"rec_body", N_("Text")},
    /* TRANSLATORS: opens the form that edits one proposal. */
    {"rec_edit", N_("Edit")},
    {"rec_save_proposal", N_("Save the proposal")},
    {"rec_add_proposal", N_("Add a proposal")},
    {"rec_move_up", N_("Move up")},
    {"rec_move_down", N_("Move down")},
    {"rec_delete", N_("Delete")},
    {"rec_documents", N_("Recordings, documents and graphic summary")},
    {"rec_no_documents", N_("Nothing attached yet.")},
    {"rec_add_document", N_("Attach a recording, a document or the graphic summary")},
    /* TRANSLATORS: legend of the choice between recording, document and graphic summary. */
    {"rec_kind", N_("What it is")},
    {"rec_doc_title_hint", N_("The link's text; for an image, also its text alternative for those who cannot see "
                              "it.")},
    {"rec_doc_lang", N_("Language")},
    {"rec_doc_lang_all", N_("Any language")},
    {"rec_source", N_("A link or a file")},
    {"rec_url", N_("Link")},
    {"rec_url_hint", N_("The full address, starting with https://")},
    {"rec_file", N_("File")},
    {"rec_file_hint", N_("Up to 64 MB: an image (PNG, JPEG, WebP, GIF), a PDF, a video (MP4, WebM), audio (MP3, "
                         "Ogg, WAV), an OpenDocument or Word text, or plain text.")},
    /* TRANSLATORS: button that attaches a document to the event. */
    {"rec_attach", N_("Attach")},
    {"rec_back", N_("Back to the event page")},
    {"rec_manage_links", N_("The record's pages")},
    {"rec_export_csv", N_("Registrations as CSV")},
    {"rec_export_xlsx", N_("Registrations as Excel (XLSX)")},

    /* The record on the event page */
    {"rec_edit_record", N_("Edit the record: outcome, proposals, recordings and documents")},
    {"rec_summary", N_("Outcome summary")},
    {"rec_rooms", N_("From the live rooms")},
    /* TRANSLATORS: the label of a recording's captions track in the video player. */
    {"rec_captions", N_("Captions")},
    {"rec_captions_file", N_("Captions (WebVTT)")},
    {"rec_audio_fallback", N_("Your browser cannot play this recording here:")},
    {"rec_captions_label", N_("Captions (optional)")},
    {"rec_captions_hint", N_("For a recording uploaded here: a WebVTT file (.vtt). The player shows them, and "
                             "they can be downloaded.")},
    {"rec_doc_session", N_("Session")},
    {"rec_doc_session_none", N_("The whole event")},
    {"rec_doc_session_hint", N_("Give each session its own recording by choosing it here.")},
    {"rec_rooms_answered", N_("Questions answered")},
    {"rec_recordings", N_("Recordings")},
    {"rec_docs", N_("Documents")},
    {"rec_graphic", N_("Graphic summary")},
    {"rec_see_stats", N_("See the statistics")},
    {"rec_video_fallback", N_("Your browser cannot play this video here:")},

    /* Statistics */
    {"st_public_note", N_("These statistics are published: everyone can see them. They show numbers only, never a "
                          "person.")},
    {"st_private_note", N_("Only the event's organisers can see these statistics.")},
    {"st_publish", N_("Publish the statistics")},
    {"st_unpublish", N_("Make the statistics private again")},
    {"st_counts_note", N_("Countries, groups and languages count the current registrations: confirmed, awaiting "
                          "approval or on the waitlist.")},
    /* TRANSLATORS: column heading: a day or an hour. */
    {"st_when", N_("When")},
    /* TRANSLATORS: column heading: how many were added in that period. */
    {"st_new", N_("New")},
    /* TRANSLATORS: column heading: the running total. */
    {"st_total", N_("Total")},
    {"st_category", N_("Category")},
    /* TRANSLATORS: column heading: a count of registrations. */
    {"st_count", N_("Registrations")},
    {"st_none", N_("Nothing to count yet.")},
    {"st_exports", N_("Export the registrations")},
};

void records_register_strings(void)
{
    I18N_ADD_UI_STRINGS(record_strings);
}
