package auth

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// ProviderClient is the HTTP client a process talks to the identity provider with. The issuer's
// address is the one people's browsers use; inside a container network (compose, a cluster
// reached through port forwarding) that address may not reach the provider at all. When
// providerURL is set, every request to the issuer's scheme and host goes to providerURL's
// instead, path and query kept, so discovery and the token endpoint work from inside while
// the addresses handed to browsers stay the public ones. With providerURL empty it is a plain
// client.
func ProviderClient(issuer, providerURL string) (*http.Client, error) {
	client := &http.Client{Timeout: 10 * time.Second}
	if providerURL == "" {
		return client, nil
	}
	from, err := url.Parse(issuer)
	if err != nil || from.Host == "" {
		return nil, fmt.Errorf("provider route: issuer %q is no URL", issuer)
	}
	to, err := url.Parse(providerURL)
	if err != nil || to.Host == "" || (to.Scheme != "http" && to.Scheme != "https") {
		return nil, fmt.Errorf("provider route: LIAISON_OIDC_PROVIDER_URL %q is no http(s) URL", providerURL)
	}
	client.Transport = providerRoute{from: from, to: to, next: http.DefaultTransport}
	return client, nil
}

type providerRoute struct {
	from, to *url.URL
	next     http.RoundTripper
}

func (p providerRoute) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != p.from.Scheme || req.URL.Host != p.from.Host {
		return p.next.RoundTrip(req)
	}
	// RoundTrip must not change the caller's request.
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host = p.to.Scheme, p.to.Host
	out.Host = p.to.Host
	return p.next.RoundTrip(out)
}
