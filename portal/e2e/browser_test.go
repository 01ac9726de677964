package e2e_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium finds the headless browser; the test is skipped without one, and CI installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium on PATH: install Debian's chromium to run the browser test")
	return ""
}

// tab is a headless Chromium tab driving the portal as a person would, with htmx running.
type tab struct {
	t   *testing.T
	ctx context.Context
	// shots, when set (PORTAL_SCREENSHOTS), is where the main pages are photographed.
	shots string
}

func newTab(t *testing.T) *tab {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "en-GB"),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return &tab{t: t, ctx: ctx, shots: os.Getenv("PORTAL_SCREENSHOTS")}
}

func (b *tab) open(path string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(server.URL+path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
}

// act runs steps that end in a form post or a boosted link, and waits until htmx has put
// the new page in place (a marker in the old one is gone and the new one is ready).
func (b *tab) act(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	mark := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`(function(){var i=document.createElement("i");i.id="stale";document.querySelector("main").appendChild(i);return true})()`)(ctx, t)
		return err
	})
	all := append([]chromedp.Action[chromedp.Void]{mark}, steps...)
	all = append(all, chromedp.WaitNotPresent(chromedp.CSS("#stale")), chromedp.WaitReady(chromedp.CSS("footer")))
	if err := chromedp.Do(b.ctx, all...); err != nil {
		b.t.Fatal(err)
	}
}

func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (b *tab) see(sel string, want ...string) {
	b.t.Helper()
	got := b.text(sel)
	for _, w := range want {
		if !strings.Contains(got, w) {
			loc, _ := chromedp.Run(b.ctx, chromedp.Location())
			b.t.Fatalf("%s: no %q in %s:\n%s", loc, w, sel, got)
		}
	}
}

func (b *tab) location() string {
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, server.URL)
}

