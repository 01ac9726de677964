package app

import (
	"context"
	"time"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// ProposeSideEvent records an NGO's proposal for a side event around a meeting.
func (s *Service) ProposeSideEvent(ctx context.Context, a Actor, eventID string, p domain.SideEventProposal, requestID string) (domain.SideEventProposal, error) {
	p.EventID = eventID
	if err := p.Validate(); err != nil {
		return domain.SideEventProposal{}, err
	}
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodProposeSideEvent, Target: eventID}
	meeting, v, done, err := ownSubmission(ctx, s, a, p.OrganizationID, "side events are proposed by ngo users for their own organization", key, s.store.GetProposal)
	if done {
		return v, err
	}
	now := s.clock.Now()
	if err := domain.CheckCanHostSideEvent(&meeting, now); err != nil {
		return domain.SideEventProposal{}, err
	}
	st, err := s.status.ConsultativeStatus(ctx, p.OrganizationID)
	if err != nil {
		return domain.SideEventProposal{}, err
	}
	if err := domain.CheckMayPropose(st); err != nil {
		return domain.SideEventProposal{}, err
	}
	p.OrganizationName = s.organizationName(ctx, p.OrganizationID)
	p.ID = NewID("sep")
	p.State = domain.ProposalProposed
	p.RejectionReason, p.SideEventID = "", ""
	p.Created, p.Updated = now, now
	p.Revision = 1
	err = s.store.CreateProposal(ctx, &p, key)
	return raced(ctx, s, key, p, err, s.store.GetProposal)
}

// organizationName is the name to credit an organization with; empty when no directory knows it
// (the side event then credits the organization by its id).
func (s *Service) organizationName(ctx context.Context, id string) string {
	if s.orgs == nil {
		return ""
	}
	facts, err := s.orgs.OrganizationFacts(ctx, []string{id})
	if err != nil {
		return ""
	}
	return facts[id].Name
}

// ListProposals lists proposals oldest first; ngo users see only their own.
func (s *Service) ListProposals(ctx context.Context, a Actor, f OwnedFilter, size int, token string) (List[domain.SideEventProposal], error) {
	if empty, err := s.scopeOwned(ctx, a, &f); empty || err != nil {
		return List[domain.SideEventProposal]{}, err
	}
	return pageList(token, size, f, func(p Page) ([]domain.SideEventProposal, int, error) {
		return s.store.ListProposals(ctx, f, p)
	}, func(p domain.SideEventProposal) Cursor { return Cursor{Seq: p.Arrival} })
}

// ApproveProposal accepts a proposal and puts its side event on the calendar in one step.
// start/end (both or neither) and venue override the proposal's preferences.
func (s *Service) ApproveProposal(ctx context.Context, a Actor, id, etag, requestID string, start, end time.Time, venue string) (domain.SideEventProposal, *domain.Event, error) {
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodApproveProposal, Target: id}
	if rid, found, err := s.replay(ctx, key); err != nil || found {
		if err != nil {
			return domain.SideEventProposal{}, nil, err
		}
		return s.proposalWithSideEvent(ctx, rid)
	}
	if start.IsZero() != end.IsZero() {
		return domain.SideEventProposal{}, nil, domain.Invalid("start_time", "start_time and end_time must be set together")
	}
	if !start.IsZero() && !end.After(start) {
		return domain.SideEventProposal{}, nil, domain.Invalid("end_time", "must be after start_time")
	}
	now := s.clock.Now()
	p, ev, err := s.store.DecideProposal(ctx, id, key, func(p *domain.SideEventProposal, meeting *domain.Event) (*domain.Event, error) {
		if etag != "" && p.Etag() != etag {
			return nil, domain.Stale("the proposal")
		}
		side, err := p.Approve(meeting, domain.ApprovalChoice{Start: start, End: end, Venue: venue}, now)
		if err != nil {
			return nil, err
		}
		side.ID = NewID("evt")
		if err := side.Validate(); err != nil {
			return nil, err
		}
		p.Approved(side.ID, now)
		return &side, nil
	})
	if rid, ok := s.afterRace(ctx, key, err); ok {
		return s.proposalWithSideEvent(ctx, rid)
	}
	return p, ev, err
}

func (s *Service) proposalWithSideEvent(ctx context.Context, id string) (domain.SideEventProposal, *domain.Event, error) {
	p, err := s.store.GetProposal(ctx, id)
	if err != nil || p.SideEventID == "" {
		return p, nil, err
	}
	ev, err := s.store.GetEvent(ctx, p.SideEventID)
	if err != nil {
		return p, nil, err
	}
	return p, &ev, nil
}

// RejectProposal declines a proposal with a reason for the proposer.
func (s *Service) RejectProposal(ctx context.Context, a Actor, id, etag, reason, requestID string) (domain.SideEventProposal, error) {
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodRejectProposal, Target: id}
	if v, done, err := replayed(ctx, s, key, s.store.GetProposal); done {
		return v, err
	}
	now := s.clock.Now()
	p, _, err := s.store.DecideProposal(ctx, id, key, func(p *domain.SideEventProposal, _ *domain.Event) (*domain.Event, error) {
		if etag != "" && p.Etag() != etag {
			return nil, domain.Stale("the proposal")
		}
		return nil, p.Reject(reason, now)
	})
	return raced(ctx, s, key, p, err, s.store.GetProposal)
}
