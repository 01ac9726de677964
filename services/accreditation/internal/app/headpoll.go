package app

import (
	"context"
	"sync"
	"time"
)

// headPoller is the one reader per process that looks for changes committed elsewhere (by
// another replica): while any stream is open it asks for the newest sequence every PollInterval
// and, when it moved, wakes every stream through the Service's Broadcast. A stream then reads
// only when there is something to read, so idle streams cost the database nothing and the
// polling does not grow with their number.
type headPoller struct {
	mu          sync.Mutex
	subscribers int
	stop        context.CancelFunc
	done        chan struct{}
}

// subscribe counts a stream in, starting the poller for the first one; the returned func counts
// it out, stopping the poller after the last.
func (h *headPoller) subscribe(s *Service) (unsubscribe func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subscribers++
	if h.subscribers == 1 {
		ctx, stop := context.WithCancel(context.Background())
		h.stop, h.done = stop, make(chan struct{})
		go h.run(ctx, s, h.done)
	}
	return func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.subscribers--
		if h.subscribers == 0 {
			h.stop()
			<-h.done
		}
	}
}

func (h *headPoller) run(ctx context.Context, s *Service, done chan<- struct{}) {
	defer close(done)
	last, err := s.store.LastSequence(ctx)
	known := err == nil
	ticker := time.NewTicker(PollInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		seq, err := s.store.LastSequence(ctx)
		if err != nil {
			if ctx.Err() == nil {
				s.log.WarnContext(ctx, "accreditation: reading the newest change for open streams failed", "err", err)
			}
			continue
		}
		if !known || seq != last {
			last, known = seq, true
			s.changes.Notify()
		}
	}
}
