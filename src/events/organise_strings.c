/* PLACEHOLDER until the organiser screens land: no strings of their own yet. */
#include "events/organise_strings.h"

void organise_register_strings(void) {}
