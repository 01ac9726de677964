package gateway

import (
	"context"
	"encoding/json"
	"google.golang.org/grpc/codes"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
)

// rate is one tier's allowance: perSecond sustained, burst at once. Zero perSecond is unlimited.
type rate struct {
	perSecond int
	burst     int
}

func (r rate) unlimited() bool { return r.perSecond <= 0 }

// decision is what a limiter says about one request.
type decision struct {
	allowed    bool
	remaining  int
	retryAfter time.Duration // until the next request would be allowed, when refused
	resetAfter time.Duration // until the caller's full burst is back
}

// limiter counts requests per key with the generic cell rate algorithm: a key may send burst
// requests at once and then one every 1/perSecond.
type limiter interface {
	allow(ctx context.Context, key string, r rate) (decision, error)
}

// redisLimiter keeps the counts in Redis so that every replica of the edge shares them.
type redisLimiter struct{ l *redis_rate.Limiter }

func (r redisLimiter) allow(ctx context.Context, key string, rt rate) (decision, error) {
	res, err := r.l.Allow(ctx, "liaison:gateway:"+key, redis_rate.Limit{Rate: rt.perSecond, Burst: rt.burst, Period: time.Second})
	if err != nil {
		return decision{}, err
	}
	return decision{allowed: res.Allowed > 0, remaining: res.Remaining, retryAfter: res.RetryAfter, resetAfter: res.ResetAfter}, nil
}

// localLimiter keeps the counts in this process: right for a single edge, and the fallback
// while Redis is down (each replica then limits on its own, which is better than not at all).
type localLimiter struct {
	now func() time.Time

	mu      sync.Mutex
	tat     map[string]time.Time // theoretical arrival time of the next request, per key
	swept   time.Time
	maxIdle time.Duration
}

func newLocalLimiter() *localLimiter {
	return &localLimiter{now: time.Now, tat: map[string]time.Time{}, maxIdle: time.Minute}
}

func (l *localLimiter) allow(_ context.Context, key string, r rate) (decision, error) {
	now := l.now()
	interval := time.Second / time.Duration(r.perSecond)
	window := interval * time.Duration(r.burst) // how far ahead of now the tat may run

	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	tat := l.tat[key]
	if tat.Before(now) {
		tat = now
	}
	next := tat.Add(interval)
	if ahead := next.Sub(now); ahead > window {
		return decision{remaining: 0, retryAfter: ahead - window, resetAfter: tat.Sub(now)}, nil
	}
	l.tat[key] = next
	ahead := next.Sub(now)
	return decision{allowed: true, remaining: int((window - ahead) / interval), retryAfter: -1, resetAfter: ahead}, nil
}

// sweep forgets keys idle long enough to have their whole burst back, so that a stream of
// one-off client addresses cannot grow the map without bound.
func (l *localLimiter) sweep(now time.Time) {
	if now.Sub(l.swept) < l.maxIdle {
		return
	}
	l.swept = now
	for k, tat := range l.tat {
		if now.Sub(tat) > l.maxIdle {
			delete(l.tat, k)
		}
	}
}

// fallbackLimiter asks Redis and, when Redis cannot answer, the local limiter: an outage of the
// shared store must not turn into an outage of the API.
// After a failure, Redis is left alone for a while, so that an outage costs one slow check per
// pause rather than one per request.
type fallbackLimiter struct {
	primary, fallback limiter
	log               *slog.Logger
	lastWarned        atomic.Int64
	downUntil         atomic.Int64 // UnixNano before which Redis is not asked
}

// redisPause is how long the edge counts locally after Redis failed to answer.
const redisPause = 2 * time.Second

func (f *fallbackLimiter) allow(ctx context.Context, key string, r rate) (decision, error) {
	if time.Now().UnixNano() >= f.downUntil.Load() {
		d, err := f.primary.allow(ctx, key, r)
		if err == nil {
			return d, nil
		}
		f.downUntil.Store(time.Now().Add(redisPause).UnixNano())
		if last := f.lastWarned.Load(); time.Since(time.Unix(0, last)) > time.Minute && f.lastWarned.CompareAndSwap(last, time.Now().UnixNano()) {
			f.log.WarnContext(ctx, "rate limits fall back to this process: Redis does not answer", slog.String("error", err.Error()))
		}
	}
	return f.fallback.allow(ctx, key, r)
}

