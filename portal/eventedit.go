package portal

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"google.golang.org/protobuf/types/known/fieldmaskpb"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// editEvent changes an event's title, description and capacity (confirming waitlisted
// people when seats are added), as an officer types them.
func (p *Portal) editEvent(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	e := &eventsv1.Event{Id: r.PathValue("id"), Etag: f.Get("etag"), Title: strings.TrimSpace(f.Get("title")), Description: strings.TrimSpace(f.Get("description"))}
	if n, err := strconv.Atoi(strings.TrimSpace(f.Get("capacity"))); err == nil {
		e.Capacity = int32(n)
	}
	_, err := p.events.UpdateEvent(callContext(r.Context(), v), &eventsv1.UpdateEventRequest{Event: e,
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title", "description", "capacity"}}})
	if err != nil {
		p.renderEvent(w, r, v, http.StatusUnprocessableEntity, f, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/events/", url.PathEscape(r.PathValue("id")), "?done=notice.eventupdated"), http.StatusSeeOther)
}

// cancelEvent calls an event off with the reason people will read.
func (p *Portal) cancelEvent(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireOfficer(w, r, v) {
		return
	}
	_, err := p.events.CancelEvent(callContext(r.Context(), v), &eventsv1.CancelEventRequest{Id: r.PathValue("id"), Etag: r.FormValue("etag"),
		Reason: strings.TrimSpace(r.FormValue("reason")), RequestId: r.FormValue("request_id")})
	if err != nil {
		p.renderEvent(w, r, v, http.StatusUnprocessableEntity, r.PostForm, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/events/", url.PathEscape(r.PathValue("id")), "?done=notice.eventcancelled"), http.StatusSeeOther)
}
