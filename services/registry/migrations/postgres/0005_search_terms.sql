-- Full-text search by word stems kept in page order: one row per distinct stem of an
-- organization's name, acronym and description (the store makes them, the same way on both
-- databases: internal/adapters/sqlstore/terms.go). A search walks one stem's rows A to Z and
-- tests the other words and the facets row by row, so a page costs about its own rows however
-- many organizations match or how late they sort. The tsvector and its GIN index answered the
-- same question but could not hand matches over in name order. Profiles stored before this are
-- indexed by the registry when it starts.
CREATE TABLE organization_terms (
    term              TEXT COLLATE "C" NOT NULL,
    name_key          TEXT COLLATE "C" NOT NULL,
    id                TEXT COLLATE "C" NOT NULL,
    -- Copies of the profile's facets, so that a search tests them on the row it walks.
    country           TEXT NOT NULL,
    stakeholder_group INTEGER NOT NULL,
    sdg_mask          BIGINT NOT NULL,
    PRIMARY KEY (term, name_key, id)
);
-- A word within one country, A to Z: the country facet is the one that narrows most. The goals
-- ride along so that the walk tests them without reading the row.
CREATE INDEX organization_terms_by_country ON organization_terms (term, country, name_key, id, sdg_mask);
DROP INDEX organizations_search;
ALTER TABLE organizations DROP COLUMN search;
