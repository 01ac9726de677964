package e2e_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/grpcclient"
)

// organizations reads the demo directory straight from the registry.
func organizations(t *testing.T) []*registryv1.Organization {
	t.Helper()
	conn, err := grpcclient.Dial(system.Config.RegistryAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	resp, err := registryv1.NewRegistryServiceClient(conn).ListOrganizations(context.Background(), &registryv1.ListOrganizationsRequest{PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	return resp.GetOrganizations()
}

func orgID(t *testing.T, name string) string {
	t.Helper()
	for _, o := range organizations(t) {
		if o.GetName() == name {
			return o.GetId()
		}
	}
	t.Fatalf("no organization %q in the demo directory", name)
	return ""
}

// newcomer is a demo organization with no application yet, founded long enough ago to
// apply.
func newcomer(t *testing.T) *registryv1.Organization {
	// Every demo NGO is part of the demo cycle; this one's application was closed without
	// prejudice, so it may apply again.
	return orgNamed(t, "Bangladesh Flood Resilience Trust")
}

var pdf = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

// TestApplicationFromDraftToSchedule is the portal's main path: an NGO applies, an officer
// screens and schedules the application.
func TestApplicationFromDraftToSchedule(t *testing.T) {
	org := newcomer(t)
	ngo := newBrowser(t)
	ngo.signIn("ngo", org.GetId()).mustHave(t, http.StatusOK, "My organization", org.GetName(), "Closed", "Start an application")

	// Start a draft.
	home := ngo.get("/portal/my")
	pg := ngo.post("/portal/applications", url.Values{"requested_category": {"CATEGORY_SPECIAL"}, "request_id": {field(t, home.body, "request_id")}})
	pg.mustHave(t, http.StatusOK, "The application was started.", "Draft", "Before you submit", "Aims and purposes", "Constitution (statutes)")
	appURL := strings.SplitN(strings.TrimPrefix(pg.url, server.URL), "?", 2)[0]

	// Save part of the questionnaire: the draft keeps it and still lists the rest as missing.
	answers := url.Values{"etag": {field(t, pg.body, "etag")}, "aims_and_purposes": {"Clean water for every village of the Sahel."}}
	pg = ngo.post(appURL+"/questionnaire", answers)
	pg.mustHave(t, http.StatusOK, "Saved.", "Clean water for every village of the Sahel.", "<li>Main activities</li>")

	// A stale etag is refused, not silently applied.
	stale := url.Values{"etag": {"stale"}, "aims_and_purposes": {"overwritten"}}
	ngo.post(appURL+"/questionnaire", stale).mustHave(t, http.StatusUnprocessableEntity, "Someone changed this item")

	answers = url.Values{
		"etag":                 {field(t, pg.body, "etag")},
		"aims_and_purposes":    {"Clean water for every village of the Sahel."},
		"main_activities":      {"Wells and training in Mali and Niger."},
		"governance_structure": {"An elected board of nine members."},
		"funding_sources":      {"Member dues and foundation grants."},
		"un_contributions":     {"Reports to the HLPF on SDG 6."},
	}
	pg = ngo.post(appURL+"/questionnaire", answers)
	pg.mustHave(t, http.StatusOK, "Saved.")

	for _, kind := range []string{"DOCUMENT_KIND_CONSTITUTION", "DOCUMENT_KIND_REGISTRATION_CERTIFICATE", "DOCUMENT_KIND_FINANCIAL_STATEMENT"} {
		pg = ngo.upload(appURL+"/documents", url.Values{"etag": {field(t, pg.body, "etag")}, "kind": {kind}, "request_id": {field(t, pg.body, "request_id")}}, strings.ToLower(kind)+".pdf", pdf)
		pg.mustHave(t, http.StatusOK, "The document was added.", strings.ToLower(kind)+".pdf")
	}
	pg.mustHave(t, http.StatusOK, `id="nothing-missing"`, "Nothing is missing")

	pg = ngo.post(appURL+"/submit", url.Values{"etag": {field(t, pg.body, "etag")}, "request_id": {field(t, pg.body, "request_id")}})
	pg.mustHave(t, http.StatusOK, "The application was submitted.", `<dd id="app-state">Submitted</dd>`)
	if strings.Contains(pg.body, `action="`+appURL+`/questionnaire"`) {
		t.Error("a submitted application still offers the questionnaire form")
	}

	// The officer finds it in the queue, screens and schedules it.
	officer := newBrowser(t)
	queue := officer.signIn("officer", "")
	queue.mustHave(t, http.StatusOK, "Work queue", "Deferrals", "Days pending", `aria-sort="ascending"`)
	queue = officer.get("/portal/queue?state=STATE_SUBMITTED")
	queue.mustHave(t, http.StatusOK, org.GetName(), appURL)

	pg = officer.get(appURL)
	pg.mustHave(t, http.StatusOK, "Record the screening", "constitution", "History", "Submitted")
	doc := regexp.MustCompile(`href="(` + regexp.QuoteMeta(appURL) + `/documents/[^"]+)"`).FindStringSubmatch(pg.body)
	if doc == nil {
		t.Fatal("no document link for the officer")
	}
	file := officer.get(doc[1])
	if file.status != http.StatusOK || file.body != string(pdf) || !strings.Contains(file.header.Get("Content-Disposition"), ".pdf") {
		t.Errorf("document download: %d %q %q", file.status, file.header.Get("Content-Disposition"), file.body)
	}
	pg = officer.post(appURL+"/screen", url.Values{"complete": {"true"}, "etag": {field(t, pg.body, "etag")}, "request_id": {field(t, pg.body, "request_id")}})
	pg.mustHave(t, http.StatusOK, "The screening was recorded.", "Pending with the Committee", "Schedule for this session")

	session := regexp.MustCompile(`<option value="([^"]+)"[^>]*>[^<]*resumed`).FindStringSubmatch(strings.ToLower(pg.body))
	if session == nil {
		session = regexp.MustCompile(`name="session_id"><option value="([^"]+)"`).FindStringSubmatch(pg.body)
	}
	if session == nil {
		t.Fatalf("no committee session to schedule for\n%s", excerpt(pg.body))
	}
	pg = officer.post(appURL+"/schedule", url.Values{"session_id": {session[1]}, "etag": {field(t, pg.body, "etag")}, "request_id": {field(t, pg.body, "request_id")}})
	pg.mustHave(t, http.StatusOK, "The application was scheduled.", session[1])

	// The organization sees where its application stands.
	ngo.get("/portal/my").mustHave(t, http.StatusOK, "Pending with the Committee")
}

func TestOfficerPagesAreClosedToOthers(t *testing.T) {
	anon := newBrowser(t)
	pg := anon.get("/portal/queue")
	pg.mustHave(t, http.StatusOK, "Development sign-in")
	if !strings.Contains(pg.url, "back=%2Fportal%2Fqueue") {
		t.Errorf("sign-in page at %s does not come back to the queue", pg.url)
	}
	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	ngo.get("/portal/queue").mustHave(t, http.StatusForbidden)
}

func TestQueueSortsByDeferrals(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer", "")
	pg := b.get("/portal/queue?sort=deferral_count&dir=desc")
	pg.mustHave(t, http.StatusOK, `aria-sort="descending"`, "Nordic Digital Rights Forum")
	// The header link flips the direction.
	if !strings.Contains(pg.body, `href="/portal/queue?sort=deferral_count"`) {
		t.Errorf("the sorted column's header does not offer the other direction\n%s", excerpt(pg.body))
	}
}

func TestProfileErrorsShowBesideTheField(t *testing.T) {
	b := newBrowser(t)
	b.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	pg := b.get("/portal/my/profile")
	pg.mustHave(t, http.StatusOK, `<label for="website">`)
	form := url.Values{"etag": {field(t, pg.body, "etag")}, "name": {field(t, pg.body, "name")}, "website": {"ftp://not-a-site"}}
	pg = b.post("/portal/my/profile", form)
	pg.mustHave(t, http.StatusUnprocessableEntity, `id="website-error"`, `aria-invalid="true"`)
}

func orgNamed(t *testing.T, name string) *registryv1.Organization {
	t.Helper()
	for _, o := range organizations(t) {
		if o.GetName() == name {
			return o
		}
	}
	t.Fatalf("no organization %q in the demo directory", name)
	return nil
}

// TestQuestionAndAnswer: an officer records a State's question on a scheduled application,
// the organization sees who asked and answers it on the same page.
func TestQuestionAndAnswer(t *testing.T) {
	org := orgNamed(t, "Mekong Youth for Climate") // pending before the resumed session
	officer := newBrowser(t)
	officer.signIn("officer", "")
	queue := officer.get("/portal/queue?state=STATE_PENDING_COMMITTEE")
	queue.mustHave(t, http.StatusOK, org.GetName())
	m := regexp.MustCompile(`href="(/portal/applications/[^"]+)">` + regexp.QuoteMeta(org.GetName())).FindStringSubmatch(queue.body)
	if m == nil {
		t.Fatalf("no link to %s's application", org.GetName())
	}
	app := m[1]
	pg := officer.get(app)
	pg.mustHave(t, http.StatusOK, "Put a question to the organization")
	pg = officer.post(app+"/questions", url.Values{"asked_by": {"gb"}, "question": {"How are your youth members chosen?"},
		"etag": {field(t, pg.body, "etag")}, "request_id": {field(t, pg.body, "request_id")}})
	pg.mustHave(t, http.StatusOK, "The question was recorded.", "Asked by GB", "Deferred")

	ngo := newBrowser(t)
	ngo.signIn("ngo", org.GetId())
	pg = ngo.get(app)
	pg.mustHave(t, http.StatusOK, "How are your youth members chosen?", "Your answer")
	qa := regexp.MustCompile(`action="(`+regexp.QuoteMeta(app)+`/questions/[^"]+/answer)"`).FindAllStringSubmatch(pg.body, -1)
	if qa == nil {
		t.Fatal("no answer form")
	}
	pg = ngo.post(qa[len(qa)-1][1], url.Values{"text": {"By election at the annual assembly."}, "etag": {field(t, pg.body, "etag")}, "request_id": {field(t, pg.body, "request_id")}})
	pg.mustHave(t, http.StatusOK, "Your answer was sent.", "By election at the annual assembly.")

	ngo.lang = "fr"
	ngo.get(app).mustHave(t, http.StatusOK, "Posée par GB", "Questions du Comité")
}

// TestFieldErrorsInFrench: the service's refusal of a field reads in the reader's language,
// next to the field.
func TestFieldErrorsInFrench(t *testing.T) {
	b := newBrowser(t)
	b.lang = "fr"
	b.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	pg := b.get("/portal/my/profile")
	form := url.Values{"etag": {field(t, pg.body, "etag")}, "name": {field(t, pg.body, "name")}, "email": {"not-an-address"}}
	pg = b.post("/portal/my/profile", form)
	pg.mustHave(t, http.StatusUnprocessableEntity, `id="email-error"`, "Saisissez une adresse électronique", "Certaines valeurs ne sont pas acceptées")
}
