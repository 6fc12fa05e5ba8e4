/* Organisations: their types, slugs, loading and saving, and who belongs to
 * them with which role (owner or member). A person may belong to several;
 * every organisation keeps at least one owner. */
#ifndef DXHUB_ORGS_ORGS_H
#define DXHUB_ORGS_ORGS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"
#include "profiles/profiles.h"

#define ORG_NAME_MAX 120         /* characters */
#define ORG_WEBSITE_MAX 300      /* bytes */
#define ORG_DESCRIPTION_MAX 8000 /* characters of Markdown */
#define ORG_SLUG_MAX 60          /* bytes, before any "-N" suffix */

/* The kinds of organisation, in the order forms offer them. */
extern const struct choice org_types[];
extern const size_t norg_types;
/* The roles in an organisation: "owner", "member". */
extern const struct choice org_roles[];
extern const size_t norg_roles;

enum org_role { ORG_NONE, ORG_MEMBER, ORG_OWNER };

/* Writes into out (ORG_SLUG_MAX + 1 bytes) the URL slug of name: letters
 * transliterated to ASCII (ICU "Any-Latin; Latin-ASCII"), lower case, each
 * run of anything but [a-z0-9] one '-', none at either end, cut at
 * ORG_SLUG_MAX bytes (at a '-' when there is one in the second half).
 * "Fédération des Sénégalais de l'extérieur" gives
 * "federation-des-senegalais-de-l-exterieur". A name with nothing left
 * gives "organisation". */
void org_slug_base(const char *name, char out[ORG_SLUG_MAX + 1]);

/* A slug for name that no organisation has yet and that no route under
 * /orgs/ uses ("new", "join"): org_slug_base, then "-2", "-3", ... (arena).
 * NULL on a database error. Runs inside the caller's write transaction. */
const char *org_slug_new(struct request *req, struct db *db, const char *name);

/* True when s is an http:// or https:// URL with a host and no spaces,
 * quotes or angle brackets, at most ORG_WEBSITE_MAX bytes. */
bool org_website_valid(const char *s);

/* What an owner fills in. countries: array of valid codes (borrowed). */
struct org_input {
    const char *name, *type, *website, *description;
    const json_t *countries;
};

/* Creates an organisation with owner_id as its owner and slug (from
 * org_slug_new). Returns its id, or -1 (logged). Inside the caller's
 * transaction. */
int64_t org_create(struct db *db, const char *slug, const struct org_input *in, int64_t owner_id);
/* Replaces the details of organisation id (its slug stays). 0 or -1. */
int org_update(struct db *db, int64_t id, const struct org_input *in);

/* The organisation at slug as a view object for req's language: {"id",
 * "slug", "url", "name", "type", "type_label", "website", "description",
 * "description_html", "countries" ([{code, name}]), "country_codes",
 * "created_at"}. NULL with *error false when there is none, true on a
 * database error. */
json_t *org_load(struct request *req, struct db *db, const char *slug, bool *error);
/* The country codes of organisation org_id, in no set order: a new array
 * of strings, or NULL on a database error. */
json_t *org_country_codes(struct db *db, int64_t org_id);

/* user_id's role in organisation org_id (ORG_NONE for 0 or a stranger). */
enum org_role org_role_of(struct db *db, int64_t org_id, int64_t user_id);
/* True when the caller of req may manage organisation org_id (edit it,
 * invite, change roles, remove members): its owners, and the hub's
 * administrators, who look after every organisation. */
bool org_may_manage(struct request *req, struct db *db, int64_t org_id);
/* How many owners organisation org_id has; -1 on error. */
int org_owner_count(struct db *db, int64_t org_id);

/* The organisations user_id belongs to, by name: a new array of {"slug",
 * "name", "url", "role", "role_label", "joined_at"}; NULL on error. */
json_t *org_memberships(struct request *req, struct db *db, int64_t user_id);
/* The organisations whose only owner is user_id (who therefore cannot
 * leave them, nor delete their account, before naming another owner): a
 * new array of {"slug", "name", "url"}; NULL on error. */
json_t *org_sole_ownerships(struct request *req, struct db *db, int64_t user_id);

#endif
