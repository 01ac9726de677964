//go:build faults

package faults

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestRedisOutageUnderStatusReaders kills Redis for 5 s under 8 concurrent
// readers of statuses and organization profiles: not one read may fail, and
// once Redis is back the caches serve hits again.
func TestRedisOutageUnderStatusReaders(t *testing.T) {
	s := startSystem(t)
	orgs := s.organizations()
	ctx, stop := context.WithCancel(t.Context())
	var (
		reads, failures atomic.Int64
		mu              sync.Mutex
		firstFailures   []string
		wg              sync.WaitGroup
	)
	for reader := range 8 {
		wg.Go(func() {
			for i := reader; ctx.Err() == nil; i++ {
				org := orgs[i%len(orgs)]
				for _, path := range []string{"/v1/organizations/" + org.ID + "/status", "/v1/organizations/" + org.ID} {
					r := s.call(context.Background(), "GET", path, "", nil)
					reads.Add(1)
					if r.err != nil || r.status != 200 {
						failures.Add(1)
						mu.Lock()
						if len(firstFailures) < 5 {
							firstFailures = append(firstFailures, fmt.Sprintf("GET %s: %v", path, r))
						}
						mu.Unlock()
					}
				}
			}
		})
	}
	time.Sleep(time.Second)
	s.stopRedis()
	t.Log("redis killed")
	time.Sleep(5 * time.Second)
	s.startRedis()
	t.Log("redis restarted")
	// ReadThrough retries a failed cache every 2 s; give it that and more.
	time.Sleep(3 * time.Second)
	// The accreditation service keeps statuses in memory for 30 s in front
	// of Redis, so the registry's profile cache is the one that shows Redis
	// at work again.
	before := sumSeries(s.scrape("registry"), "liaison_cache_lookups_total", `result="hit"`)
	time.Sleep(time.Second)
	stop()
	wg.Wait()
	scrape := s.scrape("registry")

	t.Logf("%d reads, %d failed", reads.Load(), failures.Load())
	if failures.Load() != 0 {
		t.Fatalf("%d of %d reads failed while Redis was down, first: %v", failures.Load(), reads.Load(), firstFailures)
	}
	if missed := sumSeries(scrape, "liaison_cache_lookups_total", `result="error"`) +
		sumSeries(scrape, "liaison_cache_lookups_total", `result="bypass"`); missed == 0 {
		t.Error("the registry never noticed Redis was gone: the outage was not exercised")
	}
	if after := sumSeries(scrape, "liaison_cache_lookups_total", `result="hit"`); after <= before {
		t.Errorf("the registry served no cache hit in the second after Redis came back (%v then %v)", before, after)
	}
}
