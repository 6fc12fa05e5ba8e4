-- The email outbox: every message rendered when queued, kept until delivered.
-- Once delivered, its row stays for the admin page, but its two parts are
-- emptied: the links in them (password resets) belong to the recipient. The
-- sender thread picks the queued rows whose next_attempt_at has come.
-- Instants are seconds since the epoch.

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    template TEXT NOT NULL,                -- verify, reset, set_password, org_invite
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    message_key TEXT NOT NULL UNIQUE,      -- random; the Message-ID is <message_key@sender's domain>
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,      -- when queued: the earliest time to try (again)
    last_attempt_at INTEGER,
    sent_at INTEGER,
    last_error TEXT
);
-- The sender's query: queued messages by due time.
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
