package gateway

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestEventFeedAliasReachesTheContractsRoute(t *testing.T) {
	var got string
	h := withEventFeedAlias(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { got = r.URL.Path }))
	for path, want := range map[string]string{
		"/v1/events/ev_01H.ics":               "/v1/events/ev_01H/calendar.ics",
		"/v1/events/ev_01H/calendar.ics":      "/v1/events/ev_01H/calendar.ics",
		"/v1/events/ev_01H":                   "/v1/events/ev_01H",
		"/v1/calendar.ics":                    "/v1/calendar.ics",
		"/v1/events/ev_01H/registrations.ics": "/v1/events/ev_01H/registrations.ics",
	} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
		if got != want {
			t.Errorf("GET %s reached %s, want %s", path, got, want)
		}
	}
}
