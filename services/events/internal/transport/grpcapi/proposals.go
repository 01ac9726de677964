package grpcapi

import (
	"context"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// ProposeSideEvent records a side-event proposal.
func (s *Server) ProposeSideEvent(ctx context.Context, req *eventsv1.ProposeSideEventRequest) (*eventsv1.ProposeSideEventResponse, error) {
	a := actorOf(ctx)
	p, err := s.app.ProposeSideEvent(ctx, a, req.GetEventId(), proposalFromProto(req.GetSideEventProposal()), req.GetRequestId())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.ProposeSideEventResponse{SideEventProposal: proposalToProto(&p)}, nil
}

// ListSideEventProposals lists proposals oldest first.
func (s *Server) ListSideEventProposals(ctx context.Context, req *eventsv1.ListSideEventProposalsRequest) (*eventsv1.ListSideEventProposalsResponse, error) {
	a := actorOf(ctx)
	f := ownedFilter(req.GetEventId(), req.GetOrganizationId(), int32(req.GetState()))
	page, err := s.app.ListProposals(ctx, a, f, int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.ListSideEventProposalsResponse{SideEventProposals: toProtos(page.Items, proposalToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, nil
}

// ApproveSideEventProposal accepts a proposal and puts its side event on the calendar.
func (s *Server) ApproveSideEventProposal(ctx context.Context, req *eventsv1.ApproveSideEventProposalRequest) (*eventsv1.ApproveSideEventProposalResponse, error) {
	a := actorOf(ctx)
	p, side, err := s.app.ApproveProposal(ctx, a, req.GetId(), req.GetEtag(), req.GetRequestId(),
		fromTS(req.GetStartTime()), fromTS(req.GetEndTime()), req.GetVenue())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	resp := &eventsv1.ApproveSideEventProposalResponse{SideEventProposal: proposalToProto(&p)}
	if side != nil {
		resp.SideEvent = eventToProto(side)
	}
	return resp, nil
}

// RejectSideEventProposal declines a proposal.
func (s *Server) RejectSideEventProposal(ctx context.Context, req *eventsv1.RejectSideEventProposalRequest) (*eventsv1.RejectSideEventProposalResponse, error) {
	a := actorOf(ctx)
	p, err := s.app.RejectProposal(ctx, a, req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.RejectSideEventProposalResponse{SideEventProposal: proposalToProto(&p)}, nil
}
