package e2e_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestFormsRefuseForgedPosts(t *testing.T) {
	b := newBrowser(t)
	b.get("/portal/signin")

	// No token in the form.
	req, _ := http.NewRequest(http.MethodPost, server.URL+"/portal/signin", strings.NewReader("role=officer"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if pg := b.do(req); pg.status != http.StatusForbidden {
		t.Errorf("post without the token: status %d, want 403", pg.status)
	}

	// The right token, but sent from another site.
	form := url.Values{"role": {"officer"}, "csrf": {b.csrf()}}
	req, _ = http.NewRequest(http.MethodPost, server.URL+"/portal/signin", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if pg := b.do(req); pg.status != http.StatusForbidden {
		t.Errorf("cross-site post: status %d, want 403", pg.status)
	}

	// The same form from the portal itself signs in.
	b.post("/portal/signin", url.Values{"role": {"officer"}}).mustHave(t, http.StatusOK, "Work queue")
}

func TestSessionCookieIsHTTPOnly(t *testing.T) {
	b := newBrowser(t)
	b.get("/portal/signin")
	form := url.Values{"role": {"officer"}, "csrf": {b.csrf()}}
	req, _ := http.NewRequest(http.MethodPost, server.URL+"/portal/signin", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := (&http.Transport{}).RoundTrip(withCookies(b, req))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var found bool
	for _, c := range resp.Cookies() {
		if c.Name == "liaison_session" {
			found = true
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("session cookie %+v: want HttpOnly and SameSite=Lax", c)
			}
		}
	}
	if !found {
		t.Fatal("signing in set no session cookie")
	}
}

func withCookies(b *browser, req *http.Request) *http.Request {
	for _, c := range b.client.Jar.Cookies(req.URL) {
		req.AddCookie(c)
	}
	return req
}
