package gateway

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/go-redis/redis_rate/v10"

	"github.com/un-liaison/liaison/platform/cache/cachetest"
	"github.com/un-liaison/liaison/platform/config"
)

var anonymousRate = rate{perSecond: 20, burst: 40}

func TestLocalLimiterAllowsTheBurstThenTheRate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	l := newLocalLimiter()
	l.now = func() time.Time { return now }
	ctx := context.Background()
	for i := range 40 {
		d, _ := l.allow(ctx, "addr:192.0.2.1", anonymousRate)
		if !d.allowed || d.remaining != 39-i {
			t.Fatalf("request %d: %+v", i+1, d)
		}
	}
	d, _ := l.allow(ctx, "addr:192.0.2.1", anonymousRate)
	if d.allowed || d.retryAfter != 50*time.Millisecond || d.remaining != 0 {
		t.Fatalf("41st request at once: %+v, want refused for 50ms", d)
	}
	if d, _ := l.allow(ctx, "addr:192.0.2.2", anonymousRate); !d.allowed {
		t.Fatal("another caller was refused")
	}
	now = now.Add(50 * time.Millisecond)
	if d, _ := l.allow(ctx, "addr:192.0.2.1", anonymousRate); !d.allowed {
		t.Fatalf("refused after waiting Retry-After: %+v", d)
	}
	// Idle callers are forgotten once their burst is whole again.
	now = now.Add(2 * time.Minute)
	_, _ = l.allow(ctx, "addr:192.0.2.3", anonymousRate)
	if len(l.tat) != 1 {
		t.Errorf("%d callers remembered after two idle minutes, want only the new one", len(l.tat))
	}
}

func redisLimiterFor(t *testing.T, url string) limiter {
	t.Helper()
	l, closeFn, err := newLimiter(config.Common{RedisURL: url}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = closeFn() })
	return l
}

// sharedRedisLimiter is one replica's Redis limiter without the local fallback, and with
// patient timeouts, so that a busy test machine cannot turn a shared count into two local ones.
func sharedRedisLimiter(t *testing.T, url string) limiter {
	t.Helper()
	rdb, err := newRedisClient(url, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rdb.Close() })
	return redisLimiter{redis_rate.NewLimiter(rdb)}
}

func TestReplicasShareTheCountsInRedisAndSurviveItsOutage(t *testing.T) {
	t.Parallel()
	srv := cachetest.StartRedis(t)
	a, b := sharedRedisLimiter(t, srv.URL), sharedRedisLimiter(t, srv.URL)
	ctx := context.Background()
	key := "addr:198.51.100.7"
	began := time.Now()
	allowed := 0
	for i := range 50 {
		l := a
		if i%2 == 1 {
			l = b
		}
		d, err := l.allow(ctx, key, anonymousRate)
		if err != nil {
			t.Fatal(err)
		}
		if d.allowed {
			allowed++
		}
	}
	// Two replicas, one burst between them, plus what 20/s refilled while this ran.
	if most := 40 + int(20*time.Since(began).Seconds()) + 1; allowed < 40 || allowed > most {
		t.Fatalf("two replicas allowed %d of 50 requests, want the shared burst of 40 (at most %d)", allowed, most)
	}

	srv.Stop(t)
	a = redisLimiterFor(t, srv.URL) // as the edge runs it: Redis first, this process when it is down
	began = time.Now()
	d, err := a.allow(ctx, "addr:198.51.100.8", anonymousRate)
	if err != nil || !d.allowed {
		t.Fatalf("with Redis down: %+v, %v; want the local limiter to answer", d, err)
	}
	if waited := time.Since(began); waited > 2*time.Second {
		t.Errorf("a check with Redis down took %v", waited)
	}
	refused := false
	for range 45 {
		if d, _ := a.allow(ctx, "addr:198.51.100.8", anonymousRate); !d.allowed {
			refused = true
			break
		}
	}
	if !refused {
		t.Error("with Redis down, the local limiter let a flood through")
	}
}
