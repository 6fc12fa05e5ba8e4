// Authorization matrix lines of the area "registration" (see ../authz.test.mjs): lines(f) returns
// { "METHOD pattern": [path, statuses for visitor/member/organiser/moderator/admin, form fields, opts] },
// fixtures(ctx) creates what the paths need and returns it (merged into f).
// ctx: { server, clients: {visitor, member, organiser, moderator, admin}, password, fixtures }.
export async function fixtures(_ctx) {
    return {};
}

export function lines(_f) {
    return {};
}
