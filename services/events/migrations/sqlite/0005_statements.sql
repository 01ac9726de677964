-- Calls for written statements and the statements submitted to them.

-- Lists (agenda items, languages) are JSON arrays of strings.
CREATE TABLE statement_calls (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT NOT NULL UNIQUE,
    body           TEXT NOT NULL,
    body_kind      INTEGER NOT NULL,
    session        TEXT NOT NULL,
    symbol_series  TEXT NOT NULL,
    deadline_us    BIGINT NOT NULL,
    agenda_items   TEXT NOT NULL,
    languages      TEXT NOT NULL,
    general_limit  INTEGER NOT NULL,
    special_limit  INTEGER NOT NULL,
    roster_limit   INTEGER NOT NULL,
    roster_invited BOOLEAN NOT NULL,
    create_us      BIGINT NOT NULL
);

-- co_signers is the co-signers' ids separated by spaces; statement_signers repeats every
-- signer (submitter included) so the rule "one statement per organization" is one indexed read.
CREATE TABLE written_statements (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    call_id         TEXT NOT NULL REFERENCES statement_calls(id),
    organization_id TEXT NOT NULL,
    co_signers      TEXT NOT NULL DEFAULT '',
    language        TEXT NOT NULL,
    agenda_item     TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    word_count      INTEGER NOT NULL,
    word_limit      INTEGER NOT NULL,
    state           INTEGER NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    symbol          TEXT,
    create_us       BIGINT NOT NULL,
    update_us       BIGINT NOT NULL,
    revision        BIGINT NOT NULL
);
CREATE INDEX written_statements_by_call ON written_statements (call_id, seq);
CREATE INDEX written_statements_by_state ON written_statements (state, seq);
-- A symbol names one statement.
CREATE UNIQUE INDEX written_statements_symbol ON written_statements (symbol);

CREATE TABLE statement_signers (
    statement_id    TEXT NOT NULL REFERENCES written_statements(id),
    call_id         TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    PRIMARY KEY (statement_id, organization_id)
);
CREATE INDEX statement_signers_by_org ON statement_signers (call_id, organization_id);

-- The last number given in each symbol series: bumped under its row lock by the acceptance
-- that uses it, so numbers are unique and without gaps however many are accepted at once.
CREATE TABLE statement_series (
    series      TEXT PRIMARY KEY,
    last_number BIGINT NOT NULL
);
