-- Member profiles and organisations. A profile is private until its person
-- chooses otherwise (visibility) and appears in the directory only when they
-- ask (in_directory). Countries are ISO 3166-1 alpha-2 codes, languages ISO
-- 639-1 codes, each in a child table so that the directory can filter on them.
-- Markdown is kept as written and as the HTML cmark made of it when saved.
-- Every instant is INTEGER seconds since the Unix epoch, in UTC.

CREATE TABLE profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    stakeholder_group TEXT NOT NULL DEFAULT '' CHECK (stakeholder_group IN ('', 'diaspora_organisation',
        'diaspora_member', 'national_government', 'local_government', 'international_organisation', 'ngo',
        'academia', 'private_sector', 'youth_network', 'other')),
    bio TEXT NOT NULL DEFAULT '',          -- Markdown source
    bio_html TEXT NOT NULL DEFAULT '',     -- rendered by cmark when saved
    visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'members', 'public')),
    in_directory INTEGER NOT NULL DEFAULT 0 CHECK (in_directory IN (0, 1)),
    updated_at INTEGER NOT NULL
);
-- The directory lists newest profiles first among those that consent.
CREATE INDEX profiles_in_directory ON profiles (in_directory, visibility, user_id);

CREATE TABLE profile_countries (
    user_id INTEGER NOT NULL REFERENCES profiles(user_id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('origin', 'residence')),
    country TEXT NOT NULL,                 -- ISO 3166-1 alpha-2, upper case
    PRIMARY KEY (user_id, kind, country)
);
CREATE INDEX profile_countries_by_country ON profile_countries (country, user_id);

CREATE TABLE profile_languages (
    user_id INTEGER NOT NULL REFERENCES profiles(user_id) ON DELETE CASCADE,
    lang TEXT NOT NULL,                    -- ISO 639-1, lower case
    PRIMARY KEY (user_id, lang)
);

-- Areas of expertise: a set of normalised tags (lower case, single spaces),
-- kept in the order the person gave them.
CREATE TABLE profile_expertise (
    user_id INTEGER NOT NULL REFERENCES profiles(user_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (user_id, tag)
);
CREATE INDEX profile_expertise_by_tag ON profile_expertise (tag);

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('diaspora_organisation', 'national_government', 'local_government',
        'international_organisation', 'ngo', 'academia', 'private_sector', 'youth_network', 'other')),
    website TEXT NOT NULL DEFAULT '',      -- http(s) URL or ''
    description TEXT NOT NULL DEFAULT '',  -- Markdown source
    description_html TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE organisation_countries (
    org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    country TEXT NOT NULL,                 -- ISO 3166-1 alpha-2: where it operates
    PRIMARY KEY (org_id, country)
);
CREATE INDEX organisation_countries_by_country ON organisation_countries (country, org_id);

CREATE TABLE org_members (
    org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX org_members_by_user ON org_members (user_id, org_id);

-- Invitations sent by email; the link carries a token whose hash is kept
-- here. A token works once (used_at) and until expires_at.
CREATE TABLE org_invites (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    email TEXT NOT NULL,                   -- lower-cased
    invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX org_invites_by_org ON org_invites (org_id, created_at);
CREATE INDEX org_invites_by_email ON org_invites (email);
