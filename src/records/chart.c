/* SVG bar and step charts, made on the server. */
#include "records/chart.h"

#include <string.h>

#include "core/buf.h"

#define LABEL_MAX_CHARS 48
#define ROW_HEIGHT 46

int64_t chart_nice_max(int64_t max)
{
    if (max <= 1)
        return 1;
    for (int64_t power = 1;; power *= 10) {
        if (max <= power)
            return power;
        if (max <= 2 * power)
            return 2 * power;
        if (max <= 5 * power)
            return 5 * power;
        if (power > INT64_MAX / 100)
            return max;
    }
}

double chart_scale(int64_t value, int64_t axis_max, double length)
{
    if (axis_max <= 0 || value <= 0)
        return 0;
    if (value >= axis_max)
        return length;
    return (double)value / (double)axis_max * length;
}

/* Appends text escaped, cut to LABEL_MAX_CHARS characters with "…". */
static void put_label(struct buf *b, const char *s)
{
    size_t chars = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > LABEL_MAX_CHARS)
            break;
    }
    buf_append_html(b, s, i);
    if (s[i])
        buf_puts(b, "…");
}

static void open_svg(struct buf *b, const char *id, const char *title, int height)
{
    buf_printf(b,
               "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-title\" "
               "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"%s-title\">",
               CHART_WIDTH, height, id, id);
    buf_append_html(b, title, strlen(title));
    buf_puts(b, "</title>");
}

static char *close_svg(struct arena *a, struct buf *b)
{
    buf_puts(b, "</svg>");
    char *out = arena_strdup(a, buf_str(b));
    buf_free(b);
    return out;
}

char *chart_bars_svg(struct arena *a, const char *id, const char *title, const struct chart_bar *bars, size_t n)
{
    int64_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (bars[i].value > max)
            max = bars[i].value;
    int64_t top = chart_nice_max(max);
    /* Room after the longest bar for its number. */
    const double length = CHART_WIDTH - 64;
    struct buf b = BUF_INIT;
    open_svg(&b, id, title, (int)n * ROW_HEIGHT + 4);
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * ROW_HEIGHT;
        double w = chart_scale(bars[i].value, top, length);
        buf_printf(&b, "<text class=\"chart__label\" x=\"0\" y=\"%d\">", y + 17);
        put_label(&b, bars[i].label ? bars[i].label : "");
        buf_puts(&b, "</text>");
        buf_printf(&b, "<rect class=\"chart__track\" x=\"0\" y=\"%d\" width=\"%.1f\" height=\"16\" rx=\"3\"/>", y + 24,
                   length);
        if (w > 0)
            buf_printf(&b,
                       "<rect class=\"chart__bar\" x=\"0\" y=\"%d\" width=\"%.1f\" height=\"16\" rx=\"3\" "
                       "fill=\"currentColor\"/>",
                       y + 24, w);
        buf_printf(&b, "<text class=\"chart__value\" x=\"%.1f\" y=\"%d\">%lld</text>", length + 8, y + 37,
                   (long long)bars[i].value);
    }
    return close_svg(a, &b);
}

char *chart_steps_svg(struct arena *a, const char *id, const char *title, const struct chart_point *points, size_t n,
                      const char *first_label, const char *last_label)
{
    enum { LEFT = 48, RIGHT = CHART_WIDTH - 12, TOP = 14, BOTTOM = 186, HEIGHT = 224 };
    int64_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (points[i].y > max)
            max = points[i].y;
    int64_t top = chart_nice_max(max);
    struct buf b = BUF_INIT;
    open_svg(&b, id, title, HEIGHT);
    /* Axes, a grid line at the top of the scale, and its numbers. */
    buf_printf(&b, "<path class=\"chart__grid\" d=\"M%d %dH%d\" stroke=\"currentColor\" fill=\"none\"/>", LEFT, TOP,
               RIGHT);
    buf_printf(&b, "<path class=\"chart__axis\" d=\"M%d %dV%dH%d\" stroke=\"currentColor\" fill=\"none\"/>", LEFT, TOP,
               BOTTOM, RIGHT);
    buf_printf(&b, "<text class=\"chart__tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>", LEFT - 8, TOP + 5,
               (long long)top);
    buf_printf(&b, "<text class=\"chart__tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", LEFT - 8, BOTTOM + 5);
    if (n) {
        const double width = RIGHT - LEFT, height = BOTTOM - TOP;
        double y = BOTTOM;
        buf_printf(&b, "<path class=\"chart__line\" d=\"M%d %d", LEFT, BOTTOM);
        for (size_t i = 0; i < n; i++) {
            double x = LEFT + (points[i].x < 0 ? 0 : points[i].x > 1 ? 1 : points[i].x) * width;
            y = BOTTOM - chart_scale(points[i].y, top, height);
            buf_printf(&b, "H%.1fV%.1f", x, y);
        }
        buf_printf(&b, "H%d\" stroke=\"currentColor\" stroke-width=\"3\" fill=\"none\"/>", RIGHT);
    }
    buf_printf(&b, "<text class=\"chart__tick\" x=\"%d\" y=\"%d\">", LEFT, HEIGHT - 8);
    put_label(&b, first_label ? first_label : "");
    buf_printf(&b, "</text><text class=\"chart__tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">", RIGHT, HEIGHT - 8);
    put_label(&b, last_label ? last_label : "");
    buf_puts(&b, "</text>");
    return close_svg(a, &b);
}
