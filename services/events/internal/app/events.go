package app

import (
	"context"
	"slices"
	"strings"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// Method names for idempotency keys; they match the RPC names so that the request log reads
// naturally.
const (
	MethodCreateEvent         = "CreateEvent"
	MethodCancelEvent         = "CancelEvent"
	MethodRegister            = "RegisterParticipant"
	MethodProposeSideEvent    = "ProposeSideEvent"
	MethodApproveProposal     = "ApproveSideEventProposal"
	MethodRejectProposal      = "RejectSideEventProposal"
	MethodRequestAccreditaton = "RequestAccreditation"
	MethodApproveRequest      = "ApproveAccreditationRequest"
	MethodRejectRequest       = "RejectAccreditationRequest"
)

// CreateEvent puts a new event on the calendar.
func (s *Service) CreateEvent(ctx context.Context, a Actor, e domain.Event, requestID string) (domain.Event, error) {
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodCreateEvent, Target: e.ParentEventID}
	if v, done, err := replayed(ctx, s, key, s.store.GetEvent); done {
		return v, err
	}
	now := s.clock.Now()
	e.ID = NewID("evt")
	e.State = domain.EventScheduled
	e.CancelReason = ""
	e.Confirmed, e.Waitlisted = 0, 0
	e.Created, e.Updated = now, now
	e.Revision = 1
	if err := e.Validate(); err != nil {
		return domain.Event{}, err
	}
	if err := s.checkParent(ctx, &e); err != nil {
		return domain.Event{}, err
	}
	if err := s.store.CreateEvent(ctx, &e, key); err != nil {
		return raced(ctx, s, key, domain.Event{}, err, s.store.GetEvent)
	}
	return e, nil
}

// checkParent makes sure parent_event_id names an existing event other than e, and that a side
// event hangs off something that is not itself a side event.
func (s *Service) checkParent(ctx context.Context, e *domain.Event) error {
	if e.ParentEventID == "" {
		return nil
	}
	if e.ParentEventID == e.ID {
		return domain.Invalid("event.parent_event_id", "must name another event")
	}
	parent, err := s.store.GetEvent(ctx, e.ParentEventID)
	if domain.KindOf(err) == domain.KindNotFound {
		return domain.Invalid("event.parent_event_id", "names no event")
	}
	if err != nil {
		return err
	}
	if parent.Kind == domain.KindSideEvent {
		return domain.Invalid("event.parent_event_id", "names a side event; name the meeting it is held around")
	}
	return nil
}

// GetEvent returns one event.
func (s *Service) GetEvent(ctx context.Context, id string) (domain.Event, error) {
	return s.store.GetEvent(ctx, id)
}

// ListEvents returns one page of events matching f.
func (s *Service) ListEvents(ctx context.Context, f EventFilter, size int, token string) (List[domain.Event], error) {
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		return List[domain.Event]{}, domain.Invalid("to", "must be after from")
	}
	return pageList(token, size, f, func(p Page) ([]domain.Event, int, error) {
		return s.store.ListEvents(ctx, f, p)
	}, func(e domain.Event) Cursor { return EventCursor(e, f.Order) })
}

// EventCursor is the keyset position of e in the given order.
func EventCursor(e domain.Event, o EventOrder) Cursor {
	if o == ByUpdateAsc || o == ByUpdateDesc {
		return Cursor{Key: e.Updated.UnixMicro(), ID: e.ID}
	}
	return Cursor{Key: e.Start.UnixMicro(), ID: e.ID}
}

// CalendarEvents returns every event matching f (no paging) for the iCalendar feed, capped so
// that one feed request cannot read the whole table.
func (s *Service) CalendarEvents(ctx context.Context, f EventFilter) ([]domain.Event, error) {
	const maxFeed = 5000
	f.Order = ByStartAsc
	items, _, err := s.store.ListEvents(ctx, f, Page{Size: maxFeed})
	return items, err
}

