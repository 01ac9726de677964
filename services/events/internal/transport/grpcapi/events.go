package grpcapi

import (
	"context"
	"strings"
	"unicode"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// CreateEvent puts a new event on the calendar.
func (s *Server) CreateEvent(ctx context.Context, req *eventsv1.CreateEventRequest) (*eventsv1.CreateEventResponse, error) {
	e, err := s.app.CreateEvent(ctx, actorOf(ctx), eventFromProto(req.GetEvent()), req.GetRequestId())
	return reply(ctx, s, &eventsv1.CreateEventResponse{Event: eventToProto(&e)}, err)
}

// GetEvent returns one event.
func (s *Server) GetEvent(ctx context.Context, req *eventsv1.GetEventRequest) (*eventsv1.GetEventResponse, error) {
	e, err := s.app.GetEvent(ctx, req.GetId())
	return reply(ctx, s, &eventsv1.GetEventResponse{Event: eventToProto(&e)}, err)
}

func filterOf(kinds []eventsv1.Event_Kind, tags []string, organizer, query, parent string) app.EventFilter {
	f := app.EventFilter{Tags: tags, Organizer: strings.TrimSpace(organizer), Words: domain.QueryWords(query), ParentEventID: parent}
	for _, k := range kinds {
		f.Kinds = append(f.Kinds, domain.EventKind(k))
	}
	return f
}

func orderOf(orderBy string) (app.EventOrder, error) {
	switch strings.Join(strings.Fields(strings.ToLower(orderBy)), " ") {
	case "", "start_time", "start_time asc":
		return app.ByStartAsc, nil
	case "start_time desc":
		return app.ByStartDesc, nil
	case "update_time", "update_time asc":
		return app.ByUpdateAsc, nil
	case "update_time desc":
		return app.ByUpdateDesc, nil
	}
	return 0, domain.Invalid("order_by", "must be start_time or update_time, optionally followed by asc or desc")
}

// ListEvents lists events matching the filters.
func (s *Server) ListEvents(ctx context.Context, req *eventsv1.ListEventsRequest) (*eventsv1.ListEventsResponse, error) {
	f := filterOf(req.GetKind(), req.GetTag(), req.GetOrganizer(), req.GetQuery(), req.GetParentEventId())
	f.From, f.To = fromTS(req.GetFrom()), fromTS(req.GetTo())
	order, err := orderOf(req.GetOrderBy())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	f.Order = order
	page, err := s.app.ListEvents(ctx, f, int(req.GetPageSize()), req.GetPageToken())
	return reply(ctx, s, &eventsv1.ListEventsResponse{Events: toProtos(page.Items, eventToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, err)
}

// outputOnly are the Event fields an update mask may name and that are then ignored.
var outputOnly = map[string]bool{
	"id": true, "state": true, "cancel_reason": true, "confirmed_count": true, "waitlisted_count": true,
	"create_time": true, "update_time": true, "etag": true,
}

// snake turns a JSON field name (startTime) into the proto one (start_time).
func snake(path string) string {
	var b strings.Builder
	for _, r := range path {
		if unicode.IsUpper(r) {
			b.WriteByte('_')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// maskFields turns an update mask into the field names the use case changes.
func maskFields(paths []string) []string {
	var out []string
	for _, p := range paths {
		if p == "*" {
			return app.UpdatableFields()
		}
		f := snake(p)
		if !outputOnly[f] {
			out = append(out, f)
		}
	}
	return out
}

// UpdateEvent changes the fields named in the update mask.
func (s *Server) UpdateEvent(ctx context.Context, req *eventsv1.UpdateEventRequest) (*eventsv1.UpdateEventResponse, error) {
	patch := eventFromProto(req.GetEvent())
	e, err := s.app.UpdateEvent(ctx, actorOf(ctx), patch, maskFields(req.GetUpdateMask().GetPaths()), req.GetEvent().GetEtag())
	return reply(ctx, s, &eventsv1.UpdateEventResponse{Event: eventToProto(&e)}, err)
}

// CancelEvent calls an event off.
func (s *Server) CancelEvent(ctx context.Context, req *eventsv1.CancelEventRequest) (*eventsv1.CancelEventResponse, error) {
	e, err := s.app.CancelEvent(ctx, actorOf(ctx), req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId())
	return reply(ctx, s, &eventsv1.CancelEventResponse{Event: eventToProto(&e)}, err)
}
