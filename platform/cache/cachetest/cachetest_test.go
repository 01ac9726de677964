package cachetest_test

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/un-liaison/liaison/platform/cache/cachetest"
)

func TestMain(m *testing.M) { cachetest.Main(m) }

func client(t *testing.T, u string) *redis.Client {
	t.Helper()
	opts, err := redis.ParseURL(u)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opts)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestRedisKeysUnderThePrefixAreRemovedAfterTheTest(t *testing.T) {
	ctx := context.Background()
	var u, prefix string
	t.Run("writes", func(t *testing.T) {
		u, prefix = cachetest.Redis(t)
		if !strings.HasPrefix(prefix, "liaison_t:") {
			t.Fatalf("prefix %q", prefix)
		}
		if err := client(t, u).Set(ctx, prefix+"k", "v", time.Minute).Err(); err != nil {
			t.Fatal(err)
		}
	})
	n, err := client(t, u).Exists(ctx, prefix+"k").Result()
	if err != nil || n != 0 {
		t.Fatalf("key survived its test: %d, %v", n, err)
	}
}

func TestStartRedisStopsAndStarts(t *testing.T) {
	t.Parallel()
	srv := cachetest.StartRedis(t)
	c := client(t, srv.URL)
	ctx := context.Background()
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	srv.Stop(t)
	if err := c.Ping(ctx).Err(); err == nil {
		t.Fatal("ping answered after Stop")
	}
	srv.Start(t)
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatalf("ping after Start: %v", err)
	}
}

// TestFallsBackToAThrowawayServer runs this test binary again with the
// configured Redis pointing nowhere; the helper must start its own server
// rather than skip.
func TestFallsBackToAThrowawayServer(t *testing.T) {
	if os.Getenv("CACHETEST_CHILD") == "1" {
		u, _ := cachetest.Redis(t)
		if err := client(t, u).Ping(context.Background()).Err(); err != nil {
			t.Fatal(err)
		}
		parsed, _ := url.Parse(u)
		os.Stdout.WriteString("\nREDIS-PORT=" + parsed.Port() + "\n")
		return
	}
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFallsBackToAThrowawayServer$", "-test.v")
	cmd.Env = append(os.Environ(), "CACHETEST_CHILD=1", "LIAISON_TEST_REDIS_URL=redis://127.0.0.1:1/0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child failed: %v\n%s", err, out)
	}
	_, port, ok := strings.Cut(string(out), "REDIS-PORT=")
	port, _, _ = strings.Cut(port, "\n")
	if !ok || port == "" || port == "1" || port == "6379" {
		t.Fatalf("child did not use a throwaway server:\n%s", out)
	}
}
