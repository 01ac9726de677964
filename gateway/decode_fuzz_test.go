package gateway

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzRequestDecoding sends arbitrary bodies, paths and query strings to the
// edge's write routes. Decoding happens at the edge, before any service is
// called (here every service is unreachable): whatever arrives, the answer
// is a client error or 503, never a 500 or a panic.
//
// A plain `go test` runs the seeds; search for more with
//
//	go test -run '^$' -fuzz '^FuzzRequestDecoding$' -fuzztime 10m .
func FuzzRequestDecoding(f *testing.F) {
	handler := edgeWithServicesDown(f, map[string]string{
		"LIAISON_RATE_ANONYMOUS_PER_SECOND": "1000000",
		"LIAISON_RATE_ANONYMOUS_BURST":      "1000000",
	})

	routes := []string{
		"POST /v1/organizations?requestId=",
		"PATCH /v1/organizations/",
		"POST /v1/events/",
		"POST /v1/applications?requestId=",
		"POST /v1/statuses:batchGet?x=",
		"GET /v1/events?pageToken=",
		"GET /v1/organizations?query=",
	}
	for i, body := range []string{
		`{"name":"Andean Women's Leadership Network","stakeholderGroup":"STAKEHOLDER_GROUP_NGO","country":"PE"}`,
		`{"organizationIds":["org_1","org_2"]}`,
		`{"participant":{"givenName":1}}`,
		`{"unknownField":true}`,
		`[1,2,3]`, `{`, ``, "\x00\xff", `{"sdgs":[99999999999999999999]}`, `{"foundedOn":{"year":"x"}}`,
	} {
		f.Add(uint8(i), "abc/registrations", body)
	}
	f.Fuzz(func(t *testing.T, route uint8, suffix, body string) {
		method, path, _ := strings.Cut(routes[int(route)%len(routes)], " ")
		req, err := http.NewRequest(method, "http://edge"+path, strings.NewReader(body))
		if err != nil {
			t.Skip()
		}
		req.URL.RawQuery += suffix // arbitrary bytes in the query, which also end up in the path when there is none
		if !strings.Contains(path, "?") {
			req.URL.Path += suffix
		}
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("%s %s with %q: %d %s", method, req.URL, body, rec.Code, rec.Body)
		}
	})
}
