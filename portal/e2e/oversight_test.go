package e2e_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

func TestOfficerOversightPages(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer", "")
	b.get("/portal/sessions").mustHave(t, http.StatusOK, "Committee sessions", "2028 regular session", "Resumed")
	b.get("/portal/proposals").mustHave(t, http.StatusOK, "Side-event proposals")
	// The enforcement page is a preview: reading it changes nothing.
	b.get("/portal/enforcement").mustHave(t, http.StatusOK, "Reporting enforcement", "Who would change today")

	pg := b.get("/portal/sessions")
	b.post("/portal/sessions", url.Values{"name": {"2031 regular session"}, "kind": {"SESSION_KIND_REGULAR"},
		"start_date": {"2031-01-20"}, "end_date": {"2031-01-29"}, "request_id": {field(t, pg.body, "request_id")}}).
		mustHave(t, http.StatusOK, "The session was added.", "2031 regular session", "20 January 2031")
	// A session ending before it starts is refused beside the form, with what was typed kept.
	b.post("/portal/sessions", url.Values{"name": {"Backwards"}, "kind": {"SESSION_KIND_RESUMED"},
		"start_date": {"2031-05-20"}, "end_date": {"2031-05-01"}, "request_id": {"backwards"}}).
		mustHave(t, http.StatusUnprocessableEntity, `role="alert"`, `value="Backwards"`)

	// A session's page: its member States by name, its agenda with the batch outcome form, and
	// the ECOSOC decision form over the recommended applications.
	m := regexp.MustCompile(`href="(/portal/sessions/[^"/]+/agenda)"`).FindAllStringSubmatch(b.get("/portal/sessions").body, -1)
	if len(m) < 2 {
		t.Fatal("no agenda links on the sessions page")
	}
	b.get(m[1][1]).mustHave(t, http.StatusOK, "Member States", "China", "Mekong Youth for Climate", "Record these outcomes", "Swiss Peacebuilding Platform for Civil Society", "Record the decision")

	b.lang = "fr"
	b.get("/portal/sessions").mustHave(t, http.StatusOK, "Sessions du Comité", "Ordinaire")

	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	for _, path := range []string{"/portal/sessions", "/portal/proposals", "/portal/enforcement"} {
		ngo.get(path).mustHave(t, http.StatusForbidden)
	}
}

func TestNGOSeesReportsAndTheFilingForm(t *testing.T) {
	b := newBrowser(t)
	b.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	b.get("/portal/my").mustHave(t, http.StatusOK, "Quadrennial reports", "Next quadrennial report due", `action="/portal/my/reports"`, `<label for="period_start_year">`)
}

// TestOfficerEditsAndCancelsAnEvent: the forms the API always had, on the event's page.
func TestOfficerEditsAndCancelsAnEvent(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer", "")
	m := regexp.MustCompile(`href="(/portal/events/[a-z0-9_]+)"`).FindAllStringSubmatch(b.get("/portal/events").body, -1)
	if len(m) == 0 {
		t.Fatal("no event on the calendar")
	}
	ev := m[len(m)-1][1]
	pg := b.get(ev)
	pg.mustHave(t, http.StatusOK, "Edit the event", "Cancel the event")
	pg = b.post(ev+"/edit", url.Values{"etag": {field(t, pg.body, "etag")}, "title": {field(t, pg.body, "title")},
		"description": {"Moved to Conference Room 4."}, "capacity": {"0"}})
	pg.mustHave(t, http.StatusOK, "The event was updated.", "Moved to Conference Room 4.")
	pg = b.post(ev+"/cancel", url.Values{"etag": {field(t, pg.body, "etag")}, "reason": {"The meeting moved online."}, "request_id": {"cancel-e2e"}})
	pg.mustHave(t, http.StatusOK, "The event was cancelled.", "The meeting moved online.")
}
