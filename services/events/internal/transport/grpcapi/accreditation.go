package grpcapi

import (
	"context"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// RequestAccreditation records an accreditation request.
func (s *Server) RequestAccreditation(ctx context.Context, req *eventsv1.RequestAccreditationRequest) (*eventsv1.RequestAccreditationResponse, error) {
	a, err := actor(ctx, eventsv1.EventsService_RequestAccreditation_FullMethodName)
	if err != nil {
		return nil, err
	}
	r, err := s.app.RequestAccreditation(ctx, a, req.GetEventId(), accreditationFromProto(req.GetAccreditationRequest()), req.GetRequestId())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.RequestAccreditationResponse{AccreditationRequest: accreditationToProto(&r)}, nil
}

// ListAccreditationRequests lists requests oldest first.
func (s *Server) ListAccreditationRequests(ctx context.Context, req *eventsv1.ListAccreditationRequestsRequest) (*eventsv1.ListAccreditationRequestsResponse, error) {
	a, err := actor(ctx, eventsv1.EventsService_ListAccreditationRequests_FullMethodName)
	if err != nil {
		return nil, err
	}
	f := ownedFilter(req.GetEventId(), req.GetOrganizationId(), int32(req.GetState()))
	page, err := s.app.ListAccreditationRequests(ctx, a, f, int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.ListAccreditationRequestsResponse{AccreditationRequests: toProtos(page.Requests, accreditationToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, nil
}

// ApproveAccreditationRequest grants a request.
func (s *Server) ApproveAccreditationRequest(ctx context.Context, req *eventsv1.ApproveAccreditationRequestRequest) (*eventsv1.ApproveAccreditationRequestResponse, error) {
	a, err := actor(ctx, eventsv1.EventsService_ApproveAccreditationRequest_FullMethodName)
	if err != nil {
		return nil, err
	}
	r, err := s.app.DecideAccreditationRequest(ctx, a, req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId(), true)
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.ApproveAccreditationRequestResponse{AccreditationRequest: accreditationToProto(&r)}, nil
}

// RejectAccreditationRequest refuses a request.
func (s *Server) RejectAccreditationRequest(ctx context.Context, req *eventsv1.RejectAccreditationRequestRequest) (*eventsv1.RejectAccreditationRequestResponse, error) {
	a, err := actor(ctx, eventsv1.EventsService_RejectAccreditationRequest_FullMethodName)
	if err != nil {
		return nil, err
	}
	r, err := s.app.DecideAccreditationRequest(ctx, a, req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId(), false)
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.RejectAccreditationRequestResponse{AccreditationRequest: accreditationToProto(&r)}, nil
}
