-- Grounds-pass designations per duty station (see the README: designations live beside
-- registrations because they share the per-organization quotas under one lock and the
-- consultative status the service already follows).

-- One row per organization that designated anyone or whose status changed: the row every
-- designation write locks first (so quotas hold however many arrive at once), and the last
-- status change applied to its designations (status_sequence, status_state), so a change
-- replayed after a reconnect is not applied twice and a designation racing a suspension is
-- refused.
CREATE TABLE designation_organizations (
    organization_id TEXT PRIMARY KEY,
    status_sequence BIGINT NOT NULL DEFAULT 0,
    status_state    TEXT NOT NULL DEFAULT ''
);

-- seq is the arrival order ("oldest first" follows it). Dates are ISO 8601 text (YYYY-MM-DD),
-- which sorts and compares as dates do.
CREATE TABLE designations (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    organization_id TEXT NOT NULL REFERENCES designation_organizations(organization_id),
    station         INTEGER NOT NULL,
    year            INTEGER NOT NULL,
    role            INTEGER NOT NULL,
    full_name       TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL,
    photo_ref       TEXT NOT NULL DEFAULT '',
    birth_date      TEXT NOT NULL DEFAULT '',
    valid_from      TEXT NOT NULL,
    valid_until     TEXT NOT NULL,
    state           INTEGER NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    create_us       BIGINT NOT NULL,
    update_us       BIGINT NOT NULL,
    revision        BIGINT NOT NULL
);
CREATE INDEX designations_by_org ON designations (organization_id, year, seq);
CREATE INDEX designations_by_station ON designations (station, valid_from, seq);

-- The change stream badge offices follow. The counter row is bumped in the writing transaction
-- (its lock is held to commit), so changes become visible in sequence order and a reader that
-- has seen n never later finds a committed change below n.
CREATE TABLE designation_change_counter (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_sequence BIGINT NOT NULL
);
INSERT INTO designation_change_counter (id, last_sequence) VALUES (1, 0);

-- Each change keeps the designation's state, reason and revision as they were after it; the
-- rest of a designation never changes.
CREATE TABLE designation_changes (
    sequence       BIGINT PRIMARY KEY,
    designation_id TEXT NOT NULL REFERENCES designations(id),
    kind           INTEGER NOT NULL,
    state          INTEGER NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    revision       BIGINT NOT NULL,
    change_us      BIGINT NOT NULL
);
