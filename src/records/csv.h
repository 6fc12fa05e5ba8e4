/* Spreadsheet cells that are safe to open: CSV per RFC 4180 and the
 * defusing of text a spreadsheet would run as a formula. */
#ifndef DXHUB_RECORDS_CSV_H
#define DXHUB_RECORDS_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"

/* True when a spreadsheet could read s as a formula: it starts with '=',
 * '+', '-', '@', a tab or a carriage return, or with the fullwidth form of
 * one of those four signs (U+FF1D, U+FF0B, U+FF0D, U+FF20), which
 * spreadsheets read as the sign itself. NULL is false. */
bool cell_is_risky(const char *s);
/* s itself, or, when cell_is_risky(s), a copy (arena) with "'" before it,
 * so that it shows as typed. NULL reads as "". */
const char *cell_defuse(struct arena *a, const char *s);

/* Appends one CSV record of n cells (NULL cells are empty) to b: each cell
 * defused, then quoted when it holds a comma, a double quote, CR or LF
 * (quotes doubled inside), separated by commas and ended with CRLF. */
void csv_row(struct buf *b, const char *const cells[], size_t n);

#endif
