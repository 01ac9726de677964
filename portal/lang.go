package portal

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/un-liaison/liaison/platform/locale"
)

// langCookie remembers the language the reader chose with the switcher; without it the
// browser's preference decides.
const langCookie = "liaison_lang"

// languages are those the portal speaks: the six official languages of the United Nations.
var languages = locale.Languages

// languageOf picks the reader's language: the switcher's choice, else the best match of
// Accept-Language among the six (CLDR language matching: weights, regions and scripts, so
// "zh-Hant-TW" reads Chinese and "pt-BR, es;q=0.8" Spanish), else English.
func languageOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && knownLanguage(c.Value) {
		return c.Value
	}
	return locale.Match(r.Header.Get("Accept-Language"))
}

func knownLanguage(l string) bool { return locale.Known(l) }

// translate finds key in lang's catalogue, falling back to English and then to the key
// itself, so a missing translation shows up on the page instead of breaking it.
func translate(lang, key string, args ...any) string {
	msg, ok := catalogue[lang][key]
	if !ok {
		msg, ok = catalogue["en"][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// translatePlural picks the CLDR plural form of n in lang: key+"."+form when the catalogue has
// it (Arabic has six forms, Russian four), else key+".other", else key itself; n fills the
// message's %s written with the language's digits.
func translatePlural(lang, key string, n int) string {
	form := locale.PluralForm(lang, n)
	for _, k := range []string{key + "." + form, key + ".other"} {
		if msg, ok := catalogue[lang][k]; ok {
			return withCount(msg, locale.Number(lang, n))
		}
	}
	for _, k := range []string{key + "." + locale.PluralForm("en", n), key + ".other"} {
		if msg, ok := catalogue["en"][k]; ok {
			return withCount(msg, locale.Number("en", n))
		}
	}
	return translate(lang, key, n)
}

// withCount fills a counted message's %s; some forms carry no number ("طلبان", two requests).
func withCount(msg, n string) string {
	if !strings.Contains(msg, "%s") {
		return msg
	}
	return fmt.Sprintf(msg, n)
}

// pluralForms are the CLDR plural categories a catalogue key may end in.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// pluralBase is the key a plural variant belongs to ("queue.total" for "queue.total.few"), or
// "" when key is not one.
func pluralBase(key string) string {
	for _, f := range pluralForms {
		if base, ok := strings.CutSuffix(key, "."+f); ok {
			if _, counted := catalogue["en"][base+".other"]; counted {
				return base
			}
		}
	}
	return ""
}
