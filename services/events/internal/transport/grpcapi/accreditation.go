package grpcapi

import (
	"context"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// RequestAccreditation records an accreditation request.
func (s *Server) RequestAccreditation(ctx context.Context, req *eventsv1.RequestAccreditationRequest) (*eventsv1.RequestAccreditationResponse, error) {
	a := actorOf(ctx)
	r, err := s.app.RequestAccreditation(ctx, a, req.GetEventId(), accreditationFromProto(req.GetAccreditationRequest()), req.GetRequestId())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.RequestAccreditationResponse{AccreditationRequest: accreditationToProto(&r)}, nil
}

// ListAccreditationRequests lists requests oldest first.
func (s *Server) ListAccreditationRequests(ctx context.Context, req *eventsv1.ListAccreditationRequestsRequest) (*eventsv1.ListAccreditationRequestsResponse, error) {
	a := actorOf(ctx)
	f := ownedFilter(req.GetEventId(), req.GetOrganizationId(), int32(req.GetState()))
	page, err := s.app.ListAccreditationRequests(ctx, a, f, int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.ListAccreditationRequestsResponse{AccreditationRequests: toProtos(page.Items, accreditationToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, nil
}

// ApproveAccreditationRequest grants a request.
func (s *Server) ApproveAccreditationRequest(ctx context.Context, req *eventsv1.ApproveAccreditationRequestRequest) (*eventsv1.ApproveAccreditationRequestResponse, error) {
	a := actorOf(ctx)
	r, err := s.app.DecideAccreditationRequest(ctx, a, req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId(), true)
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.ApproveAccreditationRequestResponse{AccreditationRequest: accreditationToProto(&r)}, nil
}

// RejectAccreditationRequest refuses a request.
func (s *Server) RejectAccreditationRequest(ctx context.Context, req *eventsv1.RejectAccreditationRequestRequest) (*eventsv1.RejectAccreditationRequestResponse, error) {
	a := actorOf(ctx)
	r, err := s.app.DecideAccreditationRequest(ctx, a, req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId(), false)
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.RejectAccreditationRequestResponse{AccreditationRequest: accreditationToProto(&r)}, nil
}
