package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// RoleSystem is another UN system (a badge office) calling over gRPC.
const RoleSystem = "system"

// Method names for idempotency keys of the access and voice use cases.
const (
	MethodCreateDesignation  = "CreateDesignation"
	MethodApproveDesignation = "ApproveDesignation"
	MethodReturnDesignation  = "ReturnDesignation"
	MethodCreateCall         = "CreateStatementCall"
	MethodSubmitStatement    = "SubmitWrittenStatement"
	MethodAcceptStatement    = "AcceptWrittenStatement"
	MethodReturnStatement    = "ReturnWrittenStatement"
)

// AccessAndVoice holds the stores and settings of designations and statements, which the
// events service gained after its calendar; see WithAccessAndVoice.
type AccessAndVoice struct {
	Designations DesignationStore
	Statements   StatementStore
	Speakers     SpeakerStore
	// Rules gives each station's rules; nil means domain.DefaultStationRules.
	Rules func(domain.DutyStation) domain.StationRules
}

// WithAccessAndVoice gives the service its designation and statement stores.
func (s *Service) WithAccessAndVoice(av AccessAndVoice) *Service {
	if av.Rules == nil {
		av.Rules = domain.DefaultStationRules
	}
	s.av = av
	s.designationWake = newWake()
	return s
}

// errNotConfigured answers when the stores were not given (a test wiring only the calendar).
var errNotConfigured = errors.New("designations and statements are not configured")

func (s *Service) designations() (DesignationStore, error) {
	if s.av.Designations == nil {
		return nil, errNotConfigured
	}
	return s.av.Designations, nil
}

// CreateDesignation records a designation in STATE_PENDING after the rules of its station.
func (s *Service) CreateDesignation(ctx context.Context, a Actor, d domain.Designation, requestID string) (domain.Designation, error) {
	store, err := s.designations()
	if err != nil {
		return domain.Designation{}, err
	}
	if err := a.mayActFor(d.OrganizationID); err != nil {
		return domain.Designation{}, err
	}
	now := s.clock.Now()
	if err := d.Validate(now); err != nil {
		return domain.Designation{}, err
	}
	key := RequestKey{Caller: a.caller(), RequestID: requestID, Method: MethodCreateDesignation}
	if v, done, err := replayed(ctx, s, key, store.GetDesignation); done {
		return v, err
	}
	st, err := s.status.ConsultativeStatus(ctx, d.OrganizationID)
	if err != nil {
		return domain.Designation{}, err
	}
	if !st.Active() {
		return domain.Designation{}, domain.Refused(domain.ReasonStatusRequired,
			"only organizations in active consultative status designate representatives; organization %s is %s", d.OrganizationID, st.State)
	}
	d.ID = NewID("dsg")
	d.State, d.Reason = domain.DesignationPending, ""
	d.Created, d.Updated, d.Revision = now, now, 1
	rules := s.av.Rules(d.Station)
	err = store.CreateDesignation(ctx, &d, key, func(others []domain.Designation, applied domain.StatusState) error {
		// The status stream may have voided the organization's designations since the lookup
		// above: the state recorded under the lock is the last word.
		if applied != domain.StatusUnknown && applied != domain.StatusActive {
			return domain.Refused(domain.ReasonStatusRequired,
				"only organizations in active consultative status designate representatives; organization %s is %s", d.OrganizationID, applied)
		}
		return domain.CheckDesignation(&d, others, rules, now)
	})
	if err != nil {
		return raced(ctx, s, key, domain.Designation{}, err, store.GetDesignation)
	}
	s.designationWake.wake()
	return d, nil
}

// GetDesignation reads one designation: officers and badge offices any, ngo users their own.
func (s *Service) GetDesignation(ctx context.Context, a Actor, id string) (domain.Designation, error) {
	store, err := s.designations()
	if err != nil {
		return domain.Designation{}, err
	}
	d, err := store.GetDesignation(ctx, id)
	if err != nil {
		return d, err
	}
	if a.Officer() || a.Has(RoleSystem) || (a.Has(RoleNGO) && a.Org == d.OrganizationID) {
		return d, nil
	}
	return domain.Designation{}, domain.NotFound("designation", id)
}

