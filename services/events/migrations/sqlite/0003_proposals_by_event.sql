-- liaison:no-transaction
-- An event's side-event proposals are listed by event (the PostgreSQL twin builds it CONCURRENTLY).
CREATE INDEX IF NOT EXISTS side_event_proposals_by_event ON side_event_proposals (event_id, seq);
