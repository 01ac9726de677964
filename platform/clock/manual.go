package clock

import (
	"sync"
	"time"
)

// Manual is a clock that tests move by hand, to cross a deadline or expire a
// token without sleeping. It is safe for concurrent use.
type Manual struct {
	mu sync.Mutex
	at time.Time
}

// NewManual returns a clock that starts at the given instant (in UTC).
func NewManual(at time.Time) *Manual { return &Manual{at: at.UTC()} }

// Now returns the clock's current instant.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.at
}

// Set moves the clock to the given instant, forwards or backwards.
func (m *Manual) Set(at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.at = at.UTC()
}

// Advance moves the clock forward by d and returns the new instant.
func (m *Manual) Advance(d time.Duration) time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.at = m.at.Add(d)
	return m.at
}
