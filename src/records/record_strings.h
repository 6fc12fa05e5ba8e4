/* The interface strings (t.* in templates) of event records and statistics, in every language. */
#ifndef DXHUB_RECORDS_RECORD_STRINGS_H
#define DXHUB_RECORDS_RECORD_STRINGS_H

/* Registers them; called once at start by app_register_strings(). */
void records_register_strings(void);

#endif
