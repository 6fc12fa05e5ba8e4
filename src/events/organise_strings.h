/* The interface strings (t.* in templates) of the organiser screens, in every language. */
#ifndef DXHUB_EVENTS_ORGANISE_STRINGS_H
#define DXHUB_EVENTS_ORGANISE_STRINGS_H

/* Registers them; called once at start by app_register_strings(). */
void organise_register_strings(void);

#endif
