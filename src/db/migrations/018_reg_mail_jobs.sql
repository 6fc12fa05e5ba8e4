-- Registration emails waiting to be rendered. The write that changes a
-- registration only inserts this small row (in its own transaction, so a
-- rolled-back change emails nothing); the mail renderer thread
-- (src/registration/reg_mail_worker.c) renders each one (MIME parts, the
-- event's .ics) outside any write lock and moves it into the outbox.
CREATE TABLE reg_mail_jobs (
    id INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    mail TEXT NOT NULL,                    -- the template: reg_confirmed, reg_waitlisted, ...
    extra TEXT,                            -- a JSON object added to the email's data, or NULL
    calendar INTEGER NOT NULL DEFAULT 0,   -- 1: attach the event's calendar
    created_at INTEGER NOT NULL
);
