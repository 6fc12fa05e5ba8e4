/* PLACEHOLDER until registration land: no strings of their own yet. */
#include "registration/registration_strings.h"

void registration_register_strings(void) {}
