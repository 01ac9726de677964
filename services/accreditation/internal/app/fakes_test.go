package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
	"github.com/un-liaison/liaison/services/accreditation/migrations"
)

// directory is an in-memory OrganizationDirectory that can be taken down.
type directory struct {
	mu   sync.Mutex
	orgs map[string]domain.Organization
	down bool
}

func (d *directory) Organization(_ context.Context, id string) (domain.Organization, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.down {
		return domain.Organization{}, &domain.UnavailableError{Message: "the registry is unavailable"}
	}
	o, ok := d.orgs[id]
	if !ok {
		return o, &domain.NotFoundError{What: "organization", ID: id}
	}
	return o, nil
}

func (d *directory) setDown(v bool) {
	d.mu.Lock()
	d.down = v
	d.mu.Unlock()
}

func TestMain(m *testing.M) { sqltest.Main(m) }

var (
	ctx = context.Background()
	// Received in March 2027: reviewed from 2028.
	start     = time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)
	ngoA      = domain.Actor{Subject: "alice", Roles: []string{domain.RoleNGO}, Org: "org_a"}
	ngoB      = domain.Actor{Subject: "bob", Roles: []string{domain.RoleNGO}, Org: "org_b"}
	officer   = domain.Actor{Subject: "olga", Roles: []string{domain.RoleOfficer}}
	committee = domain.Actor{Subject: "cn-delegate", Roles: []string{domain.RoleCommittee}}
	complete  = domain.Questionnaire{AimsAndPurposes: "aims", MainActivities: "work", GovernanceStructure: "board",
		FundingSources: "members", UNContributions: "reports"}
)

type fixture struct {
	db    *sqldb.DB
	svc   *app.Service
	store *sqlstore.Store
	dir   *directory
	clock *clock.Manual
}

// newFixture runs the use cases on a real SQLite store, with the registry and clock faked.
func newFixture(t *testing.T) *fixture { return newFixtureOn(t, sqldb.SQLite) }

// newFixtureOn is newFixture on the given database.
func newFixtureOn(t *testing.T, dialect sqldb.Dialect) *fixture {
	t.Helper()
	db := sqltest.Open(t, dialect, sqldb.Options{Service: "accreditation", Migrations: migrations.FS})
	f := &fixture{db: db, store: sqlstore.New(db), clock: clock.NewManual(start), dir: &directory{orgs: map[string]domain.Organization{
		"org_a":     {ID: "org_a", Name: "Alpha", FoundedOn: domain.NewDate(2001, 5, 1)},
		"org_b":     {ID: "org_b", Name: "Beta", FoundedOn: domain.NewDate(1990, 1, 1)},
		"org_young": {ID: "org_young", Name: "Young", FoundedOn: domain.NewDate(2026, 1, 15)},
	}}}
	f.svc = app.New(f.store, f.dir, f.clock, app.Options{})
	return f
}

// must unwraps a result in a test step that is expected to succeed; the
// panic fails the test with the step's stack.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// uploads attaches the three required documents.
func (f *fixture) uploads(t *testing.T, actor domain.Actor, id string) domain.Application {
	t.Helper()
	var a domain.Application
	for _, k := range domain.RequiredDocuments {
		a = must(f.svc.AddDocument(ctx, actor, app.AddDocument{ApplicationID: id,
			Upload: domain.Upload{Kind: k, Filename: string(k) + ".pdf", ContentType: domain.ContentTypePDF, Content: []byte("%PDF-1.4 " + string(k))}}))
	}
	return a
}

// submitted creates, completes and submits an application for actor's organization.
func (f *fixture) submitted(t *testing.T, actor domain.Actor, cat domain.Category) domain.Application {
	t.Helper()
	a := must(f.svc.CreateApplication(ctx, actor, app.CreateApplication{OrganizationID: actor.Org, Category: cat, Questionnaire: complete}))
	f.uploads(t, actor, a.ID)
	return must(f.svc.Submit(ctx, actor, app.StepCommand{ID: a.ID}))
}

func (f *fixture) session(t *testing.T, name string, kind domain.SessionKind, startDay domain.Date) domain.CommitteeSession {
	t.Helper()
	return must(f.svc.CreateSession(ctx, officer, app.CreateSession{Name: name, Kind: kind, Start: startDay, End: startDay.AddDays(9),
		Members: committeeMembers(startDay.Year)}))
}

// committeeMembers is a Committee sitting in year: nineteen States, each
// with a term covering the year.
func committeeMembers(year int) []domain.Member {
	names := [][2]string{{"BH", "Bahrain"}, {"BI", "Burundi"}, {"CN", "China"}, {"CU", "Cuba"}, {"ER", "Eritrea"},
		{"GE", "Georgia"}, {"GB", "United Kingdom"}, {"GR", "Greece"}, {"IN", "India"}, {"IL", "Israel"},
		{"LY", "Libya"}, {"MR", "Mauritania"}, {"NI", "Nicaragua"}, {"PK", "Pakistan"}, {"RU", "Russian Federation"},
		{"SA", "South Africa"}, {"TR", "Türkiye"}, {"US", "United States"}, {"CL", "Chile"}}
	out := make([]domain.Member, len(names))
	for i, n := range names {
		out[i] = domain.Member{Code: n[0], Name: n[1], TermStart: domain.NewDate(year-1, 1, 1), TermEnd: domain.NewDate(year+2, 12, 31)}
	}
	return out
}
