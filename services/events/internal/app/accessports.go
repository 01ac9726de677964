package app

import (
	"context"
	"time"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// DesignationStore keeps grounds-pass designations and their change stream. Every write locks
// the organization's row first, so that concurrent designations for one organization see each
// other, and appends its change to the stream in the same transaction.
type DesignationStore interface {
	// CreateDesignation locks d's organization, reads its designations for d.Year at every
	// station, lets check decide (statusState is the last status the store applied to the
	// organization's designations, "" if none) and stores d with a SUBMITTED change.
	CreateDesignation(ctx context.Context, d *domain.Designation, key RequestKey, check func(others []domain.Designation, statusState domain.StatusState) error) error
	GetDesignation(ctx context.Context, id string) (domain.Designation, error)
	ListDesignations(ctx context.Context, f DesignationFilter, p Page) ([]domain.Designation, int, error)
	// DecideDesignation locks the designation's organization, lets decide change it (given the
	// organization's designations for its year) and stores it with the change kind decide returns.
	DecideDesignation(ctx context.Context, id string, key RequestKey, decide func(d *domain.Designation, others []domain.Designation) (domain.DesignationChangeKind, error)) (domain.Designation, error)
	// ApplyStatus records a status change of sequence seq for org and, when the state is not
	// ACTIVE, voids the organization's pending and approved designations with a VOIDED change
	// each. A change at or below the sequence already applied is ignored (a replay).
	ApplyStatus(ctx context.Context, org string, seq uint64, state domain.StatusState, now time.Time) (voided int, err error)
	DesignationChangesAfter(ctx context.Context, after uint64, limit int) ([]domain.DesignationChange, error)
	LastDesignationSequence(ctx context.Context) (uint64, error)
}

// DesignationFilter selects designations; every field set must match.
type DesignationFilter struct {
	Station        domain.DutyStation
	OnDate         time.Time // valid on this day
	OrganizationID string
	State          domain.DesignationState
	Year           int
}

// StatementStore keeps calls for written statements and the statements.
type StatementStore interface {
	CreateStatementCall(ctx context.Context, c *domain.StatementCall, key RequestKey) error
	GetStatementCall(ctx context.Context, id string) (domain.StatementCall, error)
	ListStatementCalls(ctx context.Context, p Page) ([]domain.StatementCall, int, error)
	// SubmitStatement locks the call, reads its statements that name any of w's signers, lets
	// check decide and stores w.
	SubmitStatement(ctx context.Context, w *domain.WrittenStatement, key RequestKey, check func(existing []domain.WrittenStatement) error) error
	GetStatement(ctx context.Context, id string) (domain.WrittenStatement, error)
	ListStatements(ctx context.Context, f StatementFilter, p Page) ([]domain.WrittenStatement, int, error)
	// DecideStatement locks the statement and lets decide change it; next gives the next number
	// of the call's symbol series (taken under the series' lock, in the same transaction).
	DecideStatement(ctx context.Context, id string, key RequestKey, decide func(w *domain.WrittenStatement, c *domain.StatementCall, next func() (int64, error)) error) (domain.WrittenStatement, error)
}

// StatementFilter selects statements; every field set must match.
type StatementFilter struct {
	CallID string
	Signer string // submitted or co-signed by this organization
	State  domain.StatementState
	// Visible narrows to what a caller may see: "" everything (officers), "-" accepted ones only
	// (anyone), an organization id accepted ones and that organization's.
	Visible string
}

// SpeakerStore keeps requests to speak and the lists of speakers.
type SpeakerStore interface {
	// CreateSpeakerRequest stores r; a second request by the organization under the same item of
	// the meeting is refused.
	CreateSpeakerRequest(ctx context.Context, r *domain.SpeakerRequest, key RequestKey) error
	GetSpeakerRequest(ctx context.Context, id string) (domain.SpeakerRequest, error)
	// ListSpeakerRequests returns a meeting's requests (of one organization and item when set),
	// listed ones first in speaking order, then the others in arrival order.
	ListSpeakerRequests(ctx context.Context, eventID, agendaItem, org string) ([]domain.SpeakerRequest, error)
	// ArrangeSpeakers locks the meeting, reads the item's requests, lets arrange change them and
	// stores those that changed.
	ArrangeSpeakers(ctx context.Context, eventID, agendaItem string, arrange func([]domain.SpeakerRequest) error) ([]domain.SpeakerRequest, error)
}
