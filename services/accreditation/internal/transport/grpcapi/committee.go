package grpcapi

import (
	"context"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

func (s *Server) agendaToProto(a app.Agenda) *accreditationv1.Agenda {
	out := &accreditationv1.Agenda{CommitteeSession: sessionToProto(a.Session), Members: membersToProto(a.Session.Members)}
	for _, x := range a.Applications {
		out.Applications = append(out.Applications, s.application(x))
	}
	for _, r := range a.Reports {
		out.QuadrennialReports = append(out.QuadrennialReports, reportToProto(r))
	}
	for _, r := range a.Requests {
		out.Requests = append(out.Requests, requestToProto(r))
	}
	return out
}

// AssembleAgenda implements the RPC.
func (s *Server) AssembleAgenda(ctx context.Context, req *accreditationv1.AssembleAgendaRequest) (*accreditationv1.AssembleAgendaResponse, error) {
	a, err := s.app.AssembleAgenda(ctx, actorOf(ctx), req.GetSessionId(), req.GetRequestId())
	return reply(ctx, s, &accreditationv1.AssembleAgendaResponse{Agenda: s.agendaToProto(a)}, err)
}

// GetAgenda implements the RPC.
func (s *Server) GetAgenda(ctx context.Context, req *accreditationv1.GetAgendaRequest) (*accreditationv1.GetAgendaResponse, error) {
	a, err := s.app.GetAgenda(ctx, actorOf(ctx), req.GetSessionId())
	return reply(ctx, s, &accreditationv1.GetAgendaResponse{Agenda: s.agendaToProto(a)}, err)
}

// BatchRecordOutcomes implements the RPC.
func (s *Server) BatchRecordOutcomes(ctx context.Context, req *accreditationv1.BatchRecordOutcomesRequest) (*accreditationv1.BatchRecordOutcomesResponse, error) {
	items := make([]app.OutcomeItem, len(req.GetRows()))
	for i, r := range req.GetRows() {
		items[i] = app.OutcomeItem{ApplicationID: r.GetApplicationId(),
			Outcome:  fromEnum[domain.Outcome](accreditationv1.Outcome_name, int32(r.GetOutcome()), "OUTCOME_"),
			Category: categoryFromProto(r.GetRecommendedCategory()), Notes: r.GetNotes(), Questions: questionsFromProto(r.GetQuestions())}
	}
	list, err := s.app.RecordOutcomes(ctx, actorOf(ctx), req.GetSessionId(), items, req.GetRequestId())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &accreditationv1.BatchRecordOutcomesResponse{}
	for _, a := range list {
		out.Applications = append(out.Applications, s.application(a))
	}
	return out, nil
}

func decisionToProto(d domain.EcosocDecision) *accreditationv1.EcosocDecision {
	out := &accreditationv1.EcosocDecision{Symbol: d.Symbol, DecisionDate: toDate(d.Date), RecordTime: ts(d.RecordTime)}
	for _, e := range d.Entries {
		out.Entries = append(out.Entries, &accreditationv1.DecisionEntry{
			Action:         accreditationv1.DecisionEntry_Action(toEnum(accreditationv1.DecisionEntry_Action_value, e.Action, "ACTION_")),
			ApplicationId:  e.ApplicationID,
			OrganizationId: e.OrganizationID, Category: categoryToProto(e.Category), Reason: reasonToProto(e.Reason),
			SuspensionYears: int32(e.SuspensionYears),
		})
	}
	return out
}

// RecordEcosocDecision implements the RPC.
func (s *Server) RecordEcosocDecision(ctx context.Context, req *accreditationv1.RecordEcosocDecisionRequest) (*accreditationv1.RecordEcosocDecisionResponse, error) {
	in := req.GetEcosocDecision()
	d := domain.EcosocDecision{Symbol: in.GetSymbol(), Date: fromDate(in.GetDecisionDate())}
	for _, e := range in.GetEntries() {
		d.Entries = append(d.Entries, domain.DecisionEntry{
			Action:         fromEnum[domain.DecisionAction](accreditationv1.DecisionEntry_Action_name, int32(e.GetAction()), "ACTION_"),
			ApplicationID:  e.GetApplicationId(),
			OrganizationID: e.GetOrganizationId(), Category: categoryFromProto(e.GetCategory()), Reason: reasonFromProto(e.GetReason()),
			SuspensionYears: int(e.GetSuspensionYears()),
		})
	}
	out, err := s.app.RecordEcosocDecision(ctx, actorOf(ctx), d, req.GetRequestId())
	return reply(ctx, s, &accreditationv1.RecordEcosocDecisionResponse{EcosocDecision: decisionToProto(out)}, err)
}

// ReviewQuadrennialReport implements the RPC.
func (s *Server) ReviewQuadrennialReport(ctx context.Context, req *accreditationv1.ReviewQuadrennialReportRequest) (*accreditationv1.ReviewQuadrennialReportResponse, error) {
	r, err := s.app.ReviewReport(ctx, actorOf(ctx), req.GetReportId(), req.GetSessionId(), req.GetTakeNote(), questionsFromProto(req.GetQuestions()), req.GetRequestId())
	return reply(ctx, s, &accreditationv1.ReviewQuadrennialReportResponse{QuadrennialReport: reportToProto(r), ReviewState: string(r.ReviewState)}, err)
}

func requestToProto(r domain.CommitteeRequest) *accreditationv1.CommitteeRequest {
	out := &accreditationv1.CommitteeRequest{Id: r.ID, OrganizationId: r.OrganizationID,
		Kind:    accreditationv1.CommitteeRequest_Kind(toEnum(accreditationv1.CommitteeRequest_Kind_value, r.Kind, "KIND_")),
		Details: r.Details, ApplicationId: r.ApplicationID, State: string(r.State), SessionId: r.SessionID, CreateTime: ts(r.CreateTime)}
	for _, q := range r.Questions {
		out.Questions = append(out.Questions, &accreditationv1.CommitteeQuestion{Text: q.Text, AskedBy: q.AskedBy})
	}
	return out
}

// FileCommitteeRequest implements the RPC.
func (s *Server) FileCommitteeRequest(ctx context.Context, req *accreditationv1.FileCommitteeRequestRequest) (*accreditationv1.FileCommitteeRequestResponse, error) {
	in := req.GetCommitteeRequest()
	r, err := s.app.FileRequest(ctx, actorOf(ctx), in.GetOrganizationId(),
		fromEnum[domain.RequestKind](accreditationv1.CommitteeRequest_Kind_name, int32(in.GetKind()), "KIND_"),
		in.GetDetails(), in.GetApplicationId(), req.GetRequestId())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &accreditationv1.FileCommitteeRequestResponse{CommitteeRequest: requestToProto(r)}, nil
}

// ReviewCommitteeRequest implements the RPC.
func (s *Server) ReviewCommitteeRequest(ctx context.Context, req *accreditationv1.ReviewCommitteeRequestRequest) (*accreditationv1.ReviewCommitteeRequestResponse, error) {
	r, err := s.app.ReviewRequest(ctx, actorOf(ctx), req.GetId(), req.GetSessionId(), req.GetTakeNote(), questionsFromProto(req.GetQuestions()), req.GetRequestId())
	return reply(ctx, s, &accreditationv1.ReviewCommitteeRequestResponse{CommitteeRequest: requestToProto(r)}, err)
}
