/* The strings of the base layout and the error pages, under the keys templates use ({{t.nav_home}}),
 * and their translated JSON objects, one per language, shared by every request. */
#include <assert.h>

#include "core/json_arena.h"
#include "i18n/i18n.h"
#include "i18n/ui_strings.h"

#define MAX_TABLES 32

static struct {
    const struct ui_string *table;
    size_t n;
} extra[MAX_TABLES];
static size_t nextra;

void i18n_add_ui_strings(const struct ui_string *table, size_t n)
{
    assert(nextra < MAX_TABLES);
    extra[nextra].table = table;
    extra[nextra].n = n;
    nextra++;
}

/* Other modules use some of these msgids with _() directly (the error pages): keep them exact. */
static const struct ui_string ui_strings[] = {
    {"site_name", N_("Diaspora Exchange Hub")},
    {"tagline", N_("Where diasporas, policymakers and partners meet, learn and act together")},
    {"nav_home", N_("Home")},
    {"nav_events", N_("Events")},
    {"nav_about", N_("About")},
    /* TRANSLATORS: accessible name of the site's main menu, read by screen readers. */
    {"nav_main", N_("Main navigation")},
    /* TRANSLATORS: the button that opens the site's menu on a phone. */
    {"menu", N_("Menu")},
    /* TRANSLATORS: link for keyboard users that jumps over the menu. */
    {"skip", N_("Skip to main content")},
    /* TRANSLATORS: label of the language switcher. */
    {"language", N_("Language")},
    /* TRANSLATORS: button or link to log in. */
    {"signin", N_("Sign in")},
    {"fallback_note", N_("Not yet translated")},
    {"request_id", N_("Request ID")},
    {"footer_note", N_("dxhub is free software you can host yourself.")},
    {"err_400", N_("Bad request")},
    {"err_400_text", N_("The request could not be understood. Please check what you sent and try again.")},
    {"err_403", N_("Forbidden")},
    {"err_404", N_("Page not found")},
    {"err_404_text", N_("There is nothing at this address. It may have moved, or the link may be mistyped.")},
    {"err_405", N_("Method not allowed")},
    {"err_405_text", N_("This page cannot be used that way.")},
    {"err_413", N_("Request too large")},
    {"err_413_text", N_("What you sent is larger than this hub accepts.")},
    {"err_431", N_("Request headers too large")},
    {"err_500", N_("Something went wrong")},
    {"err_500_text", N_("An unexpected error happened on our side. It has been logged; please try again later.")},
    {"err_503", N_("Service unavailable")},
    {"back_home", N_("Back to the home page")},
    /* TRANSLATORS: heading above the virtual exchanges still to come. */
    {"upcoming", N_("Upcoming exchanges")},
    {"past", N_("Past exchanges")},
    /* TRANSLATORS: label before the name of the series an event belongs to (one series). */
    {"series", N_("Series")},
    {"sessions", N_("Sessions")},
    /* TRANSLATORS: the questions a session is built around, put to the panellists. */
    {"guiding_questions", N_("Guiding questions")},
    /* TRANSLATORS: organisations that co-organise or support an event. */
    {"partners", N_("Partners")},
    {"participants", N_("Participants")},
    /* TRANSLATORS: the languages an event is held or interpreted in. */
    {"languages", N_("Languages")},
    /* TRANSLATORS: what came out of an event: summaries, recommendations. */
    {"outcomes", N_("Outcomes")},
    /* TRANSLATORS: policy proposals that came out of the discussions. */
    {"proposals", N_("Proposals")},
    /* TRANSLATORS: the video recording of a session. */
    {"recording", N_("Recording")},
    /* TRANSLATORS: column heading: the time in the event's own time zone. */
    {"time_event", N_("Event time")},
    /* TRANSLATORS: column heading: the same time in the visitor's time zone. */
    {"time_yours", N_("Your time")},
    {"your_timezone", N_("Your time zone")},
    /* TRANSLATORS: link to the time-zone picker, when none is chosen yet. */
    {"choose_timezone", N_("Choose your time zone")},
    /* TRANSLATORS: button that sets the time zone to the one the browser reports, followed by the zone in brackets, e.g. "Use my time zone (America/Bogota)". */
    {"use_my_timezone", N_("Use my time zone")},
    /* TRANSLATORS: button that applies the chosen time zone. */
    {"set", N_("Set")},
    {"date_tba", N_("Date to be announced")},
    {"all_events", N_("All events")},
    {"read_more", N_("Read more")},
    {"add_to_calendar", N_("Add to my calendar")},
    /* TRANSLATORS: a link that makes a calendar application follow all editions of the series. */
    {"subscribe_calendar", N_("Subscribe in my calendar")},
    {"download_calendar", N_("Download the calendar file (.ics)")},
    {"about_title", N_("About this hub")},
    {"no_upcoming", N_("No exchange is scheduled right now. Past editions and their outcomes are below.")},
    /* TRANSLATORS: language names, in the interface language (the switcher shows native names). */
    {"lang_en", N_("English")},
    {"lang_fr", N_("French")},
    {"lang_es", N_("Spanish")},
};

static json_t *objects[LANG_COUNT];

void ui_strings_build(void)
{
    ui_strings_free();
    /* Kept for the process's life: never in a request's arena. */
    struct arena *outer = json_arena_use(NULL);
    for (int l = 0; l < LANG_COUNT; l++) {
        i18n_use((enum lang)l);
        json_t *o = json_object();
        for (size_t i = 0; i < sizeof ui_strings / sizeof ui_strings[0]; i++)
            json_object_set_new(o, ui_strings[i].key, json_string(i18n_ctx(ui_strings[i].msgid)));
        for (size_t k = 0; k < nextra; k++)
            for (size_t i = 0; i < extra[k].n; i++)
                json_object_set_new(o, extra[k].table[i].key, json_string(i18n_ctx(extra[k].table[i].msgid)));
        objects[l] = o;
    }
    json_arena_use(outer);
}

void ui_strings_free(void)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        json_decref(objects[l]);
        objects[l] = NULL;
    }
}

json_t *i18n_ui_strings(enum lang lang)
{
    assert(lang >= 0 && lang < LANG_COUNT);
    return objects[lang];
}
