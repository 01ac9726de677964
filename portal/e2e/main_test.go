package e2e_test

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/un-liaison/liaison/portal"
)

// server is the portal under test, in front of the demo services shared by every test.
var (
	server *httptest.Server
	system *services
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "portal-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	system, err = startServices(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	p, err := portal.New(portal.Config{Common: system.Config, InsecureCookies: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	mux.Handle(portal.DefaultBasePath+"/", p)
	server = httptest.NewServer(mux)
	code := m.Run()
	server.Close()
	_ = p.Close()
	system.Stop()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// browser is one reader's cookie jar and language.
type browser struct {
	t      *testing.T
	client *http.Client
	lang   string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, client: &http.Client{Jar: jar}, lang: "en"}
}

// page is one response, read whole.
type page struct {
	status int
	url    string
	header http.Header
	body   string
}

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	req.Header.Set("Accept-Language", b.lang)
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return page{status: resp.StatusCode, url: resp.Request.URL.String(), header: resp.Header, body: string(body)}
}

func (b *browser) get(path string) page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, server.URL+path, nil)
	return b.do(req)
}

// csrf is the token the portal gave this browser, as a form would carry it.
func (b *browser) csrf() string {
	u, _ := url.Parse(server.URL + portal.DefaultBasePath + "/")
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == "liaison_csrf" {
			return c.Value
		}
	}
	b.t.Fatal("no CSRF cookie: get a page first")
	return ""
}

func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	form.Set("csrf", b.csrf())
	req, _ := http.NewRequest(http.MethodPost, server.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *browser) upload(path string, form url.Values, filename string, content []byte) page {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	form.Set("csrf", b.csrf())
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, server.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// signIn uses the dev sign-in page as a person would.
func (b *browser) signIn(role, org string) page {
	b.t.Helper()
	b.get("/portal/signin")
	return b.post("/portal/signin", url.Values{"role": {role}, "org": {org}})
}

func (pg page) mustHave(t *testing.T, status int, texts ...string) {
	t.Helper()
	if pg.status != status {
		t.Fatalf("%s: status %d, want %d\n%s", pg.url, pg.status, status, excerpt(pg.body))
	}
	for _, s := range texts {
		if !strings.Contains(pg.body, s) {
			t.Fatalf("%s: no %q in the page\n%s", pg.url, s, excerpt(pg.body))
		}
	}
}

func excerpt(s string) string {
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	if len(s) > 3000 {
		s = s[:3000]
	}
	return s
}

// field finds the value of a hidden or text input by name.
func field(t *testing.T, body, name string) string {
	t.Helper()
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `"[^>]*value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s field in the page\n%s", name, excerpt(body))
	}
	return html.UnescapeString(m[1])
}
