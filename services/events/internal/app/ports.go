// Package app holds the events service's use cases: it checks who may do what, gathers the
// facts each rule needs (consultative status, stored counts) and lets the store run every write
// as one transaction. The ports it needs are declared here, where they are used.
package app

import (
	"context"
	"time"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// Clock is the one source of "now" (LIAISON_NOW can pin it).
type Clock interface{ Now() time.Time }

// StatusChecker tells an organization's consultative status. An answer that cannot be had
// (the accreditation service is down) is a domain KindUnavailable error, never a guess.
type StatusChecker interface {
	ConsultativeStatus(ctx context.Context, organizationID string) (domain.ConsultativeStatus, error)
}

// OrganizationDirectory gives the facts a participation report groups by. Optional: without
// one, every organization falls in the "not known" rows, except for its status category.
type OrganizationDirectory interface {
	OrganizationFacts(ctx context.Context, organizationIDs []string) (map[string]domain.OrganizationFacts, error)
}

// RequestKey names one create or workflow step for idempotency: the same caller sending the same
// request_id to the same method gets the first answer. An empty RequestID means "not idempotent".
type RequestKey struct {
	Caller, RequestID, Method string
	// Target is the resource acted on, so a request id reused on another one is another request.
	Target string
}

// Store persists the service's resources. Every method is one transaction; the methods that take
// a func call it inside that transaction, with the rows it reads locked, so the decision and the
// write see the same facts. Every write that carries a non-empty RequestKey records the id of the
// resource it created or changed in that same transaction.
type Store interface {
	// LookupRequest returns the resource id recorded for key, if any.
	LookupRequest(ctx context.Context, key RequestKey) (id string, found bool, err error)

	CreateEvent(ctx context.Context, e *domain.Event, key RequestKey) error
	GetEvent(ctx context.Context, id string) (domain.Event, error)
	ListEvents(ctx context.Context, f EventFilter, p Page) ([]domain.Event, int, error)
	// UpdateEvent locks the event, lets change edit it, bumps its revision and, if the change
	// freed seats, confirms waitlisted registrations in arrival order.
	UpdateEvent(ctx context.Context, id string, key RequestKey, change func(*domain.Event) error) (domain.Event, error)

	// Register takes a seat (or a place on the waiting list) for r: it locks the event, gathers
	// the admission facts, asks decide for the state and stores r in it. The store may run
	// several registrations for one event in one transaction, on a goroutine of its own, so
	// decide must be quick and must not call the store.
	Register(ctx context.Context, r *domain.Registration, key RequestKey, decide func(domain.Admission) (domain.RegistrationState, error)) error
	GetRegistration(ctx context.Context, eventID, id string) (domain.Registration, error)
	// CancelRegistration locks the event, lets change cancel the registration and, when a seat
	// was freed, confirms the first waitlisted registration in the same transaction.
	CancelRegistration(ctx context.Context, eventID, id string, change func(*domain.Event, *domain.Registration) error) (domain.Registration, error)
	ListRegistrations(ctx context.Context, f OwnedFilter, p Page) ([]domain.Registration, int, error)
	ParticipationCounts(ctx context.Context, eventID string) ([]domain.ParticipationCount, error)

	CreateProposal(ctx context.Context, p *domain.SideEventProposal, key RequestKey) error
	GetProposal(ctx context.Context, id string) (domain.SideEventProposal, error)
	ListProposals(ctx context.Context, f OwnedFilter, p Page) ([]domain.SideEventProposal, int, error)
	// DecideProposal locks the proposal and its meeting and lets decide change the proposal;
	// when decide returns a side event, it is created under the meeting in the same transaction.
	DecideProposal(ctx context.Context, id string, key RequestKey, decide func(*domain.SideEventProposal, *domain.Event) (*domain.Event, error)) (domain.SideEventProposal, *domain.Event, error)

	CreateAccreditationRequest(ctx context.Context, r *domain.AccreditationRequest, key RequestKey) error
	GetAccreditationRequest(ctx context.Context, id string) (domain.AccreditationRequest, error)
	ListAccreditationRequests(ctx context.Context, f OwnedFilter, p Page) ([]domain.AccreditationRequest, int, error)
	DecideAccreditationRequest(ctx context.Context, id string, key RequestKey, decide func(*domain.AccreditationRequest) error) (domain.AccreditationRequest, error)
}

// EventOrder is how events are sorted; ties are broken by id in the same direction.
type EventOrder int

// Orders accepted by ListEvents.
const (
	ByStartAsc EventOrder = iota
	ByStartDesc
	ByUpdateAsc
	ByUpdateDesc
)

// EventFilter selects events; every field set must match.
type EventFilter struct {
	From, To      time.Time // events not ended by From; starting before To
	Kinds         []domain.EventKind
	Tags          []string
	Organizer     string // organization id, or part of a name (case ignored)
	Words         []string
	ParentEventID string
	Order         EventOrder
}

// OwnedFilter selects registrations, proposals or accreditation requests.
type OwnedFilter struct {
	EventID        string // "" for every event
	OrganizationID string
	State          int // the resource's own state enum; 0 for any
}

// Page is one keyset page: at most Size items after After.
type Page struct {
	Size  int
	After *Cursor
}

// Cursor is the position of the last item of the previous page: Key and ID for events (the sort
// key and the tie-breaker), Seq (arrival order) for the other resources.
type Cursor struct {
	Key int64  `json:"k,omitempty"`
	ID  string `json:"i,omitempty"`
	Seq int64  `json:"s,omitempty"`
}
