-- Recordings per session and their captions: an attached recording (or any
-- record item) may belong to one session of the event, and an uploaded
-- recording may carry a WebVTT captions file (src/records/documents.c).
ALTER TABLE event_documents ADD COLUMN session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL;
ALTER TABLE event_documents ADD COLUMN captions_file_id INTEGER REFERENCES files(id) ON DELETE SET NULL;
