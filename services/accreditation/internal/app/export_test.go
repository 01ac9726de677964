package app

import "context"

// RunJobsOnce runs the time-driven jobs once, for tests.
func (s *Service) RunJobsOnce(ctx context.Context) { s.runJobsOnce(ctx) }
