package cache

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// DefaultMemoryEntries bounds the in-process cache New makes.
const DefaultMemoryEntries = 10_000

// Memory is an in-process cache holding at most a fixed number of entries,
// evicting the least recently used first. It suits a single replica and the
// dev runner; it is safe for concurrent use.
type Memory struct {
	mu      sync.Mutex
	max     int
	order   *list.List // front = most recently used
	entries map[string]*list.Element
	now     func() time.Time
}

type memoryEntry struct {
	key     string
	val     []byte
	expires time.Time // zero: never
}

// NewMemory returns a cache of at most maxEntries entries (at least 1).
func NewMemory(maxEntries int) *Memory {
	return &Memory{
		max:     max(1, maxEntries),
		order:   list.New(),
		entries: map[string]*list.Element{},
		now:     time.Now,
	}
}

// Get implements Cache. The value returned is the caller's to keep.
func (m *Memory) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.entries[key]
	if !ok {
		return nil, false, nil
	}
	e := el.Value.(*memoryEntry)
	if !e.expires.IsZero() && !m.now().Before(e.expires) {
		m.order.Remove(el)
		delete(m.entries, key)
		return nil, false, nil
	}
	m.order.MoveToFront(el)
	return append([]byte(nil), e.val...), true, nil
}

// Set implements Cache.
func (m *Memory) Set(_ context.Context, key string, val []byte, ttl time.Duration) error {
	e := &memoryEntry{key: key, val: append([]byte(nil), val...)}
	if ttl > 0 {
		e.expires = m.now().Add(ttl)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok {
		el.Value = e
		m.order.MoveToFront(el)
		return nil
	}
	m.entries[key] = m.order.PushFront(e)
	for m.order.Len() > m.max {
		oldest := m.order.Back()
		m.order.Remove(oldest)
		delete(m.entries, oldest.Value.(*memoryEntry).key)
	}
	return nil
}

// Delete implements Cache.
func (m *Memory) Delete(_ context.Context, keys ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range keys {
		if el, ok := m.entries[k]; ok {
			m.order.Remove(el)
			delete(m.entries, k)
		}
	}
	return nil
}

// Len reports how many entries are held, expired ones included until touched.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.order.Len()
}

// Close implements Backend; there is nothing to release.
func (m *Memory) Close() error { return nil }
