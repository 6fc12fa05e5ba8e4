/* Server-Sent Events frames: formatting and shared ownership. */
#include "live/live_frame.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

void live_frame_format(struct buf *out, int64_t id, const char *type, const char *data)
{
    buf_printf(out, "id: %" PRId64 "\nevent: ", id);
    for (const char *t = type ? type : "message"; *t; t++)
        buf_putc(out, *t == '\r' || *t == '\n' ? ' ' : *t);
    buf_putc(out, '\n');
    const char *p = data ? data : "";
    for (;;) {
        size_t n = strcspn(p, "\r\n");
        buf_puts(out, "data: ");
        buf_append(out, p, n);
        buf_putc(out, '\n');
        p += n;
        if (!*p)
            break;
        p += p[0] == '\r' && p[1] == '\n' ? 2 : 1;
    }
    buf_putc(out, '\n');
}

static struct live_frame *frame_of(struct buf *text, int64_t id, enum live_audience audience, int64_t user_id)
{
    struct live_frame *f = xmalloc(sizeof *f + text->len + 1);
    atomic_init(&f->refs, 1);
    f->id = id;
    f->audience = audience;
    f->user_id = user_id;
    f->len = text->len;
    memcpy(f->text, buf_str(text), text->len + 1);
    return f;
}

struct live_frame *live_frame_new(int64_t id, enum live_audience audience, int64_t user_id, const char *type,
                                  const char *data)
{
    struct buf b = BUF_INIT;
    live_frame_format(&b, id, type, data);
    struct live_frame *f = frame_of(&b, id, audience, user_id);
    buf_free(&b);
    return f;
}

struct live_frame *live_frame_raw(const char *text)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, text);
    struct live_frame *f = frame_of(&b, 0, LIVE_ALL, 0);
    buf_free(&b);
    return f;
}

struct live_frame *live_frame_ref(struct live_frame *f)
{
    atomic_fetch_add_explicit(&f->refs, 1, memory_order_relaxed);
    return f;
}

void live_frame_unref(struct live_frame *f)
{
    if (f && atomic_fetch_sub_explicit(&f->refs, 1, memory_order_acq_rel) == 1)
        free(f);
}

bool live_may_see(const struct live_viewer *v, enum live_audience audience, int64_t user_id)
{
    switch (audience) {
    case LIVE_ALL: return true;
    case LIVE_MODERATORS: return v->moderator;
    case LIVE_USER: return v->moderator || (user_id != 0 && v->user_id == user_id);
    }
    return false;
}
