package grpcapi

import (
	"context"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/services/events/internal/app"
)

// allEvents is the contract's wildcard for "every event" in list paths.
const allEvents = "-"

func ownedFilter(eventID, org string, state int32) app.OwnedFilter {
	if eventID == allEvents {
		eventID = ""
	}
	return app.OwnedFilter{EventID: eventID, OrganizationID: org, State: int(state)}
}

// RegisterParticipant registers a participant for an event.
func (s *Server) RegisterParticipant(ctx context.Context, req *eventsv1.RegisterParticipantRequest) (*eventsv1.RegisterParticipantResponse, error) {
	r, err := s.app.RegisterParticipant(ctx, actorOf(ctx), req.GetEventId(), registrationFromProto(req.GetRegistration()), req.GetRequestId())
	return reply(ctx, s, &eventsv1.RegisterParticipantResponse{Registration: registrationToProto(&r)}, err)
}

// CancelRegistration cancels a registration and promotes the first waitlisted one.
func (s *Server) CancelRegistration(ctx context.Context, req *eventsv1.CancelRegistrationRequest) (*eventsv1.CancelRegistrationResponse, error) {
	r, err := s.app.CancelRegistration(ctx, actorOf(ctx), req.GetEventId(), req.GetId(), req.GetEtag())
	return reply(ctx, s, &eventsv1.CancelRegistrationResponse{Registration: registrationToProto(&r)}, err)
}

// ListRegistrations lists registrations in arrival order.
func (s *Server) ListRegistrations(ctx context.Context, req *eventsv1.ListRegistrationsRequest) (*eventsv1.ListRegistrationsResponse, error) {
	f := ownedFilter(req.GetEventId(), req.GetOrganizationId(), int32(req.GetState()))
	page, err := s.app.ListRegistrations(ctx, actorOf(ctx), f, int(req.GetPageSize()), req.GetPageToken())
	return reply(ctx, s, &eventsv1.ListRegistrationsResponse{Registrations: toProtos(page.Registrations, registrationToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, err)
}

// GetParticipationReport counts an event's participants.
func (s *Server) GetParticipationReport(ctx context.Context, req *eventsv1.GetParticipationReportRequest) (*eventsv1.GetParticipationReportResponse, error) {
	r, err := s.app.ParticipationReport(ctx, req.GetEventId())
	return reply(ctx, s, &eventsv1.GetParticipationReportResponse{ParticipationReport: reportToProto(&r)}, err)
}
