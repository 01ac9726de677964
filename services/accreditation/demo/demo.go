// Package demo records a demonstration review cycle in the accreditation
// database: the Committee on NGOs' 2028 regular and resumed sessions, an
// application in every state for the registry's demonstration NGOs, and
// three organizations holding status (General, Special, Roster). Everything
// is made by taking the workflow's own steps with the clock set to the day
// each happened, so every history is real. Each step carries a request_id
// derived from the organization and the step, so loading again replays the
// first load's answers and duplicates nothing.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Organization is one of the registry's organizations, as the demo needs it.
type Organization struct {
	ID   string
	Name string
	// FoundedOn is YYYY, YYYY-MM or YYYY-MM-DD, as the registry records it.
	FoundedOn string
}

// Names are the registry demonstration NGOs the cycle is about; look their
// ids up in the registry and pass them to Load.
var Names = func() []string {
	out := make([]string, len(plans))
	for i, p := range plans {
		out[i] = p.org
	}
	return out
}()

// Load records the demonstration cycle for the organizations given (those
// not in Names are ignored; a planned organization that is missing is
// skipped). It is idempotent.
func Load(ctx context.Context, db *sqldb.DB, orgs []Organization) error {
	dir := directory{}
	for _, o := range orgs {
		founded, err := parseFounded(o.FoundedOn)
		if err != nil {
			return fmt.Errorf("demo: organization %q: %w", o.Name, err)
		}
		dir[o.Name] = domain.Organization{ID: o.ID, Name: o.Name, FoundedOn: founded}
	}
	byID := directory{}
	for _, o := range dir {
		byID[o.ID] = o
	}
	r := &run{clock: clock.NewManual(day(2027, 1, 15))}
	r.svc = app.New(sqlstore.New(db), byID, r.clock, app.Options{})
	return r.load(ctx, dir)
}

// directory answers the workflow's registry lookups from what Load was given.
type directory map[string]domain.Organization

func (d directory) Organization(_ context.Context, id string) (domain.Organization, error) {
	if o, ok := d[id]; ok {
		return o, nil
	}
	return domain.Organization{}, &domain.NotFoundError{What: "organization", ID: id}
}

func parseFounded(s string) (domain.Date, error) {
	var y, m int
	switch len(s) {
	case 4:
		_, err := fmt.Sscanf(s, "%04d", &y)
		return domain.Date{Year: y}, err
	case 7:
		_, err := fmt.Sscanf(s, "%04d-%02d", &y, &m)
		return domain.Date{Year: y, Month: time.Month(m)}, err
	case 10:
		return domain.ParseDate(s)
	case 0:
		return domain.Date{}, nil
	}
	return domain.Date{}, fmt.Errorf("founding date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 15, 0, 0, 0, time.UTC) }
