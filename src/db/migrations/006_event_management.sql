-- Running an event on the hub: organisers, speakers, registration with a
-- waitlist, reminders, messages, personal calendar feeds, the record kept
-- after the event (outcome, documents, files) and attendance for statistics.
-- Every instant is INTEGER seconds since the Unix epoch, in UTC; every text
-- a person reads exists per language in a *_texts table (en, fr, es).

-- Event details edited on the organiser screens (src/events/organise_*.c).
ALTER TABLE events ADD COLUMN place TEXT NOT NULL DEFAULT '';          -- in person and hybrid
ALTER TABLE events ADD COLUMN interpretation TEXT NOT NULL DEFAULT ''; -- comma-separated codes interpreted into
ALTER TABLE events ADD COLUMN meeting_url TEXT NOT NULL DEFAULT '';    -- the join link: confirmed, speakers, organisers
ALTER TABLE events ADD COLUMN stats_public INTEGER NOT NULL DEFAULT 0 CHECK (stats_public IN (0, 1));
ALTER TABLE session_texts ADD COLUMN description TEXT NOT NULL DEFAULT ''; -- Markdown source of description_html
ALTER TABLE partners ADD COLUMN logo_url TEXT NOT NULL DEFAULT '';
-- The outcome summary, Markdown as written and as cmark rendered it.
ALTER TABLE event_texts ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE event_texts ADD COLUMN outcome_html TEXT NOT NULL DEFAULT '';

-- The members who manage an event (its creator first); admins manage all.
CREATE TABLE event_organisers (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_organisers_by_user ON event_organisers (user_id);

-- Speakers and moderators of a session: a member (user_id) or a named guest.
CREATE TABLE session_people (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('speaker', 'moderator')),
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_people_by_session ON session_people (session_id, position);
CREATE INDEX session_people_by_user ON session_people (user_id);

CREATE TABLE session_people_texts (
    person_id INTEGER NOT NULL REFERENCES session_people(id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    bio TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, lang)
);

-- Registration: one row per event that takes registrations.
CREATE TABLE registration_settings (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0), -- NULL: no limit
    opens_at INTEGER,                                          -- NULL: from publication
    closes_at INTEGER,                                         -- NULL: until the event ends
    approval INTEGER NOT NULL DEFAULT 0 CHECK (approval IN (0, 1)) -- organisers confirm each one
);

CREATE TABLE registration_questions (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('short_text', 'long_text', 'single_choice', 'multiple_choice',
                                       'country', 'consent')),
    required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1))
);
CREATE INDEX registration_questions_by_event ON registration_questions (event_id, position);

-- The question's label and, for choices, one choice per line: every
-- language has the same number of lines, and answers store line numbers.
CREATE TABLE registration_question_texts (
    question_id INTEGER NOT NULL REFERENCES registration_questions(id) ON DELETE CASCADE,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    label TEXT NOT NULL,
    choices TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (question_id, lang)
);

-- One per person and event; cancelling keeps the row (statistics), and
-- registering again reuses it. A waitlisted registration's position is its
-- rank by waitlist_seq among the waitlisted ones, so positions never have gaps.
CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'cancelled', 'declined')),
    waitlist_seq INTEGER,                 -- arrival order on the waitlist
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')), -- emails go out in it
    cancel_token_hash TEXT NOT NULL UNIQUE, -- the one-click cancel link in every email
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (event_id, user_id)
);
CREATE INDEX registrations_by_status ON registrations (event_id, status, waitlist_seq);
CREATE INDEX registrations_by_user ON registrations (user_id);

CREATE TABLE registration_answers (
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES registration_questions(id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (registration_id, question_id)
);

-- Reminders already queued, so that each goes out once: session_id 0 is the
-- event itself (an event without timed sessions).
CREATE TABLE reminders_sent (
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL CHECK (kind IN ('24h', '1h')),
    queued_at INTEGER NOT NULL,
    PRIMARY KEY (registration_id, session_id, kind)
);

-- Messages organisers sent to registrants.
CREATE TABLE event_messages (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    sender_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    audience TEXT NOT NULL CHECK (audience IN ('all', 'confirmed', 'waitlisted')),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    recipients INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX event_messages_by_event ON event_messages (event_id, created_at);

-- The secret of each person's "my events" calendar feed (calendar
-- applications cannot sign in); only its hash is kept.
CREATE TABLE calendar_feeds (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

-- Who followed the join link, when: attendance for statistics.
CREATE TABLE attendance (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, user_id)
);

-- Uploaded files, stored under DATA/files/ by their SHA-256.
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);

-- What an event leaves behind: recordings, documents, the graphic summary,
-- each a link or an uploaded file.
CREATE TABLE event_documents (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('recording', 'document', 'graphic')),
    title TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    file_id INTEGER REFERENCES files(id) ON DELETE SET NULL,
    lang TEXT CHECK (lang IS NULL OR lang IN ('en', 'fr', 'es')), -- NULL: every language
    created_at INTEGER NOT NULL,
    CHECK (url <> '' OR file_id IS NOT NULL)
);
CREATE INDEX event_documents_by_event ON event_documents (event_id, position);
