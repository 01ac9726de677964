package policy

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// CheckPod holds one pod template to the rules every liaison workload follows, third-party
// ones (PostgreSQL, Redis, the collector) included, because cluster admission policies (the
// restricted Pod Security Standard, Kyverno, Gatekeeper) judge them all alike:
//   - liveness and readiness probes on every long-running container, aimed at a declared port;
//   - CPU and memory requests and limits, requests within limits;
//   - non-root, no privilege escalation, a read-only root filesystem, every capability dropped,
//     the runtime's default seccomp profile, no host namespaces;
//   - no service-account token, since nothing here talks to the Kubernetes API;
//   - an image pinned to a tag or digest, never latest.
func CheckPod(p Pod) []string {
	var f findings
	at := p.Ref()
	s := p.Spec
	if s.HostNetwork || s.HostPID || s.HostIPC {
		f.add(at, "shares a host namespace (hostNetwork, hostPID or hostIPC)")
	}
	if s.AutomountServiceAccountToken == nil || *s.AutomountServiceAccountToken {
		f.add(at, "automountServiceAccountToken must be false: no liaison pod talks to the Kubernetes API")
	}
	containers := append(slices.Clone(s.InitContainers), s.Containers...)
	if len(s.Containers) == 0 {
		f.add(at, "has no containers")
	}
	for _, c := range containers {
		cat := at + " container " + c.Name
		checkImage(&f, cat, c.Image)
		checkResources(&f, cat, c.Resources)
		checkSecurity(&f, cat, s.SecurityContext, c.SecurityContext)
	}
	if p.LongRunning() {
		for _, c := range s.Containers {
			cat := at + " container " + c.Name
			if c.LivenessProbe == nil {
				f.add(cat, "has no livenessProbe")
			}
			if c.ReadinessProbe == nil {
				f.add(cat, "has no readinessProbe")
			}
			for kind, pr := range map[string]*corev1.Probe{"liveness": c.LivenessProbe, "readiness": c.ReadinessProbe, "startup": c.StartupProbe} {
				checkProbePort(&f, cat, kind, pr, c.Ports)
			}
		}
	}
	return f
}

func checkImage(f *findings, at, image string) {
	if strings.Contains(image, "@sha256:") {
		return
	}
	// The tag is after the last colon of the last path segment; a registry's :port comes earlier.
	_, tag, ok := strings.Cut(image[strings.LastIndex(image, "/")+1:], ":")
	if !ok || tag == "" || tag == "latest" {
		f.add(at, fmt.Sprintf("image %q must name a release tag or digest, not latest or nothing", image))
	}
}

func checkResources(f *findings, at string, r corev1.ResourceRequirements) {
	for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		req, hasReq := r.Requests[name]
		lim, hasLim := r.Limits[name]
		if !hasReq {
			f.add(at, fmt.Sprintf("has no %s request", name))
		}
		if !hasLim {
			f.add(at, fmt.Sprintf("has no %s limit", name))
		}
		if hasReq && hasLim && req.Cmp(lim) > 0 {
			f.add(at, fmt.Sprintf("requests more %s (%s) than its limit (%s)", name, req.String(), lim.String()))
		}
	}
}

func checkSecurity(f *findings, at string, pod *corev1.PodSecurityContext, c *corev1.SecurityContext) {
	if pod == nil {
		pod = &corev1.PodSecurityContext{}
	}
	if c == nil {
		c = &corev1.SecurityContext{}
	}
	nonRoot := pod.RunAsNonRoot
	if c.RunAsNonRoot != nil {
		nonRoot = c.RunAsNonRoot
	}
	if nonRoot == nil || !*nonRoot {
		f.add(at, "runAsNonRoot is not true")
	}
	user := pod.RunAsUser
	if c.RunAsUser != nil {
		user = c.RunAsUser
	}
	if user != nil && *user == 0 {
		f.add(at, "runs as uid 0")
	}
	if c.AllowPrivilegeEscalation == nil || *c.AllowPrivilegeEscalation {
		f.add(at, "allowPrivilegeEscalation is not false")
	}
	if c.Privileged != nil && *c.Privileged {
		f.add(at, "is privileged")
	}
	if c.ReadOnlyRootFilesystem == nil || !*c.ReadOnlyRootFilesystem {
		f.add(at, "readOnlyRootFilesystem is not true")
	}
	if c.Capabilities == nil || !slices.Contains(c.Capabilities.Drop, "ALL") {
		f.add(at, "does not drop ALL capabilities")
	} else if len(c.Capabilities.Add) > 0 {
		f.add(at, fmt.Sprintf("adds capabilities %v", c.Capabilities.Add))
	}
	seccomp := pod.SeccompProfile
	if c.SeccompProfile != nil {
		seccomp = c.SeccompProfile
	}
	if seccomp == nil || (seccomp.Type != corev1.SeccompProfileTypeRuntimeDefault && seccomp.Type != corev1.SeccompProfileTypeLocalhost) {
		f.add(at, "has no RuntimeDefault (or Localhost) seccomp profile")
	}
}

// checkProbePort catches a probe aimed at a port the container does not declare, the usual
// result of changing a port in one place.
func checkProbePort(f *findings, at, kind string, p *corev1.Probe, ports []corev1.ContainerPort) {
	if p == nil {
		return
	}
	var port intstr.IntOrString
	switch {
	case p.GRPC != nil:
		port = intstr.FromInt32(p.GRPC.Port)
	case p.HTTPGet != nil:
		port = p.HTTPGet.Port
	case p.TCPSocket != nil:
		port = p.TCPSocket.Port
	default:
		return // exec probes have no port
	}
	if _, ok := containerPort(ports, port); !ok {
		f.add(at, fmt.Sprintf("%s probe aims at port %s, which the container does not declare", kind, port.String()))
	}
}

// containerPort resolves a port given by number or name against the declared ports.
func containerPort(ports []corev1.ContainerPort, p intstr.IntOrString) (int32, bool) {
	for _, cp := range ports {
		if (p.Type == intstr.Int && cp.ContainerPort == p.IntVal) || (p.Type == intstr.String && cp.Name == p.StrVal) {
			return cp.ContainerPort, true
		}
	}
	return 0, false
}

// findings collects one line per broken rule.
type findings []string

func (f *findings) add(at, rule string) { *f = append(*f, at+": "+rule) }
