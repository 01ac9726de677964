package app

import (
	"context"
	"slices"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// OptionalNotices are the kinds an organization may decline: early warnings no rule counts on.
// The question, its reminders, decisions, status changes and the last report-due reminder are
// always sent, whatever the preferences.
var OptionalNotices = []string{notify.KindQuestionDeadline, notify.KindReportDue}

// NoticePreferences are an organization's declined kinds.
type NoticePreferences struct {
	OrganizationID string
	Declined       []string
}

func (s *Service) mayManageNotices(actor domain.Actor, org string) error {
	if org == "" {
		return domain.Invalid("organization_id", "is required")
	}
	if actor.Anonymous() {
		return &domain.UnauthenticatedError{Message: "sign in to manage notices"}
	}
	if actor.HasRole(domain.RoleOfficer) || (actor.HasRole(domain.RoleNGO) && actor.Org == org) {
		return nil
	}
	return &domain.PermissionError{Message: "only the organization's own users and officers manage its notices"}
}

// NoticePreferences reads the organization's declined kinds.
func (s *Service) NoticePreferences(ctx context.Context, actor domain.Actor, org string) (NoticePreferences, error) {
	if err := s.mayManageNotices(actor, org); err != nil {
		return NoticePreferences{}, err
	}
	declined, err := s.store.DeclinedNotices(ctx, org)
	return NoticePreferences{OrganizationID: org, Declined: declined}, err
}

// SetNoticePreferences replaces the organization's declined kinds; a kind that is not optional
// is refused.
func (s *Service) SetNoticePreferences(ctx context.Context, actor domain.Actor, org string, declined []string) (NoticePreferences, error) {
	if err := s.mayManageNotices(actor, org); err != nil {
		return NoticePreferences{}, err
	}
	for _, k := range declined {
		if !slices.Contains(OptionalNotices, k) {
			return NoticePreferences{}, domain.Invalid("notice_preferences.declined_kinds", "\""+k+"\" is not an optional notice: only "+
				notify.KindQuestionDeadline+" and "+notify.KindReportDue+" may be declined")
		}
	}
	kinds := slices.Clone(declined)
	slices.Sort(kinds)
	kinds = slices.Compact(kinds)
	if err := s.store.InTx(ctx, func(tx Tx) error { return tx.SetDeclinedNotices(ctx, org, kinds) }); err != nil {
		return NoticePreferences{}, err
	}
	return NoticePreferences{OrganizationID: org, Declined: kinds}, nil
}
