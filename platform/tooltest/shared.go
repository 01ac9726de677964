package tooltest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
)

// Shared is a server the tests of one binary share: the machine's own (at the URL in the
// environment variable Env, else Default) when it answers Ping, else a throwaway one from
// Start, started at most once and stopped by Main.
type Shared struct {
	Name, Env, Default string
	Ping               func(url string) error
	Start              func() (url string, stop func() error, err error)

	once sync.Once
	url  string
	err  error
	stop func() error
}

// URL returns the shared server's URL, failing the test when neither server can be had.
func (s *Shared) URL(t testing.TB) string {
	t.Helper()
	s.once.Do(func() {
		candidate := os.Getenv(s.Env)
		if candidate == "" {
			candidate = s.Default
		}
		reachErr := s.Ping(candidate)
		if reachErr == nil {
			s.url = candidate
			return
		}
		u, stop, err := s.Start()
		if err != nil {
			s.err = fmt.Errorf("%s at %s is not reachable (%v) and no throwaway server could be started: %w",
				s.Name, Redact(candidate), reachErr, err)
			return
		}
		s.url, s.stop = u, stop
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.url
}

// Main runs the tests, then stops the throwaway server if one was started (without it, the
// server's watchdog removes it shortly after the binary exits).
func (s *Shared) Main(m *testing.M) {
	code := m.Run()
	if s.stop != nil {
		if err := s.stop(); err != nil {
			fmt.Fprintf(os.Stderr, "stopping the throwaway %s: %v\n", s.Name, err)
		}
	}
	os.Exit(code)
}

// Redact hides the password of a server URL, for messages.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "the configured server"
	}
	return u.Redacted()
}

// RandomHex is 2n random hex digits, to name what one test creates on a shared server.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
