package orgcache

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/platform/cache/cachetest"
	"github.com/un-liaison/liaison/platform/logging"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/registry/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
	"github.com/un-liaison/liaison/services/registry/migrations"
)

func TestMain(m *testing.M) { cachetest.Main(m) }

// countingStore counts the profile reads that reach the database.
type countingStore struct {
	app.Store
	gets atomic.Int64
}

func (c *countingStore) GetOrganization(ctx context.Context, id string) (domain.Organization, error) {
	c.gets.Add(1)
	return c.Store.GetOrganization(ctx, id)
}

var t0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func setup(t *testing.T, redisURL, prefix string) (*Store, *countingStore, domain.Organization) {
	t.Helper()
	db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "registry", Migrations: migrations.FS})
	counting := &countingStore{Store: sqlstore.New(db)}
	r, err := cache.NewRedis(redisURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	s := New(counting, cache.WithPrefix(r, prefix), logging.Discard())
	o := domain.Organization{ID: "org_1", Name: "United Nations Office at Geneva", Acronym: "UNOG", Country: "CH",
		StakeholderGroup: domain.StakeholderInternationalOrganization, SDGs: []int{16, 17}, Status: domain.NoStatus,
		Address:   domain.Address{Street: "Palais des Nations", City: "Geneva", PostalCode: "1211", Country: "CH"},
		CreatedBy: "officer-1", Revision: 1, CreateTime: t0, UpdateTime: t0}
	if _, err := s.CreateOrganization(context.Background(), o, app.CreateOrganizationOptions{}); err != nil {
		t.Fatal(err)
	}
	return s, counting, o
}

func TestSecondGetIsServedFromRedis(t *testing.T) {
	url, prefix := cachetest.Redis(t)
	s, counting, o := setup(t, url, prefix)
	ctx := context.Background()
	first, err := s.GetOrganization(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.GetOrganization(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n := counting.gets.Load(); n != 1 {
		t.Fatalf("the database was read %d times, want 1", n)
	}
	if second.Etag() != o.Etag() || second.CreatedBy != "officer-1" || second.Address != o.Address || !second.UpdateTime.Equal(t0) || first.Name != second.Name {
		t.Fatalf("cached profile differs: %+v", second)
	}

	updated, err := s.UpdateOrganization(ctx, o.ID, func(o *domain.Organization) error {
		o.Website, o.Revision = "https://www.ungeneva.org", o.Revision+1
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := s.GetOrganization(ctx, o.ID)
	if after.Website != updated.Website || after.Etag() != updated.Etag() || counting.gets.Load() != 2 {
		t.Fatalf("an update must invalidate: %+v (db reads %d)", after, counting.gets.Load())
	}
}

func TestConcurrentMissesShareOneLoad(t *testing.T) {
	url, prefix := cachetest.Redis(t)
	s, counting, o := setup(t, url, prefix)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := s.GetOrganization(context.Background(), o.ID); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := counting.gets.Load(); n > 2 {
		t.Fatalf("20 concurrent readers caused %d database reads", n)
	}
}

func TestGetSucceedsWithRedisStopped(t *testing.T) {
	server := cachetest.StartRedis(t)
	s, counting, o := setup(t, server.URL, "t:")
	ctx := context.Background()
	if _, err := s.GetOrganization(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	server.Stop(t)
	for range 3 {
		got, err := s.GetOrganization(ctx, o.ID)
		if err != nil || got.Name != o.Name {
			t.Fatalf("with Redis down: %v %v", got.Name, err)
		}
	}
	if s.Failures() == 0 || counting.gets.Load() < 2 {
		t.Fatalf("the outage must be counted and served from the database (failures %d, db reads %d)", s.Failures(), counting.gets.Load())
	}
	if _, err := s.GetOrganization(ctx, "org_missing"); !app.IsNotFound(err) {
		t.Fatalf("a missing profile is still not found: %v", err)
	}
}

func TestRecordRoundTrips(t *testing.T) {
	o := domain.Organization{ID: "org_1", Name: "N", Country: "CH", StakeholderGroup: domain.StakeholderNGO,
		Status:    domain.ConsultativeStatus{Category: domain.CategorySpecial, State: domain.StatusSuspended},
		CreatedBy: "u", Revision: 7, CreateTime: t0, UpdateTime: t0.Add(time.Microsecond)}
	b, err := encode(o)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decode(b)
	if err != nil || got.Status != o.Status || got.Revision != 7 || got.CreatedBy != "u" || !got.UpdateTime.Equal(o.UpdateTime) {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := decode([]byte{0xff}); err == nil {
		t.Fatal("garbage must not decode")
	}
}
