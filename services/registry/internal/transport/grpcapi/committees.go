package grpcapi

import (
	"context"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
	"github.com/un-liaison/liaison/services/registry/internal/protoconv"
)

// CreateNgoCommittee records an NGO committee.
func (s *Server) CreateNgoCommittee(ctx context.Context, req *registryv1.CreateNgoCommitteeRequest) (*registryv1.CreateNgoCommitteeResponse, error) {
	c, err := s.app.CreateCommittee(ctx, actorOf(ctx), protoconv.CommitteeFromProto(req.GetCommittee()), req.GetRequestId())
	if err != nil {
		return nil, statusOf(ctx, s.logger, "committee", err)
	}
	return &registryv1.CreateNgoCommitteeResponse{Committee: protoconv.CommitteeToProto(c)}, nil
}

// GetNgoCommittee returns a committee with its members.
func (s *Server) GetNgoCommittee(ctx context.Context, req *registryv1.GetNgoCommitteeRequest) (*registryv1.GetNgoCommitteeResponse, error) {
	c, err := s.app.GetCommittee(ctx, req.GetId())
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	return &registryv1.GetNgoCommitteeResponse{Committee: protoconv.CommitteeToProto(c)}, nil
}

// ListNgoCommittees lists committees by name.
func (s *Server) ListNgoCommittees(ctx context.Context, req *registryv1.ListNgoCommitteesRequest) (*registryv1.ListNgoCommitteesResponse, error) {
	rows, next, err := s.app.ListCommittees(ctx, app.ListCommitteesRequest{
		Kind: domain.CommitteeKind(req.GetKind()), MemberOrgID: req.GetMemberOrganizationId(),
		PageSize: int(req.GetPageSize()), PageToken: req.GetPageToken(),
	})
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	resp := &registryv1.ListNgoCommitteesResponse{NextPageToken: next}
	for _, c := range rows {
		resp.Committees = append(resp.Committees, protoconv.CommitteeToProto(c))
	}
	return resp, nil
}

// AddCommitteeMember adds an organization to a committee.
func (s *Server) AddCommitteeMember(ctx context.Context, req *registryv1.AddCommitteeMemberRequest) (*registryv1.AddCommitteeMemberResponse, error) {
	c, err := s.app.AddCommitteeMember(ctx, actorOf(ctx), req.GetCommitteeId(), req.GetOrganizationId(), req.GetEtag())
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	return &registryv1.AddCommitteeMemberResponse{Committee: protoconv.CommitteeToProto(c)}, nil
}
