-- name_skeleton is the name reduced to its look-alike skeleton (NFKC, invisible characters
-- dropped, Unicode TS #39 confusables mapped): the duplicate check compares it as well as
-- name_key, so "Sahel Water Alliance" spelt with a Cyrillic "а" is a duplicate. Rows written
-- before it existed keep '' until the store fills them in at start.
ALTER TABLE organizations ADD COLUMN name_skeleton TEXT NOT NULL DEFAULT '';
CREATE INDEX organizations_by_skeleton ON organizations (country, name_skeleton);

-- One row per ngo user who created an organization: the primary key is what makes "an ngo user
-- creates one organization" hold when one user's creates race, since the check before the
-- insert cannot see a concurrent transaction's row. Profiles created before it are still found
-- by that check (organizations.created_by); only the race needed the key.
CREATE TABLE organization_creators (
    subject         TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id)
);
