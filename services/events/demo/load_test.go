package demo_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/events/demo"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/transport/icalfeed"
	"github.com/un-liaison/liaison/services/events/migrations"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

func TestLoadIsIdempotentAndTimesAreRight(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "events", Migrations: migrations.FS})
	for range 2 {
		if err := demo.Load(ctx, db, clock.System{}); err != nil {
			t.Fatal(err)
		}
	}
	store := sqlstore.New(db)
	all, total, err := store.ListEvents(ctx, app.EventFilter{}, app.Page{Size: 500})
	if err != nil {
		t.Fatal(err)
	}
	// 2 parent meetings + 24 UNGA76 entries (the AST conference is two days) + 4 key events of 2021.
	if total != 30 {
		t.Fatalf("%d events after two loads, want 30", total)
	}

	utc := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	tests := []struct {
		query       string
		start, end  time.Time
		zone        string
		wantResults int
	}{
		// The acceptance check: 09:00 ET on 19 September 2021 is 13:00 UTC (New York on daylight time).
		{"Broadband", utc("2021-09-19T13:00:00Z"), utc("2021-09-19T16:30:00Z"), "America/New_York", 1},
		// AST is Arabia Standard Time (UTC+3): 10:00 in Manama is 07:00 UTC, on each of the two days.
		{"Digital Transformation Conference", utc("2021-09-15T07:00:00Z"), utc("2021-09-15T11:00:00Z"), "Asia/Bahrain", 2},
		// CEST is UTC+2: 14:00 in Geneva is 12:00 UTC.
		{"Cybercrime Cyberterrorism", utc("2021-09-30T12:00:00Z"), utc("2021-09-30T15:30:00Z"), "Europe/Zurich", 1},
		// New York keeps daylight time until November, so 5 October is still UTC-4.
		{"Child Sexual Exploitation", utc("2021-10-05T15:00:00Z"), utc("2021-10-05T16:30:00Z"), "America/New_York", 1},
		// Whole days without hours, in the organizer's zone.
		{"hate speech education", utc("2021-09-29T22:00:00Z"), utc("2021-10-01T22:00:00Z"), "Europe/Paris", 1},
	}
	for _, tc := range tests {
		got, _, err := store.ListEvents(ctx, app.EventFilter{Words: splitWords(tc.query)}, app.Page{Size: 10})
		if err != nil || len(got) != tc.wantResults {
			t.Fatalf("%q: %d results, %v", tc.query, len(got), err)
		}
		// Every result is the same hours, one day apart (a multi-day entry meets on each day).
		for i, e := range got {
			start, end := tc.start.AddDate(0, 0, i), tc.end.AddDate(0, 0, i)
			if !e.Start.Equal(start) || !e.End.Equal(end) || e.TimeZone != tc.zone {
				t.Errorf("%q #%d: %s–%s in %s; want %s–%s in %s", tc.query, i, e.Start, e.End, e.TimeZone, start, end, tc.zone)
			}
		}
	}

	// The feed, read back by an independent iCalendar parser, gives the same instants for every
	// event.
	feed := icalfeed.Feed("demo", all)
	cal, err := goical.NewDecoder(bytes.NewReader(feed)).Decode()
	if err != nil {
		t.Fatalf("feed does not parse: %v", err)
	}
	byUID := map[string]*goical.Event{}
	for _, ev := range cal.Events() {
		uid, _ := ev.Props.Text(goical.PropUID)
		byUID[uid] = &ev
	}
	if len(byUID) != len(all) {
		t.Fatalf("feed has %d events, store %d", len(byUID), len(all))
	}
	for _, e := range all {
		ev := byUID[icalfeed.UID(e.ID)]
		if ev == nil {
			t.Fatalf("%s missing from the feed", e.ID)
		}
		start, err1 := ev.DateTimeStart(time.UTC)
		end, err2 := ev.DateTimeEnd(time.UTC)
		summary, _ := ev.Props.Text(goical.PropSummary)
		if err1 != nil || err2 != nil || !start.Equal(e.Start) || !end.Equal(e.End) || summary != e.Title {
			t.Errorf("%s: feed says %q %s–%s (%v %v), store %q %s–%s", e.ID, summary, start, end, err1, err2, e.Title, e.Start, e.End)
		}
	}
}

func splitWords(q string) []string {
	var out []string
	for _, w := range bytes.Fields([]byte(q)) {
		out = append(out, string(bytes.ToLower(w)))
	}
	return out
}
