/* The room page, the presenter view and the room page shown again with a
 * refusal. */
#include "i18n/i18n.h"
#include "live/room.h"
#include "live/room_pages.h"
#include "live/room_view.h"
#include "view/page.h"

void room_render(struct request *req, struct room *r, unsigned status, const char *error)
{
    json_t *view = room_view(req, r, false);
    if (!view) {
        page_error(req, 500);
        return;
    }
    if (error)
        json_object_set_new(view, "error", json_string(error));
    page_render(req, status, "room", view);
}

void page_room(struct request *req)
{
    struct room r;
    if (room_require(req, &r, false))
        room_render(req, &r, 200, NULL);
}

void page_room_refused(struct request *req)
{
    struct room r;
    int64_t id = room_param_id(req, "id");
    if (!id || room_load(req, id, &r) != 1) {
        page_error(req, 403);
        return;
    }
    room_render(req, &r, 403,
                _("This form had expired or was sent from elsewhere, so nothing was done. Please check it and send "
                  "it again."));
}

void page_room_present(struct request *req)
{
    struct room r;
    if (!room_require(req, &r, false))
        return;
    json_t *view = room_view(req, &r, true);
    if (!view) {
        page_error(req, 500);
        return;
    }
    page_render(req, 200, "room_present", view);
}
