/* PLACEHOLDER until event records and statistics land: no strings of their own yet. */
#include "records/record_strings.h"

void records_register_strings(void) {}
