package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSixLanguagesInBrowser switches the portal through the six official languages with the
// switcher and reads the main pages in each: the page says its language, the headings are
// translated, and Arabic runs right to left — the brand, first in the header, stands at the
// right edge and the sign-in link at the left. With PORTAL_SCREENSHOTS set, the Arabic and
// Chinese pages are photographed (docs/portal).
func TestSixLanguagesInBrowser(t *testing.T) {
	b := newTab(t)
	pages := []struct{ path, shot string }{{"/portal/", "home"}, {"/portal/events?kind=KIND_SIDE_EVENT", "events"}, {"/portal/organizations", "directory"}}
	headings := map[string][]string{
		"ar": {"مرحباً", "تقويم الفعاليات", "دليل المنظمات غير الحكومية"},
		"zh": {"欢迎", "活动日历", "非政府组织名录"},
		"en": {"Welcome", "Events calendar", "NGO directory"},
		"fr": {"Bienvenue", "Calendrier des événements", "Répertoire des ONG"},
		"ru": {"Добро пожаловать", "Календарь мероприятий", "Справочник НПО"},
		"es": {"Bienvenida", "Calendario de eventos", "Directorio de ONG"},
	}
	b.open("/portal/")
	for _, lang := range []string{"ar", "zh", "ru", "es", "fr", "en"} {
		b.do(chromedp.Click(css(`.languages a[hreflang="`+lang+`"]`)), chromedp.WaitReady(css(`html[lang="`+lang+`"] footer`)))
		for i, pg := range pages {
			b.open(pg.path)
			b.see("h1", headings[lang][i])
			dir, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).direction`))
			if err != nil {
				t.Fatal(err)
			}
			want := "ltr"
			if lang == "ar" {
				want = "rtl"
			}
			if dir != want {
				t.Fatalf("%s %s: direction %s, want %s", lang, pg.path, dir, want)
			}
			if lang == "ar" || lang == "zh" {
				b.screenshot(pg.shot + "-" + lang)
			}
		}
		if n, err := chromedp.Run(b.ctx, chromedp.Nodes(css(`.languages [aria-current]`))); err != nil || len(n) != 1 {
			t.Fatalf("%s: the switcher marks %d current languages (%v)", lang, len(n), err)
		}
		if lang == "ar" {
			b.open("/portal/")
			order, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(function(){
				var brand=document.querySelector("header .brand").getBoundingClientRect();
				var tools=document.querySelector("header .tools").getBoundingClientRect();
				return brand.left > tools.left ? "rtl" : "ltr";})()`))
			if err != nil || order != "rtl" {
				t.Fatalf("the Arabic header is laid out %s (%v): the brand should be at the right", order, err)
			}
		}
	}
}
