package portal

import (
	"crypto/sha256"
	"sync"
	"time"
)

// signedOutTokens are the tokens of sessions ended with sign-out. A bearer token stays valid at
// the services until it expires, but a copy of the cookie must not bring the session back: the
// portal refuses these until they would have expired anyway. Kept by hash, bounded by sessionTTL.
type signedOutTokens struct {
	mu     sync.Mutex
	tokens map[[32]byte]time.Time
}

func (s *signedOutTokens) add(token string, until time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokens == nil {
		s.tokens = map[[32]byte]time.Time{}
	}
	now := until.Add(-sessionTTL)
	for k, t := range s.tokens {
		if !t.After(now) {
			delete(s.tokens, k)
		}
	}
	s.tokens[sha256.Sum256([]byte(token))] = until
}

func (s *signedOutTokens) has(token string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	until, ok := s.tokens[sha256.Sum256([]byte(token))]
	return ok && now.Before(until)
}
