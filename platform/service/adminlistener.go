package service

import "net"

// WithAdminListener serves the admin endpoints on lis instead of on
// LIAISON_ADMIN_ADDR: the dev runner hosts every service in one process,
// where one configured address cannot be bound once per service.
func WithAdminListener(lis net.Listener) Option {
	return func(s *runSettings) { s.adminListener = lis }
}
