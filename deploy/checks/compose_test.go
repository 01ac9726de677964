package checks

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	corev1 "k8s.io/api/core/v1"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
	"github.com/un-liaison/liaison/deploy/internal/policy"
)

// loadCompose parses deploy/compose/compose.yaml with the compose-spec loader (schema
// validation, anchors, env_file resolution) in an empty environment, so nothing from the
// machine running the test leaks in.
func loadCompose(t *testing.T) *types.Project {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join(deployDir, "compose"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir:  dir,
		ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(dir, "compose.yaml")}},
		Environment: types.Mapping{},
	})
	if err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	p, err = p.WithServicesEnvironmentResolved(true)
	if err != nil {
		t.Fatalf("compose.yaml env_file: %v", err)
	}
	return p
}

func composeService(t *testing.T, p *types.Project, name string) types.ServiceConfig {
	t.Helper()
	s, err := p.GetService(name)
	if err != nil {
		t.Fatalf("compose.yaml: no service %s", name)
	}
	return s
}

func composeEnv(s types.ServiceConfig) map[string]string {
	out := map[string]string{}
	for k, v := range s.Environment {
		if v != nil {
			out[k] = *v
		}
	}
	return out
}

// devContainer returns the dev overlay's container for a compose service to be compared with.
func devContainer(t *testing.T, objs []manifest.Object, kind, workload, name string) (policy.Pod, corev1.Container, policy.Env) {
	t.Helper()
	p, ok := policy.PodOf(objs, kind, workload)
	if !ok {
		t.Fatalf("dev overlay: no %s/%s", kind, workload)
	}
	c, ok := p.Container(name)
	if !ok {
		t.Fatalf("dev overlay: %s has no container %s", p.Ref(), name)
	}
	env, err := policy.ResolveEnv(objs, c)
	if err != nil {
		t.Fatalf("dev overlay: %s: %v", p.Ref(), err)
	}
	return p, c, env
}

func diffEnv(want, got map[string]string) []string {
	var d []string
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[k]; !ok {
			d = append(d, fmt.Sprintf("%s missing (dev: %q)", k, want[k]))
		} else if g != want[k] {
			d = append(d, fmt.Sprintf("%s=%q, dev has %q", k, g, want[k]))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			d = append(d, fmt.Sprintf("%s=%q is not in dev", k, got[k]))
		}
	}
	return d
}

// expectedHealthcheck is the compose twin of a Kubernetes readiness probe: the same question,
// asked by /healthprobe from inside the container.
func expectedHealthcheck(p *corev1.Probe) []string {
	switch {
	case p.GRPC != nil:
		hc := []string{"CMD", "/healthprobe", "grpc", "127.0.0.1:" + strconv.Itoa(int(p.GRPC.Port))}
		if p.GRPC.Service != nil && *p.GRPC.Service != "" {
			hc = append(hc, *p.GRPC.Service)
		}
		return hc
	case p.HTTPGet != nil:
		return []string{"CMD", "/healthprobe", "http", fmt.Sprintf("http://127.0.0.1:%s%s", p.HTTPGet.Port.String(), p.HTTPGet.Path)}
	}
	return nil
}

