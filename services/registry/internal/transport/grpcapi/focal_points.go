package grpcapi

import (
	"context"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/protoconv"
)

// CreateFocalPoint records a focal point.
func (s *Server) CreateFocalPoint(ctx context.Context, req *registryv1.CreateFocalPointRequest) (*registryv1.CreateFocalPointResponse, error) {
	f, err := s.app.CreateFocalPoint(ctx, actorOf(ctx), protoconv.FocalPointFromProto(req.GetFocalPoint()), req.GetRequestId())
	if err != nil {
		return nil, statusOf(ctx, s.logger, "focal_point", err)
	}
	return &registryv1.CreateFocalPointResponse{FocalPoint: protoconv.FocalPointToProto(f)}, nil
}

// ListFocalPoints lists focal points by UN entity, then name.
func (s *Server) ListFocalPoints(ctx context.Context, req *registryv1.ListFocalPointsRequest) (*registryv1.ListFocalPointsResponse, error) {
	rows, next, err := s.app.ListFocalPoints(ctx, app.ListFocalPointsRequest{UNEntity: req.GetUnEntity(), PageSize: int(req.GetPageSize()), PageToken: req.GetPageToken()})
	if err != nil {
		return nil, statusOf(ctx, s.logger, "", err)
	}
	resp := &registryv1.ListFocalPointsResponse{NextPageToken: next}
	for _, f := range rows {
		resp.FocalPoints = append(resp.FocalPoints, protoconv.FocalPointToProto(f))
	}
	return resp, nil
}
