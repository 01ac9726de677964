package app

import (
	"context"
	"fmt"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// StatusLookup answers "does this organization hold status right now?".
// The hot path puts caches in front of the store; both answer NONE for an
// organization they have no record of.
type StatusLookup interface {
	Status(ctx context.Context, org string) (domain.Status, error)
	Statuses(ctx context.Context, orgs []string) ([]domain.Status, error)
}

// Invalidator is implemented by status lookups that cache: the use cases
// tell it at once about the changes they commit, so this process never
// serves a stale status after its own write; other replicas learn from the
// change log.
type Invalidator interface {
	Invalidate(ctx context.Context, org string)
}

func (s *Service) changed(ctx context.Context, orgs ...string) {
	if inv, ok := s.statuses.(Invalidator); ok {
		for _, o := range orgs {
			inv.Invalidate(ctx, o)
		}
	}
	s.changes.Notify()
}

// StoreStatuses reads statuses straight from the store.
type StoreStatuses struct{ Store Store }

// Status implements StatusLookup.
func (l StoreStatuses) Status(ctx context.Context, org string) (domain.Status, error) {
	return l.Store.Status(ctx, org)
}

// Statuses implements StatusLookup, in the order asked.
func (l StoreStatuses) Statuses(ctx context.Context, orgs []string) ([]domain.Status, error) {
	m, err := l.Store.Statuses(ctx, orgs)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Status, len(orgs))
	for i, o := range orgs {
		st, ok := m[o]
		if !ok {
			st = domain.NoStatus(o)
		}
		out[i] = st
	}
	return out, nil
}

// MaxBatch is the most statuses one batch lookup returns.
const MaxBatch = 1000

// ConsultativeStatus is anyone's lookup of one organization's status.
func (s *Service) ConsultativeStatus(ctx context.Context, org string) (domain.Status, error) {
	if org == "" {
		return domain.Status{}, domain.Invalid("organization_id", "is required")
	}
	return s.statuses.Status(ctx, org)
}

// ConsultativeStatuses looks up to 1,000 organizations at once, in order.
func (s *Service) ConsultativeStatuses(ctx context.Context, orgs []string) ([]domain.Status, error) {
	if len(orgs) == 0 || len(orgs) > MaxBatch {
		return nil, domain.Invalid("organization_ids", fmt.Sprintf("give 1 to %d ids", MaxBatch))
	}
	seen := make(map[string]bool, len(orgs))
	for i, o := range orgs {
		if o == "" || seen[o] {
			return nil, domain.Invalid(fmt.Sprintf("organization_ids[%d]", i), "is empty or repeated")
		}
		seen[o] = true
	}
	return s.statuses.Statuses(ctx, orgs)
}

// Enforcement is what EnforceReporting changed (or would).
type Enforcement struct {
	Changed []domain.Status
}

// EnforceReporting applies the reporting rules as of a date (today when
// zero): overdue reports suspend, suspensions that ran out withdraw. Each
// change goes to the change log with the status.
func (s *Service) EnforceReporting(ctx context.Context, actor domain.Actor, asOf domain.Date, validateOnly bool, requestID string) (Enforcement, error) {
	if err := requireRole(actor, "enforce reporting", domain.RoleOfficer, domain.RoleAdmin, domain.RoleSystem); err != nil {
		return Enforcement{}, err
	}
	now := s.clock.Now()
	today := domain.DateAt(now)
	if asOf.IsZero() {
		asOf = today
	}
	if !asOf.IsFull() || asOf.After(today) {
		return Enforcement{}, domain.Invalid("as_of", "must be a full date not after today ("+today.String()+")")
	}
	run := func(tx Tx) (Enforcement, error) {
		out := Enforcement{Changed: []domain.Status{}}
		list, err := tx.StatusesToEnforce(ctx, asOf)
		if err != nil {
			return out, err
		}
		for _, st := range list {
			ch, ok := st.Enforce(asOf, now)
			if !ok {
				continue
			}
			if !validateOnly {
				if err := s.saveChange(ctx, tx, &st, &ch); err != nil {
					return out, err
				}
			}
			out.Changed = append(out.Changed, st)
		}
		return out, nil
	}
	if validateOnly {
		var out Enforcement
		err := s.store.InTx(ctx, func(tx Tx) error {
			var err error
			out, err = run(tx)
			return err
		})
		return out, err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "EnforceReporting"}
	out, err := idempotent(ctx, s, key, nil, run)
	if err == nil && len(out.Changed) > 0 {
		orgs := make([]string, len(out.Changed))
		for i, st := range out.Changed {
			orgs[i] = st.OrganizationID
		}
		s.changed(ctx, orgs...)
	}
	return out, err
}

