package grpcapi

import (
	"context"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// RequestAccreditation records an accreditation request.
func (s *Server) RequestAccreditation(ctx context.Context, req *eventsv1.RequestAccreditationRequest) (*eventsv1.RequestAccreditationResponse, error) {
	r, err := s.app.RequestAccreditation(ctx, actorOf(ctx), req.GetEventId(), accreditationFromProto(req.GetAccreditationRequest()), req.GetRequestId())
	return reply(ctx, s, &eventsv1.RequestAccreditationResponse{AccreditationRequest: accreditationToProto(&r)}, err)
}

// ListAccreditationRequests lists requests oldest first.
func (s *Server) ListAccreditationRequests(ctx context.Context, req *eventsv1.ListAccreditationRequestsRequest) (*eventsv1.ListAccreditationRequestsResponse, error) {
	f := ownedFilter(req.GetEventId(), req.GetOrganizationId(), int32(req.GetState()))
	page, err := s.app.ListAccreditationRequests(ctx, actorOf(ctx), f, int(req.GetPageSize()), req.GetPageToken())
	return reply(ctx, s, &eventsv1.ListAccreditationRequestsResponse{AccreditationRequests: toProtos(page.Items, accreditationToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, err)
}

// ApproveAccreditationRequest grants a request.
func (s *Server) ApproveAccreditationRequest(ctx context.Context, req *eventsv1.ApproveAccreditationRequestRequest) (*eventsv1.ApproveAccreditationRequestResponse, error) {
	r, err := s.app.DecideAccreditationRequest(ctx, actorOf(ctx), req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId(), true)
	return reply(ctx, s, &eventsv1.ApproveAccreditationRequestResponse{AccreditationRequest: accreditationToProto(&r)}, err)
}

// RejectAccreditationRequest refuses a request.
func (s *Server) RejectAccreditationRequest(ctx context.Context, req *eventsv1.RejectAccreditationRequestRequest) (*eventsv1.RejectAccreditationRequestResponse, error) {
	r, err := s.app.DecideAccreditationRequest(ctx, actorOf(ctx), req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId(), false)
	return reply(ctx, s, &eventsv1.RejectAccreditationRequestResponse{AccreditationRequest: accreditationToProto(&r)}, err)
}
