-- liaison:no-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_by_time ON notes (create_time);
