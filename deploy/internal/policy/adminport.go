package policy

import (
	"fmt"
	"slices"

	networkingv1 "k8s.io/api/networking/v1"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

// checkAdminPorts keeps each binary's admin port (metrics and the profiler) closed to everyone
// but the monitoring namespace: no liaison workload may reach it, and no rule may open it to
// any source (no from) or to an address block.
func checkAdminPorts(f *findings, objs []manifest.Object) {
	for _, b := range Binaries {
		pod, ok := PodOf(objs, "Deployment", b.Name)
		if !ok {
			continue
		}
		got := Reach(objs, pod, AdminPort)
		if slices.ContainsFunc(got, func(s string) bool { return s != Outside }) {
			f.add(pod.Ref(), fmt.Sprintf("admin port %d is reachable from %v; only the monitoring namespace may scrape it", AdminPort, got))
			continue
		}
		for _, np := range All[*networkingv1.NetworkPolicy](objs) {
			if !slices.Contains(np.Spec.PolicyTypes, networkingv1.PolicyTypeIngress) || !matches(&np.Spec.PodSelector, pod.Labels) {
				continue
			}
			for _, rule := range np.Spec.Ingress {
				if !portAllowed(rule.Ports, AdminPort, pod) {
					continue
				}
				for _, peer := range rule.From {
					if peer.IPBlock != nil {
						f.add(pod.Ref(), fmt.Sprintf("admin port %d is open to the address block %s (NetworkPolicy/%s)", AdminPort, peer.IPBlock.CIDR, np.Name))
					}
				}
			}
		}
	}
}

// checkCollectorMetrics wants the collector's own metrics port declared and reachable by the
// monitoring namespace, so a collector dropping data is seen.
func checkCollectorMetrics(f *findings, objs []manifest.Object) {
	pod, ok := PodOf(objs, "Deployment", CollectorName)
	if !ok {
		return
	}
	c, ok := pod.Container(CollectorName)
	declared := false
	for _, p := range c.Ports {
		declared = declared || (ok && p.ContainerPort == CollectorMetricsPort)
	}
	if !declared {
		f.add(pod.Ref(), fmt.Sprintf("does not declare its metrics port %d", CollectorMetricsPort))
		return
	}
	if !slices.Contains(Reach(objs, pod, CollectorMetricsPort), Outside) {
		f.add(pod.Ref(), fmt.Sprintf("metrics port %d is closed to the monitoring namespace", CollectorMetricsPort))
	}
}
