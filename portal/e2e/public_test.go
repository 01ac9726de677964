package e2e_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestHomeInSixLanguages(t *testing.T) {
	b := newBrowser(t)
	b.get("/portal/").mustHave(t, http.StatusOK, `<html lang="en" dir="ltr">`, "NGO directory", `<main id="main"`, `<nav aria-label="Main">`, `href="#main"`)

	b.lang = "fr-CH, fr;q=0.9, en;q=0.5"
	b.get("/portal/").mustHave(t, http.StatusOK, `<html lang="fr" dir="ltr">`, "Répertoire des ONG", "Aller au contenu")
	b.lang = "ar-EG"
	b.get("/portal/").mustHave(t, http.StatusOK, `<html lang="ar" dir="rtl">`, "دليل المنظمات غير الحكومية", "انتقل إلى المحتوى")
	b.lang = "zh-CN, en;q=0.5"
	b.get("/portal/").mustHave(t, http.StatusOK, `<html lang="zh" dir="ltr">`, "非政府组织名录")
	b.lang = "ru"
	b.get("/portal/").mustHave(t, http.StatusOK, `<html lang="ru" dir="ltr">`, "Справочник НПО")
	b.lang = "es-419"
	b.get("/portal/").mustHave(t, http.StatusOK, `<html lang="es" dir="ltr">`, "Directorio de ONG")
	// Every page offers the six languages, each named in itself, the current one marked.
	b.get("/portal/").mustHave(t, http.StatusOK, `hreflang="ar"`, "العربية", `hreflang="zh"`, "中文", `hreflang="ru"`, "Русский",
		`hreflang="fr"`, "Français", `hreflang="en"`, "English", `aria-current="true">Español`)
	b.lang = "fr-CH, fr;q=0.9, en;q=0.5"

	// The switcher wins over the browser's preference, and returns to the page being read.
	pg := b.get("/portal/lang?to=en&back=" + url.QueryEscape("/portal/events"))
	pg.mustHave(t, http.StatusOK, `<html lang="en" dir="ltr">`, "Events calendar")
	if !strings.HasSuffix(pg.url, "/portal/events") {
		t.Errorf("the switcher landed on %s, want the events page", pg.url)
	}
	b.get("/portal/lang?to=fr&back=/portal/").mustHave(t, http.StatusOK, `<html lang="fr" dir="ltr">`, "Bienvenue")
	b.get("/portal/lang?to=ar&back=/portal/").mustHave(t, http.StatusOK, `<html lang="ar" dir="rtl">`, "مرحباً")
}

func TestLanguageSwitchRefusesForeignTargets(t *testing.T) {
	b := newBrowser(t)
	pg := b.get("/portal/lang?to=fr&back=" + url.QueryEscape("//evil.example/portal/"))
	if !strings.HasPrefix(pg.url, server.URL+"/portal/") {
		t.Fatalf("redirected to %s", pg.url)
	}
}

func TestDirectorySearchAndFacets(t *testing.T) {
	b := newBrowser(t)
	b.get("/portal/organizations?q=Sahel").mustHave(t, http.StatusOK, "Sahel Water Alliance", `role="search"`, `<label for="q">`)

	// The facets narrow the results: the organization is not in another country.
	pg := b.get("/portal/organizations?q=Sahel&country=JP")
	pg.mustHave(t, http.StatusOK, "No organization matches.")

	// A malformed facet is refused next to its field, not as a broken page.
	pg = b.get("/portal/organizations?country=1")
	pg.mustHave(t, http.StatusBadRequest, `class="field-error"`)
}

func TestOrganizationPageShowsStatus(t *testing.T) {
	b := newBrowser(t)
	pg := b.get("/portal/organizations?q=Sahel")
	i := strings.Index(pg.body, `/portal/organizations/`)
	if i < 0 {
		t.Fatalf("no organization link\n%s", excerpt(pg.body))
	}
	link := pg.body[i : i+strings.IndexByte(pg.body[i:], '"')]
	b.get(link).mustHave(t, http.StatusOK, "Sahel Water Alliance", "Consultative status", "Special · Active", "Next quadrennial report due")

	b.lang = "fr"
	b.get(link).mustHave(t, http.StatusOK, "Spécial · En vigueur", "Prochain rapport quadriennal attendu")

	b.get("/portal/organizations/no-such-org").mustHave(t, http.StatusNotFound)
}

func TestCalendarListsSideEventsWithSubscribeLink(t *testing.T) {
	b := newBrowser(t)
	pg := b.get("/portal/events?kind=KIND_SIDE_EVENT")
	pg.mustHave(t, http.StatusOK, "The Broadband Commission Annual Fall Session 2021", "Side event",
		`href="/portal/calendar.ics?kind=KIND_SIDE_EVENT"`, "(America/New_York)", "<time datetime=")

	feed := b.get("/portal/calendar.ics?kind=KIND_SIDE_EVENT")
	feed.mustHave(t, http.StatusOK, "BEGIN:VCALENDAR", "Broadband Commission")
	if ct := feed.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Errorf("feed Content-Type %q", ct)
	}

	b.lang = "fr"
	b.get("/portal/events").mustHave(t, http.StatusOK, "Calendrier des événements", "S&#39;abonner à ce calendrier")
}

func TestEventPageAndRegistrationRefusal(t *testing.T) {
	b := newBrowser(t)
	pg := b.get("/portal/events?q=Broadband")
	i := strings.Index(pg.body, `/portal/events/`)
	if i < 0 {
		t.Fatalf("no event link\n%s", excerpt(pg.body))
	}
	link := pg.body[i : i+strings.IndexByte(pg.body[i:], '"')]
	b.get(link).mustHave(t, http.StatusOK, "The Broadband Commission Annual Fall Session 2021", "Sign in to register participants.")

	org := orgID(t, "Sahel Water Alliance")
	b.signIn("ngo", org)
	b.get(link).mustHave(t, http.StatusOK, "Register a participant", `<label for="given_name">`)
	// Registration for a 2021 event has closed: the service's refusal is shown on the form.
	pg = b.post(link+"/registrations", url.Values{"given_name": {"Awa"}, "family_name": {"Diallo"}, "email": {"awa@example.org"}})
	pg.mustHave(t, http.StatusUnprocessableEntity, `role="alert"`, "This cannot be done at this stage.", `value="Awa"`)
}

func TestUnknownPageIsTranslated(t *testing.T) {
	b := newBrowser(t)
	b.lang = "fr"
	b.get("/portal/nowhere").mustHave(t, http.StatusNotFound, "Page introuvable")
}
