package e2e_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestEventFromCreationToParticipation: an officer adds a one-seat event, an NGO registers
// two people (one confirmed, one waitlisted), and the officer reads the participation.
func TestEventFromCreationToParticipation(t *testing.T) {
	officer := newBrowser(t)
	officer.signIn("officer", "")
	pg := officer.get("/portal/events/new")
	pg.mustHave(t, http.StatusOK, "New event", `<label for="start_time">`)

	// The end before the start is refused next to the form, with what was typed kept.
	form := url.Values{"title": {"Civil society hearing on water"}, "kind": {"KIND_HEARING"}, "time_zone": {"Europe/Zurich"},
		"start_time": {"2030-03-10T10:00"}, "end_time": {"2030-03-10T09:00"}, "venue": {"Palais des Nations, Room XX"}, "capacity": {"1"},
		"request_id": {field(t, pg.body, "request_id")}}
	officer.post("/portal/events/new", form).mustHave(t, http.StatusUnprocessableEntity, `role="alert"`, `value="Civil society hearing on water"`)

	form.Set("end_time", "2030-03-10T12:00")
	pg = officer.post("/portal/events/new", form)
	pg.mustHave(t, http.StatusOK, "The event is in the calendar.", "Civil society hearing on water", "10 March 2030, 10:00 (Europe/Zurich)")
	event := strings.SplitN(strings.TrimPrefix(pg.url, server.URL), "?", 2)[0]

	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	for _, p := range []struct{ given, email string }{{"Awa", "awa@sahelwater.example.org"}, {"Moussa", "moussa@sahelwater.example.org"}} {
		page := ngo.get(event)
		ngo.post(event+"/registrations", url.Values{"given_name": {p.given}, "family_name": {"Diop"}, "email": {p.email},
			"request_id": {field(t, page.body, "request_id")}}).mustHave(t, http.StatusOK, "The participant is registered.")
	}
	pg = ngo.get(event)
	pg.mustHave(t, http.StatusOK, "Awa Diop", "Confirmed", "Moussa Diop", "Waitlisted")

	officer.get(event).mustHave(t, http.StatusOK, "Participation", "1 confirmed, 1 waitlisted, 0 cancelled, from 1 organizations")
	officer.lang = "fr"
	officer.get(event).mustHave(t, http.StatusOK, "1 confirmées, 1 en liste d&#39;attente")
}
