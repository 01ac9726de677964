// Package demo fills an empty events database with a real calendar: the digital side events of
// the 76th General Assembly's high-level week and the key events of 2021, from the seeds, so that
// a first `make run` shows something true. Loading again changes nothing.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// loader is the caller the demo's request ids are recorded under: each event's natural key is its
// request_id, so a second Load finds every event already made and creates none.
var loader = app.Actor{Subject: "demo-loader", Roles: []string{app.RoleOfficer}}

// Load puts the demo calendar into db (migrated), stamping it with clk's "now". It is
// idempotent, so it may run at every start.
func Load(ctx context.Context, db *sqldb.DB, clk clock.Clock) error {
	uc := app.New(sqlstore.New(db), noStatus{}, nil, clk)
	ids := map[string]string{}
	for _, group := range [][]entry{{highLevelWeek, stiForum2021}, seedEvents} {
		for _, en := range group {
			for _, occ := range en.occurrences() {
				ev, err := occ.event()
				if err != nil {
					return fmt.Errorf("demo: %s: %w", occ.Key, err)
				}
				if occ.Parent != "" {
					ev.ParentEventID = ids[occ.Parent]
				}
				made, err := uc.CreateEvent(ctx, loader, ev, occ.Key)
				if err != nil {
					return fmt.Errorf("demo: %s: %w", occ.Key, err)
				}
				ids[occ.Key] = made.ID
			}
		}
	}
	return nil
}

// occurrences splits an entry that meets at the same hours on several days into one entry per
// day; any other entry is one occurrence.
func (en entry) occurrences() []entry {
	if en.From == "" || len(en.Days) == 1 {
		return []entry{en}
	}
	out := make([]entry, len(en.Days))
	for i, day := range en.Days {
		occ := en
		occ.Days = []string{day}
		occ.Key = fmt.Sprintf("%s-day-%d", en.Key, i+1)
		occ.Title = fmt.Sprintf("%s (day %d of %d)", en.Title, i+1, len(en.Days))
		out[i] = occ
	}
	return out
}

var kinds = map[string]domain.EventKind{
	"meeting": domain.KindMeeting, "side-event": domain.KindSideEvent, "conference": domain.KindConference,
}

// event turns a seed entry into an event, reading its local times in its zone.
func (en entry) event() (domain.Event, error) {
	loc, err := time.LoadLocation(en.Zone)
	if err != nil {
		return domain.Event{}, err
	}
	kind, ok := kinds[en.Kind]
	if !ok {
		return domain.Event{}, fmt.Errorf("unknown kind %q", en.Kind)
	}
	first, err := time.ParseInLocation("2006-01-02", en.Days[0], loc)
	if err != nil {
		return domain.Event{}, err
	}
	last, err := time.ParseInLocation("2006-01-02", en.Days[len(en.Days)-1], loc)
	if err != nil {
		return domain.Event{}, err
	}
	start, end := first, last.AddDate(0, 0, 1)
	if en.From != "" {
		if len(en.Days) != 1 {
			return domain.Event{}, fmt.Errorf("an entry with hours is loaded one day at a time (see occurrences)")
		}
		if start, err = time.ParseInLocation("2006-01-02 15:04", en.Days[0]+" "+en.From, loc); err != nil {
			return domain.Event{}, err
		}
		if end, err = time.ParseInLocation("2006-01-02 15:04", en.Days[0]+" "+en.To, loc); err != nil {
			return domain.Event{}, err
		}
	}
	organizers := make([]domain.Organizer, len(en.Organizers))
	for i, name := range en.Organizers {
		organizers[i] = domain.Organizer{Name: name}
	}
	return domain.Event{
		Title: en.Title, Kind: kind, Start: start.UTC(), End: end.UTC(), TimeZone: en.Zone,
		Venue: en.Venue, Organizers: organizers, Description: en.Description, Tags: []string{"digital"},
	}, nil
}

// noStatus stands in for the accreditation service, which loading events never asks.
type noStatus struct{}

func (noStatus) ConsultativeStatus(context.Context, string) (domain.ConsultativeStatus, error) {
	return domain.ConsultativeStatus{}, domain.Unavailable(domain.ReasonStatusUnknown, "no status source while loading demo data")
}
