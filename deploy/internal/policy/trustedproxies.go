package policy

import (
	"net/netip"
	"strings"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

// checkTrustedProxies wants the gateway told which proxies' X-Forwarded-For to believe:
// without it every caller behind the Ingress shares the controller's address and one rate
// limit; with "everyone" any caller could name itself anyone.
func checkTrustedProxies(f *findings, objs []manifest.Object) {
	pod, ok := PodOf(objs, "Deployment", "gateway")
	if !ok {
		return
	}
	c, ok := pod.Container("gateway")
	if !ok {
		return
	}
	env, err := ResolveEnv(objs, c)
	if err != nil {
		return
	}
	value := strings.TrimSpace(env["LIAISON_TRUSTED_PROXIES"].Value)
	if value == "" {
		f.add(pod.Ref(), "sets no LIAISON_TRUSTED_PROXIES: behind the Ingress every caller would share one rate limit")
		return
	}
	for _, cidr := range strings.Split(value, ",") {
		p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
		if err != nil {
			if _, err := netip.ParseAddr(strings.TrimSpace(cidr)); err == nil {
				continue
			}
			f.add(pod.Ref(), "LIAISON_TRUSTED_PROXIES="+value+": "+cidr+" is not a CIDR")
			continue
		}
		if p.Bits() == 0 {
			f.add(pod.Ref(), "LIAISON_TRUSTED_PROXIES="+value+" trusts every address: any caller could name itself anyone")
		}
	}
}
