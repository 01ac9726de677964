// Package app holds the accreditation service's use cases: each RPC's
// sequence of checks, rules and writes, in terms of small ports (the store,
// the organization directory, the clock) so the sequence can be tested
// without a network or a particular database.
package app

import (
	"context"
	"time"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Clock is the one source of "today"; LIAISON_NOW pins it.
type Clock interface{ Now() time.Time }

// OrganizationDirectory answers whether an organization exists and since
// when, from the registry service. It returns *domain.NotFoundError for an
// unknown organization and *domain.UnavailableError when the registry cannot
// be reached, so a caller is told to retry instead of being refused.
type OrganizationDirectory interface {
	Organization(ctx context.Context, id string) (domain.Organization, error)
}

// RequestKey identifies a create or step by the caller's request_id.
type RequestKey struct {
	Caller    string
	RequestID string
	Method    string
	// Target is the resource acted on, so a request id reused on another one is another request.
	Target string
}

// Store is the service's database: reads outside transactions, writes in
// InTx. Write methods that can lose a race return *domain.ConflictError
// (someone else changed the row) or *domain.AlreadyExistsError.
type Store interface {
	InTx(ctx context.Context, fn func(Tx) error) error

	Application(ctx context.Context, id string) (domain.Application, error)
	Applications(ctx context.Context, q ApplicationQuery) (ApplicationPage, error)
	Events(ctx context.Context, applicationID string, after int64, limit int) ([]domain.Event, []int64, error)
	DocumentContent(ctx context.Context, applicationID, documentID string) (domain.Document, []byte, error)
	Session(ctx context.Context, id string) (domain.CommitteeSession, error)
	Sessions(ctx context.Context, q SessionQuery) ([]domain.CommitteeSession, error)
	Status(ctx context.Context, org string) (domain.Status, error)
	Statuses(ctx context.Context, orgs []string) (map[string]domain.Status, error)
	Reports(ctx context.Context, org string, after *ReportCursor, limit int) ([]domain.QuadrennialReport, error)
	ChangesAfter(ctx context.Context, sequence uint64, limit int) ([]domain.Change, error)
	LastSequence(ctx context.Context) (uint64, error)
	Replay(ctx context.Context, key RequestKey) ([]byte, bool, error)
	// Decision reads a recorded ECOSOC decision.
	Decision(ctx context.Context, symbol string, date domain.Date) (domain.EcosocDecision, error)

	// CredentialKeys lists every stored signing key, newest first.
	CredentialKeys(ctx context.Context) ([]domain.CredentialKey, error)
	// DeclinedNotices lists the optional notice kinds the organization declined, sorted.
	DeclinedNotices(ctx context.Context, org string) ([]string, error)
	// Credential is the record of one issued credential.
	Credential(ctx context.Context, id string) (domain.Credential, error)
	// StatusListEntries is the size of the status list (every index ever
	// handed out) and the revoked indices.
	StatusListEntries(ctx context.Context) (size uint64, revoked []uint64, err error)
}

// Tx is the write side of Store, inside one transaction.
type Tx interface {
	Application(ctx context.Context, id string) (domain.Application, error)
	// InsertApplication stores a new application; *domain.AlreadyExistsError
	// if the organization already has an open one.
	InsertApplication(ctx context.Context, a *domain.Application) error
	// SaveApplication writes a changed application and its questions if its
	// stored revision is still a.Revision, then advances a.Revision.
	SaveApplication(ctx context.Context, a *domain.Application) error
	InsertDocument(ctx context.Context, applicationID string, d domain.Document, content []byte) error
	AppendEvent(ctx context.Context, e domain.Event) error

	Session(ctx context.Context, id string) (domain.CommitteeSession, error)
	AllSessions(ctx context.Context) ([]domain.CommitteeSession, error)
	InsertSession(ctx context.Context, s domain.CommitteeSession) error
	ScheduledIn(ctx context.Context, sessionID string, state domain.State) ([]domain.Application, error)

	Status(ctx context.Context, org string) (domain.Status, error)
	// SaveStatus inserts (Revision 0) or updates (stored revision still
	// s.Revision) a status, then advances s.Revision.
	SaveStatus(ctx context.Context, s *domain.Status) error
	// AppendChange writes c to the change log and sets its Sequence. Changes
	// are numbered in commit order.
	AppendChange(ctx context.Context, c *domain.Change) error
	// StatusesToEnforce lists statuses the 2008/4 lists may hold as of
	// asOf: ACTIVE with a due date before it, and every SUSPENDED one.
	StatusesToEnforce(ctx context.Context, asOf domain.Date) ([]domain.Status, error)
	// InsertReport stores a report; *domain.AlreadyExistsError for a period
	// already filed.
	InsertReport(ctx context.Context, r domain.QuadrennialReport, content []byte) error

	// AgendaCandidates lists the applications due before ses that its
	// agenda does not hold yet: PENDING_COMMITTEE or DEFERRED, review cycle
	// not after ses's year, and no session or one that started before ses.
	AgendaCandidates(ctx context.Context, ses domain.CommitteeSession) ([]domain.Application, error)
	// OnAgenda lists the applications scheduled for a session.
	OnAgenda(ctx context.Context, sessionID string) ([]domain.Application, error)
	// PutReportsOnAgenda lists before ses the reports filed or deferred and
	// not held by ses or a later session.
	PutReportsOnAgenda(ctx context.Context, ses domain.CommitteeSession, now time.Time) error
	ReportsOnAgenda(ctx context.Context, sessionID string) ([]domain.QuadrennialReport, error)
	Report(ctx context.Context, id string) (domain.QuadrennialReport, error)
	// SaveReportReview writes a report's review state and questions.
	SaveReportReview(ctx context.Context, r domain.QuadrennialReport) error
	// Request reads a request to the Committee.
	Request(ctx context.Context, id string) (domain.CommitteeRequest, error)
	// SaveRequest inserts or replaces a request.
	SaveRequest(ctx context.Context, r domain.CommitteeRequest) error
	// PutRequestsOnAgenda lists before ses the requests submitted or deferred and not held
	// by ses or a later session.
	PutRequestsOnAgenda(ctx context.Context, ses domain.CommitteeSession, now time.Time) error
	RequestsOnAgenda(ctx context.Context, sessionID string) ([]domain.CommitteeRequest, error)
	// InsertDecision stores an ECOSOC decision; *domain.AlreadyExistsError
	// when its symbol and date were recorded before.
	InsertDecision(ctx context.Context, d domain.EcosocDecision) error

	// Remember stores the answer given to a request_id;
	// *domain.AlreadyExistsError if it was stored meanwhile.
	Remember(ctx context.Context, key RequestKey, response []byte, at time.Time) error

	CredentialKeys(ctx context.Context) ([]domain.CredentialKey, error)
	InsertCredentialKey(ctx context.Context, k domain.CredentialKey) error
	// DeleteCredentialKeysExpiredBy drops keys no credential can need any
	// more.
	DeleteCredentialKeysExpiredBy(ctx context.Context, t time.Time) error
	// NextStatusIndex hands out the next status-list index, never twice.
	NextStatusIndex(ctx context.Context) (uint64, error)
	InsertCredential(ctx context.Context, c domain.Credential) error
	// Notify writes a notice to the outbox, in this transaction; a notice whose key exists is
	// left as it is.
	Notify(ctx context.Context, n notify.Notice, now time.Time) error
	// SetDeclinedNotices replaces the optional notice kinds the organization declines.
	SetDeclinedNotices(ctx context.Context, org string, kinds []string) error
	// CancelNotices withdraws the pending notices of a kind on a topic, but the one keyed keep
	// ("" for none).
	CancelNotices(ctx context.Context, topic, kind, keep string) error

	// RevokeCredentials revokes the organization's credentials that are
	// live at `at` and returns their ids.
	RevokeCredentials(ctx context.Context, org string, at time.Time) ([]string, error)
}

// OrderKey is one sort field of a list.
type OrderKey struct {
	Field string // submit_time, create_time, update_time, deferral_count, days_pending
	Desc  bool
}

// ApplicationQuery selects applications for a work queue. Now fixes the
// instant days pending are counted at, so every page of one listing agrees.
type ApplicationQuery struct {
	OrganizationID  string
	States          []domain.State
	SessionID       string
	ReviewCycleYear int
	Category        domain.Category
	MinDeferrals    int
	MinDaysPending  int
	// HideDrafts leaves out DRAFT applications (for the Committee's view).
	HideDrafts bool
	Order      []OrderKey
	Now        time.Time
	After      *ApplicationCursor
	Limit      int
}

// ApplicationCursor is the keyset position after the last row of a page:
// its sort key values and id.
type ApplicationCursor struct {
	Keys []int64 `json:"k"`
	ID   string  `json:"i"`
}

// ApplicationPage is one page of applications.
type ApplicationPage struct {
	Applications []domain.Application
	Next         *ApplicationCursor // nil on the last page
	Total        int
}

// SessionQuery selects Committee sessions, earliest first.
type SessionQuery struct {
	Year  int
	Kind  domain.SessionKind
	After *SessionCursor
	Limit int
}

// SessionCursor is the keyset position after a session.
type SessionCursor struct {
	Start string `json:"s"`
	ID    string `json:"i"`
}

// ReportCursor is the keyset position after a report (latest period first).
type ReportCursor struct {
	PeriodStart int    `json:"p"`
	ID          string `json:"i"`
}
