-- Remembers the answer to every create or workflow step that carried a request_id, so a
-- retry from the same caller gets the first answer instead of a second resource or transition.
CREATE TABLE request_log (
    caller      TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    method      TEXT NOT NULL,
    response    BLOB NOT NULL,
    create_time TIMESTAMP NOT NULL,
    PRIMARY KEY (caller, request_id, method)
);
