package gateway

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// trustedProxies are the networks whose X-Forwarded-For the edge believes: the Ingress
// controller or load balancer in front of it. Behind them every request arrives from the
// proxy's address, so without this the whole public would share one rate limit.
type trustedProxies []netip.Prefix

// parseTrustedProxies reads a comma-separated list of CIDRs or single addresses.
func parseTrustedProxies(list string) (trustedProxies, error) {
	var out trustedProxies
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, fmt.Errorf("LIAISON_TRUSTED_PROXIES: %q is neither an address nor a CIDR", f)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("LIAISON_TRUSTED_PROXIES: %q is neither an address nor a CIDR", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (t trustedProxies) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range t {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientAddress is the address a request came from. The connection's peer is the answer unless
// that peer is a trusted proxy; then the X-Forwarded-For hops are read from the right, each
// trusted one skipped, and the first hop no trusted proxy vouches for is the client. Hops to
// its left were written by the client itself and prove nothing, so a caller cannot spread its
// requests over made-up addresses.
func (t trustedProxies) clientAddress(r *http.Request) string {
	peer := remoteHost(r)
	a, err := netip.ParseAddr(peer)
	if err != nil || len(t) == 0 || !t.trusts(a) {
		return peer
	}
	hops := forwardedHops(r.Header.Values("X-Forwarded-For"))
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(hops[i])
		if err != nil {
			// A malformed hop ends what can be believed; the last proxy that vouched is the
			// nearest known address.
			return a.Unmap().String()
		}
		if !t.trusts(hop) {
			return hop.Unmap().String()
		}
		a = hop
	}
	return a.Unmap().String()
}

// forwardedHops flattens X-Forwarded-For, which may be repeated and comma-separated, into its
// hops from the client outward.
func forwardedHops(values []string) []string {
	var hops []string
	for _, v := range values {
		for _, h := range strings.Split(v, ",") {
			if h = strings.TrimSpace(h); h != "" {
				hops = append(hops, h)
			}
		}
	}
	return hops
}

func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
