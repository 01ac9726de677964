package e2e_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestStatusCredentialPrintedAndVerified: an NGO holding status gets a
// printable credential with a QR code; the verification page it opens says
// valid to anyone, and refuses an altered one.
func TestStatusCredentialPrintedAndVerified(t *testing.T) {
	b := newBrowser(t)
	b.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	my := b.get("/portal/my")
	my.mustHave(t, http.StatusOK, `action="/portal/my/credential"`, "Get a status credential")
	pg := b.post("/portal/my/credential", url.Values{"request_id": {field(t, my.body, "request_id")}})
	pg.mustHave(t, http.StatusOK, "Consultative status with the Economic and Social Council", "Sahel Water Alliance",
		`<svg class="qr" role="img"`, "Scan to verify", "/static/credential.css")
	m := regexp.MustCompile(`href="[^"]*/portal/verify\?credential=([^"]+)"`).FindStringSubmatch(pg.body)
	if m == nil {
		t.Fatalf("no verification link\n%s", excerpt(pg.body))
	}
	jwt, err := url.QueryUnescape(strings.ReplaceAll(m[1], "&amp;", "&"))
	if err != nil {
		t.Fatal(err)
	}

	anyone := newBrowser(t)
	anyone.get("/portal/verify?credential="+url.QueryEscape(jwt)).mustHave(t, http.StatusOK,
		"Valid: signed by the United Nations and in force", "Sahel Water Alliance", "verdict-valid")
	altered := jwt[:len(jwt)-4] + "AAAA"
	if altered == jwt {
		altered = jwt[:len(jwt)-4] + "BBBB"
	}
	anyone.get("/portal/verify?credential="+url.QueryEscape(altered)).mustHave(t, http.StatusOK, "Not a valid credential", "verdict-bad")
	anyone.lang = "fr"
	anyone.get("/portal/verify").mustHave(t, http.StatusOK, "Vérifier une attestation de statut")
}
