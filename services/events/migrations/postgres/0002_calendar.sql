-- The calendar and everything registered against it. Instants are stored as microseconds since
-- the Unix epoch (BIGINT) in both dialects, so that keyset cursors, comparisons and ordering are the
-- same code on SQLite and PostgreSQL; the zone an event is announced in is kept beside them.
CREATE TABLE events (
    id                     TEXT PRIMARY KEY,
    title                  TEXT NOT NULL,
    kind                   INTEGER NOT NULL,
    start_us               BIGINT NOT NULL,
    end_us                 BIGINT NOT NULL,
    time_zone              TEXT NOT NULL,
    venue                  TEXT NOT NULL DEFAULT '',
    online_url             TEXT NOT NULL DEFAULT '',
    organizers             TEXT NOT NULL DEFAULT '[]',
    description            TEXT NOT NULL DEFAULT '',
    tags                   TEXT NOT NULL DEFAULT '[]',
    capacity               INTEGER NOT NULL DEFAULT 0,
    quota_per_organization INTEGER NOT NULL DEFAULT 0,
    requires_status        BOOLEAN NOT NULL DEFAULT FALSE,
    parent_event_id        TEXT REFERENCES events(id),
    registration_opens_us  BIGINT,
    registration_closes_us BIGINT,
    state                  INTEGER NOT NULL,
    cancel_reason          TEXT NOT NULL DEFAULT '',
    registration_url       TEXT NOT NULL DEFAULT '',
    confirmed_count        INTEGER NOT NULL DEFAULT 0,
    waitlisted_count       INTEGER NOT NULL DEFAULT 0,
    create_us              BIGINT NOT NULL,
    update_us              BIGINT NOT NULL,
    revision               BIGINT NOT NULL,
    search_text            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_by_start ON events (start_us, id);
CREATE INDEX events_by_update ON events (update_us, id);
CREATE INDEX events_by_parent ON events (parent_event_id);

-- One row per tag and per organizer, so that the tag and organizer filters are indexed lookups.
CREATE TABLE event_tags (
    event_id TEXT NOT NULL REFERENCES events(id),
    tag      TEXT NOT NULL,
    PRIMARY KEY (event_id, tag)
);
CREATE INDEX event_tags_by_tag ON event_tags (tag);

CREATE TABLE event_organizers (
    event_id        TEXT NOT NULL REFERENCES events(id),
    position        INTEGER NOT NULL,
    name_lower      TEXT NOT NULL,
    organization_id TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_organizers_by_org ON event_organizers (organization_id);

-- seq is the arrival order: the waiting list and "oldest first" follow it.
CREATE TABLE registrations (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    event_id        TEXT NOT NULL REFERENCES events(id),
    organization_id TEXT NOT NULL,
    given_name      TEXT NOT NULL,
    family_name     TEXT NOT NULL,
    email           TEXT NOT NULL,
    email_lower     TEXT NOT NULL,
    job_title       TEXT NOT NULL DEFAULT '',
    state           INTEGER NOT NULL,
    create_us       BIGINT NOT NULL,
    update_us       BIGINT NOT NULL,
    revision        BIGINT NOT NULL
);
-- A person holds at most one live (confirmed or waitlisted) registration per event; the index
-- backs the rule the transaction checks, should any path ever skip the check.
CREATE UNIQUE INDEX registrations_live_email ON registrations (event_id, email_lower) WHERE state IN (1, 2);
CREATE INDEX registrations_by_event ON registrations (event_id, state, seq);
CREATE INDEX registrations_by_org ON registrations (organization_id, seq);

CREATE TABLE side_event_proposals (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    event_id          TEXT NOT NULL REFERENCES events(id),
    organization_id   TEXT NOT NULL,
    organization_name TEXT NOT NULL DEFAULT '',
    title             TEXT NOT NULL,
    description       TEXT NOT NULL,
    co_organizers     TEXT NOT NULL DEFAULT '[]',
    preferred_start_us BIGINT NOT NULL,
    preferred_end_us  BIGINT NOT NULL,
    time_zone         TEXT NOT NULL,
    online_url        TEXT NOT NULL DEFAULT '',
    registration_url  TEXT NOT NULL DEFAULT '',
    state             INTEGER NOT NULL,
    rejection_reason  TEXT NOT NULL DEFAULT '',
    side_event_id     TEXT NOT NULL DEFAULT '',
    create_us         BIGINT NOT NULL,
    update_us         BIGINT NOT NULL,
    revision          BIGINT NOT NULL,
    -- One proposal per organization per meeting; a rejected one still counts.
    UNIQUE (event_id, organization_id)
);
CREATE INDEX side_event_proposals_by_org ON side_event_proposals (organization_id, seq);

CREATE TABLE accreditation_requests (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    event_id        TEXT NOT NULL REFERENCES events(id),
    organization_id TEXT NOT NULL,
    justification   TEXT NOT NULL,
    state           INTEGER NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    create_us       BIGINT NOT NULL,
    update_us       BIGINT NOT NULL,
    revision        BIGINT NOT NULL
);
-- One pending or approved request per organization and event; after a rejection it may ask again.
CREATE UNIQUE INDEX accreditation_requests_live ON accreditation_requests (event_id, organization_id) WHERE state IN (1, 2);
CREATE INDEX accreditation_requests_by_event ON accreditation_requests (event_id, seq);
CREATE INDEX accreditation_requests_by_org ON accreditation_requests (organization_id, seq);
