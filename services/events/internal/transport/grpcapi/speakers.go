package grpcapi

import (
	"context"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

func speakerToProto(r *domain.SpeakerRequest) *eventsv1.SpeakerRequest {
	return &eventsv1.SpeakerRequest{
		Id:             r.ID,
		EventId:        r.EventID,
		AgendaItem:     r.AgendaItem,
		OrganizationId: r.OrganizationID,
		SpeakerName:    r.SpeakerName,
		SpeakerTitle:   r.SpeakerTitle,
		State:          eventsv1.SpeakerRequest_State(r.State),
		Position:       int32(r.Position),
		CreateTime:     ts(r.Created),
		UpdateTime:     ts(r.Updated),
	}
}

func speakersToProto(rs []domain.SpeakerRequest) []*eventsv1.SpeakerRequest {
	out := make([]*eventsv1.SpeakerRequest, len(rs))
	for i := range rs {
		out[i] = speakerToProto(&rs[i])
	}
	return out
}

// RequestToSpeak records a request to make an oral statement.
func (s *Server) RequestToSpeak(ctx context.Context, req *eventsv1.RequestToSpeakRequest) (*eventsv1.RequestToSpeakResponse, error) {
	p := req.GetSpeakerRequest()
	r, err := s.app.RequestToSpeak(ctx, actorOf(ctx), req.GetEventId(), domain.SpeakerRequest{
		AgendaItem: p.GetAgendaItem(), OrganizationID: p.GetOrganizationId(), SpeakerName: p.GetSpeakerName(), SpeakerTitle: p.GetSpeakerTitle(),
	}, req.GetRequestId())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	return &eventsv1.RequestToSpeakResponse{SpeakerRequest: speakerToProto(&r)}, nil
}

// ListSpeakerRequests lists a meeting's requests to speak.
func (s *Server) ListSpeakerRequests(ctx context.Context, req *eventsv1.ListSpeakerRequestsRequest) (*eventsv1.ListSpeakerRequestsResponse, error) {
	rs, err := s.app.ListSpeakerRequests(ctx, actorOf(ctx), req.GetEventId(), req.GetAgendaItem())
	return reply(ctx, s, &eventsv1.ListSpeakerRequestsResponse{SpeakerRequests: speakersToProto(rs)}, err)
}

// ArrangeSpeakers draws up the list of speakers for an item.
func (s *Server) ArrangeSpeakers(ctx context.Context, req *eventsv1.ArrangeSpeakersRequest) (*eventsv1.ArrangeSpeakersResponse, error) {
	rs, err := s.app.ArrangeSpeakers(ctx, actorOf(ctx), req.GetEventId(), req.GetAgendaItem(), req.GetSpeakerRequestIds())
	return reply(ctx, s, &eventsv1.ArrangeSpeakersResponse{SpeakerRequests: speakersToProto(rs)}, err)
}
