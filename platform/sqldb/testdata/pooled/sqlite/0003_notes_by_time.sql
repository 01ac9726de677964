-- liaison:no-transaction
CREATE INDEX IF NOT EXISTS notes_by_time ON notes (create_time);
