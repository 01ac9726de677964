package icalfeed

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

func TestFeed(t *testing.T) {
	start := time.Date(2021, 9, 30, 12, 0, 0, 0, time.UTC)
	long := strings.Repeat("Cooperation; cybercrime, evidence — and more. ", 10)
	events := []domain.Event{
		{ID: "evt_a", Title: "Dialogue: cybercrime, cyberterrorism; evidence", Kind: domain.KindSideEvent, Start: start, End: start.Add(3*time.Hour + 30*time.Minute),
			TimeZone: "Europe/Zurich", Description: long, Tags: []string{"digital", "human-rights"}, ParentEventID: "evt_m",
			Organizers: []domain.Organizer{{Name: "UNIDIR"}}, State: domain.EventScheduled, Created: start, Updated: start, Revision: 3},
		{ID: "evt_b", Title: "Called off", Kind: domain.KindMeeting, Start: start, End: start.Add(time.Hour), TimeZone: "UTC",
			State: domain.EventCancelled, CancelReason: "postponed", Created: start, Updated: start.Add(time.Hour), Revision: 2},
	}
	feed := Feed("UN events", events)
	if !bytes.Equal(feed, Feed("UN events", events)) {
		t.Fatal("the same events must give the same bytes")
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(feed), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Fatalf("line longer than 75 octets: %q", line)
		}
	}
	cal, err := goical.NewDecoder(bytes.NewReader(feed)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events", len(evs))
	}
	a, b := evs[0], evs[1]
	summary, _ := a.Props.Text(goical.PropSummary)
	desc, _ := a.Props.Text(goical.PropDescription)
	uid, _ := a.Props.Text(goical.PropUID)
	got, _ := a.DateTimeStart(time.UTC)
	if summary != events[0].Title || !strings.HasPrefix(desc, long) || uid != "evt_a@events.liaison.un.org" || !got.Equal(start) {
		t.Fatalf("round trip: %q %q %v", summary, uid, got)
	}
	if !strings.Contains(desc, "Thu 30 September 2021, 14:00–17:30 (Europe/Zurich)") {
		t.Fatalf("announced time missing from %q", desc)
	}
	if n := len(a.Props.Values(goical.PropCategories)); n != 2 {
		t.Fatalf("%d CATEGORIES lines", n)
	}
	if rel := a.Props.Get(goical.PropRelatedTo); rel == nil || rel.Value != "evt_m@events.liaison.un.org" {
		t.Fatalf("RELATED-TO %v", rel)
	}
	if st, _ := b.Props.Text(goical.PropStatus); st != "CANCELLED" {
		t.Fatalf("cancelled event has STATUS %q", st)
	}
	if seq := a.Props.Get(goical.PropSequence); seq == nil || seq.Value != "2" {
		t.Fatalf("SEQUENCE %v", seq)
	}
}