// TestComposeMatchesDevOverlay holds each liaison container in compose.yaml to its dev overlay
// twin: same image, same environment (names and values, secrets included), same ports, the
// readiness probe as healthcheck, the same restrictions and the same time to shut down.
func TestComposeMatchesDevOverlay(t *testing.T) {
	project := loadCompose(t)
	objs := render(t, "dev")
	builds := imageBuilds(t, nil)

	for _, b := range policy.Binaries {
		t.Run(b.Name, func(t *testing.T) {
			s := composeService(t, project, b.Name)
			pod, c, env := devContainer(t, objs, "Deployment", b.Name, b.Name)

			if s.Image != c.Image {
				t.Errorf("image %q, dev runs %q", s.Image, c.Image)
			}
			checkComposeBuild(t, s, builds)
			for _, d := range diffEnv(env.Plain(), composeEnv(s)) {
				t.Errorf("environment: %s", d)
			}
			for _, port := range []int32{b.Port, policy.AdminPort} {
				if !slices.Contains([]string(s.Expose), strconv.Itoa(int(port))) {
					t.Errorf("does not expose %d", port)
				}
			}
			if s.HealthCheck == nil || !slices.Equal([]string(s.HealthCheck.Test), expectedHealthcheck(c.ReadinessProbe)) {
				t.Errorf("healthcheck %v, want %v (the dev readiness probe)", healthcheckTest(s), expectedHealthcheck(c.ReadinessProbe))
			}
			checkComposeHardening(t, s, pod, env["LIAISON_DATA_DIR"].Value)
			if grace := *pod.Spec.TerminationGracePeriodSeconds; s.StopGracePeriod == nil || time.Duration(*s.StopGracePeriod) != time.Duration(grace)*time.Second {
				t.Errorf("stop_grace_period %v, dev's terminationGracePeriodSeconds is %ds", s.StopGracePeriod, grace)
			}
			if b.Database {
				checkComposeMigration(t, project, objs, b, s)
			}
		})
	}
}

func healthcheckTest(s types.ServiceConfig) []string {
	if s.HealthCheck == nil {
		return nil
	}
	return s.HealthCheck.Test
}

func checkComposeBuild(t *testing.T, s types.ServiceConfig, builds []build) {
	t.Helper()
	if s.Build == nil {
		t.Errorf("has no build section, so `docker compose up --build` cannot make %s", s.Image)
		return
	}
	root, _ := filepath.Abs(repoRoot)
	if filepath.Clean(s.Build.Context) != root || s.Build.Dockerfile != "deploy/Dockerfile" {
		t.Errorf("builds %s with %s, want the repository root with deploy/Dockerfile", s.Build.Context, s.Build.Dockerfile)
	}
	i := slices.IndexFunc(builds, func(b build) bool { return b.image == s.Image })
	if i < 0 {
		t.Errorf("image %s is not one deploy/images.sh builds", s.Image)
		return
	}
	if arg := s.Build.Args["BINARY"]; arg == nil || *arg != builds[i].binary {
		t.Errorf("build arg BINARY=%v, images.sh builds %s from %s", arg, s.Image, builds[i].binary)
	}
}

// checkComposeHardening: compose's words for the pod's securityContext.
func checkComposeHardening(t *testing.T, s types.ServiceConfig, pod policy.Pod, dataDir string) {
	t.Helper()
	want := fmt.Sprintf("%d:%d", *pod.Spec.SecurityContext.RunAsUser, *pod.Spec.SecurityContext.RunAsGroup)
	if s.User != want {
		t.Errorf("user %q, dev runs as %s", s.User, want)
	}
	if !s.ReadOnly {
		t.Error("root filesystem is writable (read_only: true in dev)")
	}
	if !slices.Contains(s.CapDrop, "ALL") {
		t.Error("keeps capabilities (cap_drop: [ALL] in dev)")
	}
	if !slices.Contains(s.SecurityOpt, "no-new-privileges:true") {
		t.Error("allows privilege escalation (security_opt: no-new-privileges:true)")
	}
	for _, dir := range []string{"/tmp", dataDir} {
		if !slices.Contains([]string(s.Tmpfs), dir) {
			t.Errorf("no tmpfs at %s, which dev mounts as an emptyDir", dir)
		}
	}
}

// checkComposeMigration: a one-shot <name>-migrate service runs the same image with `migrate`
// against the same database, and the service waits for it to succeed, as the Job does in dev.
func checkComposeMigration(t *testing.T, project *types.Project, objs []manifest.Object, b policy.Binary, served types.ServiceConfig) {
	t.Helper()
	name := b.Name + "-migrate"
	m := composeService(t, project, name)
	_, job, jobEnv := devContainer(t, objs, "Job", name, "migrate")
	if m.Image != served.Image {
		t.Errorf("%s runs %s, the service runs %s", name, m.Image, served.Image)
	}
	if !slices.Equal([]string(m.Command), job.Args) || len(m.Entrypoint) != 0 {
		t.Errorf("%s runs %v, the dev Job runs the entrypoint with %v", name, m.Command, job.Args)
	}
	for _, d := range diffEnv(jobEnv.Plain(), composeEnv(m)) {
		t.Errorf("%s environment: %s", name, d)
	}
	if dep, ok := served.DependsOn[name]; !ok || dep.Condition != types.ServiceConditionCompletedSuccessfully {
		t.Errorf("does not wait for %s to complete successfully", name)
	}
	checkComposeHardening(t, m, policy.Pod{Spec: *jobSpec(t, objs, name)}, jobEnv["LIAISON_DATA_DIR"].Value)
}

