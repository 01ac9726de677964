package policy

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

// CheckBinaries holds the manifests to the binaries' facts (Binaries): each runs as a
// Deployment behind a Service on its own port, is probed the way it answers, listens where its
// variable says and dials its peers where theirs say, has its secrets, survives a drain, stops
// gracefully, and (for the services) has a migration Job running the same image.
func CheckBinaries(objs []manifest.Object) []string {
	var f findings
	for _, b := range Binaries {
		checkBinary(&f, objs, b)
	}
	return f
}

func checkBinary(f *findings, objs []manifest.Object, b Binary) {
	p, ok := PodOf(objs, "Deployment", b.Name)
	if !ok {
		f.add("Deployment/"+b.Name, "is missing")
		return
	}
	at := p.Ref()
	c, ok := p.Container(b.Name)
	if !ok {
		f.add(at, "has no container named "+b.Name)
		return
	}
	if !strings.HasSuffix(imageRepository(c.Image), "/"+b.Name) {
		f.add(at, fmt.Sprintf("image %q is not a build of liaison/%s", c.Image, b.Name))
	}
	if _, ok := containerPort(c.Ports, intstr.FromInt32(b.Port)); !ok {
		f.add(at, fmt.Sprintf("does not declare containerPort %d", b.Port))
	}
	checkProbes(f, at, b, c)
	checkService(f, objs, b, c)

	env, err := ResolveEnv(objs, c)
	if err != nil {
		f.add(at, err.Error())
		return
	}
	checkEnv(f, objs, at, b, env)
	checkShutdown(f, at, p, c, env)
	checkScratchSpace(f, at, p, c, env)
	checkDisruptionBudget(f, objs, p)
	if b.Database {
		checkMigration(f, objs, b, c, env)
	}
}

func checkProbes(f *findings, at string, b Binary, c corev1.Container) {
	at += " container " + c.Name
	if b.HealthService == "" {
		if !httpProbe(c.LivenessProbe, GatewayLiveness, b.Port) {
			f.add(at, fmt.Sprintf("livenessProbe must GET %s on port %d", GatewayLiveness, b.Port))
		}
		if !httpProbe(c.ReadinessProbe, GatewayReadiness, b.Port) {
			f.add(at, fmt.Sprintf("readinessProbe must GET %s on port %d", GatewayReadiness, b.Port))
		}
		return
	}
	// Readiness asks for the service by name: that is the status the binary drops to
	// NOT_SERVING while it drains. Liveness may ask for the server as a whole ("").
	if !grpcProbe(c.ReadinessProbe, b.Port, b.HealthService) {
		f.add(at, fmt.Sprintf("readinessProbe must be a gRPC probe of %s on port %d", b.HealthService, b.Port))
	}
	if !grpcProbe(c.LivenessProbe, b.Port, "") && !grpcProbe(c.LivenessProbe, b.Port, b.HealthService) {
		f.add(at, fmt.Sprintf("livenessProbe must be a gRPC probe on port %d", b.Port))
	}
	if c.StartupProbe != nil && !grpcProbe(c.StartupProbe, b.Port, "") && !grpcProbe(c.StartupProbe, b.Port, b.HealthService) {
		f.add(at, fmt.Sprintf("startupProbe must be a gRPC probe on port %d", b.Port))
	}
}

func grpcProbe(p *corev1.Probe, port int32, service string) bool {
	if p == nil || p.GRPC == nil || p.GRPC.Port != port {
		return false
	}
	got := ""
	if p.GRPC.Service != nil {
		got = *p.GRPC.Service
	}
	return got == service
}

func httpProbe(p *corev1.Probe, path string, port int32) bool {
	return p != nil && p.HTTPGet != nil && p.HTTPGet.Path == path &&
		p.HTTPGet.Port.Type == intstr.Int && p.HTTPGet.Port.IntVal == port
}

