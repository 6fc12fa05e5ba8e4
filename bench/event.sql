-- The benchmark's event page (bench/run.sh), added to a fresh demo database: the demo's 2024
-- edition copied as an upcoming edition known to the minute (so that both clocks are rendered),
-- with its 3 sessions and 12 guiding questions in English, French and Spanish, its description,
-- interpretation, and 4 partners (the demo edition has 3, as in the seeds).
INSERT INTO events (slug, series_id, kind, format, status, default_lang, languages, interpretation, tz,
                    starts_at, ends_at, time_precision, created_at, updated_at)
SELECT 'bench-event', series_id, kind, 'online', 'published', default_lang, languages, 'en,fr,es', tz,
       1931770800, 1931785200, 'minute', 0, 0
FROM events WHERE slug = '2024-powerful-transnational-partnerships';

CREATE TEMP TABLE pair AS
SELECT (SELECT id FROM events WHERE slug = '2024-powerful-transnational-partnerships') AS old,
       (SELECT id FROM events WHERE slug = 'bench-event') AS new;

INSERT INTO event_texts (event_id, lang, title, summary, description, description_html)
SELECT pair.new, t.lang, t.title, t.summary, t.description, t.description_html
FROM event_texts t, pair WHERE t.event_id = pair.old;

-- Sessions of 90 minutes, one after the other.
INSERT INTO sessions (event_id, position, starts_at, ends_at)
SELECT pair.new, s.position, 1931770800 + 5400 * s.position, 1931770800 + 5400 * (s.position + 1)
FROM sessions s, pair WHERE s.event_id = pair.old;

INSERT INTO session_texts (session_id, lang, title, description_html, description)
SELECT ns.id, t.lang, t.title, t.description_html, t.description
FROM session_texts t JOIN sessions os ON os.id = t.session_id, pair
JOIN sessions ns ON ns.event_id = pair.new AND ns.position = os.position
WHERE os.event_id = pair.old;

INSERT INTO guiding_questions (session_id, position)
SELECT ns.id, q.position
FROM guiding_questions q JOIN sessions os ON os.id = q.session_id, pair
JOIN sessions ns ON ns.event_id = pair.new AND ns.position = os.position
WHERE os.event_id = pair.old;

INSERT INTO guiding_question_texts (question_id, lang, body)
SELECT nq.id, t.lang, t.body
FROM guiding_question_texts t JOIN guiding_questions oq ON oq.id = t.question_id
JOIN sessions os ON os.id = oq.session_id, pair
JOIN sessions ns ON ns.event_id = pair.new AND ns.position = os.position
JOIN guiding_questions nq ON nq.session_id = ns.id AND nq.position = oq.position
WHERE os.event_id = pair.old;

INSERT INTO partners (event_id, position, name, url)
SELECT pair.new, p.position, p.name, p.url FROM partners p, pair WHERE p.event_id = pair.old;
INSERT INTO partners (event_id, position, name, url)
SELECT pair.new, 3, 'iDiaspora', 'https://idiaspora.org' FROM pair;