// redisTimeout bounds one rate-limit check, so a slow Redis costs a request milliseconds, not
// seconds, before the local limiter takes over.
const redisTimeout = 100 * time.Millisecond

// newLimiter uses Redis when the configuration names one, the process otherwise. The returned
// func closes the Redis client.
func newLimiter(cfg config.Common, log *slog.Logger) (limiter, func() error, error) {
	if cfg.RedisURL == "" {
		return newLocalLimiter(), func() error { return nil }, nil
	}
	rdb, err := newRedisClient(cfg.RedisURL, redisTimeout)
	if err != nil {
		return nil, nil, err
	}
	return &fallbackLimiter{primary: redisLimiter{redis_rate.NewLimiter(rdb)}, fallback: newLocalLimiter(), log: log}, rdb.Close, nil
}

// newRedisClient connects to url with every wait bounded by timeout and no retries: a rate
// check that cannot be answered at once is better answered locally.
func newRedisClient(url string, timeout time.Duration) (*redis.Client, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	opts.ReadTimeout, opts.WriteTimeout, opts.DialTimeout = timeout, timeout, timeout
	opts.MaxRetries = -1
	opts.DialerRetries = 1
	return redis.NewClient(opts), nil
}

// rateLimited refuses callers over their allowance with 429 and tells every caller where it
// stands (RateLimit-* headers). A caller is its token's subject when it sent a valid token, in
// the Authorization header or in the portal's session cookie (so a made-up subject cannot dodge
// the limit), its client address otherwise.
func rateLimited(next http.Handler, lim limiter, limits config.RateLimits, v auth.Verifier, proxies trustedProxies) http.Handler {
	anonymous := rate{limits.AnonymousPerSecond, limits.AnonymousBurst}
	user := rate{limits.UserPerSecond, limits.UserBurst}
	system := rate{limits.SystemPerSecond, limits.SystemBurst}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isProbe(r.URL.Path) || r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		key, tier := "addr:"+proxies.clientAddress(r), anonymous
		if raw, sent := callerToken(r); sent {
			// A token that does not verify buys nothing here: its sender is counted by address, as
			// an anonymous caller, and the service refuses the token with 401 and its reason. The
			// services stay the one authority on tokens.
			if id, err := v.Verify(r.Context(), raw); err == nil {
				key, tier = "sub:"+id.Subject, user
				if id.HasRole(auth.RoleSystem) {
					tier = system
				}
			}
		}
		if tier.unlimited() {
			next.ServeHTTP(w, r)
			return
		}
		d, err := lim.allow(r.Context(), key, tier)
		if err != nil {
			// Only the local limiter is left to fail, and it does not: let the request through.
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		window := time.Duration(tier.burst) * time.Second / time.Duration(tier.perSecond)
		h.Set("RateLimit-Policy", strconv.Itoa(tier.burst)+";w="+strconv.Itoa(ceilSeconds(window)))
		h.Set("RateLimit-Limit", strconv.Itoa(tier.burst))
		h.Set("RateLimit-Remaining", strconv.Itoa(max(d.remaining, 0)))
		h.Set("RateLimit-Reset", strconv.Itoa(ceilSeconds(d.resetAfter)))
		if !d.allowed {
			h.Set("Retry-After", strconv.Itoa(max(ceilSeconds(d.retryAfter), 1)))
			writeJSON(w, http.StatusTooManyRequests, errorBody{
				Code: int32(codes.ResourceExhausted), Status: codes.ResourceExhausted.String(), Details: []json.RawMessage{},
				Message: "too many requests; wait " + h.Get("Retry-After") + "s before trying again",
			})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func ceilSeconds(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int(math.Ceil(d.Seconds()))
}
