/* SVG bar and step charts, made on the server. */
#include "records/chart.h"

#include <stdbool.h>
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

enum { LEFT = 48, RIGHT = CHART_WIDTH - 12, TOP = 22, BOTTOM = 186, TICK_Y = 210, CAPTION_Y = 236 };

/* About how wide a tick label is drawn (the phone stylesheet's 16 units a
 * character at most, 8.5 on average for these labels). */
static double label_width(const char *s)
{
    size_t chars = 0;
    for (; *s; s++)
        chars += ((unsigned char)*s & 0xC0) != 0x80;
    return (double)(chars > LABEL_MAX_CHARS ? LABEL_MAX_CHARS : chars) * 8.5;
}

struct placed {
    double from, to;
};

/* Places the label of t under the axis unless it overlaps one of placed[0..*n). */
static void tick_put(struct buf *b, const struct chart_tick *t, struct placed *placed, size_t *n)
{
    const double width = RIGHT - LEFT, gap = 12;
    double x = LEFT + (t->x < 0 ? 0 : t->x > 1 ? 1 : t->x) * width, w = label_width(t->label);
    double from = x - w / 2 < LEFT ? LEFT : x + w / 2 > RIGHT ? RIGHT - w : x - w / 2;
    for (size_t i = 0; i < *n; i++)
        if (from < placed[i].to + gap && from + w + gap > placed[i].from)
            return;
    placed[(*n)++] = (struct placed){from, from + w};
    const char *anchor = from == LEFT ? "start" : from + w >= RIGHT ? "end" : "middle";
    double tx = from == LEFT ? LEFT : from + w >= RIGHT ? RIGHT : x;
    buf_printf(b, "<path class=\"chart__axis\" d=\"M%.1f %dV%d\" stroke=\"currentColor\" fill=\"none\"/>", x, BOTTOM,
               BOTTOM + 6);
    buf_printf(b, "<text class=\"chart__tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">", tx, TICK_Y, anchor);
    put_label(b, t->label ? t->label : "");
    buf_puts(b, "</text>");
}

char *chart_steps_svg(struct arena *a, const char *id, const char *title, const struct chart_point *points, size_t n,
                      const struct chart_tick *ticks, size_t nticks, const char *caption)
{
    bool captioned = caption && *caption;
    int64_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (points[i].y > max)
            max = points[i].y;
    int64_t top = chart_nice_max(max);
    struct buf b = BUF_INIT;
    open_svg(&b, id, title, captioned ? CAPTION_Y + 10 : TICK_Y + 12);
    /* Axes, a grid line at the top of the scale, and its numbers. */
    buf_printf(&b, "<path class=\"chart__grid\" d=\"M%d %dH%d\" stroke=\"currentColor\" fill=\"none\"/>", LEFT, TOP,
               RIGHT);
    buf_printf(&b, "<path class=\"chart__axis\" d=\"M%d %dV%dH%d\" stroke=\"currentColor\" fill=\"none\"/>", LEFT, TOP,
               BOTTOM, RIGHT);
    buf_printf(&b, "<text class=\"chart__tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>", LEFT - 8, TOP + 5,
               (long long)top);
    buf_printf(&b, "<text class=\"chart__tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", LEFT - 8, BOTTOM + 5);
    const double width = RIGHT - LEFT, height = BOTTOM - TOP;
    if (n == 1) {
        /* One day or hour: a bar, since a line needs two. */
        double x = LEFT + (points[0].x < 0 ? 0 : points[0].x > 1 ? 1 : points[0].x) * width;
        double y = BOTTOM - chart_scale(points[0].y, top, height);
        buf_printf(&b,
                   "<rect class=\"chart__bar\" x=\"%.1f\" y=\"%.1f\" width=\"28\" height=\"%.1f\" rx=\"3\" "
                   "fill=\"currentColor\"/>",
                   x - 14, y, BOTTOM - y);
        buf_printf(&b, "<text class=\"chart__value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%lld</text>", x, y - 6,
                   (long long)points[0].y);
    } else if (n > 1) {
        double y = BOTTOM;
        buf_printf(&b, "<path class=\"chart__line\" d=\"M%d %d", LEFT, BOTTOM);
        for (size_t i = 0; i < n; i++) {
            double x = LEFT + (points[i].x < 0 ? 0 : points[i].x > 1 ? 1 : points[i].x) * width;
            y = BOTTOM - chart_scale(points[i].y, top, height);
            buf_printf(&b, "H%.1fV%.1f", x, y);
        }
        buf_printf(&b, "H%d\" stroke=\"currentColor\" stroke-width=\"3\" fill=\"none\"/>", RIGHT);
    }
    struct placed *placed = arena_alloc(a, (nticks ? nticks : 1) * sizeof *placed);
    size_t nplaced = 0;
    if (nticks)
        tick_put(&b, &ticks[0], placed, &nplaced);
    if (nticks > 1)
        tick_put(&b, &ticks[nticks - 1], placed, &nplaced);
    for (size_t i = 1; i + 1 < nticks; i++)
        tick_put(&b, &ticks[i], placed, &nplaced);
    if (captioned) {
        buf_printf(&b, "<text class=\"chart__tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", LEFT + width / 2,
                   CAPTION_Y);
        put_label(&b, caption);
        buf_puts(&b, "</text>");
    }
    return close_svg(a, &b);
}
