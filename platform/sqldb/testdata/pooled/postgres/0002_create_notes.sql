CREATE TABLE notes (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    counter     TEXT NOT NULL REFERENCES counters (name),
    body        TEXT NOT NULL,
    create_time TIMESTAMPTZ NOT NULL
);
