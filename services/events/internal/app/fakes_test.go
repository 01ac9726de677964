package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

var errNotUsed = errors.New("not used by these tests")

// memStore is an in-memory Store with just enough behaviour for the use-case tests; the SQL
// store's own contract suite covers the rest on real databases.
type memStore struct {
	mu         sync.Mutex
	events     map[string]domain.Event
	regs       []domain.Registration
	proposals  map[string]domain.SideEventProposal
	requests   map[RequestKey]string
	accredited map[string]bool // organization ids holding an approved request for every event
}

func newMemStore() *memStore {
	return &memStore{events: map[string]domain.Event{}, proposals: map[string]domain.SideEventProposal{},
		requests: map[RequestKey]string{}, accredited: map[string]bool{}}
}

func (m *memStore) remember(key RequestKey, id string) error {
	if key.RequestID == "" {
		return nil
	}
	if _, dup := m.requests[key]; dup {
		return errors.New("duplicate request key")
	}
	m.requests[key] = id
	return nil
}

func (m *memStore) LookupRequest(_ context.Context, key RequestKey) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id, ok := m.requests[key]
	return id, ok, nil
}

func (m *memStore) CreateEvent(_ context.Context, e *domain.Event, key RequestKey) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.remember(key, e.ID); err != nil {
		return err
	}
	m.events[e.ID] = *e
	return nil
}

func (m *memStore) GetEvent(_ context.Context, id string) (domain.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.events[id]
	if !ok {
		return e, domain.NotFound("event", id)
	}
	return e, nil
}

func (m *memStore) ListEvents(context.Context, EventFilter, Page) ([]domain.Event, int, error) {
	return nil, 0, errNotUsed
}

func (m *memStore) UpdateEvent(_ context.Context, id string, key RequestKey, change func(*domain.Event) error) (domain.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.events[id]
	if !ok {
		return e, domain.NotFound("event", id)
	}
	if err := change(&e); err != nil {
		return e, err
	}
	e.Revision++
	m.events[id] = e
	return e, m.remember(key, id)
}

func (m *memStore) Register(_ context.Context, r *domain.Registration, key RequestKey, decide func(domain.Admission) (domain.RegistrationState, error)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.events[r.EventID]
	if !ok {
		return domain.NotFound("event", r.EventID)
	}
	// As the SQL store does, a request id already recorded fails the call before anything is decided.
	if _, dup := m.requests[key]; dup && key.RequestID != "" {
		return errors.New("duplicate request key")
	}
	adm := domain.Admission{Event: &e, AccreditedForEvent: m.accredited[r.OrganizationID]}
	for _, x := range m.regs {
		if x.EventID == e.ID && x.State.Live() {
			if x.OrganizationID == r.OrganizationID {
				adm.OrganizationLive++
			}
			if domain.NormalizeEmail(x.Participant.Email) == domain.NormalizeEmail(r.Participant.Email) {
				adm.EmailTaken = true
			}
		}
	}
	st, err := decide(adm)
	if err != nil {
		return err
	}
	r.State = st
	if err := m.remember(key, r.ID); err != nil {
		return err
	}
	if st == domain.RegistrationConfirmed {
		e.Confirmed++
	} else {
		e.Waitlisted++
	}
	m.events[e.ID] = e
	m.regs = append(m.regs, *r)
	return nil
}

func (m *memStore) GetRegistration(_ context.Context, eventID, id string) (domain.Registration, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.regs {
		if r.ID == id && r.EventID == eventID {
			return r, nil
		}
	}
	return domain.Registration{}, domain.NotFound("registration", id)
}

func (m *memStore) CancelRegistration(context.Context, string, string, func(*domain.Event, *domain.Registration) error) (domain.Registration, error) {
	return domain.Registration{}, errNotUsed
}

func (m *memStore) ListRegistrations(context.Context, OwnedFilter, Page) ([]domain.Registration, int, error) {
	return nil, 0, nil
}

func (m *memStore) ParticipationCounts(context.Context, string) ([]domain.ParticipationCount, error) {
	return nil, errNotUsed
}

func (m *memStore) CreateProposal(_ context.Context, p *domain.SideEventProposal, key RequestKey) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.proposals[p.ID] = *p
	return m.remember(key, p.ID)
}

func (m *memStore) GetProposal(_ context.Context, id string) (domain.SideEventProposal, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.proposals[id]
	if !ok {
		return p, domain.NotFound("side-event proposal", id)
	}
	return p, nil
}

func (m *memStore) ListProposals(context.Context, OwnedFilter, Page) ([]domain.SideEventProposal, int, error) {
	return nil, 0, errNotUsed
}

func (m *memStore) DecideProposal(context.Context, string, RequestKey, func(*domain.SideEventProposal, *domain.Event) (*domain.Event, error)) (domain.SideEventProposal, *domain.Event, error) {
	return domain.SideEventProposal{}, nil, errNotUsed
}

func (m *memStore) CreateAccreditationRequest(context.Context, *domain.AccreditationRequest, RequestKey) error {
	return errNotUsed
}

func (m *memStore) GetAccreditationRequest(context.Context, string) (domain.AccreditationRequest, error) {
	return domain.AccreditationRequest{}, errNotUsed
}

func (m *memStore) ListAccreditationRequests(context.Context, OwnedFilter, Page) ([]domain.AccreditationRequest, int, error) {
	return nil, 0, errNotUsed
}

func (m *memStore) DecideAccreditationRequest(context.Context, string, RequestKey, func(*domain.AccreditationRequest) error) (domain.AccreditationRequest, error) {
	return domain.AccreditationRequest{}, errNotUsed
}

// fakeStatus answers from a map, or fails when down; it counts the questions it is asked.
type fakeStatus struct {
	mu     sync.Mutex
	states map[string]domain.StatusState
	down   bool
	asked  int
}

func (f *fakeStatus) ConsultativeStatus(_ context.Context, org string) (domain.ConsultativeStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked++
	if f.down {
		return domain.ConsultativeStatus{}, domain.Unavailable(domain.ReasonStatusUnknown, "down")
	}
	st := f.states[org]
	if st == domain.StatusUnknown {
		st = domain.StatusNone
	}
	return domain.ConsultativeStatus{OrganizationID: org, State: st}, nil
}

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }
