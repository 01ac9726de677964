package auth

import (
	"sync"
	"time"
)

// A service caller — a badge office asking about status at every door — sends the same token
// on every call until it expires, and checking an ES256 signature costs more than everything
// else on the status path together. So a token that verified once is remembered, keyed by its
// exact text, and a repeat is a map lookup.
//
// An entry is kept until the token's own expiry and never longer than verifiedMaxAge, so a key
// the identity provider withdraws (JWKS refresh) stops being trusted within that time even for
// tokens already seen. Only successes are kept: a forged or malformed token costs its caller
// the full check every time, and cannot push real callers out.
const (
	verifiedMaxAge     = time.Minute
	verifiedMaxEntries = 8192
)

type verifiedEntry struct {
	id    Identity
	until time.Time
}

// verifiedTokens is a bounded map of tokens already verified. The Identity it hands out is
// shared between calls and must be treated as read-only, as every caller of Verify does.
type verifiedTokens struct {
	mu      sync.RWMutex
	entries map[string]verifiedEntry
}

func (c *verifiedTokens) get(raw string, now time.Time) (Identity, bool) {
	c.mu.RLock()
	e, ok := c.entries[raw]
	c.mu.RUnlock()
	if !ok || !now.Before(e.until) {
		return Identity{}, false
	}
	return e.id, true
}

// put remembers id for raw until expires, capped by verifiedMaxAge from now. When full, it
// first drops what has expired and then, if still full, an eighth of the entries, arbitrarily:
// a cache this size only overflows when thousands of distinct callers are active at once, and a
// dropped caller just pays one more verification.
func (c *verifiedTokens) put(raw string, id Identity, expires, now time.Time) {
	until := now.Add(verifiedMaxAge)
	if expires.Before(until) {
		until = expires
	}
	if !now.Before(until) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = make(map[string]verifiedEntry)
	}
	if len(c.entries) >= verifiedMaxEntries {
		for k, e := range c.entries {
			if !now.Before(e.until) {
				delete(c.entries, k)
			}
		}
		// Make room for many at once, so a burst of new callers does not pay this sweep on
		// every insert.
		for k := range c.entries {
			if len(c.entries) <= verifiedMaxEntries*7/8 {
				break
			}
			delete(c.entries, k)
		}
	}
	c.entries[raw] = verifiedEntry{id: id, until: until}
}
