package portal

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// calendarData is the events calendar with its filters.
type calendarData struct {
	Query, Kind string
	Upcoming    bool
	Kinds       []eventsv1.Event_Kind
	Events      []*eventsv1.Event
	FeedURL     string
	NextURL     string
}

// calendar lists the events, earliest first, with the link that subscribes a calendar
// application to the same selection as an iCalendar feed.
func (p *Portal) calendar(w http.ResponseWriter, r *http.Request, v viewer) {
	q := r.URL.Query()
	d := calendarData{Query: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind"), Upcoming: q.Get("upcoming") == "1"}
	for i := 1; i < len(eventsv1.Event_Kind_name); i++ {
		d.Kinds = append(d.Kinds, eventsv1.Event_Kind(i))
	}
	req := &eventsv1.ListEventsRequest{PageSize: 50, PageToken: q.Get("page"), Query: d.Query}
	feed := url.Values{}
	if k, ok := eventsv1.Event_Kind_value[d.Kind]; ok && k != 0 {
		req.Kind = []eventsv1.Event_Kind{eventsv1.Event_Kind(k)}
		feed.Set("kind", d.Kind)
	}
	if d.Query != "" {
		feed.Set("q", d.Query)
	}
	if d.Upcoming {
		req.From = timestamppb.New(p.clock.Now())
	}
	resp, err := p.events.ListEvents(callContext(r.Context(), v), req)
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	d.Events = resp.GetEvents()
	d.FeedURL = p.path("/calendar.ics")
	if len(feed) > 0 {
		d.FeedURL += "?" + feed.Encode()
	}
	if next := resp.GetNextPageToken(); next != "" {
		nq := r.URL.Query()
		nq.Set("page", next)
		d.NextURL = p.path("/events?", nq.Encode())
	}
	pg := p.newPage(w, r, v, "events.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "events", pg)
}

// calendarFeed relays the events service's iCalendar feed, so the subscribe link works
// wherever the portal is served.
func (p *Portal) calendarFeed(w http.ResponseWriter, r *http.Request, v viewer) {
	q := r.URL.Query()
	req := &eventsv1.GetCalendarRequest{Query: strings.TrimSpace(q.Get("q"))}
	if k, ok := eventsv1.Event_Kind_value[q.Get("kind")]; ok && k != 0 {
		req.Kind = []eventsv1.Event_Kind{eventsv1.Event_Kind(k)}
	}
	body, err := p.events.GetCalendar(r.Context(), req)
	if err != nil {
		http.Error(w, translate(languageOf(r), codeKey(status.Code(err))), httpStatus(err))
		return
	}
	w.Header().Set("Content-Type", body.GetContentType())
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(body.GetData())
}

// eventData is one event's page: its details, the reader's organization's registrations,
// and the forms an NGO user may fill.
type eventData struct {
	Event         *eventsv1.Event
	SideEvents    []*eventsv1.Event
	Registrations []*eventsv1.Registration
	Proposals     []*eventsv1.SideEventProposal
	Report        *eventsv1.ParticipationReport
	Form          url.Values
	ICSURL        string
}

// event shows one event; NGO users also see their registrations and may register people
// or propose a side event.
func (p *Portal) event(w http.ResponseWriter, r *http.Request, v viewer) {
	p.renderEvent(w, r, v, http.StatusOK, nil, nil)
}

func (p *Portal) renderEvent(w http.ResponseWriter, r *http.Request, v viewer, code int, form url.Values, errs map[string]string) {
	ctx := callContext(r.Context(), v)
	id := r.PathValue("id")
	resp, err := p.events.GetEvent(ctx, &eventsv1.GetEventRequest{Id: id})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	d := eventData{Event: resp.GetEvent(), Form: form, ICSURL: "/v1/events/" + url.PathEscape(id) + "/calendar.ics"}
	if side, err := p.events.ListEvents(ctx, &eventsv1.ListEventsRequest{ParentEventId: id, PageSize: 100}); err == nil {
		d.SideEvents = side.GetEvents()
	}
	if v.IsNGO() {
		if regs, err := p.events.ListRegistrations(ctx, &eventsv1.ListRegistrationsRequest{EventId: id, OrganizationId: v.Org, PageSize: 100}); err == nil {
			d.Registrations = regs.GetRegistrations()
		}
		if props, err := p.events.ListSideEventProposals(ctx, &eventsv1.ListSideEventProposalsRequest{EventId: id, PageSize: 50}); err == nil {
			d.Proposals = props.GetSideEventProposals()
		}
	}
	if v.IsOfficer() {
		if rep, err := p.events.GetParticipationReport(ctx, &eventsv1.GetParticipationReportRequest{EventId: id}); err == nil {
			d.Report = rep.GetParticipationReport()
		}
	}
	pg := p.newPage(w, r, v, "event.title")
	pg.Data = d
	pg.Errors = errs
	p.render(w, r, code, "event", pg)
}

// registerParticipant registers one person for the event on behalf of the reader's
// organization; the answer says whether the seat is confirmed or waitlisted.
func (p *Portal) registerParticipant(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireSignIn(w, r, v) {
		return
	}
	id := r.PathValue("id")
	_ = r.ParseForm()
	f := r.PostForm
	_, err := p.events.RegisterParticipant(callContext(r.Context(), v), &eventsv1.RegisterParticipantRequest{
		EventId: id,
		Registration: &eventsv1.Registration{
			OrganizationId: v.Org,
			Participant: &eventsv1.Participant{
				GivenName:  strings.TrimSpace(f.Get("given_name")),
				FamilyName: strings.TrimSpace(f.Get("family_name")),
				Email:      strings.TrimSpace(f.Get("email")),
				JobTitle:   strings.TrimSpace(f.Get("job_title")),
			},
		},
		RequestId: f.Get("request_id"),
	})
	if err != nil {
		p.renderEvent(w, r, v, http.StatusUnprocessableEntity, f, formErrors(languageOf(r), err))
		return
	}
	http.Redirect(w, r, p.path("/events/", url.PathEscape(id), "?done=notice.registered#registrations"), http.StatusSeeOther)
}

// proposeSideEvent sends the reader's organization's side-event proposal for the meeting.
func (p *Portal) proposeSideEvent(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireSignIn(w, r, v) {
		return
	}
	id := r.PathValue("id")
	_ = r.ParseForm()
	f := r.PostForm
	zone := strings.TrimSpace(f.Get("time_zone"))
	prop := &eventsv1.SideEventProposal{
		EventId:        id,
		OrganizationId: v.Org,
		Title:          strings.TrimSpace(f.Get("title")),
		Description:    strings.TrimSpace(f.Get("description")),
		TimeZone:       zone,
		OnlineUrl:      strings.TrimSpace(f.Get("online_url")),
	}
	errs := map[string]string{}
	lang := languageOf(r)
	for field, into := range map[string]**timestamppb.Timestamp{"preferred_start_time": &prop.PreferredStartTime, "preferred_end_time": &prop.PreferredEndTime} {
		t, ok := localTime(f.Get(field), zone)
		if !ok {
			errs[field] = translate(lang, "err.datetime")
			continue
		}
		*into = timestamppb.New(t)
	}
	if len(errs) > 0 {
		errs[""] = translate(lang, "err.invalid")
		p.renderEvent(w, r, v, http.StatusUnprocessableEntity, f, errs)
		return
	}
	_, err := p.events.ProposeSideEvent(callContext(r.Context(), v), &eventsv1.ProposeSideEventRequest{
		EventId: id, SideEventProposal: prop, RequestId: f.Get("request_id"),
	})
	if err != nil {
		p.renderEvent(w, r, v, http.StatusUnprocessableEntity, f, formErrors(lang, err))
		return
	}
	http.Redirect(w, r, p.path("/events/", url.PathEscape(id), "?done=notice.proposed#proposals"), http.StatusSeeOther)
}

// localTime reads a datetime-local field as wall-clock time in zone (UTC when the zone is
// unknown; the service then refuses the zone by name).
func localTime(s, zone string) (time.Time, bool) {
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" {
		loc = time.UTC
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, loc)
	return t, err == nil
}

// newRequestID makes the idempotency key a form carries, so that pressing submit twice, or
// a retry after a lost reply, does the work once.
func newRequestID() string { return uuid.NewString() }
