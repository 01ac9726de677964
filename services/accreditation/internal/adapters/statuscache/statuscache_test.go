package statuscache_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/statuscache"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// source is an in-memory status store that counts reads and can fail.
type source struct {
	mu    sync.Mutex
	st    map[string]domain.Status
	reads atomic.Int64
	down  bool
}

func (s *source) Status(_ context.Context, org string) (domain.Status, error) {
	s.reads.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down {
		return domain.Status{}, errors.New("database down")
	}
	if st, ok := s.st[org]; ok {
		return st, nil
	}
	return domain.NoStatus(org), nil
}

func (s *source) Statuses(_ context.Context, orgs []string) (map[string]domain.Status, error) {
	s.reads.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]domain.Status{}
	for _, o := range orgs {
		if st, ok := s.st[o]; ok {
			out[o] = st
		}
	}
	return out, nil
}

func (s *source) set(org string, state domain.StatusState) {
	s.mu.Lock()
	s.st[org] = domain.Status{OrganizationID: org, State: state, Category: domain.CategorySpecial}
	s.mu.Unlock()
}

// broken is a shared cache that always fails, like Redis when it is stopped.
type broken struct{}

func (broken) Get(context.Context, string) ([]byte, bool, error) {
	return nil, false, errors.New("connection refused")
}
func (broken) Set(context.Context, string, []byte, time.Duration) error {
	return errors.New("connection refused")
}
func (broken) Delete(context.Context, ...string) error { return errors.New("connection refused") }

var ctx = context.Background()

func TestServesFromCachesAndInvalidates(t *testing.T) {
	t.Parallel()
	src := &source{st: map[string]domain.Status{}}
	src.set("org_a", domain.StatusActive)
	c := statuscache.New(src, cache.NewMemory(100), statuscache.Options{SecondDelete: 10 * time.Millisecond})
	for range 5 {
		st, err := c.Status(ctx, "org_a")
		if err != nil || st.State != domain.StatusActive {
			t.Fatalf("%+v %v", st, err)
		}
	}
	if n := src.reads.Load(); n != 1 {
		t.Fatalf("%d database reads for 5 lookups", n)
	}
	src.set("org_a", domain.StatusSuspended)
	c.Invalidate(ctx, "org_a")
	if st, _ := c.Status(ctx, "org_a"); st.State != domain.StatusSuspended {
		t.Fatalf("after invalidation: %s", st.State)
	}
	batch, err := c.Statuses(ctx, []string{"org_b", "org_a"})
	if err != nil || batch[0].State != domain.StatusNone || batch[1].State != domain.StatusSuspended {
		t.Fatalf("batch %+v %v", batch, err)
	}
}

