package sqlstore

import (
	"cmp"
	"context"
	"os"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
	"github.com/un-liaison/liaison/services/registry/internal/synthetic"
	"github.com/un-liaison/liaison/services/registry/migrations"
)

// benchSize is the directory the search benchmark runs over; LIAISON_BENCH_ORGANIZATIONS changes it.
func benchSize() int {
	if n, err := strconv.Atoi(os.Getenv("LIAISON_BENCH_ORGANIZATIONS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// BenchmarkSearch times one page (50 rows) of each query shape the directory serves, over a
// synthetic directory, on each database, and reports the median and 99th percentile latency.
//
//	go test -run '^$' -bench Search -benchtime 300x ./internal/adapters/sqlstore
func BenchmarkSearch(b *testing.B) {
	n := benchSize()
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	orgs := synthetic.Organizations(1, n, now)
	byName := slices.Clone(orgs)
	slices.SortFunc(byName, func(x, y domain.Organization) int {
		return cmp.Or(cmp.Compare(x.NormalizedName(), y.NormalizedName()), cmp.Compare(x.ID, y.ID))
	})
	byUpdate := slices.Clone(orgs)
	slices.SortFunc(byUpdate, func(x, y domain.Organization) int {
		return -cmp.Or(x.UpdateTime.Compare(y.UpdateTime), cmp.Compare(x.ID, y.ID))
	})
	deep := n * 9 / 10
	deepByName, deepByUpdate := app.CursorOf(byName[deep]), app.CursorOf(byUpdate[deep])

	shapes := []struct {
		name string
		q    app.OrganizationQuery
	}{
		{"first-page-by-name", app.OrganizationQuery{}},
		{"deep-page-by-name", app.OrganizationQuery{After: &deepByName}},
		{"deep-page-by-update-time", app.OrganizationQuery{Order: app.ByUpdateTimeDesc, After: &deepByUpdate}},
		{"country", app.OrganizationQuery{Country: "CH"}},
		{"country-and-sdg", app.OrganizationQuery{Country: "CH", SDGs: []int{16}}},
		{"sdg-any-of", app.OrganizationQuery{SDGs: []int{5, 16}}},
		{"status-category", app.OrganizationQuery{StatusCategory: domain.CategorySpecial}},
		{"text-common-word", app.OrganizationQuery{Text: "health"}},
		{"text-three-words", app.OrganizationQuery{Text: "multilingual meeting records"}},
		{"text-rare-word", app.OrganizationQuery{Text: "Ulaanbaatar"}},
		{"text-and-facets", app.OrganizationQuery{Text: "water", Country: "KE", SDGs: []int{6, 3, 13}}},
		{"text-deep-page", app.OrganizationQuery{Text: "health", After: &deepByName}},
	}
	for _, backend := range backends {
		b.Run(backend.name, func(b *testing.B) {
			s := New(sqltest.Open(b, backend.dialect, sqldb.Options{Service: "registry", Migrations: migrations.FS}))
			ctx := context.Background()
			for start := 0; start < n; start += 10_000 {
				if err := s.InsertOrganizations(ctx, orgs[start:min(start+10_000, n)]); err != nil {
					b.Fatal(err)
				}
			}
			for _, shape := range shapes {
				b.Run(shape.name, func(b *testing.B) {
					q := shape.q
					q.Limit = 51
					timings := make([]time.Duration, 0, b.N)
					for b.Loop() {
						start := time.Now()
						if _, err := s.SearchOrganizations(ctx, q); err != nil {
							b.Fatal(err)
						}
						timings = append(timings, time.Since(start))
					}
					reportPercentiles(b, timings)
				})
			}
			b.Run("get-by-id", func(b *testing.B) {
				timings := make([]time.Duration, 0, b.N)
				i := 0
				for b.Loop() {
					start := time.Now()
					if _, err := s.GetOrganization(ctx, orgs[i%n].ID); err != nil {
						b.Fatal(err)
					}
					timings = append(timings, time.Since(start))
					i += 7919
				}
				reportPercentiles(b, timings)
			})
		})
	}
}

func reportPercentiles(b *testing.B, timings []time.Duration) {
	if len(timings) == 0 {
		return
	}
	sort.Slice(timings, func(i, j int) bool { return timings[i] < timings[j] })
	at := func(p float64) float64 {
		return float64(timings[min(len(timings)-1, int(p*float64(len(timings))))].Microseconds())
	}
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}
