package e2e_test

import (
	"net/http"
	"testing"
)

func TestOfficerOversightPages(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer", "")
	b.get("/portal/sessions").mustHave(t, http.StatusOK, "Committee sessions", "2028 regular session", "Resumed")
	b.get("/portal/proposals").mustHave(t, http.StatusOK, "Side-event proposals")
	// The enforcement page is a preview: reading it changes nothing.
	b.get("/portal/enforcement").mustHave(t, http.StatusOK, "Reporting enforcement", "Who would change today")

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
