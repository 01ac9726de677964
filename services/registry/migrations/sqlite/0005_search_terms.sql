-- Full-text search by word stems kept in page order: one row per distinct stem of an
-- organization's name, acronym and description (the store makes them, the same way on both
-- databases: internal/adapters/sqlstore/terms.go). A search walks one stem's rows A to Z and
-- tests the other words and the facets row by row, so a page costs about its own rows however
-- many organizations match or how late they sort. FTS5 answered the same question but had to
-- build the whole set of matches first. Profiles stored before this are indexed by the registry
-- when it starts.
CREATE TABLE organization_terms (
    term              TEXT NOT NULL,
    name_key          TEXT NOT NULL,
    id                TEXT NOT NULL,
    -- Copies of the profile's facets, so that a search tests them on the row it walks.
    country           TEXT NOT NULL,
    stakeholder_group INTEGER NOT NULL,
    sdg_mask          INTEGER NOT NULL,
    PRIMARY KEY (term, name_key, id)
) WITHOUT ROWID;
-- A word within one country, A to Z: the country facet is the one that narrows most. The goals
-- ride along so that the walk tests them without reading the row.
CREATE INDEX organization_terms_by_country ON organization_terms (term, country, name_key, id, sdg_mask);
DROP TRIGGER organizations_fts_insert;
DROP TRIGGER organizations_fts_delete;
DROP TRIGGER organizations_fts_update;
DROP TABLE organizations_fts;
