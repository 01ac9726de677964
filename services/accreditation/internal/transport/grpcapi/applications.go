package grpcapi

import (
	"context"

	"google.golang.org/genproto/googleapis/api/httpbody"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// CreateApplication implements the RPC.
func (s *Server) CreateApplication(ctx context.Context, req *accreditationv1.CreateApplicationRequest) (*accreditationv1.CreateApplicationResponse, error) {
	in := req.GetApplication()
	a, err := s.app.CreateApplication(ctx, actorOf(ctx), app.CreateApplication{
		OrganizationID: in.GetOrganizationId(), Kind: kindFromProto(in.GetKind()), Category: categoryFromProto(in.GetRequestedCategory()),
		Questionnaire: questionnaireFromProto(in.GetQuestionnaire()), RequestID: req.GetRequestId(),
	})
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &accreditationv1.CreateApplicationResponse{Application: s.application(a)}, nil
}

// GetApplication implements the RPC.
func (s *Server) GetApplication(ctx context.Context, req *accreditationv1.GetApplicationRequest) (*accreditationv1.GetApplicationResponse, error) {
	a, err := s.app.GetApplication(ctx, actorOf(ctx), req.GetId())
	return reply(ctx, s, &accreditationv1.GetApplicationResponse{Application: s.application(a)}, err)
}

// ListApplications implements the RPC.
func (s *Server) ListApplications(ctx context.Context, req *accreditationv1.ListApplicationsRequest) (*accreditationv1.ListApplicationsResponse, error) {
	var states []domain.State
	for _, st := range req.GetState() {
		states = append(states, stateFromProto(st))
	}
	list, err := s.app.ListApplications(ctx, actorOf(ctx), app.ListApplications{
		OrganizationID: req.GetOrganizationId(), States: states, SessionID: req.GetSessionId(),
		ReviewCycleYear: int(req.GetReviewCycleYear()), Category: categoryFromProto(req.GetRequestedCategory()),
		MinDeferrals: int(req.GetMinDeferralCount()), MinDaysPending: int(req.GetMinDaysPending()), OrderBy: req.GetOrderBy(),
		PageSize: int(req.GetPageSize()), PageToken: req.GetPageToken(),
	})
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &accreditationv1.ListApplicationsResponse{NextPageToken: list.NextPageToken, TotalSize: int32(list.Total)}
	for _, a := range list.Applications {
		out.Applications = append(out.Applications, s.application(a))
	}
	return out, nil
}

// outputOnly are Application fields an update ignores, so that a resource
// read with GetApplication can be sent back whole.
var outputOnly = map[string]bool{
	"id": true, "etag": true, "state": true, "review_cycle_year": true, "session_id": true, "documents": true, "questions": true,
	"deferral_count": true, "recommended_category": true, "decision_ref": true, "submit_time": true, "days_pending": true,
	"create_time": true, "update_time": true,
}

// UpdateApplication implements the RPC.
func (s *Server) UpdateApplication(ctx context.Context, req *accreditationv1.UpdateApplicationRequest) (*accreditationv1.UpdateApplicationResponse, error) {
	in := req.GetApplication()
	var paths []string
	for _, p := range req.GetUpdateMask().GetPaths() {
		if !outputOnly[p] {
			paths = append(paths, p)
		}
	}
	if len(req.GetUpdateMask().GetPaths()) == 0 {
		paths = []string{"requested_category", "questionnaire"}
	}
	a, err := s.app.UpdateApplication(ctx, actorOf(ctx), app.UpdateApplication{
		ID: in.GetId(), ETag: in.GetEtag(), Paths: paths, OrganizationID: in.GetOrganizationId(), Kind: kindFromProto(in.GetKind()),
		Category: categoryFromProto(in.GetRequestedCategory()), Questionnaire: questionnaireFromProto(in.GetQuestionnaire()),
	})
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &accreditationv1.UpdateApplicationResponse{Application: s.application(a)}, nil
}

// AddApplicationDocument implements the RPC.
func (s *Server) AddApplicationDocument(ctx context.Context, req *accreditationv1.AddApplicationDocumentRequest) (*accreditationv1.AddApplicationDocumentResponse, error) {
	a, err := s.app.AddDocument(ctx, actorOf(ctx), app.AddDocument{
		ApplicationID: req.GetApplicationId(), ETag: req.GetEtag(), RequestID: req.GetRequestId(),
		Upload: domain.Upload{Kind: documentKindFromProto(req.GetKind()), Filename: req.GetFilename(), ContentType: req.GetContentType(), Content: req.GetContent()},
	})
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &accreditationv1.AddApplicationDocumentResponse{Application: s.application(a)}, nil
}

// DownloadApplicationDocument implements the RPC.
func (s *Server) DownloadApplicationDocument(ctx context.Context, req *accreditationv1.DownloadApplicationDocumentRequest) (*httpbody.HttpBody, error) {
	d, content, err := s.app.DocumentContent(ctx, actorOf(ctx), req.GetApplicationId(), req.GetDocumentId())
	return reply(ctx, s, &httpbody.HttpBody{ContentType: d.ContentType, Data: content}, err)
}

func step(id, etag, requestID string) app.StepCommand {
	return app.StepCommand{ID: id, ETag: etag, RequestID: requestID}
}

// SubmitApplication implements the RPC.
func (s *Server) SubmitApplication(ctx context.Context, req *accreditationv1.SubmitApplicationRequest) (*accreditationv1.SubmitApplicationResponse, error) {
	a, err := s.app.Submit(ctx, actorOf(ctx), step(req.GetId(), req.GetEtag(), req.GetRequestId()))
	return reply(ctx, s, &accreditationv1.SubmitApplicationResponse{Application: s.application(a)}, err)
}

// ScreenApplication implements the RPC.
func (s *Server) ScreenApplication(ctx context.Context, req *accreditationv1.ScreenApplicationRequest) (*accreditationv1.ScreenApplicationResponse, error) {
	a, err := s.app.Screen(ctx, actorOf(ctx), step(req.GetId(), req.GetEtag(), req.GetRequestId()), req.GetComplete(), req.GetNotes())
	return reply(ctx, s, &accreditationv1.ScreenApplicationResponse{Application: s.application(a)}, err)
}

// ScheduleApplication implements the RPC.
func (s *Server) ScheduleApplication(ctx context.Context, req *accreditationv1.ScheduleApplicationRequest) (*accreditationv1.ScheduleApplicationResponse, error) {
	a, err := s.app.Schedule(ctx, actorOf(ctx), step(req.GetId(), req.GetEtag(), req.GetRequestId()), req.GetSessionId())
	return reply(ctx, s, &accreditationv1.ScheduleApplicationResponse{Application: s.application(a)}, err)
}

// PoseQuestion implements the RPC.
func (s *Server) PoseQuestion(ctx context.Context, req *accreditationv1.PoseQuestionRequest) (*accreditationv1.PoseQuestionResponse, error) {
	a, err := s.app.PoseQuestion(ctx, actorOf(ctx), app.PoseQuestion{StepCommand: step(req.GetApplicationId(), req.GetEtag(), req.GetRequestId()),
		Text: req.GetText(), AskedBy: req.GetAskedBy(), SessionID: req.GetSessionId()})
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &accreditationv1.PoseQuestionResponse{Application: s.application(a)}, nil
}

// AnswerQuestion implements the RPC.
func (s *Server) AnswerQuestion(ctx context.Context, req *accreditationv1.AnswerQuestionRequest) (*accreditationv1.AnswerQuestionResponse, error) {
	a, err := s.app.Answer(ctx, actorOf(ctx), step(req.GetApplicationId(), req.GetEtag(), req.GetRequestId()), req.GetQuestionId(), req.GetText())
	return reply(ctx, s, &accreditationv1.AnswerQuestionResponse{Application: s.application(a)}, err)
}

// RecordOutcome implements the RPC.
func (s *Server) RecordOutcome(ctx context.Context, req *accreditationv1.RecordOutcomeRequest) (*accreditationv1.RecordOutcomeResponse, error) {
	a, err := s.app.RecordOutcome(ctx, actorOf(ctx), app.RecordOutcome{StepCommand: step(req.GetId(), req.GetEtag(), req.GetRequestId()),
		Outcome:  fromEnum[domain.Outcome](accreditationv1.Outcome_name, int32(req.GetOutcome()), "OUTCOME_"),
		Category: categoryFromProto(req.GetRecommendedCategory()), SessionID: req.GetSessionId(), Notes: req.GetNotes()})
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &accreditationv1.RecordOutcomeResponse{Application: s.application(a)}, nil
}

// RecordDecision implements the RPC.
func (s *Server) RecordDecision(ctx context.Context, req *accreditationv1.RecordDecisionRequest) (*accreditationv1.RecordDecisionResponse, error) {
	a, err := s.app.RecordDecision(ctx, actorOf(ctx), app.RecordDecision{StepCommand: step(req.GetId(), req.GetEtag(), req.GetRequestId()),
		Decision: fromEnum[domain.Decision](accreditationv1.Decision_name, int32(req.GetDecision()), "DECISION_"),
		Ref:      req.GetDecisionRef(), Effective: fromDate(req.GetEffectiveDate()), Notes: req.GetNotes()})
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &accreditationv1.RecordDecisionResponse{Application: s.application(a)}, nil
}

// WithdrawApplication implements the RPC.
func (s *Server) WithdrawApplication(ctx context.Context, req *accreditationv1.WithdrawApplicationRequest) (*accreditationv1.WithdrawApplicationResponse, error) {
	a, err := s.app.Withdraw(ctx, actorOf(ctx), step(req.GetId(), req.GetEtag(), req.GetRequestId()), req.GetReason())
	return reply(ctx, s, &accreditationv1.WithdrawApplicationResponse{Application: s.application(a)}, err)
}

// ListApplicationEvents implements the RPC.
func (s *Server) ListApplicationEvents(ctx context.Context, req *accreditationv1.ListApplicationEventsRequest) (*accreditationv1.ListApplicationEventsResponse, error) {
	page, err := s.app.ListEvents(ctx, actorOf(ctx), req.GetApplicationId(), int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &accreditationv1.ListApplicationEventsResponse{NextPageToken: page.NextToken}
	for _, e := range page.Events {
		out.ApplicationEvents = append(out.ApplicationEvents, eventToProto(e))
	}
	return out, nil
}
