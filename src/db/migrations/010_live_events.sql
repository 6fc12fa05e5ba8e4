-- What happened in each live room (a session's room: room_id = sessions.id),
-- in order: the Server-Sent Events stream replays these rows to a browser
-- that reconnects with Last-Event-ID, and the hub fans new ones out
-- (src/live/). `data` is a JSON object; `audience` says who may receive it:
-- 0 everyone watching, 1 the room's moderators, 2 user_id and the moderators.

CREATE TABLE room_events (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    audience INTEGER NOT NULL DEFAULT 0 CHECK (audience IN (0, 1, 2)),
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX room_events_by_room ON room_events (room_id, id);
