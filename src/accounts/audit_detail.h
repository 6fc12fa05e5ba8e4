/* The audit log's details in the reader's language. Details are stored in
 * English (the log is append-only and written in whatever language the
 * actor used), in a few fixed shapes; this reads them back translated. */
#ifndef DXHUB_ACCOUNTS_AUDIT_DETAIL_H
#define DXHUB_ACCOUNTS_AUDIT_DETAIL_H

#include "core/arena.h"

/* detail as written by audit_record() callers ("event spring-2024:
 * proposal 12 up", "member → organiser", "statistics published"...) in the
 * language of the calling thread (gettext): the words translated, the names,
 * numbers and addresses kept. A detail of no known shape comes back as it
 * is. NULL reads as "". The result is detail itself or an arena string. */
const char *audit_detail_text(struct arena *a, const char *detail);

#endif
