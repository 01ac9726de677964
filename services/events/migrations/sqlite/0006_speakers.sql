-- Requests to make oral statements at meetings, and the lists of speakers drawn up from them.
CREATE TABLE speaker_requests (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    event_id        TEXT NOT NULL REFERENCES events(id),
    agenda_item     TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    speaker_name    TEXT NOT NULL,
    speaker_title   TEXT NOT NULL DEFAULT '',
    state           INTEGER NOT NULL,
    position        INTEGER NOT NULL DEFAULT 0,
    create_us       BIGINT NOT NULL,
    update_us       BIGINT NOT NULL,
    revision        BIGINT NOT NULL
);
-- One request per organization per agenda item of a meeting.
CREATE UNIQUE INDEX speaker_requests_one_per_item ON speaker_requests (event_id, agenda_item, organization_id);
