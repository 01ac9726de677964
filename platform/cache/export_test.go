package cache

import "time"

// SetNow lets tests move the in-process cache's clock.
func (m *Memory) SetNow(now func() time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = now
}
