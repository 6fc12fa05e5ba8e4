/* CSV records (RFC 4180) with formula defusing. */
#include "records/csv.h"

#include <string.h>

/* The fullwidth forms of '=', '+', '-' and '@' (U+FF1D, U+FF0B, U+FF0D,
 * U+FF20), which spreadsheets fold to the ASCII ones, in UTF-8. */
static const char *const fullwidth[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"};

bool cell_is_risky(const char *s)
{
    if (!s || !*s)
        return false;
    if (strchr("=+-@\t\r", *s))
        return true;
    for (size_t i = 0; i < sizeof fullwidth / sizeof fullwidth[0]; i++)
        if (strncmp(s, fullwidth[i], 3) == 0)
            return true;
    return false;
}

const char *cell_defuse(struct arena *a, const char *s)
{
    if (!s)
        return "";
    return cell_is_risky(s) ? arena_printf(a, "'%s", s) : s;
}

static void csv_cell(struct buf *b, const char *s)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_putc(b, '"');
    if (cell_is_risky(s))
        buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    if (quote)
        buf_putc(b, '"');
}

void csv_row(struct buf *b, const char *const cells[], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        csv_cell(b, cells[i] ? cells[i] : "");
    }
    buf_puts(b, "\r\n");
}
