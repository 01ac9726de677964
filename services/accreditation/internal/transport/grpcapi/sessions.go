package grpcapi

import (
	"context"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

func sessionKindFromProto(k accreditationv1.SessionKind) domain.SessionKind {
	return fromEnum[domain.SessionKind](accreditationv1.SessionKind_name, int32(k), "SESSION_KIND_")
}

// CreateCommitteeSession implements the RPC.
func (s *Server) CreateCommitteeSession(ctx context.Context, req *accreditationv1.CreateCommitteeSessionRequest) (*accreditationv1.CreateCommitteeSessionResponse, error) {
	in := req.GetCommitteeSession()
	ses, err := s.app.CreateSession(ctx, actorOf(ctx), app.CreateSession{Name: in.GetName(), Kind: sessionKindFromProto(in.GetKind()),
		Start: fromDate(in.GetStartDate()), End: fromDate(in.GetEndDate()), Members: membersFromProto(in.GetMembers()),
		RequestID: req.GetRequestId()})
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &accreditationv1.CreateCommitteeSessionResponse{CommitteeSession: sessionToProto(ses)}, nil
}

// GetCommitteeSession implements the RPC.
func (s *Server) GetCommitteeSession(ctx context.Context, req *accreditationv1.GetCommitteeSessionRequest) (*accreditationv1.GetCommitteeSessionResponse, error) {
	ses, err := s.app.GetSession(ctx, actorOf(ctx), req.GetId())
	return reply(ctx, s, &accreditationv1.GetCommitteeSessionResponse{CommitteeSession: sessionToProto(ses)}, err)
}

// ListCommitteeSessions implements the RPC.
func (s *Server) ListCommitteeSessions(ctx context.Context, req *accreditationv1.ListCommitteeSessionsRequest) (*accreditationv1.ListCommitteeSessionsResponse, error) {
	list, err := s.app.ListSessions(ctx, actorOf(ctx), int(req.GetYear()), sessionKindFromProto(req.GetKind()), int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &accreditationv1.ListCommitteeSessionsResponse{NextPageToken: list.NextPageToken}
	for _, x := range list.Sessions {
		out.CommitteeSessions = append(out.CommitteeSessions, sessionToProto(x))
	}
	return out, nil
}

// ApplyNoAnswerRule implements the RPC.
func (s *Server) ApplyNoAnswerRule(ctx context.Context, req *accreditationv1.ApplyNoAnswerRuleRequest) (*accreditationv1.ApplyNoAnswerRuleResponse, error) {
	res, err := s.app.ApplyNoAnswerRule(ctx, actorOf(ctx), req.GetSessionId(), req.GetValidateOnly(), req.GetRequestId())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &accreditationv1.ApplyNoAnswerRuleResponse{Rule: res.Rule}
	for _, a := range res.Closed {
		out.ClosedApplications = append(out.ClosedApplications, s.application(a))
	}
	return out, nil
}
