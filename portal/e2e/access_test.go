package e2e_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// TestGroundsPassesFromDesignationToApproval: an NGO holding status sees its annual passes
// left at each station, designates its head first (a representative before is refused beside
// the form), and the officer approves it from the queue.
func TestGroundsPassesFromDesignationToApproval(t *testing.T) {
	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	pg := ngo.get("/portal/my/designations")
	pg.mustHave(t, http.StatusOK, "Grounds passes", "Remaining", "Geneva", `<td class="num">7</td>`, `action="/portal/my/designations"`)

	person := func(role, name string) url.Values {
		return url.Values{"duty_station": {"DUTY_STATION_GENEVA"}, "role": {role}, "full_name": {name},
			"email": {"pass-" + role + "@sahel-water.example.org"}, "request_id": {field(t, pg.body, "request_id") + role}}
	}
	ngo.post("/portal/my/designations", person("ROLE_MAIN_REPRESENTATIVE", "Awa Diallo")).
		mustHave(t, http.StatusUnprocessableEntity, `role="alert"`, `value="Awa Diallo"`)
	ngo.post("/portal/my/designations", person("ROLE_HEAD", "Mariam Traoré")).
		mustHave(t, http.StatusOK, "Mariam Traoré", "Head of the organization", "Awaiting approval", `<td class="num">6</td>`)

	officer := newBrowser(t)
	officer.signIn("officer", "")
	queue := officer.get("/portal/designations")
	queue.mustHave(t, http.StatusOK, "Pass approvals", "Mariam Traoré", "Sahel Water Alliance")
	officer.post("/portal/designations/"+formAction(t, queue.body, "/portal/designations/"), url.Values{
		"decision": {"approve"}, "etag": {field(t, queue.body, "etag")}, "request_id": {field(t, queue.body, "request_id")},
	}).mustHave(t, http.StatusOK, "Pass approvals")
	ngo.get("/portal/my/designations").mustHave(t, http.StatusOK, "Approved")

	ngo.get("/portal/designations").mustHave(t, http.StatusForbidden)
	ngo.lang = "fr"
	ngo.get("/portal/my/designations").mustHave(t, http.StatusOK, "Badges d’accès", "Genève")
}

// TestStatementsPublicList: anyone reads the public list of issued statements, in English or
// French; a statement form for no call is not found.
func TestStatementsPublicList(t *testing.T) {
	anyone := newBrowser(t)
	anyone.get("/portal/statements").mustHave(t, http.StatusOK, "Written statements", "Issued statements")
	anyone.lang = "fr"
	anyone.get("/portal/statements").mustHave(t, http.StatusOK, "Déclarations écrites")
	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	ngo.get("/portal/statements/new?call=scl_none").mustHave(t, http.StatusNotFound)
}

// formAction returns what follows prefix in the first form action that starts with it.
func formAction(t *testing.T, body, prefix string) string {
	t.Helper()
	m := regexp.MustCompile(`action="` + regexp.QuoteMeta(prefix) + `([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no form posting to %s…\n%s", prefix, excerpt(body))
	}
	return m[1]
}