func mayActForOrganization(actor domain.Actor, org, what string, officers bool) error {
	if actor.Anonymous() {
		return &domain.UnauthenticatedError{Message: "sign in to " + what}
	}
	if actor.ActsFor(org) || (officers && actor.HasRole(domain.RoleOfficer)) {
		return nil
	}
	return &domain.PermissionError{Message: "only the organization's own ngo users may " + what}
}

// WithdrawStatus withdraws an organization's status at its request.
func (s *Service) WithdrawStatus(ctx context.Context, actor domain.Actor, org, reason, etag, requestID string) (domain.Status, error) {
	if err := mayActForOrganization(actor, org, "withdraw the organization's status", true); err != nil {
		return domain.Status{}, err
	}
	key := RequestKey{Caller: actor.Subject, RequestID: requestID, Method: "WithdrawStatus"}
	st, err := idempotent(ctx, s, key, nil, func(tx Tx) (domain.Status, error) {
		st, err := tx.Status(ctx, org)
		if err != nil {
			return domain.Status{}, err
		}
		// With no status on record there is no etag to match: say what is wrong instead.
		if etag != "" && st.Revision > 0 && !etagMatches(etag, org, st.Revision) {
			return domain.Status{}, staleEtag("status of organization", org)
		}
		ch, err := st.Withdraw(reason, s.clock.Now())
		if err != nil {
			return domain.Status{}, err
		}
		return st, s.saveChange(ctx, tx, &st, &ch)
	})
	if err == nil {
		s.changed(ctx, org)
	}
	return st, err
}

// SubmitReport files a quadrennial report.
type SubmitReport struct {
	OrganizationID string
	PeriodStart    int
	PeriodEnd      int
	Summary        string
	Upload         *domain.Upload
	RequestID      string
}

// ReportFiled is a filed report and the status after it.
type ReportFiled struct {
	Report domain.QuadrennialReport
	Status domain.Status
}

// SubmitReport files the report now due; a status suspended for it becomes
// ACTIVE again.
func (s *Service) SubmitReport(ctx context.Context, actor domain.Actor, cmd SubmitReport) (ReportFiled, error) {
	if err := mayActForOrganization(actor, cmd.OrganizationID, "file its quadrennial reports", false); err != nil {
		return ReportFiled{}, err
	}
	if cmd.Summary == "" {
		return ReportFiled{}, domain.Invalid("quadrennial_report.summary", "is required")
	}
	now := s.clock.Now()
	r := domain.QuadrennialReport{ID: NewID("qr", now), OrganizationID: cmd.OrganizationID, PeriodStartYear: cmd.PeriodStart,
		PeriodEndYear: cmd.PeriodEnd, Summary: cmd.Summary, SubmitTime: now, CreateTime: now, UpdateTime: now, Revision: 1}
	var content []byte
	if cmd.Upload != nil {
		d, err := domain.CheckUpload(NewID("doc", now), *cmd.Upload, now)
		if err != nil {
			return ReportFiled{}, err
		}
		r.Document, content = &d, cmd.Upload.Content
	}
	key := RequestKey{Caller: actor.Subject, RequestID: cmd.RequestID, Method: "SubmitQuadrennialReport"}
	out, err := idempotent(ctx, s, key, nil, func(tx Tx) (ReportFiled, error) {
		st, err := tx.Status(ctx, cmd.OrganizationID)
		if err != nil {
			return ReportFiled{}, err
		}
		// Insert first: a period already filed is ALREADY_EXISTS, not "not the period due".
		if err := tx.InsertReport(ctx, r, content); err != nil {
			return ReportFiled{}, err
		}
		ch, err := st.FileReport(cmd.PeriodStart, cmd.PeriodEnd, now)
		if err != nil {
			return ReportFiled{}, err
		}
		return ReportFiled{Report: r, Status: st}, s.saveChange(ctx, tx, &st, &ch)
	})
	if err == nil {
		s.changed(ctx, cmd.OrganizationID)
	}
	return out, err
}

// ReportList is a page of reports.
type ReportList struct {
	Reports       []domain.QuadrennialReport
	NextPageToken string
}

// ListReports lists an organization's reports, latest period first; they
// are public.
func (s *Service) ListReports(ctx context.Context, org string, size int, token string) (ReportList, error) {
	if org == "" {
		return ReportList{}, domain.Invalid("organization_id", "is required")
	}
	var after *ReportCursor
	if token != "" {
		after = &ReportCursor{}
		if err := decodePageToken(token, org, after); err != nil {
			return ReportList{}, err
		}
	}
	limit := pageSize(size)
	list, err := s.store.Reports(ctx, org, after, limit+1)
	if err != nil {
		return ReportList{}, err
	}
	out := ReportList{Reports: list}
	if len(list) > limit {
		out.Reports = list[:limit]
		last := list[limit-1]
		out.NextPageToken = encodePageToken(org, ReportCursor{PeriodStart: last.PeriodStartYear, ID: last.ID})
	}
	return out, nil
}
