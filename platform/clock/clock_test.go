package clock_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/clock"
)

func TestFromConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		now     string
		want    time.Time // zero: real time expected
		wantErr string
	}{
		{name: "empty-is-real-time"},
		{name: "utc-instant-pins", now: "2025-05-19T09:00:00Z", want: time.Date(2025, 5, 19, 9, 0, 0, 0, time.UTC)},
		{name: "offset-instant-pins-in-utc", now: "2025-05-19T11:00:00+02:00", want: time.Date(2025, 5, 19, 9, 0, 0, 0, time.UTC)},
		{name: "fractional-seconds", now: "2025-05-19T09:00:00.25Z", want: time.Date(2025, 5, 19, 9, 0, 0, 250_000_000, time.UTC)},
		{name: "date-only-rejected", now: "2025-05-19", wantErr: "LIAISON_NOW"},
		{name: "garbage-rejected", now: "tomorrow", wantErr: "RFC 3339"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := clock.FromConfig(tt.now)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("FromConfig(%q) error = %v, want one mentioning %q", tt.now, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("FromConfig(%q): %v", tt.now, err)
			}
			got := c.Now()
			if got.Location() != time.UTC {
				t.Errorf("Now() location = %v, want UTC", got.Location())
			}
			if tt.want.IsZero() {
				if d := time.Since(got); d < 0 || d > time.Minute {
					t.Errorf("real clock is %v away from time.Now", d)
				}
				return
			}
			if !got.Equal(tt.want) {
				t.Errorf("Now() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFixedDoesNotMove(t *testing.T) {
	t.Parallel()
	c, err := clock.FromConfig("2025-01-01T00:00:00Z")
	if err != nil {
		t.Fatal(err)
	}
	first := c.Now()
	time.Sleep(5 * time.Millisecond)
	if !c.Now().Equal(first) {
		t.Fatalf("pinned clock moved from %v to %v", first, c.Now())
	}
}

func TestManualSetAndAdvance(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	m := clock.NewManual(start)
	if got := m.Advance(36 * time.Hour); !got.Equal(start.Add(36 * time.Hour)) {
		t.Fatalf("Advance = %v", got)
	}
	m.Set(start)
	if !m.Now().Equal(start) {
		t.Fatalf("after Set, Now = %v, want %v", m.Now(), start)
	}

	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() { m.Advance(time.Second); _ = m.Now() })
	}
	wg.Wait()
	if want := start.Add(10 * time.Second); !m.Now().Equal(want) {
		t.Fatalf("concurrent Advance: Now = %v, want %v", m.Now(), want)
	}
}
