package portal

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"testing"
	"testing/fstest"

	"google.golang.org/genproto/googleapis/rpc/errdetails"

	"github.com/un-liaison/liaison/platform/locale"
)

// TestEveryLabelIsInSixLanguages keeps the catalogue complete: a key missing in one language
// would show English to its reader.
func TestEveryLabelIsInSixLanguages(t *testing.T) {
	if len(catalogue) != 6 {
		t.Fatalf("the catalogue has %d languages, want the six official ones", len(catalogue))
	}
	for _, lang := range languages {
		for key := range catalogue["en"] {
			// A counted message needs its "other" form in every language, and whichever
			// other forms the language's plural rules use.
			if base := pluralBase(key); base != "" {
				key = base + ".other"
			}
			if v, ok := catalogue[lang][key]; !ok || v == "" {
				t.Errorf("%q has no %s text", key, lang)
			}
		}
		for key := range catalogue[lang] {
			if _, ok := catalogue["en"][key]; !ok && pluralBase(key) == "" {
				t.Errorf("%q (%s) has no English text", key, lang)
			}
		}
		for key := range catalogue["en"] {
			base := pluralBase(key)
			if base == "" {
				continue
			}
			for _, n := range []int{0, 1, 2, 3, 5, 11, 21, 100} {
				form := base + "." + locale.PluralForm(lang, n)
				if _, ok := catalogue[lang][form]; !ok {
					t.Errorf("%s needs %q (for %d)", lang, form, n)
				}
			}
		}
	}
}

// TestTranslationsKeepTheirPlaceholders: a translation with fewer or other %-verbs than the
// English would print a wrong or missing number. A counted form may leave its number out.
func TestTranslationsKeepTheirPlaceholders(t *testing.T) {
	verbs := func(s string) string {
		var out []byte
		for i := 0; i < len(s)-1; i++ {
			if s[i] == '%' {
				out = append(out, s[i+1])
				i++
			}
		}
		return string(out)
	}
	for _, lang := range languages {
		for key, msg := range catalogue[lang] {
			en, ok := catalogue["en"][key]
			if base := pluralBase(key); base != "" {
				en = catalogue["en"][base+".other"]
				if verbs(msg) == "" {
					continue
				}
			} else if !ok {
				continue
			}
			if got := verbs(msg); got != verbs(en) {
				t.Errorf("%s %q: verbs %q, English has %q", lang, key, got, verbs(en))
			}
		}
	}
}

func TestLanguageFromAcceptLanguage(t *testing.T) {
	for header, want := range map[string]string{
		"":                          "en",
		"fr-CA":                     "fr",
		"de-DE, fr;q=0.8, en;q=0.9": "en",
		"de, fr;q=0.5":              "fr",
		"es":                        "es",
		"es-419":                    "es",
		"ar-EG":                     "ar",
		"zh-Hant-TW":                "zh",
		"ru":                        "ru",
		"ja":                        "en",
		"en;q=0, fr;q=0.1":          "fr",
	} {
		r := httptestRequest(header)
		if got := languageOf(r); got != want {
			t.Errorf("Accept-Language %q: %s, want %s", header, got, want)
		}
	}
}

func TestPluralFormsPerLanguage(t *testing.T) {
	catalogue["en"]["test.things.one"], catalogue["en"]["test.things.other"] = "%s thing", "%s things"
	catalogue["ru"]["test.things.one"], catalogue["ru"]["test.things.few"], catalogue["ru"]["test.things.many"] = "%s вещь", "%s вещи", "%s вещей"
	defer func() {
		for _, l := range []string{"en", "ru"} {
			for _, f := range []string{"one", "few", "many", "other"} {
				delete(catalogue[l], "test.things."+f)
			}
		}
	}()
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{{"en", 1, "1 thing"}, {"en", 5, "5 things"}, {"ru", 1, "1 вещь"}, {"ru", 3, "3 вещи"}, {"ru", 5, "5 вещей"}, {"ru", 21, "21 вещь"}, {"fr", 2, "2 things"},
		{"ar", 2, "طلبان"}, {"ar", 3, "٣ طلبات"}, {"ar", 11, "١١ طلباً"}, {"zh", 1, "1份申请"}, {"ru", 22, "22 заявления"}} {
		key := "test.things"
		if c.lang == "ar" || c.lang == "zh" || c.n == 22 {
			key = "queue.total"
		}
		if got := translatePlural(c.lang, key, c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestFieldMessagesTranslateKnownRules(t *testing.T) {
	v := &errdetails.BadRequest_FieldViolation{Field: "organization.email", Reason: "string.email", Description: "must be a valid email address"}
	if got := fieldMessage("fr", v); got != catalogue["fr"]["rule.string.email"] {
		t.Errorf("known rule: %q", got)
	}
	v.Reason = "some.unknown_rule"
	if got := fieldMessage("fr", v); got != "Refusé : must be a valid email address" {
		t.Errorf("unknown rule: %q", got)
	}
}

// TestLocaleFilesAreTheSixLanguages: a file for another language would never be read, and a
// key written twice in one file would silently keep only its last text.
func TestLocaleFilesAreTheSixLanguages(t *testing.T) {
	names, err := fs.Glob(localeFiles, "locales/*")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, l := range languages {
		want["locales/"+l+".json"] = true
	}
	for _, n := range names {
		if !want[n] {
			t.Errorf("%s is not one of the six languages' files", n)
		}
		data, _ := fs.ReadFile(localeFiles, n)
		dec := json.NewDecoder(bytes.NewReader(data))
		if _, err := dec.Token(); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		seen := map[string]bool{}
		for dec.More() {
			key, err := dec.Token()
			var text string
			if err == nil {
				err = dec.Decode(&text)
			}
			if err != nil {
				t.Fatalf("%s: %v", n, err)
			}
			if seen[key.(string)] {
				t.Errorf("%s: %q is written twice", n, key)
			}
			seen[key.(string)] = true
		}
	}
	if len(names) != len(languages) {
		t.Errorf("%d locale files, want one for each of the six languages", len(names))
	}
}

func TestCatalogueWithoutALanguageFileIsRefused(t *testing.T) {
	files := fstest.MapFS{}
	for _, l := range languages[1:] {
		files["locales/"+l+".json"] = &fstest.MapFile{Data: []byte(`{"site.name": "x"}`)}
	}
	if _, err := loadCatalogue(files); err == nil {
		t.Errorf("a catalogue without %s was accepted", languages[0])
	}
}
