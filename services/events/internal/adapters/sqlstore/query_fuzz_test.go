package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
	"github.com/un-liaison/liaison/services/events/migrations"
)

// FuzzEventQuery searches the calendar with arbitrary query and organizer
// text, as ListEvents receives it: the search never fails, finds an event
// whose title holds the words, and never matches an event that lacks one of
// them (LIKE's % and _ are taken literally).
//
// A plain `go test` runs the seeds; search for more with
//
//	go test -run '^$' -fuzz '^FuzzEventQuery$' -fuzztime 10m ./internal/adapters/sqlstore/
func FuzzEventQuery(f *testing.F) {
	for _, seed := range []string{"broadband", "100%", "a_b", `back\slash`, "'; DROP TABLE events; --", "ÉCOSOC", "  two  words ", "", "\x000"} {
		f.Add(seed)
	}
	s := sqlstore.New(sqltest.Open(f, sqldb.SQLite, sqldb.Options{Service: "events", Migrations: migrations.FS}))
	fixed := calendarEvent(f, s, "Broadband Commission Annual Fall Session")
	fixedText := strings.ToLower(strings.Join([]string{fixed.Title, fixed.Description, fixed.Venue, fixed.TimeZone,
		strings.Join(fixed.Tags, " "), fixed.Organizers[0].Name}, " "))

	f.Fuzz(func(t *testing.T, query string) {
		ctx := context.Background()
		words := domain.QueryWords(query)
		titled := calendarEvent(t, s, "Session "+query)
		found, total, err := s.ListEvents(ctx, app.EventFilter{Words: words}, app.Page{Size: 500})
		if err == nil && total > len(found) {
			// Every run adds an event, so a query matching them all outgrows one page.
			found, _, err = s.ListEvents(ctx, app.EventFilter{Words: words}, app.Page{Size: total})
		}
		if err != nil {
			t.Fatalf("query %q: %v", query, err)
		}
		var sawTitled bool
		for _, e := range found {
			sawTitled = sawTitled || e.ID == titled.ID
			if e.ID != fixed.ID {
				continue
			}
			for _, w := range words {
				if !strings.Contains(fixedText, w) {
					t.Fatalf("query %q matched an event without the word %q", query, w)
				}
			}
		}
		// Text with NUL is not stored whole (PostgreSQL refuses it, SQLite cuts it).
		if !sawTitled && strings.ToValidUTF8(query, "") == query && !strings.Contains(query, "\x00") {
			t.Fatalf("query %q did not find the event titled with it", query)
		}
		if _, _, err := s.ListEvents(ctx, app.EventFilter{Organizer: query}, app.Page{Size: 10}); err != nil {
			t.Fatalf("organizer %q: %v", query, err)
		}
	})
}

// calendarEvent stores an event with the title given.
func calendarEvent(t testing.TB, s *sqlstore.Store, title string) domain.Event {
	t.Helper()
	e := domain.Event{
		ID: app.NewID("evt"), Title: title, Kind: domain.KindMeeting,
		Start: start, End: start.Add(3 * time.Hour), TimeZone: "America/New_York",
		Organizers: []domain.Organizer{{Name: "International Telecommunication Union"}},
		Tags:       []string{"digital"}, State: domain.EventScheduled, Created: now, Updated: now, Revision: 1,
	}
	if err := s.CreateEvent(context.Background(), &e, app.RequestKey{}); err != nil {
		t.Fatalf("CreateEvent: %v", err)
	}
	return e
}
