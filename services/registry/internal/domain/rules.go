package domain

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"unicode/utf8"
)

func indexed(field string, i int, sub string) string { return fmt.Sprintf("%s[%d].%s", field, i, sub) }

func checkLength(vs *violations, field, s string, min, max int) {
	n := utf8.RuneCountInString(s)
	switch {
	case !utf8.ValidString(s):
		vs.add(field, "is not valid UTF-8 text")
	case n < min && min == 1:
		vs.add(field, "is required (%d to %d characters)", min, max)
	case n < min:
		vs.add(field, "must have at least %d characters", min)
	case n > max:
		vs.add(field, "must have at most %d characters, it has %d", max, n)
	case min > 0 && strings.TrimSpace(s) == "":
		vs.add(field, "must not be blank")
	}
}

// checkWebsite accepts an absolute http or https URL with a host, the only kind a browser will open
// from a directory listing.
func checkWebsite(vs *violations, field, s string) {
	if s == "" {
		return
	}
	if len(s) > 2048 {
		vs.add(field, "must have at most 2048 characters")
		return
	}
	u, err := url.Parse(s)
	// url.Parse lower-cases the scheme, so "HTTPS://" is accepted as browsers do.
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		vs.add(field, "%q is not an http:// or https:// URL", s)
	}
}

// checkEmail accepts a bare address (no display name) whose domain has a dot, since notices are
// sent there and "someone@localhost" would never arrive.
func checkEmail(vs *violations, field, s string) {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || len(s) > 254 {
		vs.add(field, "%q is not a valid e-mail address", s)
		return
	}
	at := strings.LastIndexByte(s, '@')
	if domain := s[at+1:]; !strings.Contains(domain, ".") || strings.HasSuffix(domain, ".") {
		vs.add(field, "%q is not a valid e-mail address", s)
	}
}

// checkSDGs accepts goal numbers 1 to 17, each at most once.
func checkSDGs(vs *violations, field string, sdgs []int) {
	seen := map[int]bool{}
	for _, g := range sdgs {
		switch {
		case g < 1 || g > 17:
			vs.add(field, "SDG %d does not exist: goals are numbered 1 to 17", g)
		case seen[g]:
			vs.add(field, "SDG %d is listed more than once", g)
		}
		seen[g] = true
	}
}

func checkLanguages(vs *violations, langs []string) {
	if len(langs) > 50 {
		vs.add("languages", "at most 50 languages")
	}
	seen := map[string]bool{}
	for _, l := range langs {
		switch {
		case len(l) != 2 || strings.ToLower(l) != l || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") != "":
			vs.add("languages", "%q is not an ISO 639-1 code in lower case, e.g. \"fr\"", l)
		case seen[l]:
			vs.add("languages", "%q is listed more than once", l)
		}
		seen[l] = true
	}
}

func checkTags(vs *violations, field string, tags []string) {
	if len(tags) > 50 {
		vs.add(field, "at most 50 entries")
	}
	seen := map[string]bool{}
	for i, t := range tags {
		checkLength(vs, fmt.Sprintf("%s[%d]", field, i), t, 1, 100)
		if seen[t] {
			vs.add(field, "%q is listed more than once", t)
		}
		seen[t] = true
	}
}
