package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
	"github.com/un-liaison/liaison/services/events/migrations"
)

// BenchmarkRegister is the store's part of `make bench`'s registration figure: 8 callers in
// flight registering people for one event with more demand than seats, each with a request id,
// so every batch claims keys, reads the facts, inserts, writes notices and saves the counts.
//
//	go test -run '^$' -bench Register -benchtime 2000x ./internal/adapters/sqlstore
func BenchmarkRegister(b *testing.B) {
	for name, d := range map[string]sqldb.Dialect{"postgres": sqldb.Postgres, "sqlite": sqldb.SQLite} {
		b.Run(name, func(b *testing.B) {
			s := sqlstore.New(sqltest.Open(b, d, sqldb.Options{Service: "events", Migrations: migrations.FS}))
			ctx := context.Background()
			e := domain.Event{
				ID: app.NewID("evt"), Title: "Commission for Social Development", Kind: domain.KindMeeting,
				Start: start, End: start.Add(3 * time.Hour), TimeZone: "America/New_York", Capacity: 2000,
				State: domain.EventScheduled, Created: now, Updated: now, Revision: 1,
			}
			if err := s.CreateEvent(ctx, &e, app.RequestKey{}); err != nil {
				b.Fatal(err)
			}
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for w := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for n := next.Add(1); n <= int64(b.N); n = next.Add(1) {
						if _, err := registerKey(ctx, s, e.ID, fmt.Sprintf("org_%d", n%2700), fmt.Sprintf("p%d.%d@example.org", w, n), ""); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "registrations/s")
		})
	}
}
