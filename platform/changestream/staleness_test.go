package changestream

import (
	"testing"
	"time"
)

// A new copy is stale until its stream settles; an outage starts the clock again from when it
// began, and a second "down" during the same outage does not restart it.
func TestStalenessCountsFromTheStartOfAnOutage(t *testing.T) {
	s := NewStaleness()
	time.Sleep(5 * time.Millisecond)
	if s.Lag() < 5*time.Millisecond {
		t.Fatalf("a copy that never connected has lag %v", s.Lag())
	}
	s.Live(true)
	if s.Lag() != 0 {
		t.Fatalf("a live copy has lag %v", s.Lag())
	}
	s.Live(false)
	time.Sleep(5 * time.Millisecond)
	first := s.Lag()
	s.Live(false)
	if second := s.Lag(); second < first {
		t.Fatalf("a second break in the same outage restarted the lag: %v then %v", first, second)
	}
	s.Live(true)
	if s.Lag() != 0 {
		t.Fatalf("back in step, lag %v", s.Lag())
	}
}