// ListDesignations lists designations oldest first; ngo users see only their own.
func (s *Service) ListDesignations(ctx context.Context, a Actor, f DesignationFilter, size int, token string) (List[domain.Designation], error) {
	store, err := s.designations()
	if err != nil {
		return List[domain.Designation]{}, err
	}
	if !a.Officer() && !a.Has(RoleSystem) {
		org, err := a.scope(f.OrganizationID)
		if errors.Is(err, errNoOrganizationYet) {
			return List[domain.Designation]{}, nil
		}
		if err != nil {
			return List[domain.Designation]{}, err
		}
		f.OrganizationID = org
	}
	return pageList(token, size, f, func(p Page) ([]domain.Designation, int, error) {
		return store.ListDesignations(ctx, f, p)
	}, func(d domain.Designation) Cursor { return Cursor{Seq: d.Arrival} })
}

// DecideDesignation approves or returns a pending designation.
func (s *Service) DecideDesignation(ctx context.Context, a Actor, id, etag, reason, requestID string, approve bool) (domain.Designation, error) {
	store, err := s.designations()
	if err != nil {
		return domain.Designation{}, err
	}
	key, v, done, err := decision(ctx, s, a, id, requestID, approve, MethodApproveDesignation, MethodReturnDesignation, store.GetDesignation)
	if done {
		return v, err
	}
	now := s.clock.Now()
	d, err := store.DecideDesignation(ctx, id, key, func(d *domain.Designation, others []domain.Designation) (domain.DesignationChangeKind, error) {
		if etag != "" && d.Etag() != etag {
			return 0, domain.Stale("the designation")
		}
		if approve {
			return domain.ChangeIssued, d.Approve(others, now)
		}
		return domain.ChangeReturned, d.Return(reason, now)
	})
	if err != nil {
		return raced(ctx, s, key, d, err, store.GetDesignation)
	}
	s.designationWake.wake()
	return d, nil
}

// ApplyStatusChange is called for every change of the accreditation status stream, in order:
// a suspension or withdrawal voids the organization's live designations at once, and the
// stream of designation changes carries the voids.
func (s *Service) ApplyStatusChange(ctx context.Context, seq uint64, st domain.ConsultativeStatus) error {
	if s.av.Designations == nil {
		return nil
	}
	n, err := s.av.Designations.ApplyStatus(ctx, st.OrganizationID, seq, st.State, s.clock.Now())
	if err != nil {
		return fmt.Errorf("applying status change %d to designations: %w", seq, err)
	}
	if n > 0 {
		s.designationWake.wake()
	}
	return nil
}

// DesignationPoll bounds how late a change committed by another replica is seen by a watcher;
// changes made by this process wake watchers at once.
const DesignationPoll = 250 * time.Millisecond

const designationBatch = 500

// WatchDesignationChanges sends every designation change after sequence after, in order, then
// waits for more until ctx ends. A cursor beyond the newest change means the log was reset.
func (s *Service) WatchDesignationChanges(ctx context.Context, a Actor, after uint64, send func(domain.DesignationChange) error) error {
	store, err := s.designations()
	if err != nil {
		return err
	}
	last, err := store.LastDesignationSequence(ctx)
	if err != nil {
		return err
	}
	if after > last {
		return domain.Refused("CURSOR_AHEAD", "the cursor %d is past the newest designation change %d: the change log was reset, rebuild from the beginning", after, last)
	}
	ticker := time.NewTicker(DesignationPoll)
	defer ticker.Stop()
	for {
		woken := s.designationWake.channel()
		batch, err := store.DesignationChangesAfter(ctx, after, designationBatch)
		if err != nil {
			return err
		}
		for _, c := range batch {
			if err := send(c); err != nil {
				return err
			}
			after = c.Sequence
		}
		if len(batch) == designationBatch {
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-woken:
		case <-ticker.C:
		}
	}
}

// wake lets watchers wait for the next local write: channel returns a channel closed by the
// next call to wake.
type wake struct {
	mu sync.Mutex
	ch chan struct{}
}

func newWake() *wake { return &wake{ch: make(chan struct{})} }

func (w *wake) channel() <-chan struct{} {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ch
}

func (w *wake) wake() {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	close(w.ch)
	w.ch = make(chan struct{})
}