// checkService wants a Service named after the binary whose port b.Port reaches the container's
// b.Port, and whose selector picks the binary's pods and only those.
func checkService(f *findings, objs []manifest.Object, b Binary, c corev1.Container) {
	svc, ok := Find[*corev1.Service](objs, "Service", b.Name)
	at := "Service/" + b.Name
	if !ok {
		f.add(at, "is missing")
		return
	}
	found := false
	for _, sp := range svc.Spec.Ports {
		if sp.Port != b.Port {
			continue
		}
		target := sp.TargetPort
		if target.Type == intstr.Int && target.IntVal == 0 {
			target = intstr.FromInt32(sp.Port)
		}
		if n, ok := containerPort(c.Ports, target); ok && n == b.Port {
			found = true
		}
	}
	if !found {
		f.add(at, fmt.Sprintf("has no port %d reaching the container's port %d", b.Port, b.Port))
	}
	if b.HealthService != "" && svc.Spec.ClusterIP != corev1.ClusterIPNone {
		f.add(at, "must be headless (clusterIP: None): callers balance gRPC calls over the pods DNS returns")
	}
	var picks []string
	for _, p := range Pods(objs) {
		if p.LongRunning() && selects(svc.Spec.Selector, p.Labels) {
			picks = append(picks, p.Name)
		}
	}
	if !slices.Equal(picks, []string{b.Name}) {
		f.add(at, fmt.Sprintf("selects the pods of %v, want only %s", picks, b.Name))
	}
}

