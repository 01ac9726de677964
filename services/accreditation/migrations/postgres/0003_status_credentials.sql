-- Status credentials: the keys that sign them, the record of each one issued, and the counter that
-- hands out their indices in the status list. Instants are microseconds since the Unix epoch.

-- A key signs until retire_time and is published until expire_time, when the last credential it
-- may have signed expires; then it is deleted. private_key is the PKCS #8 private key sealed with
-- AES-256-GCM under LIAISON_CREDENTIAL_KEY_SECRET, never stored in the clear.
CREATE TABLE credential_keys (
    key_id      TEXT PRIMARY KEY,
    algorithm   TEXT NOT NULL,
    public_jwk  TEXT NOT NULL,
    private_key BYTEA NOT NULL,
    create_time BIGINT NOT NULL,
    retire_time BIGINT NOT NULL,
    expire_time BIGINT NOT NULL
);

CREATE TABLE status_credentials (
    id                TEXT PRIMARY KEY,
    organization_id   TEXT NOT NULL,
    organization_name TEXT NOT NULL,
    category          TEXT NOT NULL,
    state             TEXT NOT NULL,
    granted_on        TEXT NOT NULL,
    decision_ref      TEXT NOT NULL,
    next_report_due   TEXT NOT NULL,
    status_revision   BIGINT NOT NULL,
    key_id            TEXT NOT NULL,
    status_index      BIGINT NOT NULL UNIQUE,
    issued_by         TEXT NOT NULL,
    issue_time        BIGINT NOT NULL,
    expire_time       BIGINT NOT NULL,
    revoke_time       BIGINT
);
-- A status change revokes an organization's live credentials: found by organization.
CREATE INDEX status_credentials_by_organization ON status_credentials (organization_id, expire_time);
-- The status list sets the bits of revoked credentials.
CREATE INDEX status_credentials_revoked ON status_credentials (revoke_time, status_index);

-- Indices are handed out by bumping the one row inside the issuing transaction, so none is given twice.
CREATE TABLE status_list_counter (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    last_index BIGINT NOT NULL
);
INSERT INTO status_list_counter (id, last_index) VALUES (1, 0);

-- The change stream says which credentials a change revoked (ids separated by spaces).
ALTER TABLE status_changes ADD COLUMN revoked_credentials TEXT NOT NULL DEFAULT '';
