package e2e_test

import (
	"net/http"
	"regexp"
	"testing"
)

// pageBudget is the most a page may weigh on first load, its stylesheet and scripts
// included, uncompressed: many NGOs work on slow and metered connections.
const pageBudget = 100 * 1024

// TestPagesStayUnderBudget measures each main page with everything it loads.
func TestPagesStayUnderBudget(t *testing.T) {
	anon := newBrowser(t)
	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	officer := newBrowser(t)
	officer.signIn("officer", "")

	pages := []struct {
		who  *browser
		path string
	}{
		{anon, "/portal/"},
		{anon, "/portal/organizations"},
		{anon, "/portal/events"},
		{anon, "/portal/signin"},
		{ngo, "/portal/my"},
		{ngo, "/portal/my/profile"},
		{officer, "/portal/queue"},
	}
	assets := regexp.MustCompile(`(?:href|src)="(/portal/static/[^"]+)"`)
	for _, p := range pages {
		pg := p.who.get(p.path)
		if pg.status != http.StatusOK {
			t.Fatalf("%s: status %d", p.path, pg.status)
		}
		total := len(pg.body)
		for _, m := range assets.FindAllStringSubmatch(pg.body, -1) {
			a := p.who.get(m[1])
			if a.status != http.StatusOK {
				t.Fatalf("%s: asset %s: status %d", p.path, m[1], a.status)
			}
			total += len(a.body)
		}
		t.Logf("%-22s %6d bytes with its assets (page alone %d)", p.path, total, len(pg.body))
		if total > pageBudget {
			t.Errorf("%s weighs %d bytes on first load, over the %d budget", p.path, total, pageBudget)
		}
	}
}
