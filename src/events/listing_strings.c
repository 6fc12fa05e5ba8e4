/* The interface strings of the event listing's filters and the event
 * page's facts, under the keys their templates use. */
#include "events/listing_strings.h"

#include "i18n/i18n.h"

static const struct ui_string listing_strings[] = {
    /* The filters of /events */
    /* TRANSLATORS: the name of the form that narrows the list of events. */
    {"ls_filters", N_("Filter events")},
    /* TRANSLATORS: the type of an event: virtual exchange, webinar, workshop... */
    {"ls_kind", N_("Type")},
    {"ls_all_kinds", N_("All types")},
    {"ls_language", N_("Language")},
    {"ls_all_languages", N_("All languages")},
    {"ls_language_hint", N_("Spoken or interpreted")},
    {"ls_all_series", N_("All series")},
    /* TRANSLATORS: button that applies the chosen filters to the list of events. */
    {"ls_apply", N_("Show events")},
    {"ls_clear", N_("Clear filters")},
    {"ls_no_upcoming_match", N_("No upcoming event matches these filters.")},
    {"ls_no_past_match", N_("No past event matches these filters.")},
    {"ls_no_past", N_("No past event yet.")},
    /* The facts of an event page */
    /* TRANSLATORS: online, in person or hybrid. */
    {"ls_format", N_("Format")},
    /* TRANSLATORS: the languages an event offers interpretation into. */
    {"ls_interpretation", N_("Interpretation")},
    /* TRANSLATORS: heading of the time an event ends. */
    {"ls_ends", N_("Ends")},
    {"ls_status", N_("Status")},
    {"ls_cancelled_note", N_("This event is cancelled.")},
};

void listing_register_strings(void)
{
    I18N_ADD_UI_STRINGS(listing_strings);
}
