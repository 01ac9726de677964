package statuscache_test

import (
	"context"
	"errors"
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
