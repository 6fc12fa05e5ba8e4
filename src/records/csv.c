/* CSV records (RFC 4180) with formula defusing. */
#include "records/csv.h"

#include <string.h>

bool cell_is_risky(const char *s)
{
    return s && *s && strchr("=+-@\t\r", *s);
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
