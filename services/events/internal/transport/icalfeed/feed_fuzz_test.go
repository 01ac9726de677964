package icalfeed

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// FuzzFeed writes a feed of an event made of arbitrary text: whatever an
// officer typed, the output must parse as iCalendar with the event's UID,
// keep every line within 75 octets, and give back the title.
//
// A plain `go test` runs the seeds; search for more with
//
//	go test -run '^$' -fuzz '^FuzzFeed$' -fuzztime 10m ./internal/transport/icalfeed/
func FuzzFeed(f *testing.F) {
	f.Add("Dialogue: cybercrime; evidence, and more", "Line one\nline two", "Palais des Nations", "digital", "UNIDIR", int64(1632996000), uint16(210), false)
	f.Add("", "", "", "", "", int64(0), uint16(0), true)
	f.Add(`back\slash, semi;colon`, strings.Repeat("é", 200), "Room\r\nXII", "a-b", "ECOSOC", int64(-1), uint16(1), false)
	f.Add("BEGIN:VEVENT\r\nEND:VCALENDAR", "DESCRIPTION:x", ":", "x", "\x00", int64(4102444800), uint16(65535), true)
	zones := []string{"UTC", "Europe/Zurich", "America/New_York", "Asia/Tokyo", "Not/AZone"}
	f.Fuzz(func(t *testing.T, title, desc, venue, tag, organizer string, startUnix int64, minutes uint16, cancelled bool) {
		start := time.Unix(startUnix%(1<<34), 0).UTC()
		e := domain.Event{
			ID: "evt_fuzz", Title: title, Kind: domain.KindSideEvent, Start: start, End: start.Add(time.Duration(minutes) * time.Minute),
			TimeZone: zones[int(minutes)%len(zones)], Venue: venue, Description: desc, Tags: []string{tag},
			Organizers: []domain.Organizer{{Name: organizer}}, State: domain.EventScheduled,
			Created: start, Updated: start, Revision: int64(minutes),
		}
		if cancelled {
			e.State, e.CancelReason = domain.EventCancelled, desc
		}
		feed := Feed("UN events", []domain.Event{e})
		for _, line := range strings.Split(strings.TrimSuffix(string(feed), "\r\n"), "\r\n") {
			if len(line) > 75 {
				t.Fatalf("line of %d octets: %q", len(line), line)
			}
		}
		cal, err := goical.NewDecoder(bytes.NewReader(feed)).Decode()
		if err != nil {
			t.Fatalf("feed does not parse: %v\n%s", err, feed)
		}
		evs := cal.Events()
		if len(evs) != 1 {
			t.Fatalf("%d events in the feed, want 1:\n%s", len(evs), feed)
		}
		if uid, _ := evs[0].Props.Text(goical.PropUID); uid != UID(e.ID) {
			t.Fatalf("UID %q", uid)
		}
		clean := !strings.ContainsAny(title, "\r\x00") && strings.ToValidUTF8(title, "") == title
		if summary, _ := evs[0].Props.Text(goical.PropSummary); clean && summary != title {
			t.Fatalf("SUMMARY %q, want %q", summary, title)
		}
	})
}
