package grpcapi

import (
	"context"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// ProposeSideEvent records a side-event proposal.
func (s *Server) ProposeSideEvent(ctx context.Context, req *eventsv1.ProposeSideEventRequest) (*eventsv1.ProposeSideEventResponse, error) {
	p, err := s.app.ProposeSideEvent(ctx, actorOf(ctx), req.GetEventId(), proposalFromProto(req.GetSideEventProposal()), req.GetRequestId())
	return reply(ctx, s, &eventsv1.ProposeSideEventResponse{SideEventProposal: proposalToProto(&p)}, err)
}

// ListSideEventProposals lists proposals oldest first.
func (s *Server) ListSideEventProposals(ctx context.Context, req *eventsv1.ListSideEventProposalsRequest) (*eventsv1.ListSideEventProposalsResponse, error) {
	f := ownedFilter(req.GetEventId(), req.GetOrganizationId(), int32(req.GetState()))
	page, err := s.app.ListProposals(ctx, actorOf(ctx), f, int(req.GetPageSize()), req.GetPageToken())
	return reply(ctx, s, &eventsv1.ListSideEventProposalsResponse{SideEventProposals: toProtos(page.Items, proposalToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, err)
}

// ApproveSideEventProposal accepts a proposal and puts its side event on the calendar.
func (s *Server) ApproveSideEventProposal(ctx context.Context, req *eventsv1.ApproveSideEventProposalRequest) (*eventsv1.ApproveSideEventProposalResponse, error) {
	p, side, err := s.app.ApproveProposal(ctx, actorOf(ctx), req.GetId(), req.GetEtag(), req.GetRequestId(),
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
	p, err := s.app.RejectProposal(ctx, actorOf(ctx), req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId())
	return reply(ctx, s, &eventsv1.RejectSideEventProposalResponse{SideEventProposal: proposalToProto(&p)}, err)
}
