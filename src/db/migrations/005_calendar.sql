-- Calendar revision numbers (iCalendar SEQUENCE, RFC 5545 §3.8.7.4) of events
-- and sessions, served in their .ics files and series feeds
-- (src/events/calendar.c). Every write that changes what a calendar shows of
-- an event or session (time, zone, status, title, summary) must bump its
-- `sequence` by one in the same transaction, so that calendar clients replace
-- their copy instead of ignoring the update; the organiser screens do so.
-- The UIDs ("event-<id>@host", "session-<id>@host") never change.

ALTER TABLE events ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
