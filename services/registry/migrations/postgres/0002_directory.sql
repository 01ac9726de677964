-- The directory: organizations with their full-text index, NGO committees and members, focal
-- points and partnerships. Times are microseconds since the Unix epoch so both dialects compare
-- and page on them identically; keys used for keyset paging sort bytewise (COLLATE "C"), as SQLite
-- does, so a cursor means the same position in both.
CREATE TABLE organizations (
    id                TEXT COLLATE "C" PRIMARY KEY,
    name              TEXT NOT NULL,
    -- name_key is the normalized name: the A-to-Z order and the duplicate check both use it.
    name_key          TEXT COLLATE "C" NOT NULL,
    acronym           TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL,
    stakeholder_group INTEGER NOT NULL,
    -- sdg_mask has bit n set for SDG n, so "any of these goals" is one bitwise test.
    sdg_mask          BIGINT NOT NULL DEFAULT 0,
    -- The consultative status mirrored from the accreditation service; search_category is the
    -- category that counts for the statusCategory facet (active or suspended), else 0.
    status_category   INTEGER NOT NULL DEFAULT 0,
    status_state      INTEGER NOT NULL DEFAULT 1,
    search_category   INTEGER NOT NULL DEFAULT 0,
    -- profile holds the remaining fields: nothing filters on them.
    profile           JSONB NOT NULL,
    created_by        TEXT NOT NULL DEFAULT '',
    revision          BIGINT NOT NULL,
    create_time       BIGINT NOT NULL,
    update_time       BIGINT NOT NULL,
    -- Word stems, any order: the name and acronym weigh more than the description.
    search            TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', acronym), 'A') ||
        setweight(to_tsvector('english', description), 'B')
    ) STORED
);
CREATE INDEX organizations_by_name ON organizations (name_key, id);
CREATE INDEX organizations_by_update ON organizations (update_time, id);
CREATE INDEX organizations_by_country ON organizations (country, name_key, id);
CREATE INDEX organizations_by_group ON organizations (stakeholder_group, name_key, id);
CREATE INDEX organizations_by_creator ON organizations (created_by);
CREATE INDEX organizations_search ON organizations USING GIN (search);

CREATE TABLE ngo_committees (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT COLLATE "C" NOT NULL,
    kind        INTEGER NOT NULL,
    region      TEXT NOT NULL DEFAULT '',
    theme       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    website     TEXT NOT NULL DEFAULT '',
    revision    BIGINT NOT NULL,
    create_time BIGINT NOT NULL,
    update_time BIGINT NOT NULL
);
CREATE INDEX ngo_committees_by_name ON ngo_committees (name_key, id);

CREATE TABLE committee_members (
    committee_id    TEXT NOT NULL REFERENCES ngo_committees (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    position        INTEGER NOT NULL,
    PRIMARY KEY (committee_id, organization_id)
);
CREATE INDEX committee_members_by_organization ON committee_members (organization_id);

CREATE TABLE focal_points (
    id          TEXT COLLATE "C" PRIMARY KEY,
    un_entity   TEXT NOT NULL,
    entity_key  TEXT COLLATE "C" NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL,
    phone       TEXT NOT NULL DEFAULT '',
    topics      JSONB NOT NULL DEFAULT '[]',
    revision    BIGINT NOT NULL,
    create_time BIGINT NOT NULL,
    update_time BIGINT NOT NULL
);
CREATE INDEX focal_points_by_entity ON focal_points (entity_key, name, id);

CREATE TABLE partnerships (
    id              TEXT COLLATE "C" PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    un_entity       TEXT NOT NULL,
    entity_key      TEXT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    sdgs            JSONB NOT NULL DEFAULT '[]',
    -- Dates as YYYYMMDD; end_date 0 means open-ended.
    start_date      INTEGER NOT NULL,
    end_date        INTEGER NOT NULL DEFAULT 0,
    revision        BIGINT NOT NULL,
    create_time     BIGINT NOT NULL,
    update_time     BIGINT NOT NULL
);
CREATE INDEX partnerships_by_start ON partnerships (start_date, id);
CREATE INDEX partnerships_by_organization ON partnerships (organization_id, start_date, id);
CREATE INDEX partnerships_by_entity ON partnerships (entity_key, start_date, id);
