// Package clock is the one source of "now" for every rule that depends on the
// date: deadlines, reporting cycles, token lifetimes. LIAISON_NOW can pin it so
// that training environments, demos and tests share the same "today" across
// every process.
package clock

import (
	"fmt"
	"time"
)

// Clock tells the current instant. Domain code takes a Clock instead of
// calling time.Now so that the whole system can be moved to a chosen date.
type Clock interface {
	Now() time.Time
}

// System reads the machine's clock, in UTC so that stored instants and log
// lines do not depend on the host's time zone.
type System struct{}

// Now returns the current time in UTC.
func (System) Now() time.Time { return time.Now().UTC() }

// Fixed is a clock pinned to one instant. It never moves, so every process
// started with the same LIAISON_NOW agrees on "today", token expiry included.
type Fixed struct {
	at time.Time
}

// NewFixed returns a clock that always answers at (converted to UTC).
func NewFixed(at time.Time) Fixed { return Fixed{at: at.UTC()} }

// Now returns the pinned instant.
func (f Fixed) Now() time.Time { return f.at }

// FromConfig turns the LIAISON_NOW setting into a clock: empty means real
// time, an RFC 3339 instant pins the clock there.
func FromConfig(now string) (Clock, error) {
	if now == "" {
		return System{}, nil
	}
	at, err := time.Parse(time.RFC3339Nano, now)
	if err != nil {
		return nil, fmt.Errorf("LIAISON_NOW=%q is not an RFC 3339 instant (e.g. 2025-05-19T09:00:00Z): %w", now, err)
	}
	return NewFixed(at), nil
}
