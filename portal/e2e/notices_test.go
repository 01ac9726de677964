package e2e_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Officers read the dead-letter list of notices in their language; an NGO may not.
func TestOfficersSeeTheFailedNotices(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer", "")
	b.get("/portal/notices").mustHave(t, http.StatusOK, "Failed notices", "Correct the address")
	b.lang = "ar"
	b.get("/portal/notices").mustHave(t, http.StatusOK, "الإشعارات غير المرسلة", `dir="rtl"`)

	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	ngo.get("/portal/notices").mustHave(t, http.StatusForbidden)
}

// An NGO user chooses the optional notices on the organization's page: unticked, the early
// report reminders are declined; the form says which notices are always sent.
func TestNGOChoosesOptionalNotices(t *testing.T) {
	b := newBrowser(t)
	b.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	pg := b.get("/portal/my")
	pg.mustHave(t, http.StatusOK, "E-mail notices", `name="receive" value="report.due" checked`, `value="question.deadline" checked`)
	b.post("/portal/my/notices", url.Values{"receive": {"question.deadline"}}).mustHave(t, http.StatusOK, "Your notice choices were saved.")
	pg = b.get("/portal/my")
	if strings.Contains(pg.body, `value="report.due" checked`) || !strings.Contains(pg.body, `value="question.deadline" checked`) {
		t.Fatalf("after declining the report reminders:\n%s", pg.body)
	}
	b.post("/portal/my/notices", url.Values{"receive": {"question.deadline", "report.due"}}).mustHave(t, http.StatusOK, `value="report.due" checked`)
}
