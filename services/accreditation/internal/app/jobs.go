package app

import (
	"context"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// RunJobs applies the time-driven rules every interval until ctx ends:
// reporting enforcement as of today, and the no-answer rule for every
// session whose deadline has passed and that has not ended. Both are
// idempotent, so running them often (and on several replicas) is safe; a
// failure is logged and retried at the next tick. The first run waits
// first, so a process that starts (or restarts with a new LIAISON_NOW) is
// serving before the rules move anything.
func (s *Service) RunJobs(ctx context.Context, first, interval time.Duration) {
	wait := time.NewTimer(first)
	defer wait.Stop()
	select {
	case <-ctx.Done():
		return
	case <-wait.C:
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		s.runJobsOnce(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Service) runJobsOnce(ctx context.Context) {
	if _, err := s.EnforceReporting(ctx, domain.JobActor("enforce-reporting"), domain.Date{}, false, ""); err != nil && ctx.Err() == nil {
		s.log.Error("reporting enforcement failed", "err", err)
	}
	now := s.clock.Now()
	sessions, err := s.store.Sessions(ctx, SessionQuery{Limit: 10000})
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("listing sessions for the no-answer rule failed", "err", err)
		}
		return
	}
	job := domain.JobActor("no-answer-rule")
	for _, ses := range sessions {
		if now.Before(s.rule.Deadline(ses)) || ses.Ended(domain.DateAt(now)) {
			continue
		}
		res, err := s.ApplyNoAnswerRule(ctx, job, ses.ID, false, "")
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("no-answer rule failed", "session", ses.ID, "err", err)
			}
			continue
		}
		if len(res.Closed) > 0 {
			s.log.Info("closed applications for no answer", "session", ses.ID, "count", len(res.Closed), "rule", res.Rule)
		}
	}
}