func (b *tab) screenshot(name string) {
	b.t.Helper()
	if b.shots == "" {
		return
	}
	// A full-page capture of a right-to-left page comes out shifted, so those are captured in a
	// viewport as tall as the page.
	dir, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).direction`))
	if err != nil {
		b.t.Fatal(err)
	}
	var img []byte
	if dir == "rtl" {
		var height int64
		height, err = chromedp.Run(b.ctx, chromedp.Evaluate[int64](`document.documentElement.scrollHeight`))
		if err == nil {
			err = chromedp.Do(b.ctx, chromedp.EmulateViewport(1280, height))
		}
		if err == nil {
			img, err = chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		}
		if err == nil {
			err = chromedp.Do(b.ctx, chromedp.EmulateViewport(1280, 900))
		}
	} else {
		img, err = chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	}
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), img, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// TestInBrowser walks the acceptance path in headless Chromium: an NGO applies, an officer
// screens and schedules, the public finds the organization and the side events, and the
// switch shows French.
func TestInBrowser(t *testing.T) {
	b := newTab(t)
	org := orgNamed(t, "Arab Network for Food Security") // its last application was rejected: it may apply again

	b.open("/portal/")
	b.screenshot("home")
	b.open("/portal/signin")
	b.screenshot("signin")
	b.act(chromedp.Click(css("#role-ngo")), chromedp.SetValue(css("#org"), org.GetId()), chromedp.Click(css(`form[action$="/signin"] button`)))
	b.see("main", "My organization", org.GetName())
	b.screenshot("my")

	b.act(chromedp.SetValue(css("#requested_category"), "CATEGORY_SPECIAL"), chromedp.Click(css(`form[action$="/applications"] button`)))
	b.see("#missing", "Aims and purposes", "Constitution")
	app := b.location()
	if i := strings.IndexByte(app, '?'); i >= 0 {
		app = app[:i]
	}

	b.act(
		chromedp.SetValue(css("#aims_and_purposes"), "Food security for every household of the region."),
		chromedp.SetValue(css("#main_activities"), "Seed banks and market information in Jordan and Lebanon."),
		chromedp.SetValue(css("#governance_structure"), "A general assembly elects a board of seven."),
		chromedp.SetValue(css("#funding_sources"), "Members' dues and grants from foundations."),
		chromedp.SetValue(css("#un_contributions"), "Data for the FAO and the HLPF on SDG 2."),
		chromedp.Click(css(`form[action$="/questionnaire"] button`)),
	)
	b.see("main", "Saved.")

	dir := t.TempDir()
	for _, kind := range []string{"DOCUMENT_KIND_CONSTITUTION", "DOCUMENT_KIND_REGISTRATION_CERTIFICATE", "DOCUMENT_KIND_FINANCIAL_STATEMENT"} {
		file := filepath.Join(dir, strings.ToLower(kind)+".pdf")
		if err := os.WriteFile(file, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		b.act(chromedp.SetValue(css("#kind"), kind), chromedp.SetUploadFiles(css("#file"), []string{file}), chromedp.Click(css(`form[action$="/documents"] button`)))
		b.see("main", "The document was added.", filepath.Base(file))
	}
	b.see("#missing", "Nothing is missing")
	b.screenshot("application-ready")
	b.act(chromedp.Click(css("#submit-application")))
	b.see("#app-state", "Submitted")
	b.act(chromedp.Click(css(`form[action$="/signout"] button`)))

	b.open("/portal/signin")
	b.act(chromedp.Click(css("#role-officer")), chromedp.Click(css(`form[action$="/signin"] button`)))
	b.see("main", "Work queue")
	b.open("/portal/queue?state=STATE_SUBMITTED")
	b.see("#queue", org.GetName())
	b.screenshot("queue")
	b.act(chromedp.Click(css(`#queue a[href="` + app + `"]`)))
	b.see("#actions-h", "Review")
	b.act(chromedp.Click(css("#screen-form button")))
	b.see("#app-state", "Pending with the Committee")
	b.act(chromedp.Click(css("#schedule-form button")))
	b.see("main", "The application was scheduled.")
	b.screenshot("application-review")
	b.act(chromedp.Click(css(`form[action$="/signout"] button`)))

	b.open("/portal/organizations")
	b.act(chromedp.SetValue(css("#q"), "Food Security"), chromedp.Click(css(`form[role="search"] button`)))
	b.see("main", org.GetName())
	b.screenshot("directory")

	b.open("/portal/events?kind=KIND_SIDE_EVENT")
	b.see("main", "The Broadband Commission Annual Fall Session 2021", "Subscribe to this calendar")
	b.screenshot("events")

	b.do(chromedp.Click(css(`a[hreflang="fr"]`)), chromedp.WaitReady(css(`html[lang="fr"] footer`)))
	b.see("h1", "Calendrier des événements")
	b.see("main", "Manifestation parallèle", "S'abonner à ce calendrier")
	b.screenshot("events-fr")
}

// TestInBrowserWithoutJavaScript reads and submits forms with scripts switched off, as on a
// locked-down or very old device: every page is plain HTML that works alone.
func TestInBrowserWithoutJavaScript(t *testing.T) {
	b := newTab(t)
	b.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	b.open("/portal/signin")
	org := orgNamed(t, "Kenya Community Health Collective")
	b.do(chromedp.Click(css("#role-ngo")), chromedp.SetValue(css("#org"), org.GetId()), chromedp.Click(css(`form[action$="/signin"] button`)),
		chromedp.WaitReady(css("#apps-h")))
	b.see("main", org.GetName())

	b.open("/portal/my/profile")
	b.do(chromedp.SetValue(css("#acronym"), "KCHC-K"), chromedp.Click(css(`form[action$="/my/profile"] button`)), chromedp.WaitReady(css("p.notice")))
	b.see("p.notice", "Saved.")

	b.open("/portal/events?kind=KIND_SIDE_EVENT")
	b.see("main", "The Broadband Commission Annual Fall Session 2021", "(America/New_York)")
	if n, err := chromedp.Run(b.ctx, chromedp.Nodes(css("time .local"), chromedp.AtLeast(0))); err != nil || len(n) != 0 {
		t.Errorf("with scripts off the reader's zone should not be added (found %d, %v)", len(n), err)
	}
}
