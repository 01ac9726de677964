package cache_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/cache"
	"github.com/un-liaison/liaison/platform/cache/cachetest"
	"github.com/un-liaison/liaison/platform/logging"
)

func ctx(t *testing.T) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// implementations are the caches every contract test runs against.
func implementations(t *testing.T) map[string]func(t *testing.T) cache.Cache {
	return map[string]func(t *testing.T) cache.Cache{
		"memory": func(t *testing.T) cache.Cache { return cache.NewMemory(100) },
		"redis": func(t *testing.T) cache.Cache {
			url, prefix := cachetest.Redis(t)
			r, err := cache.NewRedis(url, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = r.Close() })
			return cache.WithPrefix(r, prefix)
		},
	}
}

func TestCacheContract(t *testing.T) {
	t.Parallel()
	for name, newCache := range implementations(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			t.Run("miss-is-not-an-error", func(t *testing.T) {
				t.Parallel()
				val, ok, err := newCache(t).Get(ctx(t), "organizations/none")
				if err != nil || ok || val != nil {
					t.Fatalf("Get = %q, %v, %v; want a plain miss", val, ok, err)
				}
			})
			t.Run("set-then-get-and-overwrite", func(t *testing.T) {
				t.Parallel()
				c := newCache(t)
				for _, v := range []string{"first", "second"} {
					if err := c.Set(ctx(t), "organizations/1", []byte(v), time.Minute); err != nil {
						t.Fatal(err)
					}
					got, ok, err := c.Get(ctx(t), "organizations/1")
					if err != nil || !ok || string(got) != v {
						t.Fatalf("Get = %q, %v, %v; want %q", got, ok, err, v)
					}
				}
			})
			t.Run("delete-several", func(t *testing.T) {
				t.Parallel()
				c := newCache(t)
				for _, k := range []string{"a", "b", "c"} {
					if err := c.Set(ctx(t), k, []byte(k), time.Minute); err != nil {
						t.Fatal(err)
					}
				}
				if err := c.Delete(ctx(t), "a", "b", "never-set"); err != nil {
					t.Fatal(err)
				}
				if err := c.Delete(ctx(t)); err != nil {
					t.Fatalf("Delete with no keys: %v", err)
				}
				for k, want := range map[string]bool{"a": false, "b": false, "c": true} {
					if _, ok, _ := c.Get(ctx(t), k); ok != want {
						t.Errorf("%s present = %v, want %v", k, ok, want)
					}
				}
			})
			t.Run("entries-expire", func(t *testing.T) {
				t.Parallel()
				c := newCache(t)
				if err := c.Set(ctx(t), "statuses/1", []byte("x"), 150*time.Millisecond); err != nil {
					t.Fatal(err)
				}
				time.Sleep(400 * time.Millisecond)
				if _, ok, err := c.Get(ctx(t), "statuses/1"); ok || err != nil {
					t.Fatalf("expired entry: present %v, %v", ok, err)
				}
			})
			t.Run("values-are-copies", func(t *testing.T) {
				t.Parallel()
				c := newCache(t)
				val := []byte("original")
				if err := c.Set(ctx(t), "k", val, time.Minute); err != nil {
					t.Fatal(err)
				}
				val[0] = 'X'
				got, _, _ := c.Get(ctx(t), "k")
				got[1] = 'Y'
				again, _, _ := c.Get(ctx(t), "k")
				if string(again) != "original" {
					t.Fatalf("stored value changed through a caller's slice: %q", again)
				}
			})
		})
	}
}

func TestMemoryEvictsLeastRecentlyUsed(t *testing.T) {
	t.Parallel()
	m := cache.NewMemory(3)
	for _, k := range []string{"a", "b", "c"} {
		_ = m.Set(ctx(t), k, []byte(k), 0)
	}
	_, _, _ = m.Get(ctx(t), "a") // a is now the most recent
	_ = m.Set(ctx(t), "d", []byte("d"), 0)
	if m.Len() != 3 {
		t.Fatalf("Len = %d, want the bound 3", m.Len())
	}
	for k, want := range map[string]bool{"a": true, "b": false, "c": true, "d": true} {
		if _, ok, _ := m.Get(ctx(t), k); ok != want {
			t.Errorf("%s present = %v, want %v", k, ok, want)
		}
	}
}

func TestMemoryTTLFollowsItsClock(t *testing.T) {
	t.Parallel()
	m := cache.NewMemory(10)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	m.SetNow(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	_ = m.Set(ctx(t), "short", []byte("x"), time.Minute)
	_ = m.Set(ctx(t), "forever", []byte("x"), 0)
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	if _, ok, _ := m.Get(ctx(t), "short"); ok {
		t.Error("entry outlived its TTL")
	}
	if _, ok, _ := m.Get(ctx(t), "forever"); !ok {
		t.Error("entry without TTL expired")
	}
}

func TestRedisDownIsAnErrorNotAMiss(t *testing.T) {
	t.Parallel()
	srv := cachetest.StartRedis(t)
	r, err := cache.NewRedis(srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	srv.Stop(t)
	start := time.Now()
	if _, _, err := r.Get(ctx(t), "k"); err == nil {
		t.Fatal("Get against a stopped server reported a miss")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("failing Get took %v; calls must give up quickly", d)
	}
	if err := r.Set(ctx(t), "k", []byte("v"), time.Minute); err == nil {
		t.Error("Set against a stopped server succeeded")
	}
}

func TestNewPicksTheBackend(t *testing.T) {
	t.Parallel()
	mem, err := cache.New(ctx(t), "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.(*cache.Memory); !ok {
		t.Errorf("empty URL gave %T, want in-process", mem)
	}
	url, _ := cachetest.Redis(t)
	red, err := cache.New(ctx(t), url, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer red.Close()
	if _, ok := red.(*cache.Redis); !ok {
		t.Errorf("redis URL gave %T", red)
	}

	var logs bytes.Buffer
	down, err := cache.New(ctx(t), "redis://127.0.0.1:1/0", nil, logging.New(&logs, "test", "info", "json"))
	if err != nil {
		t.Fatalf("unreachable redis at start must not be fatal: %v", err)
	}
	defer down.Close()
	if !strings.Contains(logs.String(), "not reachable") {
		t.Errorf("no warning logged: %q", logs.String())
	}

	if _, err := cache.New(ctx(t), "mysql://user:hunter2@db", nil, nil); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("bad URL: %v, want an error without the password", err)
	}
}

func TestWithPrefixNamespacesKeys(t *testing.T) {
	t.Parallel()
	m := cache.NewMemory(10)
	registry := cache.WithPrefix(m, "liaison:registry:")
	events := cache.WithPrefix(m, "liaison:events:")
	_ = registry.Set(ctx(t), "k", []byte("registry"), 0)
	_ = events.Set(ctx(t), "k", []byte("events"), 0)
	if v, _, _ := registry.Get(ctx(t), "k"); string(v) != "registry" {
		t.Fatalf("registry sees %q", v)
	}
	if v, ok, _ := m.Get(ctx(t), "liaison:events:k"); !ok || string(v) != "events" {
		t.Fatalf("underlying key = %q, %v", v, ok)
	}
	_ = events.Delete(ctx(t), "k")
	if _, ok, _ := registry.Get(ctx(t), "k"); !ok {
		t.Fatal("deleting in one namespace removed the other's entry")
	}
}
