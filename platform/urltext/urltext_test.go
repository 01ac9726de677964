package urltext_test

import (
	"net/url"
	"testing"

	"github.com/un-liaison/liaison/platform/urltext"
)

func TestValid(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]bool{
		"/v1/organizations/org_1?query=Gen%C3%A8ve": true,
		"/v1/organizations/%ff":                     false,
		"/v1/events?tag=%ff":                        false,
		"/v1/calendar.ics?tag=%c0%80":               false,
		"/v1/events?%fe=x":                          false,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := urltext.Valid(u); got != want {
			t.Errorf("Valid(%s) = %v, want %v", raw, got, want)
		}
	}
}
