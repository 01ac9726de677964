package gateway

import "net"

// Option adjusts Run, for the dev runner and tests.
type Option func(*runSettings)

type runSettings struct {
	adminListener net.Listener
}

// WithAdminListener serves the edge's admin endpoints (/metrics, the profiler) on l instead of
// on LIAISON_ADMIN_ADDR, for a runner that binds the ports itself.
func WithAdminListener(l net.Listener) Option {
	return func(s *runSettings) { s.adminListener = l }
}
