package sqlstore

// SetBeforeCommit makes every registration batch call fn just before it commits; an error from
// fn rolls the batch back. Set it before the first registration.
func SetBeforeCommit(s *Store, fn func(batchSize int) error) { s.beforeCommit = fn }

// QueuedRegistrations counts the Register calls waiting for an event's next batch.
func QueuedRegistrations(s *Store, eventID string) int { return s.admissions.queued(eventID) }
