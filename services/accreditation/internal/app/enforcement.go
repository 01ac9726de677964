package app

import (
	"context"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// ProposeReportingLists says who would be on the three lists of resolution
// 2008/4 as of a date (today when zero): statuses to suspend, to reinstate
// and to withdraw. Nothing changes: the Committee adopts the lists at its
// resumed session and ECOSOC decides them (diplodesk.com/un_events/237;
// un.org/press/en/2019/ecosoc6995.doc.htm); the changes are made when the
// decision is recorded (RecordEcosocDecision). A later date previews the
// lists the Committee will have before it.
func (s *Service) ProposeReportingLists(ctx context.Context, actor domain.Actor, asOf domain.Date) (domain.ReportingLists, error) {
	if asOf.IsZero() {
		asOf = domain.DateAt(s.clock.Now())
	}
	if !asOf.IsFull() {
		return domain.ReportingLists{}, domain.Invalid("as_of", "must be a full date")
	}
	var list []domain.Status
	err := s.store.InTx(ctx, func(tx Tx) error {
		var err error
		list, err = tx.StatusesToEnforce(ctx, asOf)
		return err
	})
	if err != nil {
		return domain.ReportingLists{}, err
	}
	return domain.ProposeLists(list, asOf), nil
}
