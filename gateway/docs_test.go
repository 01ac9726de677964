package gateway

import (
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/un-liaison/liaison/gen/openapi"
)

// browserPath finds a Chromium to drive; CI installs Debian's (see .ci/run).
func browserPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// operationCount counts the REST operations of the merged document.
func operationCount(t *testing.T) int {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapi.Document, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ops := range doc.Paths {
		for m := range ops {
			switch m {
			case "get", "post", "put", "patch", "delete":
				n++
			}
		}
	}
	return n
}

func TestDocsPageIsSelfContained(t *testing.T) {
	t.Parallel()
	e := startEdge(t, nil)
	r := e.do(t, http.MethodGet, "/docs", "", nil)
	if r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("/docs: %d %q", r.status, r.header.Get("Content-Type"))
	}
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	if strings.Contains(string(r.raw), "http://") || strings.Contains(string(r.raw), "https://") {
		t.Errorf("the page refers to another host:\n%s", r.raw)
	}
	for _, asset := range []string{"/docs/docs.js", "/docs/docs.css"} {
		if a := e.do(t, http.MethodGet, asset, "", nil); a.status != http.StatusOK || len(a.raw) == 0 {
			t.Errorf("%s: %d", asset, a.status)
		}
	}
}

// The page must render the document in a real browser: every operation of /openapi.json shows
// up, with no error, under a policy that forbids loading anything from elsewhere.
func TestDocsRenderInHeadlessChromium(t *testing.T) {
	t.Parallel()
	browser := browserPath()
	if browser == "" {
		t.Skip("no Chromium on this machine; .ci/run installs it")
	}
	e := startEdge(t, nil)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	if err := chromedp.Do(ctx, chromedp.Navigate(e.url+"/docs"), chromedp.WaitVisible("details.op")); err != nil {
		t.Fatalf("rendering /docs: %v", err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.querySelectorAll('details.op').length"))
	if err != nil {
		t.Fatal(err)
	}
	if want := operationCount(t); shown != want {
		t.Errorf("the page shows %d operations, /openapi.json has %d", shown, want)
	}
	text, err := chromedp.Run(ctx, chromedp.Text("#routes"))
	if err != nil {
		t.Fatal(err)
	}
	for _, route := range []string{"/v1/organizations", "/v1/applications/{id}:submit", "/v1/events/{eventId}/registrations", "/v1/calendar.ics"} {
		if !strings.Contains(text, route) {
			t.Errorf("route %s not on the page", route)
		}
	}
	errors, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.querySelectorAll('.error').length"))
	if err != nil || errors != 0 {
		t.Errorf("the page reports an error (%d, %v)", errors, err)
	}
	// The filter narrows the list to the matching routes.
	if err := chromedp.Do(ctx, chromedp.SendKeys("#filter", "calendar")); err != nil {
		t.Fatal(err)
	}
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[int]("[...document.querySelectorAll('details.op')].filter(d => !d.hidden).length"))
	if err != nil {
		t.Fatal(err)
	}
	if visible == 0 || visible >= shown {
		t.Errorf("filtering for calendar leaves %d of %d operations", visible, shown)
	}
}
