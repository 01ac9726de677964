-- Requests an organization puts to the Committee on NGOs: a change of name or of founding date
-- (which the two-year rule reads), a merger, the withdrawal of an application. They go on a
-- session's agenda; the Committee takes note of them or defers them with questions.
CREATE TABLE committee_requests (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    kind            TEXT NOT NULL,
    details         TEXT NOT NULL,
    application_id  TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    session_id      TEXT NOT NULL DEFAULT '',
    questions       TEXT NOT NULL DEFAULT '[]',
    create_time     INTEGER NOT NULL,
    update_time     INTEGER NOT NULL,
    revision        INTEGER NOT NULL
);
CREATE INDEX committee_requests_by_organization ON committee_requests (organization_id, create_time);
CREATE INDEX committee_requests_by_session ON committee_requests (session_id);
