/* The interface strings (t.* in templates) of the event listing's filters
 * and the event page's facts, in every language. */
#ifndef DXHUB_EVENTS_LISTING_STRINGS_H
#define DXHUB_EVENTS_LISTING_STRINGS_H

/* Registers them; called once at start by app_register_strings(). */
void listing_register_strings(void);

#endif
