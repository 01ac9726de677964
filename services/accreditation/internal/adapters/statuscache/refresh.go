package statuscache

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// refresher reads the organizations lookups asked to refresh from the database, many in one
// query, on one goroutine that runs only while there is work. Refreshing each on its own would
// turn the entries cached together by one warm-up into thousands of simultaneous round trips,
// which is the very burst the refresh is meant to keep off callers' paths.
type refresher struct {
	queued  sync.Map // organization -> struct{}: asked for and not yet stored, so asked once
	queue   chan string
	running atomic.Bool
	once    sync.Once
}

const (
	// refreshQueue bounds the organizations waiting; past it, an entry simply expires as it
	// would have without refreshing.
	refreshQueue = 8192
	// refreshBatch is the most organizations one query reads.
	refreshBatch = 500
	// refreshTimeout bounds one batch's query.
	refreshTimeout = 5 * time.Second
	// refreshIdle is how long the goroutine waits for more work before it ends.
	refreshIdle = time.Second
)

// ask queues org for a refresh unless it is queued already.
func (r *refresher) ask(c *Cache, org string) {
	r.once.Do(func() { r.queue = make(chan string, refreshQueue) })
	if _, dup := r.queued.LoadOrStore(org, struct{}{}); dup {
		return
	}
	select {
	case r.queue <- org:
	default:
		r.queued.Delete(org)
		return
	}
	if r.running.CompareAndSwap(false, true) {
		go r.run(c)
	}
}

// run refreshes batches until the queue has stayed empty for refreshIdle.
func (r *refresher) run(c *Cache) {
	for {
		idle := time.NewTimer(refreshIdle)
		select {
		case org := <-r.queue:
			idle.Stop()
			r.refresh(c, r.take(org))
			continue
		case <-idle.C:
		}
		r.running.Store(false)
		// An ask that came in after the timer fired saw running still true and started nothing.
		if len(r.queue) == 0 || !r.running.CompareAndSwap(false, true) {
			return
		}
	}
}

// take is first and whatever else is waiting, up to refreshBatch.
func (r *refresher) take(first string) []string {
	orgs := []string{first}
	for len(orgs) < refreshBatch {
		select {
		case org := <-r.queue:
			orgs = append(orgs, org)
		default:
			return orgs
		}
	}
	return orgs
}

// refresh reads orgs and keeps each answer unless the organization was invalidated after it was
// asked for (its generation moved), in which case the change's own reload wins.
func (r *refresher) refresh(c *Cache, orgs []string) {
	defer func() {
		for _, org := range orgs {
			r.queued.Delete(org)
		}
	}()
	gens := make([]uint64, len(orgs))
	c.mu.RLock()
	for i, org := range orgs {
		gens[i] = c.gen[org]
	}
	c.mu.RUnlock()
	ctx, cancel := context.WithTimeout(context.Background(), refreshTimeout)
	defer cancel()
	found, err := c.src.Statuses(ctx, orgs)
	if err != nil {
		return // the entries expire as they would have; the next lookups load them
	}
	now := c.opts.Now()
	for i, org := range orgs {
		st, ok := found[org]
		if !ok {
			st = domain.NoStatus(org)
		}
		c.keep(org, st, gens[i], now)
		if c.opts.Refreshed != nil {
			c.opts.Refreshed(org)
		}
	}
}
