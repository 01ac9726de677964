package service

import (
	"context"
	"log/slog"
	"time"
)

// WithDatabaseCheckInterval changes how often the database is pinged for
// health (default every 2 s), so tests can notice an outage quickly.
func WithDatabaseCheckInterval(d time.Duration) Option {
	return func(s *runSettings) { s.dbCheckInterval = d }
}

const defaultDBCheckInterval = 2 * time.Second

// healthMarker is the part of the gRPC server the watcher flips.
type healthMarker interface {
	SetServing()
	SetNotServing()
}

// watchDatabase keeps the health status honest: a service whose database is
// unreachable can answer nothing useful, so it reports NOT_SERVING and load
// balancers send its calls to a replica that can, until a ping succeeds
// again. The cache is deliberately not watched: without Redis a service is
// slower, not down. It returns when ctx is done.
func watchDatabase(ctx context.Context, ping func(context.Context) error, health healthMarker, every time.Duration, logger *slog.Logger) {
	if every <= 0 {
		every = defaultDBCheckInterval
	}
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	reachable := true
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		pctx, cancel := context.WithTimeout(ctx, every)
		err := ping(pctx)
		cancel()
		if ctx.Err() != nil {
			return // stopping: the ping failed because of that, not the database
		}
		switch {
		case err != nil && reachable:
			reachable = false
			health.SetNotServing()
			logger.ErrorContext(ctx, "database unreachable; health is NOT_SERVING until it answers",
				slog.String("error", err.Error()))
		case err == nil && !reachable:
			reachable = true
			health.SetServing()
			logger.InfoContext(ctx, "database reachable again; health is SERVING")
		}
	}
}
