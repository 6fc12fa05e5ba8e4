/* The questions an event's registration form asks, and the answers people
 * give: reading them in a language, checking what was posted, and showing
 * the answers to organisers.
 *
 * Kinds: short_text, long_text, single_choice, multiple_choice, country (an
 * ISO 3166-1 code from src/profiles/code_lists.h) and consent (a checkbox
 * that must be ticked; always required). Choices are one per line, the same
 * number in every language; an answer stores line numbers from 1 ("2", or
 * "1,3" for several), so it reads in any language. A question's form field
 * is "q<id>". */
#ifndef DXHUB_REGISTRATION_REGISTRATION_QUESTIONS_H
#define DXHUB_REGISTRATION_REGISTRATION_QUESTIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

#define REG_ANSWER_MAX 4000 /* characters of a text answer */
#define REG_LABEL_MAX 300   /* characters of a question's label */
#define REG_CHOICES_MAX 50  /* choices of one question */

/* The kinds, in the editor's order, with their (untranslated) names. */
struct reg_kind {
    const char *kind, *label;
};
extern const struct reg_kind reg_kinds[];
extern const size_t nreg_kinds;

/* True when kind is one of reg_kinds. */
bool reg_kind_valid(const char *kind);
/* True for the two kinds whose answers are choices. */
bool reg_kind_has_choices(const char *kind);

/* The questions of event_id in order, as a new array of {id, kind,
 * required, label, choices: [text]} with the texts in lang ("en") or the
 * event's own language. NULL on a database error. */
json_t *reg_questions_load(struct db *db, int64_t event_id, const char *lang);

/* Reads the answers to questions (from reg_questions_load) posted in req,
 * checking each: required ones given, choices among the offered lines,
 * countries valid, consent ticked, texts within REG_ANSWER_MAX. Marks each
 * problem on page (form_error, field "q<id>"). Returns a new object question
 * id → stored value, for the answers given. */
json_t *reg_answers_read(struct request *req, json_t *questions, json_t *page);

/* The questions as the form template shows them: each question of
 * questions (borrowed) with "field" ("q<id>"), a flag per kind ("is_short",
 * ...), the posted value(s) ("value", or "checked" on each choice, or the
 * country options) and the message from page's errors. A new array. */
json_t *reg_questions_form(struct request *req, json_t *questions, json_t *page);

/* The answer stored as value to question q (from reg_questions_load) as
 * people read it: the choices' texts joined with ", ", the country's name
 * in lang, "Yes" for a consent, the text itself otherwise. Arena string. */
const char *reg_answer_text(struct request *req, json_t *q, const char *value);

#endif
