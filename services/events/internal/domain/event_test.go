package domain

import (
	"testing"
	"time"
)

func TestEventValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Event)
		field string
	}{
		{"valid", func(*Event) {}, ""},
		{"no-title", func(e *Event) { e.Title = "  " }, "event.title"},
		{"no-kind", func(e *Event) { e.Kind = KindUnspecified }, "event.kind"},
		{"unknown-kind", func(e *Event) { e.Kind = 99 }, "event.kind"},
		{"no-start", func(e *Event) { e.Start = time.Time{} }, "event.start_time"},
		{"end-before-start", func(e *Event) { e.End = e.Start.Add(-time.Hour) }, "event.end_time"},
		{"end-equals-start", func(e *Event) { e.End = e.Start }, "event.end_time"},
		{"abbreviation-zone-ET", func(e *Event) { e.TimeZone = "ET" }, "event.time_zone"},
		{"abbreviation-zone-CEST", func(e *Event) { e.TimeZone = "CEST" }, "event.time_zone"},
		{"legacy-zone-EST", func(e *Event) { e.TimeZone = "EST" }, "event.time_zone"},
		{"unknown-zone", func(e *Event) { e.TimeZone = "Mars/Olympus_Mons" }, "event.time_zone"},
		{"utc-ok", func(e *Event) { e.TimeZone = "UTC" }, ""},
		{"no-zone", func(e *Event) { e.TimeZone = "" }, "event.time_zone"},
		{"ftp-url", func(e *Event) { e.OnlineURL = "ftp://x" }, "event.online_url"},
		{"bad-registration-url", func(e *Event) { e.RegistrationURL = "javascript:alert(1)" }, "event.registration_url"},
		{"bad-tag", func(e *Event) { e.Tags = []string{"Digital"} }, "event.tags"},
		{"duplicate-tag", func(e *Event) { e.Tags = []string{"digital", "digital"} }, "event.tags"},
		{"negative-capacity", func(e *Event) { e.Capacity = -1 }, "event.capacity"},
		{"negative-quota", func(e *Event) { e.QuotaPerOrganization = -1 }, "event.quota_per_organization"},
		{"own-parent", func(e *Event) { e.ParentEventID = e.ID }, "event.parent_event_id"},
		{"side-event-needs-parent", func(e *Event) { e.Kind = KindSideEvent }, "event.parent_event_id"},
		{"empty-organizer", func(e *Event) { e.Organizers = []Organizer{{Name: ""}} }, "event.organizers[0].name"},
		{"window-reversed", func(e *Event) { e.RegistrationOpens = t0; e.RegistrationCloses = t0 }, "event.registration_closes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := meeting()
			tc.edit(e)
			checkField(t, e.Validate(), tc.field)
		})
	}
}

func TestEventCancel(t *testing.T) {
	e := meeting()
	if err := e.Cancel("venue closed", t0); err != nil || e.State != EventCancelled || e.CancelReason != "venue closed" {
		t.Fatalf("Cancel = %v, state %v", err, e.State)
	}
	if err := e.Cancel("again", t0); ReasonOf(err) != ReasonEventAlreadyCanceled {
		t.Fatalf("second Cancel = %v", err)
	}
}

func TestSeats(t *testing.T) {
	tests := []struct {
		name                            string
		capacity, confirmed, waitlisted int
		free, promote                   int
		capErr                          bool
	}{
		{"unlimited", 0, 5, 0, -1, 0, false},
		{"unlimited-promotes-everyone", 0, 5, 3, -1, 3, false},
		{"room-left", 10, 4, 0, 6, 0, false},
		{"full", 10, 10, 4, 0, 0, false},
		{"raised-capacity-promotes-some", 12, 10, 4, 2, 2, false},
		{"raised-capacity-promotes-all", 20, 10, 4, 10, 4, false},
		{"lowered-below-confirmed", 8, 10, 0, 0, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := Event{Capacity: tc.capacity, Confirmed: tc.confirmed, Waitlisted: tc.waitlisted}
			if got := e.FreeSeats(); got != tc.free {
				t.Errorf("FreeSeats = %d, want %d", got, tc.free)
			}
			if got := e.SeatsToPromote(); got != tc.promote {
				t.Errorf("SeatsToPromote = %d, want %d", got, tc.promote)
			}
			if err := e.CheckCapacity(); (err != nil) != tc.capErr {
				t.Errorf("CheckCapacity = %v", err)
			}
		})
	}
}

func TestEtagChangesWithRevision(t *testing.T) {
	a, b := Event{Revision: 1}, Event{Revision: 2}
	if a.Etag() == b.Etag() || a.Etag() == "" {
		t.Fatalf("etags %s %s", a.Etag(), b.Etag())
	}
}

func TestSearchText(t *testing.T) {
	e := meeting()
	e.Organizers = []Organizer{{Name: "ITU"}}
	e.Venue = "Conference Room 4"
	for _, w := range QueryWords("Broadband itu ROOM") {
		if !contains(e.SearchText(), w) {
			t.Errorf("search text misses %q", w)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
