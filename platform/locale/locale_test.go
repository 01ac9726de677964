package locale_test

import (
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/locale"
)

func TestMatchPicksOneOfTheSix(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"ar-EG,ar;q=0.9":          "ar",
		"zh-Hant-TW":              "zh",
		"de-DE,fr;q=0.5":          "fr",
		"es-419":                  "es",
		"ru-RU, en;q=0.1":         "ru",
		"ja":                      "en",
		"":                        "en",
		"pt-BR,es;q=0.8,en;q=0.5": "es",
	} {
		if got := locale.Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPluralFormsFollowCLDR(t *testing.T) {
	t.Parallel()
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "one"}, {"en", 3, "other"},
		{"fr", 0, "one"}, {"fr", 2, "other"},
		{"ru", 1, "one"}, {"ru", 3, "few"}, {"ru", 5, "many"}, {"ru", 21, "one"},
		{"ar", 0, "zero"}, {"ar", 2, "two"}, {"ar", 3, "few"}, {"ar", 11, "many"}, {"ar", 100, "other"},
		{"zh", 1, "other"},
	}
	for _, c := range cases {
		if got := locale.PluralForm(c.lang, c.n); got != c.want {
			t.Errorf("PluralForm(%s, %d) = %s, want %s", c.lang, c.n, got, c.want)
		}
	}
}

func TestDatesAndNumbersPerLanguage(t *testing.T) {
	t.Parallel()
	d := time.Date(2026, 12, 3, 14, 5, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"en": "3 December 2026", "fr": "3 décembre 2026", "es": "3 de diciembre de 2026",
		"ru": "3 декабря 2026 г.", "ar": "٣ ديسمبر ٢٠٢٦", "zh": "2026年12月3日",
	} {
		if got := locale.Date(lang, d); got != want {
			t.Errorf("Date(%s) = %q, want %q", lang, got, want)
		}
	}
	if got := locale.Number("en", 12345); got != "12,345" {
		t.Errorf("Number(en) = %q", got)
	}
	if got := locale.Number("ar", 12345); got == "12,345" || got == "" {
		t.Errorf("Number(ar) = %q, want Arabic digits", got)
	}
	if locale.Dir("ar") != "rtl" || locale.Dir("zh") != "ltr" {
		t.Error("direction")
	}
}
