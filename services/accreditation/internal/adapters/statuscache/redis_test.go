package statuscache_test

import (
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/platform/cache/cachetest"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/statuscache"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

func TestMain(m *testing.M) { cachetest.Main(m) }

func redisCache(t *testing.T, url, prefix string) cache.Cache {
	t.Helper()
	r, err := cache.NewRedis(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return cache.WithPrefix(r, prefix)
}

// TestReplicasShareRedis: one replica's invalidation reaches Redis, so
// another replica with a cold local cache never reads the old value there.
func TestReplicasShareRedis(t *testing.T) {
	t.Parallel()
	url, prefix := cachetest.Redis(t)
	src := &source{st: map[string]domain.Status{}}
	src.set("org_a", domain.StatusActive)
	one := statuscache.New(src, redisCache(t, url, prefix), statuscache.Options{})
	if st, err := one.Status(ctx, "org_a"); err != nil || st.State != domain.StatusActive {
		t.Fatalf("%+v %v", st, err)
	}
	reads := src.reads.Load()
	two := statuscache.New(src, redisCache(t, url, prefix), statuscache.Options{})
	if st, _ := two.Status(ctx, "org_a"); st.State != domain.StatusActive || src.reads.Load() != reads {
		t.Fatalf("second replica did not read from Redis: %s, %d reads", st.State, src.reads.Load()-reads)
	}
	src.set("org_a", domain.StatusSuspended)
	one.Invalidate(ctx, "org_a")
	three := statuscache.New(src, redisCache(t, url, prefix), statuscache.Options{})
	if st, _ := three.Status(ctx, "org_a"); st.State != domain.StatusSuspended {
		t.Fatalf("a cold replica read %s after the invalidation", st.State)
	}
}

// TestLookupsAnswerWithRedisStopped: stopping Redis never fails a lookup,
// and changes are still seen; when Redis is back it is used again.
func TestLookupsAnswerWithRedisStopped(t *testing.T) {
	t.Parallel()
	srv := cachetest.StartRedis(t)
	src := &source{st: map[string]domain.Status{}}
	src.set("org_a", domain.StatusActive)
	c := statuscache.New(src, redisCache(t, srv.URL, "t:"), statuscache.Options{LocalTTL: time.Millisecond})
	if _, err := c.Status(ctx, "org_a"); err != nil {
		t.Fatal(err)
	}
	srv.Stop(t)
	src.set("org_a", domain.StatusWithdrawn)
	c.Invalidate(ctx, "org_a") // the Redis delete fails; the local one does not
	for range 5 {
		st, err := c.Status(ctx, "org_a")
		if err != nil || st.State != domain.StatusWithdrawn {
			t.Fatalf("with Redis stopped: %+v %v", st, err)
		}
		list, err := c.Statuses(ctx, []string{"org_a", "org_b"})
		if err != nil || list[0].State != domain.StatusWithdrawn || list[1].State != domain.StatusNone {
			t.Fatalf("batch with Redis stopped: %+v %v", list, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	srv.Start(t)
	if st, err := c.Status(ctx, "org_a"); err != nil || st.State != domain.StatusWithdrawn {
		t.Fatalf("after Redis came back: %+v %v", st, err)
	}
}
