/* Server-made SVG charts for statistics pages: horizontal bars for counts by
 * category and steps for totals over time. Each is an <svg role="img"> named
 * by its <title>; pages put an accessible table with the same numbers beside
 * it. No script and no style attributes (the CSP allows neither); colours
 * come from the stylesheet through currentColor and classes. */
#ifndef DXHUB_RECORDS_CHART_H
#define DXHUB_RECORDS_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/* The width of every chart's viewBox; charts scale to their box. */
#define CHART_WIDTH 480

struct chart_bar {
    const char *label; /* plain text (escaped here) */
    int64_t value;     /* >= 0 */
};

/* A step of a running total: x from 0 (start) to 1 (end), y its total. */
struct chart_point {
    double x;
    int64_t y;
};

/* The top of the value axis for data whose largest value is max: the
 * smallest of 1, 2 or 5 times a power of ten that is >= max; 1 for max <= 1. */
int64_t chart_nice_max(int64_t max);
/* The length of value on an axis of length `length` whose top is axis_max
 * (> 0): value / axis_max * length, clamped to [0, length]. */
double chart_scale(int64_t value, int64_t axis_max, double length);

/* An SVG of bars[0..n): one row each, its label above a bar whose length is
 * scaled to chart_nice_max of the largest value, and the value after the bar.
 * Labels longer than 48 characters are shortened with "…" (the table beside
 * the chart has them whole). id must be unique in the page (it names the
 * title). Returns an arena string. */
char *chart_bars_svg(struct arena *a, const char *id, const char *title, const struct chart_bar *bars, size_t n);

/* A date under the time axis: x from 0 to 1 as the points' x, its label
 * plain text. */
struct chart_tick {
    double x;
    const char *label;
};

/* An SVG of a running total as steps through points[0..n) (x ascending),
 * with 0 and the axis top on the value axis; a single point is a bar at its
 * x with its total above it. Under the time axis, each of ticks[0..nticks)
 * is a mark and its label (plain text, escaped), kept inside the plot and
 * left out when it would overlap one already placed (the first and the last
 * are placed first); caption (plain text, may be NULL or "") is centred
 * below them (the day of a chart whose labels are hours). id must be unique
 * in the page. Returns an arena string. */
char *chart_steps_svg(struct arena *a, const char *id, const char *title, const struct chart_point *points, size_t n,
                      const struct chart_tick *ticks, size_t nticks, const char *caption);

#endif
