package cachedstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/platform/cache/cachetest"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/events/internal/adapters/cachedstore"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
	"github.com/un-liaison/liaison/services/events/migrations"
)

func TestMain(m *testing.M) { cachetest.Main(m) }

var now = time.Date(2021, 9, 1, 12, 0, 0, 0, time.UTC)

func setup(t *testing.T, redisURL, prefix string) (*cachedstore.Store, *sqlstore.Store, cache.Cache) {
	t.Helper()
	r, err := cache.NewRedis(redisURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	c := cache.WithPrefix(r, prefix)
	inner := sqlstore.New(sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "events", Migrations: migrations.FS}))
	return cachedstore.New(inner, c, nil), inner, c
}

func newEvent(t *testing.T, s app.Store) domain.Event {
	t.Helper()
	start := time.Date(2021, 9, 19, 13, 0, 0, 0, time.UTC)
	e := domain.Event{ID: app.NewID("evt"), Title: "Broadband Commission", Kind: domain.KindMeeting, Start: start, End: start.Add(time.Hour),
		TimeZone: "America/New_York", Capacity: 1, State: domain.EventScheduled, Created: now, Updated: now, Revision: 1}
	if err := s.CreateEvent(context.Background(), &e, app.RequestKey{}); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestReadsAreCachedAndWritesInvalidate(t *testing.T) {
	t.Parallel()
	url, prefix := cachetest.Redis(t)
	s, _, c := setup(t, url, prefix)
	ctx := context.Background()
	e := newEvent(t, s)
	if got, err := s.GetEvent(ctx, e.ID); err != nil || got.Title != e.Title || !got.Start.Equal(e.Start) {
		t.Fatalf("first read: %+v %v", got, err)
	}
	if _, ok, err := c.Get(ctx, "event:"+e.ID); !ok || err != nil {
		t.Fatalf("not cached: %v", err)
	}
	if _, err := s.UpdateEvent(ctx, e.ID, app.RequestKey{}, func(e *domain.Event) error { e.Title = "Renamed"; return nil }); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetEvent(ctx, e.ID); got.Title != "Renamed" {
		t.Fatalf("stale after update: %q", got.Title)
	}
	r := domain.Registration{ID: app.NewID("reg"), EventID: e.ID, OrganizationID: "org_a",
		Participant: domain.Participant{GivenName: "A", FamilyName: "B", Email: "a@example.org"}, Created: now, Updated: now, Revision: 1}
	if err := s.Register(ctx, &r, app.RequestKey{}, func(a domain.Admission) (domain.RegistrationState, error) {
		a.Now = now
		return domain.Admit(a)
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetEvent(ctx, e.ID); got.Confirmed != 1 {
		t.Fatalf("stale counts after a registration: %d", got.Confirmed)
	}
	if _, err := s.GetEvent(ctx, "evt_missing"); domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("missing event: %v", err)
	}
}

func TestRedisDownStillAnswers(t *testing.T) {
	t.Parallel()
	srv := cachetest.StartRedis(t)
	s, _, _ := setup(t, srv.URL, "events_t:")
	e := newEvent(t, s)
	srv.Stop(t)
	got, err := s.GetEvent(context.Background(), e.ID)
	if err != nil || got.ID != e.ID {
		t.Fatalf("with Redis down: %v", err)
	}
	srv.Start(t)
	if got, err := s.GetEvent(context.Background(), e.ID); err != nil || got.ID != e.ID {
		t.Fatalf("after Redis came back: %v", err)
	}
}
