// Package statuscache serves "does this organization hold status right
// now?" from an in-process cache in front of the shared cache (Redis) in
// front of the database. The change log keeps both fresh: every status
// change invalidates the organization's entries within the log's poll
// interval, on every replica. Neither cache failing ever fails a lookup.
package statuscache

import (
	"context"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Source is where statuses come from on a miss: the store.
type Source interface {
	Status(ctx context.Context, org string) (domain.Status, error)
	Statuses(ctx context.Context, orgs []string) (map[string]domain.Status, error)
}

// Options tune the caches.
type Options struct {
	// LocalTTL bounds how long an in-process entry is served without news
	// from the change log (a safety net; invalidation is the normal path).
	LocalTTL time.Duration
	// SharedTTL is the shared cache's entry lifetime.
	SharedTTL time.Duration
	// MaxLocal bounds the in-process entries.
	MaxLocal int
	// SecondDelete is how long after an invalidation it is repeated, to
	// drop a value a concurrent load read just before the change committed.
	SecondDelete time.Duration
	Logger       *slog.Logger
	// Now is the cache's clock (default time.Now); tests move it.
	Now func() time.Time
	// Refreshed, when set, is called after a background refresh has stored
	// its answer (for metrics and tests).
	Refreshed func(org string)
}

// Cache implements app.StatusLookup.
type Cache struct {
	src    Source
	shared *cache.ReadThrough
	opts   Options

	// mu is read-locked by the hot path, a hit in local; everything that
	// changes the maps takes it exclusively.
	mu    sync.RWMutex
	local map[string]entry
	gen   map[string]uint64 // bumped by each invalidation, so a load that raced with it is not kept
	// bypass holds, for a while after an invalidation, organizations whose
	// shared entry may not be gone yet: their lookups read the database.
	bypass map[string]time.Time

	refresher refresher
}

// An entry is refreshed in the background once a lookup finds it in the second half of its life
// (refresh.go), so an organization that is looked up keeps being answered from memory: without
// this, every LocalTTL each such organization cost one caller a shared-cache round trip, and
// organizations cached together (a batch, a warm-up) expired together.
type entry struct {
	st        domain.Status
	until     time.Time
	refreshAt time.Time
}

var _ app.StatusLookup = (*Cache)(nil)

const keyPrefix = "accreditation:status:v1:"

// New builds the cache over src, with shared as the second level (Redis or
// an in-process backend).
func New(src Source, shared cache.Cache, opts Options) *Cache {
	if opts.LocalTTL <= 0 {
		opts.LocalTTL = 30 * time.Second
	}
	if opts.SharedTTL <= 0 {
		opts.SharedTTL = 5 * time.Minute
	}
	if opts.MaxLocal <= 0 {
		opts.MaxLocal = 200_000
	}
	if opts.SecondDelete <= 0 {
		opts.SecondDelete = 500 * time.Millisecond
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Cache{
		src:    src,
		shared: cache.NewReadThrough(shared, cache.ReadThroughOptions{Name: "consultative-statuses", TTL: opts.SharedTTL, Logger: opts.Logger}),
		opts:   opts,
		local:  map[string]entry{},
		gen:    map[string]uint64{},
		bypass: map[string]time.Time{},
	}
}

// fromLocal returns the in-process entry if fresh, the generation to load
// under otherwise, and whether the shared cache must be skipped.
func (c *Cache) fromLocal(org string, now time.Time) (st domain.Status, gen uint64, ok, skipShared bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, found := c.local[org]
	until, bypassed := c.bypass[org]
	if bypassed && !now.Before(until) {
		delete(c.bypass, org)
		bypassed = false
	}
	return e.st, c.gen[org], found && now.Before(e.until), bypassed
}

func (c *Cache) keep(org string, st domain.Status, gen uint64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen[org] != gen {
		return // invalidated while loading: the value may predate the change
	}
	if len(c.local) >= c.opts.MaxLocal {
		clear(c.local) // crude but bounded; the hot set refills from the shared cache
	}
	// Up to a quarter of the TTL of jitter spreads the refreshes of entries kept together.
	jitter := time.Duration(rand.Int64N(int64(c.opts.LocalTTL/4) + 1))
	c.local[org] = entry{st: st, until: now.Add(c.opts.LocalTTL), refreshAt: now.Add(c.opts.LocalTTL/2 + jitter)}
}

func (c *Cache) stale(org string) (domain.Status, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.local[org]
	return e.st, ok
}

// hit returns the in-process entry when it is fresh, under the read lock
// only: a warm lookup neither waits for other lookups nor writes anything.
func (c *Cache) hit(org string, now time.Time) (st domain.Status, fresh, refresh bool) {
	c.mu.RLock()
	e, found := c.local[org]
	c.mu.RUnlock()
	fresh = found && now.Before(e.until)
	return e.st, fresh, fresh && !now.Before(e.refreshAt)
}

// Status implements app.StatusLookup.
func (c *Cache) Status(ctx context.Context, org string) (domain.Status, error) {
	now := c.opts.Now()
	if st, ok, refresh := c.hit(org, now); ok {
		if refresh {
			c.refresher.ask(c, org)
		}
		return st, nil
	}
	return c.load(ctx, org, now)
}

// fetch reads org from the shared cache, filled from the database on a miss, or straight from
// the database while a recent invalidation may not have reached the shared cache yet.
func (c *Cache) fetch(ctx context.Context, org string, skipShared bool) (domain.Status, error) {
	if skipShared {
		return c.src.Status(ctx, org)
	}
	b, err := c.shared.Get(ctx, keyPrefix+org, func(ctx context.Context) ([]byte, error) {
		st, err := c.src.Status(ctx, org)
		if err != nil {
			return nil, err
		}
		return json.Marshal(st)
	})
	var st domain.Status
	if err == nil {
		err = json.Unmarshal(b, &st)
	}
	return st, err
}

// load is Status after a miss of the in-process level. It is a function of
// its own so that the value it decodes into, which escapes, costs the hot
// path no allocation.
func (c *Cache) load(ctx context.Context, org string, now time.Time) (domain.Status, error) {
	st, gen, ok, skipShared := c.fromLocal(org, now)
	if ok {
		return st, nil
	}
	st, err := c.fetch(ctx, org, skipShared)
	if err != nil {
		// The database is unreachable too: an expired answer beats none.
		if old, ok := c.stale(org); ok && ctx.Err() == nil {
			return old, nil
		}
		return domain.Status{}, err
	}
	c.keep(org, st, gen, now)
	return st, nil
}

// Statuses implements app.StatusLookup. Misses of the in-process cache are
// read from the database in one query rather than one shared-cache round
// trip each: a batch of a thousand is cheaper that way.
func (c *Cache) Statuses(ctx context.Context, orgs []string) ([]domain.Status, error) {
	now := c.opts.Now()
	out := make([]domain.Status, len(orgs))
	// One read lock for the whole batch: a warm batch of a hundred takes
	// it once, not a hundred times.
	var miss, refresh []int
	c.mu.RLock()
	for i, org := range orgs {
		e, found := c.local[org]
		if found && now.Before(e.until) {
			out[i] = e.st
			if !now.Before(e.refreshAt) {
				refresh = append(refresh, i)
			}
			continue
		}
		miss = append(miss, i)
	}
	c.mu.RUnlock()
	for _, i := range refresh {
		c.refresher.ask(c, orgs[i])
	}
	if len(miss) == 0 {
		return out, nil
	}
	gens := make(map[string]uint64, len(miss))
	var missing []string
	for _, i := range miss {
		org := orgs[i]
		st, gen, ok, _ := c.fromLocal(org, now)
		if ok {
			out[i] = st
			continue
		}
		gens[org] = gen
		missing = append(missing, org)
	}
	if len(missing) == 0 {
		return out, nil
	}
	found, err := c.src.Statuses(ctx, missing)
	if err != nil {
		return nil, err
	}
	for i, org := range orgs {
		gen, wasMissing := gens[org]
		if !wasMissing {
			continue
		}
		st, ok := found[org]
		if !ok {
			st = domain.NoStatus(org)
		}
		out[i] = st
		c.keep(org, st, gen, now)
	}
	return out, nil
}

// Invalidate drops org's entries: the in-process one at once, the shared
// one in the background (a shared cache that is down must not delay the
// caller), and both again a little later.
func (c *Cache) Invalidate(ctx context.Context, org string) {
	c.dropLocal(org)
	bg := context.WithoutCancel(ctx)
	go c.drop(bg, org)
	time.AfterFunc(c.opts.SecondDelete, func() { c.drop(bg, org) })
}

// drop removes the shared entry, then the local one again: a reader that
// refilled the local cache from the shared entry before it went is undone,
// and one that started after finds the shared entry gone.
func (c *Cache) drop(ctx context.Context, org string) {
	c.shared.Invalidate(ctx, keyPrefix+org)
	c.dropLocal(org)
}

// dropLocal removes the in-process entry and bumps its generation, so a
// load that began before the change cannot store what it read.
func (c *Cache) dropLocal(org string) {
	c.mu.Lock()
	c.gen[org]++
	delete(c.local, org)
	now := c.opts.Now()
	if len(c.bypass) > maxBypass {
		for o, until := range c.bypass {
			if !now.Before(until) {
				delete(c.bypass, o)
			}
		}
	}
	c.bypass[org] = now.Add(c.opts.SecondDelete + bypassMargin)
	c.mu.Unlock()
}

// bypassMargin covers a slow shared-cache delete beyond the second pass.
const bypassMargin = time.Second

// maxBypass is when expired bypass marks are swept (a burst of changes,
// such as a reporting enforcement run, leaves many).
const maxBypass = 10_000

// Tail is how the cache follows the change log (app.Service.Tail).
type Tail func(ctx context.Context, after uint64, fn func(domain.Change) error) error

// Follow invalidates the organization of every change logged after
// sequence after, until ctx ends; a failure of the log is retried.
func (c *Cache) Follow(ctx context.Context, tail Tail, after uint64, log *slog.Logger) {
	for ctx.Err() == nil {
		err := tail(ctx, after, func(ch domain.Change) error {
			c.Invalidate(ctx, ch.OrganizationID)
			after = ch.Sequence
			return nil
		})
		if ctx.Err() != nil {
			return
		}
		if log != nil {
			log.Warn("following the status change log failed; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
