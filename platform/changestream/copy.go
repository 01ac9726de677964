package changestream

import (
	"context"
	"sync"
)

// Copy is an in-memory copy of values by key (an organization's status, say), kept by a stream
// and, for keys the stream has not spoken of since the copy began, filled from what the source
// answers when asked. Give its SetLive and Reset to the Follower, resume the stream After the
// last change, and Apply each change. It answers only while the stream is live: otherwise a
// change could be missing from it.
type Copy[V any] struct {
	// Limit bounds the keys remembered; 0 is no bound. Keys come from callers, so a caller
	// walking made-up keys could otherwise grow the copy until the process runs out of memory.
	// Past it, new keys are not remembered and go to the source every time.
	Limit int

	mu      sync.RWMutex
	live    bool
	entries map[string]entry[V]
	gen     uint64 // counts applied changes, to spot an answer overtaken by a change
	resets  uint64 // counts resets, after which nothing learnt before is kept
	after   uint64 // sequence of the last change applied, where the stream resumes
}

type entry[V any] struct {
	v   V
	gen uint64
}

// Get returns key's value. live says the stream is up and settled, known that the copy holds
// key; only then may the value be served.
func (c *Copy[V]) Get(key string) (v V, live, known bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, known := c.entries[key]
	return e.v, c.live, known
}

// Ticket is taken before the source is asked about a key, so that Keep can tell whether its
// answer is still the newest news about the key.
type Ticket struct{ gen, resets uint64 }

// Ticket returns the copy's position now.
func (c *Copy[V]) Ticket() Ticket {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return Ticket{c.gen, c.resets}
}

// Keep remembers v, what the source answered about key since t was taken, unless a change for
// key arrived meanwhile (the stream's value is then the newer one), the copy was reset, the
// stream is not live, or the copy is full.
func (c *Copy[V]) Keep(key string, v V, t Ticket) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.live || c.resets != t.resets {
		return
	}
	e, known := c.entries[key]
	if known && e.gen > t.gen || !known && c.full() {
		return
	}
	c.put(key, entry[V]{v, t.gen})
}

// After is the sequence of the last change applied: the stream resumes after it.
func (c *Copy[V]) After() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.after
}

// Apply records the change at sequence seq, v for key, and says whether it was new: a change at
// or before the last one applied came again after a reconnect.
func (c *Copy[V]) Apply(seq uint64, key string, v V) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq <= c.after {
		return false
	}
	c.after = seq
	c.gen++
	if _, known := c.entries[key]; known || !c.full() {
		// A key left out for want of room is not remembered, so nothing stale of it is either.
		c.put(key, entry[V]{v, c.gen})
	}
	return true
}

// SetLive records whether the stream is up and settled (Follower.SetLive).
func (c *Copy[V]) SetLive(live bool) {
	c.mu.Lock()
	c.live = live
	c.mu.Unlock()
}

// Reset forgets everything and resumes the stream from its start (Follower.Reset).
func (c *Copy[V]) Reset(context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = nil
	c.after = 0
	c.gen++
	c.resets++
	return nil
}

func (c *Copy[V]) full() bool { return c.Limit > 0 && len(c.entries) >= c.Limit }

func (c *Copy[V]) put(key string, e entry[V]) {
	if c.entries == nil {
		c.entries = map[string]entry[V]{}
	}
	c.entries[key] = e
}