func selects(selector, labels map[string]string) bool {
	if len(selector) == 0 {
		return false
	}
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// checkEnv: the binary listens on all interfaces at its own port and dials every peer by its
// Service name; it holds the secrets it needs; every LIAISON_*/OTEL_* variable is one the
// binaries read; traces go to the collector's Service.
func checkEnv(f *findings, objs []manifest.Object, at string, b Binary, env Env) {
	if got, want := env[b.ListenEnv].Value, "0.0.0.0:"+strconv.Itoa(int(b.Port)); got != want {
		f.add(at, fmt.Sprintf("%s=%q, want %q so the Service can reach it", b.ListenEnv, got, want))
	}
	for _, peer := range Binaries {
		if peer.Name == b.Name || peer.HealthService == "" {
			continue
		}
		if got, want := env[peer.ListenEnv].Value, fmt.Sprintf("%s:%d", peer.Name, peer.Port); got != want {
			f.add(at, fmt.Sprintf("%s=%q, want %q (the %s Service)", peer.ListenEnv, got, want, peer.Name))
		}
	}
	needs := []string{"LIAISON_REDIS_URL"}
	if b.Database {
		needs = append(needs, "LIAISON_DATABASE_URL")
	}
	for _, name := range needs {
		if env[name].Secret == nil {
			f.add(at, name+" must come from a Secret (secretKeyRef)")
		}
	}
	for name := range env {
		if (strings.HasPrefix(name, "LIAISON_") || strings.HasPrefix(name, "OTEL_")) && !slices.Contains(KnownEnv, name) {
			f.add(at, fmt.Sprintf("sets %s, which no liaison binary reads", name))
		}
	}
	if _, ok := env["LIAISON_DATA_DIR"]; !ok {
		f.add(at, "LIAISON_DATA_DIR is not set (the binary's default is relative to a read-only root)")
	}
	checkCollectorEndpoint(f, objs, at, env["OTEL_EXPORTER_OTLP_ENDPOINT"].Value)
}

func checkCollectorEndpoint(f *findings, objs []manifest.Object, at, endpoint string) {
	u, err := url.Parse(endpoint)
	if err != nil || u.Hostname() != CollectorName || u.Port() != strconv.Itoa(CollectorOTLPPort) {
		f.add(at, fmt.Sprintf("OTEL_EXPORTER_OTLP_ENDPOINT=%q, want http://%s:%d", endpoint, CollectorName, CollectorOTLPPort))
		return
	}
	svc, ok := Find[*corev1.Service](objs, "Service", CollectorName)
	if !ok {
		f.add(at, "sends traces to Service/"+CollectorName+", which is missing")
		return
	}
	for _, sp := range svc.Spec.Ports {
		if sp.Port == CollectorOTLPPort {
			return
		}
	}
	f.add("Service/"+CollectorName, fmt.Sprintf("has no port %d", CollectorOTLPPort))
}

// checkShutdown: the kubelet waits terminationGracePeriodSeconds after it starts stopping a pod
// (preStop first, then SIGTERM) before SIGKILL, so the grace period must cover the preStop
// pause plus the binary's own shutdown timeout.
func checkShutdown(f *findings, at string, p Pod, c corev1.Container, env Env) {
	timeout := env["LIAISON_SHUTDOWN_TIMEOUT"].Value
	if timeout == "" {
		timeout = DefaultShutdownTimeout
	}
	d, err := time.ParseDuration(timeout)
	if err != nil {
		f.add(at, fmt.Sprintf("LIAISON_SHUTDOWN_TIMEOUT=%q is not a duration", timeout))
		return
	}
	need := d
	if c.Lifecycle != nil && c.Lifecycle.PreStop != nil && c.Lifecycle.PreStop.Sleep != nil {
		need += time.Duration(c.Lifecycle.PreStop.Sleep.Seconds) * time.Second
	}
	grace := 30 * time.Second // the API server's default
	if p.Spec.TerminationGracePeriodSeconds != nil {
		grace = time.Duration(*p.Spec.TerminationGracePeriodSeconds) * time.Second
	}
	if grace <= need {
		f.add(at, fmt.Sprintf("terminationGracePeriodSeconds (%s) must exceed preStop plus LIAISON_SHUTDOWN_TIMEOUT (%s)", grace, need))
	}
}

// checkScratchSpace: with a read-only root filesystem, /tmp and LIAISON_DATA_DIR must be
// writable volumes.
func checkScratchSpace(f *findings, at string, p Pod, c corev1.Container, env Env) {
	for _, dir := range []string{"/tmp", env["LIAISON_DATA_DIR"].Value} {
		if dir == "" {
			continue
		}
		if !emptyDirAt(p, c, dir) {
			f.add(at, fmt.Sprintf("has no emptyDir mounted at %s", dir))
		}
	}
}

func emptyDirAt(p Pod, c corev1.Container, dir string) bool {
	for _, m := range c.VolumeMounts {
		if m.MountPath != dir || m.ReadOnly {
			continue
		}
		for _, v := range p.Spec.Volumes {
			if v.Name == m.Name && v.EmptyDir != nil {
				return true
			}
		}
	}
	return false
}

func checkDisruptionBudget(f *findings, objs []manifest.Object, p Pod) {
	for _, pdb := range All[*policyv1.PodDisruptionBudget](objs) {
		if pdb.Spec.Selector != nil && matches(pdb.Spec.Selector, p.Labels) {
			// A budget that lets every pod go at once protects nothing.
			if m := pdb.Spec.MinAvailable; m != nil && (m.String() == "0" || m.String() == "0%") {
				f.add("PodDisruptionBudget/"+pdb.Name, "minAvailable 0 lets a drain evict every pod at once")
			}
			if m := pdb.Spec.MaxUnavailable; m != nil && m.String() == "100%" {
				f.add("PodDisruptionBudget/"+pdb.Name, "maxUnavailable 100% lets a drain evict every pod at once")
			}
			return
		}
	}
	f.add(p.Ref(), "has no PodDisruptionBudget")
}

// checkMigration wants Job/<name>-migrate running the Deployment's image with the migrate
// argument against the same database.
func checkMigration(f *findings, objs []manifest.Object, b Binary, served corev1.Container, servedEnv Env) {
	job, ok := PodOf(objs, "Job", b.Name+"-migrate")
	at := "Job/" + b.Name + "-migrate"
	if !ok {
		f.add(at, "is missing")
		return
	}
	if len(job.Spec.Containers) != 1 {
		f.add(at, "must have exactly one container")
		return
	}
	c := job.Spec.Containers[0]
	if c.Image != served.Image {
		f.add(at, fmt.Sprintf("runs image %q, but Deployment/%s runs %q", c.Image, b.Name, served.Image))
	}
	if len(c.Command) != 0 || !slices.Equal(c.Args, []string{MigrateArg}) {
		f.add(at, fmt.Sprintf("must run the image's entrypoint with args [%s], has command %v args %v", MigrateArg, c.Command, c.Args))
	}
	env, err := ResolveEnv(objs, c)
	if err != nil {
		f.add(at, err.Error())
		return
	}
	got, want := env["LIAISON_DATABASE_URL"].Secret, servedEnv["LIAISON_DATABASE_URL"].Secret
	if got == nil || want == nil || *got != *want {
		f.add(at, "must read LIAISON_DATABASE_URL from the same Secret key as the service")
	}
	if job.Spec.RestartPolicy == corev1.RestartPolicyAlways {
		f.add(at, "restartPolicy must be OnFailure or Never")
	}
}

// imageRepository strips the tag or digest.
func imageRepository(image string) string {
	if i := strings.Index(image, "@"); i >= 0 {
		image = image[:i]
	}
	if i := strings.LastIndex(image, ":"); i > strings.LastIndex(image, "/") {
		image = image[:i]
	}
	return image
}
