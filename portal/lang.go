package portal

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// langCookie remembers the language the reader chose with the switcher; without it the
// browser's preference decides.
const langCookie = "liaison_lang"

// languages are those the portal speaks, as ECOSOC accepts applications in both.
var languages = []string{"en", "fr"}

// languageOf picks the reader's language: the switcher's choice, else the first language of
// Accept-Language (by weight) that the portal speaks, else English.
func languageOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && knownLanguage(c.Value) {
		return c.Value
	}
	type pref struct {
		lang string
		q    float64
	}
	var prefs []pref
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if knownLanguage(primary) && q > 0 {
			prefs = append(prefs, pref{primary, q})
		}
	}
	sort.SliceStable(prefs, func(i, j int) bool { return prefs[i].q > prefs[j].q })
	if len(prefs) > 0 {
		return prefs[0].lang
	}
	return "en"
}

func knownLanguage(l string) bool { return l == "en" || l == "fr" }

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
