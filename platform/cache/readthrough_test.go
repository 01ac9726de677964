package cache_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/platform/cache/cachetest"
	"github.com/un-liaison/liaison/platform/logging"
)

// syncBuffer collects log lines written from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) count(s string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Count(b.buf.String(), s)
}

// recording remembers the TTLs it was given.
type recording struct {
	cache.Cache
	mu   sync.Mutex
	ttls []time.Duration
}

func (r *recording) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	r.mu.Lock()
	r.ttls = append(r.ttls, ttl)
	r.mu.Unlock()
	return r.Cache.Set(ctx, key, val, ttl)
}

func TestReadThroughLoadsOnceThenServesFromCache(t *testing.T) {
	t.Parallel()
	rt := cache.NewReadThrough(cache.NewMemory(10), cache.ReadThroughOptions{Name: "organizations"})
	var loads atomic.Int32
	release := make(chan struct{})
	load := func(context.Context) ([]byte, error) {
		loads.Add(1)
		<-release
		return []byte("profile"), nil
	}
	const callers = 20
	var wg sync.WaitGroup
	results := make(chan string, callers)
	for range callers {
		wg.Go(func() {
			v, err := rt.Get(ctx(t), "organizations/1", load)
			if err != nil {
				t.Error(err)
			}
			results <- string(v)
		})
	}
	time.Sleep(100 * time.Millisecond) // let the callers pile up on the one load
	close(release)
	wg.Wait()
	close(results)
	for v := range results {
		if v != "profile" {
			t.Fatalf("caller got %q", v)
		}
	}
	if n := loads.Load(); n != 1 {
		t.Fatalf("loader ran %d times for concurrent misses, want 1", n)
	}
	if _, err := rt.Get(ctx(t), "organizations/1", load); err != nil || loads.Load() != 1 {
		t.Fatalf("hit went to the loader: loads %d, %v", loads.Load(), err)
	}
}

func TestReadThroughTTLHasJitterWithinTheBound(t *testing.T) {
	t.Parallel()
	rec := &recording{Cache: cache.NewMemory(1000)}
	rt := cache.NewReadThrough(rec, cache.ReadThroughOptions{TTL: 10 * time.Second, Jitter: 0.2})
	for i := range 200 {
		_, err := rt.Get(ctx(t), string(rune('a'+i%26))+strings.Repeat("x", i), func(context.Context) ([]byte, error) { return []byte("v"), nil })
		if err != nil {
			t.Fatal(err)
		}
	}
	distinct := map[time.Duration]bool{}
	for _, ttl := range rec.ttls {
		if ttl > 10*time.Second || ttl < 8*time.Second {
			t.Fatalf("ttl %v outside [8s, 10s]", ttl)
		}
		distinct[ttl] = true
	}
	if len(distinct) < 10 {
		t.Fatalf("only %d distinct TTLs in %d sets: no jitter", len(distinct), len(rec.ttls))
	}
}

func TestReadThroughLoaderErrorsAreNotCached(t *testing.T) {
	t.Parallel()
	rt := cache.NewReadThrough(cache.NewMemory(10), cache.ReadThroughOptions{})
	notFound := errors.New("organization not found")
	if _, err := rt.Get(ctx(t), "k", func(context.Context) ([]byte, error) { return nil, notFound }); !errors.Is(err, notFound) {
		t.Fatalf("err = %v", err)
	}
	v, err := rt.Get(ctx(t), "k", func(context.Context) ([]byte, error) { return []byte("now it exists"), nil })
	if err != nil || string(v) != "now it exists" {
		t.Fatalf("after a failed load: %q, %v", v, err)
	}
	if rt.Failures() != 0 {
		t.Fatalf("loader errors counted as cache failures: %d", rt.Failures())
	}
}

func TestReadThroughCallerCancellingDoesNotFailOthers(t *testing.T) {
	t.Parallel()
	rt := cache.NewReadThrough(cache.NewMemory(10), cache.ReadThroughOptions{})
	release := make(chan struct{})
	load := func(ctx context.Context) ([]byte, error) {
		<-release
		return []byte("v"), ctx.Err()
	}
	impatient, cancel := context.WithCancel(context.Background())
	firstDone := make(chan error, 1)
	go func() { _, err := rt.Get(impatient, "k", load); firstDone <- err }()
	time.Sleep(50 * time.Millisecond)
	secondDone := make(chan error, 1)
	go func() { _, err := rt.Get(ctx(t), "k", load); secondDone <- err }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := <-firstDone; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled caller got %v", err)
	}
	close(release)
	if err := <-secondDone; err != nil {
		t.Fatalf("patient caller failed because another cancelled: %v", err)
	}
}

// TestReadThroughSurvivesARedisOutage stops a real Redis under the cache:
// reads keep being answered from the source, the outage is logged once and
// each failure counted, and the cache is used again once Redis is back.
func TestReadThroughSurvivesARedisOutage(t *testing.T) {
	t.Parallel()
	srv := cachetest.StartRedis(t)
	r, err := cache.NewRedis(srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	logs := &syncBuffer{}
	rt := cache.NewReadThrough(r, cache.ReadThroughOptions{
		Name:       "statuses",
		RetryAfter: 100 * time.Millisecond,
		Logger:     logging.New(logs, "liaison-test", "info", "json"),
	})
	var loads atomic.Int32
	load := func(context.Context) ([]byte, error) {
		loads.Add(1)
		return []byte("CATEGORY_SPECIAL"), nil
	}

	if _, err := rt.Get(ctx(t), "statuses/org-1", load); err != nil {
		t.Fatal(err)
	}
	if _, err := rt.Get(ctx(t), "statuses/org-1", load); err != nil || loads.Load() != 1 {
		t.Fatalf("warm cache not used: loads %d, %v", loads.Load(), err)
	}

	srv.Stop(t)
	for i := range 30 {
		v, err := rt.Get(ctx(t), "statuses/org-1", load)
		if err != nil || string(v) != "CATEGORY_SPECIAL" {
			t.Fatalf("call %d during the outage: %q, %v", i, v, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := logs.count("cache failing"); n != 1 {
		t.Fatalf("outage logged %d times, want once", n)
	}
	if rt.Failures() < 1 {
		t.Fatal("failures not counted")
	}
	// The breaker keeps most calls off the dead server.
	if f := rt.Failures(); f >= 30 {
		t.Errorf("%d failures for 30 calls: every call waited on the dead server", f)
	}
	rt.Invalidate(ctx(t), "statuses/org-1") // must not panic or block

	srv.Start(t)
	time.Sleep(150 * time.Millisecond) // past RetryAfter
	before := loads.Load()
	for range 3 {
		if _, err := rt.Get(ctx(t), "statuses/org-1", load); err != nil {
			t.Fatal(err)
		}
	}
	if got := loads.Load() - before; got != 1 {
		t.Fatalf("after recovery the loader ran %d times for 3 reads, want 1 (then cached)", got)
	}
	if n := logs.count("cache recovered"); n != 1 {
		t.Fatalf("recovery logged %d times, want once", n)
	}
}
