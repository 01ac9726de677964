package grpcapi

import (
	"context"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
	"github.com/un-liaison/liaison/services/registry/internal/protoconv"
)

// CreateOrganization adds a profile to the directory.
func (s *Server) CreateOrganization(ctx context.Context, req *registryv1.CreateOrganizationRequest) (*registryv1.CreateOrganizationResponse, error) {
	o, err := s.app.CreateOrganization(ctx, actorOf(ctx), protoconv.OrganizationFromProto(req.GetOrganization()), req.GetRequestId(), req.GetAllowDuplicate())
	if err != nil {
		return nil, statusOf(ctx, s.logger, "organization", err)
	}
	return &registryv1.CreateOrganizationResponse{Organization: protoconv.OrganizationToProto(o)}, nil
}

// GetOrganization returns one profile.
func (s *Server) GetOrganization(ctx context.Context, req *registryv1.GetOrganizationRequest) (*registryv1.GetOrganizationResponse, error) {
	o, err := s.app.GetOrganization(ctx, req.GetId())
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	return &registryv1.GetOrganizationResponse{Organization: protoconv.OrganizationToProto(o)}, nil
}

// UpdateOrganization changes the fields named in the update mask.
func (s *Server) UpdateOrganization(ctx context.Context, req *registryv1.UpdateOrganizationRequest) (*registryv1.UpdateOrganizationResponse, error) {
	in := req.GetOrganization()
	o, err := s.app.UpdateOrganization(ctx, actorOf(ctx), in.GetId(), in.GetEtag(), func(o *domain.Organization) error {
		merged := protoconv.OrganizationToProto(*o)
		if err := applyMask(merged, in, req.GetUpdateMask()); err != nil {
			return err
		}
		*o = protoconv.OrganizationFromProto(merged)
		return nil
	})
	if err != nil {
		return nil, statusOf(ctx, s.logger, "organization", err)
	}
	return &registryv1.UpdateOrganizationResponse{Organization: protoconv.OrganizationToProto(o)}, nil
}

// ListOrganizations searches the directory.
func (s *Server) ListOrganizations(ctx context.Context, req *registryv1.ListOrganizationsRequest) (*registryv1.ListOrganizationsResponse, error) {
	q := app.OrganizationQuery{
		Text:             req.GetQuery(),
		Country:          req.GetCountry(),
		StakeholderGroup: domain.StakeholderGroup(req.GetStakeholderGroup()),
		SDGs:             protoconv.SDGsFromProto(req.GetSdg()),
		StatusCategory:   domain.Category(req.GetStatusCategory()),
	}
	switch req.GetOrderBy() {
	case "", "name":
		q.Order = app.ByName
	case "update_time desc", "updateTime desc":
		q.Order = app.ByUpdateTimeDesc
	default:
		return nil, invalidArgument("", &domain.ValidationError{Violations: []domain.Violation{{
			Field: "order_by", Description: `must be "name" or "update_time desc"`}}})
	}
	rows, next, err := s.app.ListOrganizations(ctx, app.ListOrganizationsRequest{Query: q, PageSize: int(req.GetPageSize()), PageToken: req.GetPageToken()})
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	resp := &registryv1.ListOrganizationsResponse{NextPageToken: next}
	for _, o := range rows {
		resp.Organizations = append(resp.Organizations, protoconv.OrganizationToProto(o))
	}
	return resp, nil
}

// BatchGetOrganizations reads many profiles at once.
func (s *Server) BatchGetOrganizations(ctx context.Context, req *registryv1.BatchGetOrganizationsRequest) (*registryv1.BatchGetOrganizationsResponse, error) {
	found, missing, err := s.app.BatchGetOrganizations(ctx, req.GetIds())
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	resp := &registryv1.BatchGetOrganizationsResponse{MissingIds: missing}
	for _, o := range found {
		resp.Organizations = append(resp.Organizations, protoconv.OrganizationToProto(o))
	}
	return resp, nil
}

// AcceptOrganizationProfile accepts a profile.
func (s *Server) AcceptOrganizationProfile(ctx context.Context, req *registryv1.AcceptOrganizationProfileRequest) (*registryv1.AcceptOrganizationProfileResponse, error) {
	o, err := s.app.ReviewProfile(ctx, actorOf(ctx), req.GetId(), true, "")
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	return &registryv1.AcceptOrganizationProfileResponse{Organization: protoconv.OrganizationToProto(o)}, nil
}

// ReturnOrganizationProfile returns a profile with the reason.
func (s *Server) ReturnOrganizationProfile(ctx context.Context, req *registryv1.ReturnOrganizationProfileRequest) (*registryv1.ReturnOrganizationProfileResponse, error) {
	o, err := s.app.ReviewProfile(ctx, actorOf(ctx), req.GetId(), false, req.GetReason())
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	return &registryv1.ReturnOrganizationProfileResponse{Organization: protoconv.OrganizationToProto(o)}, nil
}
