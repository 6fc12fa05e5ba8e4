-- Accounts: people, their sessions, single-use email tokens, rate limits and
-- the append-only audit log. Token and session secrets are stored only as
-- hashes (hex of BLAKE2b), never as given to the user.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,            -- lower-cased
    name TEXT NOT NULL,
    password_hash TEXT,                    -- argon2id string; NULL until the person sets one
    role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'organiser', 'moderator', 'admin')),
    lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'fr', 'es')),
    tz TEXT NOT NULL DEFAULT 'UTC',        -- IANA zone
    verified_at INTEGER,
    disabled_at INTEGER,
    deleted_at INTEGER,                    -- personal data erased; the row stays as "former member"
    created_at INTEGER NOT NULL,
    failed_signins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX users_by_role ON users (role, created_at);

CREATE TABLE user_sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,           -- absolute expiry; idle expiry is last_seen_at + idle limit
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_sessions_by_user ON user_sessions (user_id);

CREATE TABLE email_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset', 'set_password')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX email_tokens_by_user ON email_tokens (user_id, purpose);

-- Fixed-window counters with an exponential block, keyed by what is limited:
-- "signin-ip:ADDR", "signup-ip:ADDR", "reset-email:HASH", ...
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    window_start INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id INTEGER,                      -- users.id (kept after deletion: pseudonymous)
    subject_id INTEGER,                    -- the account acted upon, when there is one
    action TEXT NOT NULL,                  -- signin, signin_failed, password_change, role_change, ...
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_action ON audit_log (action, at);
CREATE INDEX audit_log_by_subject ON audit_log (subject_id, at);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, at);

-- Append-only: the log can grow, never change.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
