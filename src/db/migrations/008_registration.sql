-- Registration's additions to 006: every link to cancel a registration that
-- was emailed (each email carries a fresh random token, only its hash is
-- kept, so that every email's one-click link works), and the calendar file
-- some emails carry as an attachment (the confirmation's .ics).

-- The cancel links of a registration beyond registrations.cancel_token_hash
-- (the first one). Registering again after a cancellation clears them.
CREATE TABLE registration_cancel_tokens (
    token_hash TEXT PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX registration_cancel_tokens_by_registration ON registration_cancel_tokens (registration_id);

-- One text/calendar attachment per message, "" for none; emptied with the
-- two parts once the message is delivered.
ALTER TABLE outbox ADD COLUMN attachment_ics TEXT NOT NULL DEFAULT '';
