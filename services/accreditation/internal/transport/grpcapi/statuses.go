package grpcapi

import (
	"context"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/protobuf/types/known/timestamppb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// GetConsultativeStatus implements the RPC.
func (s *Server) GetConsultativeStatus(ctx context.Context, req *accreditationv1.GetConsultativeStatusRequest) (*accreditationv1.GetConsultativeStatusResponse, error) {
	st, err := s.app.ConsultativeStatus(ctx, req.GetOrganizationId())
	return reply(ctx, s, &accreditationv1.GetConsultativeStatusResponse{ConsultativeStatus: statusToProto(st)}, err)
}

// BatchGetConsultativeStatuses implements the RPC.
func (s *Server) BatchGetConsultativeStatuses(ctx context.Context, req *accreditationv1.BatchGetConsultativeStatusesRequest) (*accreditationv1.BatchGetConsultativeStatusesResponse, error) {
	list, err := s.app.ConsultativeStatuses(ctx, req.GetOrganizationIds())
	return reply(ctx, s, &accreditationv1.BatchGetConsultativeStatusesResponse{ConsultativeStatuses: statusesToProto(list)}, err)
}

// statusesToProto converts a batch with a few allocations in all rather
// than several per status: the messages, dates and timestamps of the whole
// batch are each carved from one slice.
func statusesToProto(list []domain.Status) []*accreditationv1.ConsultativeStatus {
	dates, stamps := 0, 0
	for _, st := range list {
		for _, d := range [...]domain.Date{st.GrantedOn, st.NextReportDue, st.SuspendedUntil, st.WithdrawnOn} {
			if !d.IsZero() {
				dates++
			}
		}
		if !st.UpdateTime.IsZero() {
			stamps++
		}
	}
	msgs := make([]accreditationv1.ConsultativeStatus, len(list))
	dateSlab := make([]date.Date, dates)
	stampSlab := make([]timestamppb.Timestamp, stamps)
	toDate := func(d domain.Date) *date.Date {
		if d.IsZero() {
			return nil
		}
		p := &dateSlab[0]
		dateSlab = dateSlab[1:]
		p.Year, p.Month, p.Day = int32(d.Year), int32(d.Month), int32(d.Day)
		return p
	}
	out := make([]*accreditationv1.ConsultativeStatus, len(list))
	for i, st := range list {
		m := &msgs[i]
		m.OrganizationId, m.Category, m.State = st.OrganizationID, categoryToProto(st.Category), statusStateToProto(st.State)
		m.GrantedOn, m.DecisionRef, m.NextReportDue = toDate(st.GrantedOn), st.DecisionRef, toDate(st.NextReportDue)
		m.SuspendedUntil, m.WithdrawnOn = toDate(st.SuspendedUntil), toDate(st.WithdrawnOn)
		if !st.UpdateTime.IsZero() {
			m.UpdateTime = &stampSlab[0]
			stampSlab = stampSlab[1:]
			m.UpdateTime.Seconds, m.UpdateTime.Nanos = st.UpdateTime.Unix(), int32(st.UpdateTime.Nanosecond())
		}
		if st.Revision > 0 {
			m.Etag = app.ETag(st.OrganizationID, st.Revision)
		}
		out[i] = m
	}
	return out
}

// SubmitQuadrennialReport implements the RPC.
func (s *Server) SubmitQuadrennialReport(ctx context.Context, req *accreditationv1.SubmitQuadrennialReportRequest) (*accreditationv1.SubmitQuadrennialReportResponse, error) {
	r := req.GetQuadrennialReport()
	cmd := app.SubmitReport{OrganizationID: req.GetOrganizationId(), PeriodStart: int(r.GetPeriodStartYear()), PeriodEnd: int(r.GetPeriodEndYear()),
		Summary: r.GetSummary(), RequestID: req.GetRequestId()}
	if d := req.GetDocument(); d != nil {
		cmd.Upload = &domain.Upload{Kind: documentKindFromProto(d.GetKind()), Filename: d.GetFilename(), ContentType: d.GetContentType(), Content: d.GetContent()}
	}
	res, err := s.app.SubmitReport(ctx, actorOf(ctx), cmd)
	return reply(ctx, s, &accreditationv1.SubmitQuadrennialReportResponse{QuadrennialReport: reportToProto(res.Report), ConsultativeStatus: statusToProto(res.Status)}, err)
}

// ListQuadrennialReports implements the RPC.
func (s *Server) ListQuadrennialReports(ctx context.Context, req *accreditationv1.ListQuadrennialReportsRequest) (*accreditationv1.ListQuadrennialReportsResponse, error) {
	list, err := s.app.ListReports(ctx, req.GetOrganizationId(), int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &accreditationv1.ListQuadrennialReportsResponse{NextPageToken: list.NextPageToken}
	for _, r := range list.Reports {
		out.QuadrennialReports = append(out.QuadrennialReports, reportToProto(r))
	}
	return out, nil
}

// EnforceReporting implements the RPC.
func (s *Server) EnforceReporting(ctx context.Context, req *accreditationv1.EnforceReportingRequest) (*accreditationv1.EnforceReportingResponse, error) {
	res, err := s.app.ProposeReportingLists(ctx, actorOf(ctx), fromDate(req.GetAsOf()))
	return reply(ctx, s, reportingListsToProto(res), err)
}

// WithdrawStatus implements the RPC.
func (s *Server) WithdrawStatus(ctx context.Context, req *accreditationv1.WithdrawStatusRequest) (*accreditationv1.WithdrawStatusResponse, error) {
	st, err := s.app.WithdrawStatus(ctx, actorOf(ctx), req.GetOrganizationId(), req.GetReason(), req.GetEtag(), req.GetRequestId())
	return reply(ctx, s, &accreditationv1.WithdrawStatusResponse{ConsultativeStatus: statusToProto(st)}, err)
}

// reportingListsToProto carries the proposed 2008/4 lists; nothing
// changes, so consultative_statuses stays empty.
func reportingListsToProto(l domain.ReportingLists) *accreditationv1.EnforceReportingResponse {
	out := &accreditationv1.EnforceReportingResponse{AsOf: toDate(l.AsOf)}
	for _, st := range l.Suspend {
		out.ProposedSuspensions = append(out.ProposedSuspensions, statusToProto(st))
	}
	for _, st := range l.Reinstate {
		out.ProposedReinstatements = append(out.ProposedReinstatements, statusToProto(st))
	}
	for _, st := range l.Withdraw {
		out.ProposedWithdrawals = append(out.ProposedWithdrawals, statusToProto(st))
	}
	return out
}
