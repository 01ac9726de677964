package changestream

import (
	"sync/atomic"
	"time"
)

// Staleness measures how long a copy has been out of step with its stream: zero while the stream
// is up and settled, else the time since the copy last was (or since it was made, before its
// first connection). While the stream is up, changes arrive within milliseconds of being
// written, so an outage is the lag that matters to whoever reads the copy.
type Staleness struct {
	since atomic.Int64 // unix nanoseconds the copy fell out of step; 0 while it is in step
}

// NewStaleness starts out of step: a new copy has applied nothing yet.
func NewStaleness() *Staleness {
	s := &Staleness{}
	s.since.Store(time.Now().UnixNano())
	return s
}

// Live records whether the stream is up and settled.
func (s *Staleness) Live(live bool) {
	if live {
		s.since.Store(0)
		return
	}
	s.since.CompareAndSwap(0, time.Now().UnixNano())
}

// Lag is how long the copy has been out of step, 0 when it is in step.
func (s *Staleness) Lag() time.Duration {
	since := s.since.Load()
	if since == 0 {
		return 0
	}
	return time.Since(time.Unix(0, since))
}
