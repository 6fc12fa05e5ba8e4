-- The members who manage a series (its creator and those they add); admins
-- manage all. A series made before owners existed is owned by the
-- organisers of its events; one without events is left to admins.
CREATE TABLE series_organisers (
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (series_id, user_id)
);
CREATE INDEX series_organisers_by_user ON series_organisers (user_id);

INSERT OR IGNORE INTO series_organisers (series_id, user_id, added_at)
SELECT e.series_id, o.user_id, o.added_at FROM events e JOIN event_organisers o ON o.event_id = e.id
WHERE e.series_id IS NOT NULL;
