/* Member profiles: who may see one, the stakeholder groups, expertise tags,
 * and reading and saving a profile with its countries, languages and tags.
 *
 * Consent comes first: a profile is 'private' (only its owner sees it)
 * until its owner chooses 'members' (signed-in members) or 'public'
 * (everyone), and it is listed in the directory only when in_directory is
 * set as well. Profiles of disabled or deleted accounts are seen by no one. */
#ifndef DXHUB_PROFILES_PROFILES_H
#define DXHUB_PROFILES_PROFILES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

#define PROFILE_NAME_MAX 100       /* characters of a display name */
#define PROFILE_BIO_MAX 5000       /* characters of Markdown */
#define PROFILE_COUNTRIES_MAX 20   /* of origin, and of residence */
#define EXPERTISE_MAX_TAGS 20      /* distinct tags per profile */
#define EXPERTISE_TAG_MAX_CHARS 40 /* code points per tag */

/* A value and its label (an English msgid marked with N_(): translate with
 * _() where it is shown), and for some a plain explanation. */
struct choice {
    const char *value, *label, *hint;
};

/* The stakeholder groups in the order forms offer them; the last is "other". */
extern const struct choice stakeholder_groups[];
extern const size_t nstakeholder_groups;
/* The visibility levels, least visible first, with explanations. */
extern const struct choice profile_visibilities[];
extern const size_t nprofile_visibilities;

/* The translated label of value in choices[0..n), or NULL when value is not
 * one of them (NULL and "" included). */
const char *choice_label(const struct choice *choices, size_t n, const char *value);

/* True when viewer_id (0 for a visitor) may see the profile of owner_id whose
 * visibility is `visibility`: its owner always; signed-in members when it is
 * 'members' or 'public'; visitors only when it is 'public'. Anything else
 * (NULL or an unknown level) is seen by its owner only. */
bool profile_may_see(const char *visibility, int64_t owner_id, int64_t viewer_id);

/* What expertise_parse found wrong. */
enum expertise_rc { EXPERTISE_OK = 0, EXPERTISE_TOO_MANY = 1, EXPERTISE_TOO_LONG = 2 };

/* Reads comma-separated tags from text (NULL is ""): each is trimmed, its
 * inner runs of white space become one space, it is lower-cased (ICU, root
 * locale) and put in Unicode NFC; empty ones are dropped, and duplicates
 * after that normalisation keep their first place. Stores up to
 * EXPERTISE_MAX_TAGS arena strings in tags and their number in *n. Returns
 * EXPERTISE_OK, EXPERTISE_TOO_MANY when there are more distinct tags, or
 * EXPERTISE_TOO_LONG (with the offending tag, normalised, in *bad) when one
 * is longer than EXPERTISE_TAG_MAX_CHARS code points. text must be UTF-8
 * (form input is checked before handlers see it). */
enum expertise_rc expertise_parse(struct arena *a, const char *text, const char *tags[EXPERTISE_MAX_TAGS], size_t *n,
                                  const char **bad);

/* Links from tags (an array of strings, borrowed) to the directory filtered
 * by each: a new array of {"tag", "url"}. */
json_t *expertise_links(struct request *req, const json_t *tags);

/* What a person fills in. Arrays are of strings (codes, tags); all borrowed. */
struct profile_input {
    const char *display_name, *stakeholder_group, *bio, *visibility;
    bool in_directory;
    const json_t *origin, *residence, *languages; /* codes, already validated */
    const char *const *tags;
    size_t ntags;
};

/* Creates or replaces user_id's profile with in (bio rendered to bio_html
 * with cmark here). Runs inside the caller's write transaction. Returns 0,
 * or -1 on a database error (logged). */
int profile_save(struct db *db, int64_t user_id, const struct profile_input *in);
/* Deletes user_id's profile with its countries, languages and expertise
 * tags (nothing when there is none). Runs inside the caller's write
 * transaction. 0, or -1 on a database error (logged). */
int profile_erase(struct db *db, int64_t user_id);

/* The profile of user_id as a view object for req's language: {"id",
 * "url", "display_name", "stakeholder_group", "group_label" (or absent),
 * "origin", "residence", "languages" ([{code, name}] sorted by name),
 * "origin_codes", "residence_codes", "language_codes" (the codes),
 * "expertise" (tags), "bio", "bio_html", "visibility", "visibility_label",
 * "in_directory", "updated_at" (ISO 8601)}. The profile of a deleted or
 * disabled account is not found. Returns a new object, or NULL with *error
 * false when there is no such profile, true on a database error. */
json_t *profile_load(struct request *req, struct db *db, int64_t user_id, bool *error);

/* Adds "origin", "residence", "expertise" and "expertise_links" of
 * user_id's profile to card (a directory entry): the short form of
 * profile_load. 0 or -1. */
int profile_card_details(struct request *req, struct db *db, int64_t user_id, json_t *card);

#endif
