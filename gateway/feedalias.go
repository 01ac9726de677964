package gateway

import (
	"net/http"
	"regexp"
)

// eventFeedAlias matches /v1/events/{id}.ics. A path variable cannot carry a literal suffix in
// a google.api.http template, so the contract serves one event's feed at
// /v1/events/{id}/calendar.ics; calendar applications and the people who paste links into them
// expect the shorter .ics form, which the edge maps onto it.
var eventFeedAlias = regexp.MustCompile(`^/v1/events/([^/]+)\.ics$`)

func withEventFeedAlias(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			if m := eventFeedAlias.FindStringSubmatch(r.URL.Path); m != nil {
				r = r.Clone(r.Context())
				r.URL.Path = "/v1/events/" + m[1] + "/calendar.ics"
				r.URL.RawPath = ""
			}
		}
		next.ServeHTTP(w, r)
	})
}