// Field names UpdateEvent accepts, as the contract spells them.
var updatableFields = map[string]bool{
	"title": true, "kind": true, "start_time": true, "end_time": true, "time_zone": true, "venue": true,
	"online_url": true, "organizers": true, "description": true, "tags": true, "capacity": true,
	"quota_per_organization": true, "requires_consultative_status": true, "parent_event_id": true,
	"registration_opens": true, "registration_closes": true, "registration_url": true,
}

// UpdatableFields lists the fields "*" stands for.
func UpdatableFields() []string {
	out := make([]string, 0, len(updatableFields))
	for f := range updatableFields {
		out = append(out, f)
	}
	return out
}

// UpdateEvent changes the named fields of an event, refusing a stale etag.
func (s *Service) UpdateEvent(ctx context.Context, a Actor, patch domain.Event, fields []string, etag string) (domain.Event, error) {
	if etag == "" {
		return domain.Event{}, domain.Invalid("event.etag", "is required: send the etag you last read")
	}
	if len(fields) == 0 {
		return domain.Event{}, domain.Invalid("update_mask", "must name at least one field")
	}
	for _, f := range fields {
		if !updatableFields[f] {
			return domain.Event{}, domain.Invalid("update_mask", "field %q cannot be changed", f)
		}
	}
	if patch.ParentEventID != "" && slices.Contains(fields, "parent_event_id") {
		if err := s.checkParent(ctx, &patch); err != nil {
			return domain.Event{}, err
		}
	}
	now := s.clock.Now()
	return s.store.UpdateEvent(ctx, patch.ID, RequestKey{}, func(e *domain.Event) error {
		if e.Etag() != etag {
			return domain.Stale("the event")
		}
		if e.State == domain.EventCancelled {
			return domain.Refused(domain.ReasonEventCancelled, "event %s is cancelled and can no longer change", e.ID)
		}
		for _, f := range fields {
			applyField(e, &patch, f)
		}
		if err := e.Validate(); err != nil {
			return err
		}
		if err := e.CheckCapacity(); err != nil {
			return err
		}
		e.Updated = now
		return nil
	})
}

func applyField(e, p *domain.Event, field string) {
	switch field {
	case "title":
		e.Title = p.Title
	case "kind":
		e.Kind = p.Kind
	case "start_time":
		e.Start = p.Start
	case "end_time":
		e.End = p.End
	case "time_zone":
		e.TimeZone = p.TimeZone
	case "venue":
		e.Venue = p.Venue
	case "online_url":
		e.OnlineURL = p.OnlineURL
	case "organizers":
		e.Organizers = p.Organizers
	case "description":
		e.Description = p.Description
	case "tags":
		e.Tags = p.Tags
	case "capacity":
		e.Capacity = p.Capacity
	case "quota_per_organization":
		e.QuotaPerOrganization = p.QuotaPerOrganization
	case "requires_consultative_status":
		e.RequiresConsultativeStatus = p.RequiresConsultativeStatus
	case "parent_event_id":
		e.ParentEventID = p.ParentEventID
	case "registration_opens":
		e.RegistrationOpens = p.RegistrationOpens
	case "registration_closes":
		e.RegistrationCloses = p.RegistrationCloses
	case "registration_url":
		e.RegistrationURL = p.RegistrationURL
	}
}

// CancelEvent calls an event off; it stays on the calendar marked cancelled.
func (s *Service) CancelEvent(ctx context.Context, a Actor, id, etag, reason, requestID string) (domain.Event, error) {
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodCancelEvent, Target: id}
	if v, done, err := replayed(ctx, s, key, s.store.GetEvent); done {
		return v, err
	}
	now := s.clock.Now()
	e, err := s.store.UpdateEvent(ctx, id, key, func(e *domain.Event) error {
		if etag != "" && e.Etag() != etag {
			return domain.Stale("the event")
		}
		return e.Cancel(strings.TrimSpace(reason), now)
	})
	return raced(ctx, s, key, e, err, s.store.GetEvent)
}
