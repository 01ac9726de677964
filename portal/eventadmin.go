package portal

import (
	"net/http"
	"net/url"
	"strings"

	"google.golang.org/protobuf/types/known/timestamppb"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// newEventData is the officers' form for a new event, holding what was typed when the
// service refused it.
type newEventData struct {
	Kinds     []eventsv1.Event_Kind
	Form      url.Values
	RequestID string
}

// newEventPage shows the form for a new event.
func (p *Portal) newEventPage(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	p.renderNewEvent(w, r, v, http.StatusOK, url.Values{}, nil)
}

func (p *Portal) renderNewEvent(w http.ResponseWriter, r *http.Request, v viewer, code int, form url.Values, errs map[string]string) {
	d := newEventData{Form: form, RequestID: form.Get("request_id")}
	if d.RequestID == "" {
		d.RequestID = newRequestID()
	}
	for i := 1; i < len(eventsv1.Event_Kind_name); i++ {
		d.Kinds = append(d.Kinds, eventsv1.Event_Kind(i))
	}
	pg := p.newPage(w, r, v, "newevent.title")
	pg.Data = d
	pg.Errors = errs
	p.render(w, r, code, "newevent", pg)
}

// createEvent adds an event to the calendar; its times are read in the zone the officer
// gives, which is also the zone the calendar shows beside the reader's.
func (p *Portal) createEvent(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	zone := strings.TrimSpace(f.Get("time_zone"))
	ev := &eventsv1.Event{
		Title:       strings.TrimSpace(f.Get("title")),
		Kind:        eventsv1.Event_Kind(eventsv1.Event_Kind_value[f.Get("kind")]),
		TimeZone:    zone,
		Venue:       strings.TrimSpace(f.Get("venue")),
		OnlineUrl:   strings.TrimSpace(f.Get("online_url")),
		Description: strings.TrimSpace(f.Get("description")),
		Capacity:    atoi32(f.Get("capacity")),
	}
	lang := languageOf(r)
	errs := map[string]string{}
	if t, ok := localTime(f.Get("start_time"), zone); ok {
		ev.StartTime = timestamppb.New(t)
	} else {
		errs["start_time"] = translate(lang, "err.datetime")
	}
	if t, ok := localTime(f.Get("end_time"), zone); ok {
		ev.EndTime = timestamppb.New(t)
	} else {
		errs["end_time"] = translate(lang, "err.datetime")
	}
	if len(errs) > 0 {
		errs[""] = translate(lang, "err.invalid")
		p.renderNewEvent(w, r, v, http.StatusUnprocessableEntity, f, errs)
		return
	}
	resp, err := p.events.CreateEvent(callContext(r.Context(), v), &eventsv1.CreateEventRequest{Event: ev, RequestId: f.Get("request_id")})
	if err != nil {
		p.renderNewEvent(w, r, v, http.StatusUnprocessableEntity, f, formErrors(lang, err))
		return
	}
	http.Redirect(w, r, p.path("/events/", url.PathEscape(resp.GetEvent().GetId()), "?done=notice.eventcreated"), http.StatusSeeOther)
}
