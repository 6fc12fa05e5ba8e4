/* The interface strings (t.* in templates) of registration, in every language. */
#ifndef DXHUB_REGISTRATION_REGISTRATION_STRINGS_H
#define DXHUB_REGISTRATION_REGISTRATION_STRINGS_H

/* Registers them; called once at start by app_register_strings(). */
void registration_register_strings(void);

#endif
