package app

import (
	"context"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

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

// SubmitReport files the report now due, once its period has ended. A
// status suspended for it stays suspended until ECOSOC reinstates it from
// the Committee's list (see ProposeReportingLists).
func (s *Service) SubmitReport(ctx context.Context, actor domain.Actor, cmd SubmitReport) (ReportFiled, error) {
	if err := mayActForOrganization(actor, cmd.OrganizationID, "file its quadrennial reports", false); err != nil {
		return ReportFiled{}, err
	}
	if cmd.Summary == "" {
		return ReportFiled{}, domain.Invalid("quadrennial_report.summary", "is required")
	}
	now := s.clock.Now()
	r := domain.QuadrennialReport{ID: NewID("qr", now), OrganizationID: cmd.OrganizationID, PeriodStartYear: cmd.PeriodStart,
		PeriodEndYear: cmd.PeriodEnd, Summary: cmd.Summary, SubmitTime: now, ReviewState: domain.ReportSubmitted, CreateTime: now, UpdateTime: now, Revision: 1}
	var content []byte
	if cmd.Upload != nil {
		d, err := domain.CheckUpload(NewID("doc", now), *cmd.Upload, now)
		if err != nil {
			return ReportFiled{}, err
		}
		r.Document, content = &d, cmd.Upload.Content
	}
	key := RequestKey{Caller: actor.Subject, RequestID: cmd.RequestID, Method: "SubmitQuadrennialReport", Target: cmd.OrganizationID}
	out, err := idempotent(ctx, s, key, nil, func(tx Tx) (ReportFiled, error) {
		st, err := tx.Status(ctx, cmd.OrganizationID)
		if err != nil {
			return ReportFiled{}, err
		}
		// Insert first: a period already filed is ALREADY_EXISTS, not "not the period due".
		if err := tx.InsertReport(ctx, r, content); err != nil {
			return ReportFiled{}, err
		}
		ch, err := st.FileReport(cmd.PeriodStart, cmd.PeriodEnd, domain.DateAt(now), now)
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
