package statuscache_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/statuscache"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// warmCache is a cache whose in-process level holds n organizations, half of them with status,
// as it does once a badge office has asked about everyone at the door.
func warmCache(b *testing.B, n int) (*statuscache.Cache, []string) {
	b.Helper()
	src := &source{st: map[string]domain.Status{}}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("org_%06d", i)
		if i%2 == 0 {
			src.set(ids[i], domain.StatusActive)
		}
	}
	c := statuscache.New(src, cache.NewMemory(0), statuscache.Options{LocalTTL: time.Hour})
	if _, err := c.Statuses(context.Background(), ids); err != nil {
		b.Fatal(err)
	}
	return c, ids
}

// BenchmarkStatusWarm is the hot path of GetConsultativeStatus below the transport: every
// lookup is answered by the in-process level, from all CPUs at once.
func BenchmarkStatusWarm(b *testing.B) {
	c, ids := warmCache(b, 5000)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := c.Status(ctx, ids[i%len(ids)]); err != nil {
				b.Error(err)
				return
			}
			i += 7
		}
	})
}

// BenchmarkStatusesWarm100 is BatchGetConsultativeStatuses' hot path: 100 ids, all cached.
func BenchmarkStatusesWarm100(b *testing.B) {
	c, ids := warmCache(b, 5000)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			start := (i * 100) % (len(ids) - 100)
			if _, err := c.Statuses(ctx, ids[start:start+100]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}
