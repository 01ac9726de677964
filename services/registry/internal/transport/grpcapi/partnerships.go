package grpcapi

import (
	"context"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/protoconv"
)

// CreatePartnership records a partnership.
func (s *Server) CreatePartnership(ctx context.Context, req *registryv1.CreatePartnershipRequest) (*registryv1.CreatePartnershipResponse, error) {
	p, err := s.app.CreatePartnership(ctx, actorOf(ctx), protoconv.PartnershipFromProto(req.GetPartnership()), req.GetRequestId())
	if err != nil {
		return nil, statusOf(ctx, s.logger, "partnership", err)
	}
	return &registryv1.CreatePartnershipResponse{Partnership: protoconv.PartnershipToProto(p)}, nil
}

// ListPartnerships lists partnerships, most recent start first.
func (s *Server) ListPartnerships(ctx context.Context, req *registryv1.ListPartnershipsRequest) (*registryv1.ListPartnershipsResponse, error) {
	rows, next, err := s.app.ListPartnerships(ctx, app.ListPartnershipsRequest{
		OrganizationID: req.GetOrganizationId(), UNEntity: req.GetUnEntity(), PageSize: int(req.GetPageSize()), PageToken: req.GetPageToken(),
	})
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	resp := &registryv1.ListPartnershipsResponse{NextPageToken: next}
	for _, p := range rows {
		resp.Partnerships = append(resp.Partnerships, protoconv.PartnershipToProto(p))
	}
	return resp, nil
}
