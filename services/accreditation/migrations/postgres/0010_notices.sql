-- The notices table (platform/notify.Schema): the outbox of e-mail notices, written in the transaction
-- of the change that calls for each under an idempotency key, and followed by the notifier.
CREATE TABLE notices (
    key             TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    language        TEXT NOT NULL,
    topic           TEXT NOT NULL,
    link            TEXT NOT NULL,
    params          TEXT NOT NULL,
    optional        BIGINT NOT NULL,
    state           TEXT NOT NULL,
    attempts        BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    last_error      TEXT NOT NULL,
    sent_to         TEXT NOT NULL,
    sent_time       BIGINT NOT NULL,
    create_time     BIGINT NOT NULL
);
CREATE INDEX notices_due ON notices (state, next_attempt_at);
CREATE INDEX notices_by_topic ON notices (topic, kind, state);