func TestSharedCacheDownNeverFailsALookup(t *testing.T) {
	t.Parallel()
	src := &source{st: map[string]domain.Status{}}
	src.set("org_a", domain.StatusActive)
	c := statuscache.New(src, broken{}, statuscache.Options{LocalTTL: time.Millisecond})
	for range 3 {
		st, err := c.Status(ctx, "org_a")
		if err != nil || st.State != domain.StatusActive {
			t.Fatalf("with the shared cache down: %+v %v", st, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	// With the database down too, the last known answer is served.
	src.mu.Lock()
	src.down = true
	src.mu.Unlock()
	if st, err := c.Status(ctx, "org_a"); err != nil || st.State != domain.StatusActive {
		t.Fatalf("with everything down: %+v %v", st, err)
	}
}

func TestFollowInvalidatesFromTheChangeLog(t *testing.T) {
	t.Parallel()
	src := &source{st: map[string]domain.Status{}}
	src.set("org_a", domain.StatusActive)
	c := statuscache.New(src, cache.NewMemory(100), statuscache.Options{})
	_, _ = c.Status(ctx, "org_a")
	changes := make(chan domain.Change, 1)
	tail := func(ctx context.Context, after uint64, fn func(domain.Change) error) error {
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case ch := <-changes:
				if err := fn(ch); err != nil {
					return err
				}
			}
		}
	}
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go c.Follow(fctx, tail, 0, nil)
	src.set("org_a", domain.StatusWithdrawn)
	changes <- domain.Change{Sequence: 1, OrganizationID: "org_a", Kind: domain.ChangeWithdrawn}
	deadline := time.Now().Add(time.Second)
	for {
		st, _ := c.Status(ctx, "org_a")
		if st.State == domain.StatusWithdrawn {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("change not visible within a second")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// manualClock is a clock the test moves by hand.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (m *manualClock) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

func (m *manualClock) advance(d time.Duration) {
	m.mu.Lock()
	m.now = m.now.Add(d)
	m.mu.Unlock()
}

// An organization that keeps being looked up is refreshed before its entry expires, so no
// lookup of it waits for the shared cache or the database again; one that is not looked up just
// expires.
func TestLookedUpEntriesAreRefreshedAheadOfExpiry(t *testing.T) {
	t.Parallel()
	src := &source{st: map[string]domain.Status{}}
	src.set("org_a", domain.StatusActive)
	src.set("org_b", domain.StatusActive)
	clk := &manualClock{now: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	const ttl = 40 * time.Second
	refreshed := make(chan string, 10)
	// The shared cache is down, so every read that is not answered from memory reaches the source
	// and is counted.
	c := statuscache.New(src, broken{}, statuscache.Options{LocalTTL: ttl, Now: clk.Now,
		Refreshed: func(org string) { refreshed <- org }})
	if _, err := c.Statuses(ctx, []string{"org_a", "org_b"}); err != nil {
		t.Fatal(err)
	}
	reads := src.reads.Load()

	// Late in the entry's life (past any jitter): lookups are answered from memory
	// and start one refresh between them.
	clk.advance(ttl*7/8 + time.Second)
	src.set("org_a", domain.StatusSuspended)
	for range 5 {
		if st, err := c.Status(ctx, "org_a"); err != nil || st.State != domain.StatusActive {
			t.Fatalf("lookup near expiry: %+v %v, want the entry in memory", st, err)
		}
	}
	select {
	case org := <-refreshed:
		if org != "org_a" {
			t.Fatalf("refreshed %s", org)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no refresh ahead of expiry")
	}
	if n := src.reads.Load() - reads; n != 1 {
		t.Fatalf("%d reads for five lookups near expiry, want the one refresh", n)
	}

	// Past the first entry's expiry, the refreshed organization is answered from memory with what
	// the refresh read; the one nobody looked up expired and is read again.
	clk.advance(ttl / 4)
	if st, err := c.Status(ctx, "org_a"); err != nil || st.State != domain.StatusSuspended {
		t.Fatalf("refreshed entry: %+v %v", st, err)
	}
	if n := src.reads.Load() - reads; n != 1 {
		t.Fatalf("the refreshed entry was read again (%d reads)", n)
	}
	if _, err := c.Status(ctx, "org_b"); err != nil {
		t.Fatal(err)
	}
	if n := src.reads.Load() - reads; n != 2 {
		t.Fatalf("the expired entry was not read again (%d reads)", n)
	}
	select {
	case org := <-refreshed:
		t.Fatalf("unexpected refresh of %s", org)
	default:
	}
}

// Entries cached together are refreshed together: a warm-up's thousand organizations cost a few
// database queries in the background, not a thousand round trips.
func TestRefreshesAreReadInBatches(t *testing.T) {
	t.Parallel()
	src := &source{st: map[string]domain.Status{}}
	orgs := make([]string, 1000)
	for i := range orgs {
		orgs[i] = fmt.Sprintf("org_%04d", i)
		src.set(orgs[i], domain.StatusActive)
	}
	clk := &manualClock{now: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	const ttl = 40 * time.Second
	refreshed := make(chan string, len(orgs))
	c := statuscache.New(src, broken{}, statuscache.Options{LocalTTL: ttl, Now: clk.Now,
		Refreshed: func(org string) { refreshed <- org }})
	if _, err := c.Statuses(ctx, orgs); err != nil {
		t.Fatal(err)
	}
	reads := src.reads.Load()
	clk.advance(ttl*3/4 + time.Second)
	for _, org := range orgs {
		if st, err := c.Status(ctx, org); err != nil || st.State != domain.StatusActive {
			t.Fatalf("%s: %+v %v", org, st, err)
		}
	}
	seen := map[string]bool{}
	for len(seen) < len(orgs) {
		select {
		case org := <-refreshed:
			seen[org] = true
		case <-time.After(10 * time.Second):
			t.Fatalf("%d of %d organizations refreshed", len(seen), len(orgs))
		}
	}
	// The lookups outpace the one refreshing goroutine, so batches hold several organizations;
	// at worst each organization is its own query, which would show here.
	if n := src.reads.Load() - reads; n >= int64(len(orgs)) {
		t.Fatalf("%d queries refreshed %d organizations", n, len(orgs))
	}
	t.Logf("%d queries refreshed %d organizations", src.reads.Load()-reads, len(orgs))
}
