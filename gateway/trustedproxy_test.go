package gateway

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/un-liaison/liaison/platform/auth"
)

func TestCallersBehindATrustedProxyAreCountedApart(t *testing.T) {
	t.Parallel()
	e := startEdge(t, map[string]string{
		"LIAISON_TRUSTED_PROXIES":           "127.0.0.1/32",
		"LIAISON_RATE_ANONYMOUS_PER_SECOND": "1", "LIAISON_RATE_ANONYMOUS_BURST": "2",
	})
	// One caller behind the proxy uses its allowance; a made-up hop to the left of its address
	// changes nothing.
	for range 2 {
		if r := e.do(t, http.MethodGet, "/v1/events", "", nil, "X-Forwarded-For", "198.51.100.1"); r.status != http.StatusOK {
			t.Fatalf("first caller: %d %s", r.status, r.raw)
		}
	}
	if r := e.do(t, http.MethodGet, "/v1/events", "", nil, "X-Forwarded-For", "203.0.113.50, 198.51.100.1"); r.status != http.StatusTooManyRequests {
		t.Fatalf("third request of one caller: %d, want 429", r.status)
	}
	// Thirty others behind the same proxy each have their own.
	for i := range 30 {
		if r := e.do(t, http.MethodGet, "/v1/events", "", nil, "X-Forwarded-For", fmt.Sprintf("198.51.100.%d", i+2)); r.status != http.StatusOK {
			t.Fatalf("caller %d: %d %s", i+2, r.status, r.raw)
		}
	}
}

func TestForwardedForFromAnUntrustedPeerIsIgnored(t *testing.T) {
	t.Parallel()
	e := startEdge(t, map[string]string{
		"LIAISON_TRUSTED_PROXIES":           "192.0.2.0/24",
		"LIAISON_RATE_ANONYMOUS_PER_SECOND": "1", "LIAISON_RATE_ANONYMOUS_BURST": "2",
	})
	statuses := map[int]int{}
	for i := range 4 {
		r := e.do(t, http.MethodGet, "/v1/events", "", nil, "X-Forwarded-For", fmt.Sprintf("198.51.100.%d", i+1))
		statuses[r.status]++
	}
	if statuses[http.StatusTooManyRequests] != 2 {
		t.Fatalf("statuses %v: four made-up addresses from one peer must share its allowance of 2", statuses)
	}
}

func TestPortalSessionsAreCountedBySubject(t *testing.T) {
	t.Parallel()
	e := startEdge(t, map[string]string{
		"LIAISON_RATE_ANONYMOUS_PER_SECOND": "1", "LIAISON_RATE_ANONYMOUS_BURST": "1",
		"LIAISON_RATE_USER_PER_SECOND": "1", "LIAISON_RATE_USER_BURST": "7",
	})
	session := "liaison_session=" + devToken(t, e, "olga", auth.RoleOfficer)
	r := e.do(t, http.MethodGet, "/portal/", "", nil, "Cookie", session)
	if r.header.Get("RateLimit-Limit") != "7" {
		t.Fatalf("signed-in portal reader: RateLimit-Limit %q, want the user tier's 7", r.header.Get("RateLimit-Limit"))
	}
	// The anonymous neighbour on the same address has its own, smaller, allowance, and a forged
	// cookie buys nothing.
	if r := e.do(t, http.MethodGet, "/portal/", "", nil, "Cookie", "liaison_session=forged"); r.header.Get("RateLimit-Limit") != "1" {
		t.Fatalf("forged session: RateLimit-Limit %q, want the anonymous 1", r.header.Get("RateLimit-Limit"))
	}
}
