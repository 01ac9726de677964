// Package cachetest gives tests a real Redis: the machine's server (or
// LIAISON_TEST_REDIS_URL) with a key prefix of their own, or a throwaway
// redis-server when none answers, and a private server a test can stop and
// restart to prove the system answers through a Redis outage. Import it from
// tests only.
package cachetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/un-liaison/liaison/platform/internal/scratchserver"
)

// DefaultRedisURL is the server tried when LIAISON_TEST_REDIS_URL is unset.
const DefaultRedisURL = "redis://127.0.0.1:6379/0"

var shared struct {
	once    sync.Once
	url     string
	err     error
	scratch *scratchserver.Redis
}

// Main runs the tests, then stops the throwaway server if one was started
// (without it, the server's watchdog removes it shortly after exit):
//
//	func TestMain(m *testing.M) { cachetest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if shared.scratch != nil {
		if err := shared.scratch.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "cachetest: stopping the throwaway redis:", err)
		}
	}
	os.Exit(code)
}

// Redis returns the URL of a reachable Redis and a key prefix unique to this
// test. Keys under the prefix are deleted when the test ends.
func Redis(t testing.TB) (url, prefix string) {
	t.Helper()
	shared.once.Do(func() {
		candidate := os.Getenv("LIAISON_TEST_REDIS_URL")
		if candidate == "" {
			candidate = DefaultRedisURL
		}
		reachErr := ping(candidate)
		if reachErr == nil {
			shared.url = candidate
			return
		}
		scratch, err := scratchserver.StartRedis()
		if err != nil {
			shared.err = fmt.Errorf("redis at %s is not reachable (%v) and no throwaway server could be started: %w",
				candidate, reachErr, err)
			return
		}
		shared.scratch, shared.url = scratch, scratch.URL
	})
	if shared.err != nil {
		t.Fatalf("cachetest: %v", shared.err)
	}
	prefix = "liaison_t:" + randomHex(6) + ":"
	url = shared.url
	t.Cleanup(func() { deletePrefix(t, url, prefix) })
	return url, prefix
}

// Server is a private throwaway redis-server.
type Server struct {
	// URL stays the same across Stop and Start.
	URL     string
	scratch *scratchserver.Redis
}

// StartRedis starts a private redis-server for this test, removed when the
// test ends. Use it when the test stops the server.
func StartRedis(t testing.TB) *Server {
	t.Helper()
	scratch, err := scratchserver.StartRedis()
	if err != nil {
		t.Fatalf("cachetest: %v", err)
	}
	t.Cleanup(func() { _ = scratch.Close() })
	return &Server{URL: scratch.URL, scratch: scratch}
}

// Stop kills the server, as an outage would.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	if err := s.scratch.Stop(); err != nil {
		t.Fatalf("cachetest: stopping redis: %v", err)
	}
}

// Start brings the server back, empty, on the same address.
func (s *Server) Start(t testing.TB) {
	t.Helper()
	if err := s.scratch.Start(); err != nil {
		t.Fatalf("cachetest: restarting redis: %v", err)
	}
}

func ping(url string) error {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return err
	}
	opts.DialTimeout = time.Second
	opts.MaxRetries = 0
	c := redis.NewClient(opts)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return c.Ping(ctx).Err()
}

func deletePrefix(t testing.TB, url, prefix string) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return
	}
	c := redis.NewClient(opts)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	iter := c.Scan(ctx, 0, prefix+"*", 500).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		t.Logf("cachetest: cleaning %s*: %v", prefix, err)
		return
	}
	if len(keys) > 0 {
		if err := c.Del(ctx, keys...).Err(); err != nil {
			t.Logf("cachetest: cleaning %s*: %v", prefix, err)
		}
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
