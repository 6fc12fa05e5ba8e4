-- The live exchange room of each session (room id = sessions.id): its
-- settings, the questions asked with their votes, the public moderation
-- log, polls and chat (src/live/room_*.c). A session without a rooms row
-- has the defaults: open now, pre-moderated, chat on.

-- A question: status pending (awaiting approval), visible, answered or
-- hidden (with hide_reason, a code of src/live/room_rules.h; merged
-- duplicates are hidden with reason 'duplicate' and merged_into).
CREATE TABLE room_questions (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
    anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('pending', 'visible', 'hidden', 'answered')),
    hide_reason TEXT,
    merged_into INTEGER REFERENCES room_questions(id) ON DELETE SET NULL,
    votes INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX room_questions_by_room ON room_questions (room_id, status, votes);

CREATE TABLE rooms (
    session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    premoderation INTEGER NOT NULL DEFAULT 1 CHECK (premoderation IN (0, 1)), -- questions wait for approval
    chat_enabled INTEGER NOT NULL DEFAULT 1 CHECK (chat_enabled IN (0, 1)),
    opens_at INTEGER,  -- NULL: open now
    closed_at INTEGER, -- set: a read-only archive since then
    pinned_id INTEGER REFERENCES room_questions(id) ON DELETE SET NULL -- "now answering"
);

CREATE TABLE room_question_votes (
    question_id INTEGER NOT NULL REFERENCES room_questions(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (question_id, user_id)
);

-- What moderators did, shown to participants as counts and reasons, never
-- with the hidden text.
CREATE TABLE room_moderation (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL, -- approve, hide, merge, answer, pin, unpin, hide_message
    reason TEXT,
    question_id INTEGER REFERENCES room_questions(id) ON DELETE SET NULL,
    message_id INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX room_moderation_by_room ON room_moderation (room_id, id);

CREATE TABLE room_polls (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    multiple INTEGER NOT NULL DEFAULT 0 CHECK (multiple IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    show_results INTEGER NOT NULL DEFAULT 0 CHECK (show_results IN (0, 1)),
    voters INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX room_polls_by_room ON room_polls (room_id, id);

CREATE TABLE room_poll_options (
    id INTEGER PRIMARY KEY,
    poll_id INTEGER NOT NULL REFERENCES room_polls(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    votes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX room_poll_options_by_poll ON room_poll_options (poll_id, position);

-- One row per person who voted in a poll (vote once), and their choices.
CREATE TABLE room_poll_voters (
    poll_id INTEGER NOT NULL REFERENCES room_polls(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (poll_id, user_id)
);

CREATE TABLE room_poll_choices (
    option_id INTEGER NOT NULL REFERENCES room_poll_options(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (option_id, user_id)
);

CREATE TABLE room_chat (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX room_chat_by_room ON room_chat (room_id, id);
CREATE INDEX room_chat_by_user ON room_chat (room_id, user_id, created_at);
