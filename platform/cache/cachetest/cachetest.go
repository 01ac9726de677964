// Package cachetest gives tests a real Redis: the machine's server (or
// LIAISON_TEST_REDIS_URL) with a key prefix of their own, or a throwaway
// redis-server when none answers, and a private server a test can stop and
// restart to prove the system answers through a Redis outage. Import it from
// tests only.
package cachetest

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/un-liaison/liaison/platform/internal/scratchserver"
	"github.com/un-liaison/liaison/platform/tooltest"
)

// DefaultRedisURL is the server tried when LIAISON_TEST_REDIS_URL is unset.
const DefaultRedisURL = "redis://127.0.0.1:6379/0"

var shared = tooltest.Shared{Name: "redis", Env: "LIAISON_TEST_REDIS_URL", Default: DefaultRedisURL, Ping: ping, Start: startScratch}

// Main runs the tests, then stops the throwaway server if one was started:
//
//	func TestMain(m *testing.M) { cachetest.Main(m) }
func Main(m *testing.M) { shared.Main(m) }

// Redis returns the URL of a reachable Redis and a key prefix unique to this
// test. Keys under the prefix are deleted when the test ends.
func Redis(t testing.TB) (url, prefix string) {
	t.Helper()
	url, prefix = shared.URL(t), "liaison_t:"+tooltest.RandomHex(6)+":"
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

// startScratch starts the throwaway redis-server the tests share when the machine has none.
func startScratch() (string, func() error, error) {
	scratch, err := scratchserver.StartRedis()
	if err != nil {
		return "", nil, err
	}
	return scratch.URL, scratch.Close, nil
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
