package app

import (
	"context"
	"errors"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// RunJobs applies the time-driven rule every interval until ctx ends: the
// no-answer rule for every
// session whose deadline has passed and that has not ended. Reporting is
// not enforced here: suspensions, reinstatements and withdrawals are
// ECOSOC's decisions (ProposeReportingLists, RecordEcosocDecision). The
// rule is idempotent, so running them often (and on several replicas) is safe; a
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
				s.jobFailed("no-answer rule failed for session "+ses.ID, err)
			}
			continue
		}
		if len(res.Closed) > 0 {
			s.log.Info("closed applications for no answer", "session", ses.ID, "count", len(res.Closed), "rule", res.Rule)
		}
	}
}

// jobFailed logs a job's failure. Another replica running the same job at
// the same moment makes one of them lose the race on a row; that is normal
// and retried at the next tick, so it is a warning, not an error.
func (s *Service) jobFailed(msg string, err error) {
	var conflict *domain.ConflictError
	if errors.As(err, &conflict) {
		s.log.Warn(msg+"; another replica got there first, retrying at the next run", "err", err)
		return
	}
	s.log.Error(msg, "err", err)
}