func jobSpec(t *testing.T, objs []manifest.Object, name string) *corev1.PodSpec {
	t.Helper()
	p, ok := policy.PodOf(objs, "Job", name)
	if !ok {
		t.Fatalf("dev overlay: no Job/%s", name)
	}
	return &p.Spec
}

// TestComposeRunsTheSameBackingServices: PostgreSQL, Redis, the collector, Jaeger and the
// identity provider with its sign-in app run the dev overlay's images, the collector with the same pipeline file and the same trace store,
// and the database credentials agree with the DSN the services use.
func TestComposeRunsTheSameBackingServices(t *testing.T) {
	project := loadCompose(t)
	objs := render(t, "dev")

	for _, dep := range []struct {
		kind, name string
		sameEnv    bool // PostgreSQL's differs: dev needs PGDATA below its volume's root
	}{
		{"StatefulSet", "postgres", false}, {"Deployment", "redis", true},
		{"Deployment", "jaeger", true}, {"Deployment", policy.CollectorName, true},
		{"Deployment", "hydra", true}, {"Deployment", "idplogin", true},
	} {
		s := composeService(t, project, dep.name)
		_, c, env := devContainer(t, objs, dep.kind, dep.name, dep.name)
		if s.Image != c.Image {
			t.Errorf("%s: image %q, dev runs %q", dep.name, s.Image, c.Image)
		}
		if !slices.Equal([]string(s.Command), c.Args) || len(c.Command) != 0 {
			t.Errorf("%s: runs %v, dev runs %v", dep.name, s.Command, c.Args)
		}
		if dep.sameEnv {
			for _, d := range diffEnv(env.Plain(), composeEnv(s)) {
				t.Errorf("%s environment: %s", dep.name, d)
			}
		}
	}

	collector := composeService(t, project, policy.CollectorName)
	_, c, env := devContainer(t, objs, "Deployment", policy.CollectorName, policy.CollectorName)
	configFile, _ := filepath.Abs(filepath.Join(deployDir, "k8s", "base", "otel-collector-config.yaml"))
	mounted := false
	for _, v := range collector.Volumes {
		if v.Source == configFile && v.Target == strings.TrimPrefix(c.Args[0], "--config=") && v.ReadOnly {
			mounted = true
		}
	}
	if !mounted {
		t.Errorf("collector does not mount k8s/base/otel-collector-config.yaml read-only at the path dev's --config names")
	}
	backend := composeEnv(collector)["TRACE_BACKEND_ENDPOINT"]
	if want := env["TRACE_BACKEND_ENDPOINT"].Value; backend != want {
		t.Errorf("collector forwards to %q, dev forwards to %q", backend, want)
	}
	if host, _, _ := strings.Cut(backend, ":"); host != "jaeger" {
		t.Errorf("collector forwards to %q, want the jaeger service", backend)
	}

	pg := composeEnv(composeService(t, project, "postgres"))
	_, _, regEnv := devContainer(t, objs, "Deployment", "registry", "registry")
	dsn, err := url.Parse(regEnv["LIAISON_DATABASE_URL"].Value)
	if err != nil || dsn.User == nil {
		t.Fatalf("dev database-url %q does not parse", regEnv["LIAISON_DATABASE_URL"].Value)
	}
	pw, _ := dsn.User.Password()
	if dsn.User.Username() != pg["POSTGRES_USER"] || pw != pg["POSTGRES_PASSWORD"] || strings.TrimPrefix(dsn.Path, "/") != pg["POSTGRES_DB"] {
		t.Errorf("postgres credentials %v do not match the services' DSN", pg)
	}
}
