-- Series, events (editions), their sessions with guiding questions, partners and
-- proposals (outcomes). Texts live in *_texts tables, one row per language, so a
-- visitor sees their language or a marked fallback to the event's own language.
-- Every instant is INTEGER seconds since the Unix epoch, in UTC, with the IANA
-- zone it was planned in (events.tz).

CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    default_lang TEXT NOT NULL DEFAULT 'en',
    created_at INTEGER NOT NULL
);

CREATE TABLE series_texts (
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (series_id, lang)
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    series_id INTEGER REFERENCES series(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'virtual_exchange'
        CHECK (kind IN ('virtual_exchange', 'webinar', 'workshop', 'conference', 'other')),
    format TEXT NOT NULL DEFAULT 'online' CHECK (format IN ('online', 'in_person', 'hybrid')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled', 'finished')),
    default_lang TEXT NOT NULL DEFAULT 'en',
    languages TEXT NOT NULL DEFAULT 'en', -- comma-separated codes spoken at the event
    tz TEXT NOT NULL,                     -- IANA zone name, e.g. Europe/Brussels
    starts_at INTEGER,                    -- NULL: date to be announced
    ends_at INTEGER,
    time_precision TEXT NOT NULL DEFAULT 'minute' CHECK (time_precision IN ('year', 'day', 'minute')),
    participants INTEGER,                 -- reported attendance, when known
    recording_url TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX events_by_start ON events (status, starts_at);
CREATE INDEX events_by_series ON events (series_id, starts_at);

CREATE TABLE event_texts (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',      -- Markdown source
    description_html TEXT NOT NULL DEFAULT '', -- rendered by cmark when saved
    PRIMARY KEY (event_id, lang)
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    starts_at INTEGER,
    ends_at INTEGER
);
CREATE INDEX sessions_by_event ON sessions (event_id, position);

CREATE TABLE session_texts (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    title TEXT NOT NULL,
    description_html TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, lang)
);

CREATE TABLE guiding_questions (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL
);
CREATE INDEX guiding_questions_by_session ON guiding_questions (session_id, position);

CREATE TABLE guiding_question_texts (
    question_id INTEGER NOT NULL REFERENCES guiding_questions(id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    body TEXT NOT NULL,
    PRIMARY KEY (question_id, lang)
);

CREATE TABLE partners (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX partners_by_event ON partners (event_id, position);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL
);
CREATE INDEX proposals_by_event ON proposals (event_id, position);

CREATE TABLE proposal_texts (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (proposal_id, lang)
);
