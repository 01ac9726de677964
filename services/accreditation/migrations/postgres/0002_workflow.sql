-- The consultative-status workflow and the status of record. Instants are microseconds since the
-- Unix epoch and calendar dates are 'YYYY-MM-DD' text ('' when unset), so both dialects compare,
-- sort and page on them the same way.
CREATE TABLE applications (
    id                    TEXT PRIMARY KEY,
    organization_id       TEXT NOT NULL,
    kind                  TEXT NOT NULL,
    requested_category    TEXT NOT NULL,
    state                 TEXT NOT NULL,
    review_cycle_year     BIGINT NOT NULL DEFAULT 0,
    session_id            TEXT NOT NULL DEFAULT '',
    aims_and_purposes     TEXT NOT NULL DEFAULT '',
    main_activities       TEXT NOT NULL DEFAULT '',
    governance_structure  TEXT NOT NULL DEFAULT '',
    funding_sources       TEXT NOT NULL DEFAULT '',
    un_contributions      TEXT NOT NULL DEFAULT '',
    deferral_count        BIGINT NOT NULL DEFAULT 0,
    last_deferral_session TEXT NOT NULL DEFAULT '',
    recommended_category  TEXT NOT NULL DEFAULT '',
    decision_ref          TEXT NOT NULL DEFAULT '',
    submit_time           BIGINT,
    final_time            BIGINT,
    create_time           BIGINT NOT NULL,
    update_time           BIGINT NOT NULL,
    revision              BIGINT NOT NULL
);
-- One open application per organization, held by the database even under concurrent creates.
CREATE UNIQUE INDEX applications_one_open ON applications (organization_id)
    WHERE state NOT IN ('GRANTED', 'REJECTED', 'CLOSED', 'WITHDRAWN');
CREATE INDEX applications_by_organization ON applications (organization_id, create_time);
CREATE INDEX applications_by_session ON applications (session_id, state);
CREATE INDEX applications_by_submit ON applications (submit_time, id);

CREATE TABLE application_documents (
    application_id TEXT NOT NULL REFERENCES applications (id),
    id             TEXT NOT NULL,
    kind           TEXT NOT NULL,
    filename       TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size_bytes     BIGINT NOT NULL,
    sha256         TEXT NOT NULL,
    upload_time    BIGINT NOT NULL,
    content        BYTEA NOT NULL,
    PRIMARY KEY (application_id, id)
);

CREATE TABLE application_questions (
    application_id      TEXT NOT NULL REFERENCES applications (id),
    id                  TEXT NOT NULL,
    position            BIGINT NOT NULL,
    text                TEXT NOT NULL,
    asked_by            TEXT NOT NULL,
    session_id          TEXT NOT NULL,
    asked_time          BIGINT NOT NULL,
    answer              TEXT NOT NULL DEFAULT '',
    answer_time         BIGINT,
    repeats_question_id TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, id)
);

-- The append-only history; seq orders it and pages it.
CREATE TABLE application_events (
    seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    application_id TEXT NOT NULL REFERENCES applications (id),
    actor_subject  TEXT NOT NULL,
    actor_roles    TEXT NOT NULL,
    actor_org      TEXT NOT NULL,
    action         TEXT NOT NULL,
    from_state     TEXT NOT NULL,
    to_state       TEXT NOT NULL,
    request_id     TEXT NOT NULL,
    event_time     BIGINT NOT NULL,
    session_id     TEXT NOT NULL,
    note           TEXT NOT NULL
);
CREATE INDEX application_events_by_application ON application_events (application_id, seq);

CREATE TABLE committee_sessions (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    create_time BIGINT NOT NULL,
    update_time BIGINT NOT NULL,
    revision    BIGINT NOT NULL
);
CREATE INDEX committee_sessions_by_start ON committee_sessions (start_date, id);

CREATE TABLE consultative_statuses (
    organization_id TEXT PRIMARY KEY,
    category        TEXT NOT NULL,
    state           TEXT NOT NULL,
    granted_on      TEXT NOT NULL,
    decision_ref    TEXT NOT NULL,
    next_report_due TEXT NOT NULL,
    suspended_until TEXT NOT NULL,
    withdrawn_on    TEXT NOT NULL,
    update_time     BIGINT NOT NULL,
    revision        BIGINT NOT NULL
);
CREATE INDEX consultative_statuses_by_due ON consultative_statuses (state, next_report_due);

-- The change log (outbox) of status changes. Sequences are handed out by bumping the one counter
-- row inside the changing transaction, so they are assigned in commit order: a reader that has
-- seen sequence n never later finds a committed change below n.
CREATE TABLE status_change_counter (
    id            BIGINT PRIMARY KEY CHECK (id = 1),
    last_sequence BIGINT NOT NULL
);
INSERT INTO status_change_counter (id, last_sequence) VALUES (1, 0);

CREATE TABLE status_changes (
    sequence          BIGINT PRIMARY KEY,
    organization_id   TEXT NOT NULL,
    kind              TEXT NOT NULL,
    category          TEXT NOT NULL,
    state             TEXT NOT NULL,
    granted_on        TEXT NOT NULL,
    decision_ref      TEXT NOT NULL,
    next_report_due   TEXT NOT NULL,
    suspended_until   TEXT NOT NULL,
    withdrawn_on      TEXT NOT NULL,
    status_revision   BIGINT NOT NULL,
    previous_state    TEXT NOT NULL,
    previous_category TEXT NOT NULL,
    change_time       BIGINT NOT NULL,
    application_id    TEXT NOT NULL,
    note              TEXT NOT NULL
);

CREATE TABLE quadrennial_reports (
    id                TEXT PRIMARY KEY,
    organization_id   TEXT NOT NULL,
    period_start_year BIGINT NOT NULL,
    period_end_year   BIGINT NOT NULL,
    summary           TEXT NOT NULL,
    doc_id            TEXT NOT NULL DEFAULT '',
    doc_kind          TEXT NOT NULL DEFAULT '',
    doc_filename      TEXT NOT NULL DEFAULT '',
    doc_content_type  TEXT NOT NULL DEFAULT '',
    doc_size_bytes    BIGINT NOT NULL DEFAULT 0,
    doc_sha256        TEXT NOT NULL DEFAULT '',
    doc_upload_time   BIGINT NOT NULL DEFAULT 0,
    doc_content       BYTEA,
    submit_time       BIGINT NOT NULL,
    create_time       BIGINT NOT NULL,
    update_time       BIGINT NOT NULL,
    revision          BIGINT NOT NULL,
    UNIQUE (organization_id, period_start_year)
);
