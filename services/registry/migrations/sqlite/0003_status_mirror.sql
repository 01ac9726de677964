-- Where the consultative-status mirror stands in the accreditation service's change stream: the
-- sequence of the last change applied. It is written in the same transaction as the status the
-- change set, so after a restart the mirror resumes right after it and applies nothing twice.
CREATE TABLE status_mirror (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_sequence INTEGER NOT NULL
);
INSERT INTO status_mirror (id, last_sequence) VALUES (1, 0);

-- The statusCategory facet in the directory's A-to-Z order.
CREATE INDEX organizations_by_status ON organizations (search_category, name_key, id);
