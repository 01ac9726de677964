package gateway

import (
	"net/http/httptest"
	"testing"
)

func TestClientAddressBelievesOnlyTrustedProxies(t *testing.T) {
	t.Parallel()
	proxies, err := parseTrustedProxies("10.0.0.0/8, 192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, peer string
		forwarded  []string
		want       string
	}{
		{"no proxy, header ignored", "203.0.113.9:4000", []string{"198.51.100.1"}, "203.0.113.9"},
		{"through the ingress", "10.1.2.3:4000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"made-up hops left of the client", "10.1.2.3:4000", []string{"1.1.1.1, 2.2.2.2, 198.51.100.1"}, "198.51.100.1"},
		{"two trusted proxies", "192.0.2.7:4000", []string{"198.51.100.1, 10.9.9.9"}, "198.51.100.1"},
		{"repeated header", "10.1.2.3:4000", []string{"1.1.1.1", "198.51.100.2"}, "198.51.100.2"},
		{"trusted proxy without header", "10.1.2.3:4000", nil, "10.1.2.3"},
		{"garbage hop", "10.1.2.3:4000", []string{"not-an-address"}, "10.1.2.3"},
		{"IPv6 client", "10.1.2.3:4000", []string{"2001:db8::1"}, "2001:db8::1"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/v1/organizations", nil)
		r.RemoteAddr = c.peer
		for _, v := range c.forwarded {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := proxies.clientAddress(r); got != c.want {
			t.Errorf("%s: client %q, want %q", c.name, got, c.want)
		}
	}
	var none trustedProxies
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.1.2.3:4000"
	r.Header.Set("X-Forwarded-For", "198.51.100.1")
	if got := none.clientAddress(r); got != "10.1.2.3" {
		t.Errorf("nothing trusted: client %q, want the peer", got)
	}
}

func TestParseTrustedProxiesRefusesGarbage(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"10.0.0.0/33", "ingress", "10.0.0.1/x"} {
		if _, err := parseTrustedProxies(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
