CREATE TABLE notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    counter     TEXT NOT NULL REFERENCES counters (name),
    body        TEXT NOT NULL,
    create_time TIMESTAMP NOT NULL
);
