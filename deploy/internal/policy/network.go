package policy

import (
	"fmt"
	"slices"
	"sort"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

// Outside stands for any source that is not a pod of these manifests: another namespace, an
// IP block, or "anyone" (a rule without from).
const Outside = "<outside>"

// Reach lists who may open a TCP connection to port on pod, according to the NetworkPolicies
// among objs: the names of the workloads whose pods are let in, plus Outside when anything
// beyond them is. With no policy selecting the pod, Kubernetes lets everyone in.
func Reach(objs []manifest.Object, pod Pod, port int32) []string {
	var selecting []*networkingv1.NetworkPolicy
	for _, np := range All[*networkingv1.NetworkPolicy](objs) {
		if slices.Contains(np.Spec.PolicyTypes, networkingv1.PolicyTypeIngress) && matches(&np.Spec.PodSelector, pod.Labels) {
			selecting = append(selecting, np)
		}
	}
	everyone := append(workloadNames(objs), Outside)
	if len(selecting) == 0 {
		return everyone
	}
	allowed := map[string]bool{}
	for _, np := range selecting {
		for _, rule := range np.Spec.Ingress {
			if !portAllowed(rule.Ports, port, pod) {
				continue
			}
			if len(rule.From) == 0 {
				return everyone
			}
			for _, peer := range rule.From {
				if peer.IPBlock != nil || peer.NamespaceSelector != nil {
					allowed[Outside] = true
				}
				if peer.PodSelector == nil || peer.NamespaceSelector != nil {
					continue
				}
				for _, src := range Pods(objs) {
					if matches(peer.PodSelector, src.Labels) {
						allowed[src.Name] = true
					}
				}
			}
		}
	}
	out := make([]string, 0, len(allowed))
	for name := range allowed {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

func portAllowed(ports []networkingv1.NetworkPolicyPort, port int32, pod Pod) bool {
	if len(ports) == 0 {
		return true
	}
	for _, p := range ports {
		if p.Protocol != nil && *p.Protocol != corev1.ProtocolTCP {
			continue
		}
		if p.Port == nil {
			return true
		}
		if p.Port.Type == intstr.Int {
			end := p.Port.IntVal
			if p.EndPort != nil {
				end = *p.EndPort
			}
			if port >= p.Port.IntVal && port <= end {
				return true
			}
			continue
		}
		for _, c := range pod.Spec.Containers {
			if n, ok := containerPort(c.Ports, *p.Port); ok && n == port {
				return true
			}
		}
	}
	return false
}

func workloadNames(objs []manifest.Object) []string {
	var names []string
	for _, p := range Pods(objs) {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	return names
}

// CheckNetwork holds the NetworkPolicies to the rule of issue 9: ingress is denied by default;
// each service's gRPC port is reachable only from the gateway and the other services; the
// gateway's HTTP port is reachable (from the Ingress controller); the collector takes OTLP
// from the binaries.
func CheckNetwork(objs []manifest.Object) []string {
	var f findings
	if !hasDefaultDeny(objs) {
		f.add("NetworkPolicy", "no default-deny ingress policy (podSelector {}, policyTypes [Ingress], no rules)")
	}
	var binaries []string
	for _, b := range Binaries {
		binaries = append(binaries, b.Name)
	}
	for _, b := range Binaries {
		pod, ok := PodOf(objs, "Deployment", b.Name)
		if !ok {
			continue // CheckBinaries reports it
		}
		got := Reach(objs, pod, b.Port)
		if b.HealthService == "" {
			if !slices.Contains(got, Outside) {
				f.add(pod.Ref(), fmt.Sprintf("port %d is closed to the Ingress controller", b.Port))
			}
			continue
		}
		var want []string
		for _, peer := range binaries {
			if peer != b.Name {
				want = append(want, peer)
			}
		}
		sort.Strings(want)
		if !slices.Equal(got, want) {
			f.add(pod.Ref(), fmt.Sprintf("port %d is reachable from %v, want only %v", b.Port, got, want))
		}
	}
	if pod, ok := PodOf(objs, "Deployment", CollectorName); ok {
		got := Reach(objs, pod, CollectorOTLPPort)
		for _, b := range binaries {
			if !slices.Contains(got, b) {
				f.add(pod.Ref(), fmt.Sprintf("port %d is closed to %s, whose traces would be lost", CollectorOTLPPort, b))
			}
		}
	} else {
		f.add("Deployment/"+CollectorName, "is missing")
	}
	checkAdminPorts(&f, objs)
	checkCollectorMetrics(&f, objs)
	checkTrustedProxies(&f, objs)
	return f
}

func hasDefaultDeny(objs []manifest.Object) bool {
	for _, np := range All[*networkingv1.NetworkPolicy](objs) {
		s := np.Spec
		if len(s.PodSelector.MatchLabels) == 0 && len(s.PodSelector.MatchExpressions) == 0 &&
			slices.Contains(s.PolicyTypes, networkingv1.PolicyTypeIngress) && len(s.Ingress) == 0 {
			return true
		}
	}
	return false
}
