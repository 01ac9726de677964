package e2e_test

import (
	"net/http"
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
