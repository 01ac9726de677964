-- liaison:no-transaction
-- An event's side-event proposals are listed by event, and the foreign key to events is
-- checked when an event goes; built CONCURRENTLY so that a live calendar keeps taking
-- proposals while the index is made.
CREATE INDEX CONCURRENTLY IF NOT EXISTS side_event_proposals_by_event ON side_event_proposals (event_id, seq);
