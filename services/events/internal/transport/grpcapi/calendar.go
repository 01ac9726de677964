package grpcapi

import (
	"context"

	"google.golang.org/genproto/googleapis/api/httpbody"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
	"github.com/un-liaison/liaison/services/events/internal/transport/icalfeed"
)

func calendarBody(name string, events []domain.Event) *httpbody.HttpBody {
	return &httpbody.HttpBody{ContentType: icalfeed.ContentType, Data: icalfeed.Feed(name, events)}
}

// GetCalendar serves the events matching ListEvents' filters as one iCalendar feed.
func (s *Server) GetCalendar(ctx context.Context, req *eventsv1.GetCalendarRequest) (*httpbody.HttpBody, error) {
	f := filterOf(req.GetKind(), req.GetTag(), req.GetOrganizer(), req.GetQuery(), req.GetParentEventId())
	f.From, f.To = fromTS(req.GetFrom()), fromTS(req.GetTo())
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		return nil, s.toStatus(ctx, domain.Invalid("to", "must be after from"))
	}
	events, err := s.app.CalendarEvents(ctx, f)
	return reply(ctx, s, calendarBody("UN events (NGO liaison)", events), err)
}

// GetEventCalendar serves one event (and, if asked, its side events) as an iCalendar file.
func (s *Server) GetEventCalendar(ctx context.Context, req *eventsv1.GetEventCalendarRequest) (*httpbody.HttpBody, error) {
	e, err := s.app.GetEvent(ctx, req.GetId())
	if err != nil {
		return nil, s.toStatus(ctx, err)
	}
	events := []domain.Event{e}
	if req.GetIncludeSideEvents() {
		side, err := s.app.CalendarEvents(ctx, app.EventFilter{ParentEventID: e.ID})
		if err != nil {
			return nil, s.toStatus(ctx, err)
		}
		events = append(events, side...)
	}
	return calendarBody(e.Title, events), nil
}
