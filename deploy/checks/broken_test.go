package checks

import (
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
	"github.com/un-liaison/liaison/deploy/internal/policy"
)

// mutated returns objs with one object replaced by a changed deep copy, leaving the shared
// rendering untouched.
func mutated(t *testing.T, objs []manifest.Object, kind, name string, change func(runtime.Object)) []manifest.Object {
	t.Helper()
	out := make([]manifest.Object, len(objs))
	copy(out, objs)
	for i, o := range out {
		if o.Kind == kind && o.Name == name {
			o.Typed = o.Typed.DeepCopyObject()
			change(o.Typed)
			out[i] = o
			return out
		}
	}
	t.Fatalf("no %s/%s to change", kind, name)
	return nil
}

// without returns objs less every object of kind (and name, when not empty).
func without(objs []manifest.Object, kind, name string) []manifest.Object {
	var out []manifest.Object
	for _, o := range objs {
		if o.Kind == kind && (name == "" || o.Name == name) {
			continue
		}
		out = append(out, o)
	}
	return out
}

func container(name string) func(runtime.Object) *corev1.Container {
	return func(o runtime.Object) *corev1.Container {
		var spec *corev1.PodSpec
		switch w := o.(type) {
		case *appsv1.Deployment:
			spec = &w.Spec.Template.Spec
		case *batchv1.Job:
			spec = &w.Spec.Template.Spec
		}
		for i := range spec.Containers {
			if spec.Containers[i].Name == name {
				return &spec.Containers[i]
			}
		}
		panic("no container " + name)
	}
}

func deployment(o runtime.Object) *appsv1.Deployment { return o.(*appsv1.Deployment) }

// TestBrokenManifestsFail proves the rules bite: each case breaks one thing in an otherwise
// passing overlay and expects a finding that names it.
func TestBrokenManifestsFail(t *testing.T) {
	// setting adds a variable to the liaison-config ConfigMap.
	setting := func(name, value string) func([]manifest.Object) []manifest.Object {
		return func(o []manifest.Object) []manifest.Object {
			for _, obj := range o {
				if cm, ok := obj.Typed.(*corev1.ConfigMap); ok && strings.HasPrefix(cm.Name, "liaison-config") {
					return mutated(t, o, "ConfigMap", cm.Name, func(c runtime.Object) {
						c.(*corev1.ConfigMap).Data[name] = value
					})
				}
			}
			return o
		}
	}
	documented := documentedSecrets(t)
	registry, gateway := container("registry"), container("gateway")
	f := false
	tr := true
	cases := []struct {
		name    string
		overlay string
		break_  func([]manifest.Object) []manifest.Object
		check   func([]manifest.Object) []string
		want    string
	}{
		{"no-readiness-probe", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "registry", func(d runtime.Object) { registry(d).ReadinessProbe = nil })
		}, nil, "container registry: has no readinessProbe"},
		{"no-liveness-probe", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "gateway", func(d runtime.Object) { gateway(d).LivenessProbe = nil })
		}, nil, "container gateway: has no livenessProbe"},
		{"no-limits", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "gateway", func(d runtime.Object) { gateway(d).Resources.Limits = nil })
		}, nil, "has no memory limit"},
		{"no-requests", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "registry", func(d runtime.Object) { registry(d).Resources.Requests = nil })
		}, nil, "has no cpu request"},
		{"writable-root", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "registry", func(d runtime.Object) { registry(d).SecurityContext.ReadOnlyRootFilesystem = &f })
		}, nil, "readOnlyRootFilesystem is not true"},
		{"privilege-escalation-unset", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "registry", func(d runtime.Object) { registry(d).SecurityContext.AllowPrivilegeEscalation = nil })
		}, nil, "allowPrivilegeEscalation is not false"},
		{"capabilities-kept", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "registry", func(d runtime.Object) { registry(d).SecurityContext.Capabilities = nil })
		}, nil, "does not drop ALL capabilities"},
		{"root-allowed", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "events", func(d runtime.Object) {
				deployment(d).Spec.Template.Spec.SecurityContext.RunAsNonRoot = nil
				container("events")(d).SecurityContext.RunAsNonRoot = nil
			})
		}, nil, "runAsNonRoot is not true"},
		{"probe-on-wrong-port", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "registry", func(d runtime.Object) { registry(d).ReadinessProbe.GRPC.Port = 9009 })
		}, nil, "readinessProbe must be a gRPC probe of liaison.registry.v1.RegistryService on port 9001"},
		{"probe-of-wrong-service", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "registry", func(d runtime.Object) {
				s := "liaison.events.v1.EventsService"
				registry(d).ReadinessProbe.GRPC.Service = &s
			})
		}, nil, "readinessProbe must be a gRPC probe of liaison.registry.v1.RegistryService"},
		{"gateway-ready-on-liveness-path", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "gateway", func(d runtime.Object) { gateway(d).ReadinessProbe.HTTPGet.Path = "/healthz" })
		}, nil, "readinessProbe must GET /readyz on port 8080"},
		{"listens-on-loopback", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "registry", func(d runtime.Object) { registry(d).Env[0].Value = "127.0.0.1:9001" })
		}, nil, `LIAISON_REGISTRY_ADDR="127.0.0.1:9001", want "0.0.0.0:9001"`},
		{"undocumented-secret-key", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "events", func(d runtime.Object) {
				container("events")(d).Env[1].ValueFrom.SecretKeyRef.Key = "database-password"
			})
		}, nil, "reads Secret key liaison-secrets/database-password, which deploy/README.md does not document"},
		{"grace-shorter-than-shutdown", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "accreditation", func(d runtime.Object) {
				s := int64(10)
				deployment(d).Spec.Template.Spec.TerminationGracePeriodSeconds = &s
			})
		}, nil, "terminationGracePeriodSeconds (10s) must exceed preStop plus LIAISON_SHUTDOWN_TIMEOUT (13s)"},
		{"latest-image", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "registry", func(d runtime.Object) { registry(d).Image = "registry.example.org/liaison/registry:latest" })
		}, nil, "must name a release tag or digest"},
		{"migration-on-another-release", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Job", "events-migrate", func(j runtime.Object) { container("migrate")(j).Image = "registry.example.org/liaison/events:0.0.9" })
		}, nil, "Job/events-migrate: runs image"},
		{"no-disruption-budget", "dev", func(o []manifest.Object) []manifest.Object {
			return without(o, "PodDisruptionBudget", "gateway")
		}, nil, "Deployment/gateway: has no PodDisruptionBudget"},
		{"service-open-to-all", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "NetworkPolicy", "accreditation-ingress", func(n runtime.Object) {
				n.(*networkingv1.NetworkPolicy).Spec.Ingress[0].From = nil
			})
		}, nil, "Deployment/accreditation: port 9002 is reachable from"},
		{"grpc-service-behind-virtual-ip", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Service", "events", func(s runtime.Object) { s.(*corev1.Service).Spec.ClusterIP = "" })
		}, nil, "Service/events: must be headless"},
		{"no-default-deny", "dev", func(o []manifest.Object) []manifest.Object {
			return without(o, "NetworkPolicy", "default-deny-ingress")
		}, nil, "no default-deny ingress policy"},
		{"collector-closed", "prod", func(o []manifest.Object) []manifest.Object {
			return without(o, "NetworkPolicy", "otel-collector-ingress")
		}, nil, "port 4317 is closed to gateway"},
		{"dev-without-postgres", "dev", func(o []manifest.Object) []manifest.Object {
			return without(o, "StatefulSet", "postgres")
		}, policy.CheckDev, "dev needs an in-cluster postgres"},
		{"dev-autoscaled", "dev", func(o []manifest.Object) []manifest.Object {
			return append(slices.Clone(o), manifest.Object{Kind: "HorizontalPodAutoscaler", Name: "registry", Typed: &autoscalingv2.HorizontalPodAutoscaler{}})
		}, policy.CheckDev, "dev pins one replica"},
		{"prod-not-autoscaled", "prod", func(o []manifest.Object) []manifest.Object {
			return without(o, "HorizontalPodAutoscaler", "events")
		}, policy.CheckProd, "Deployment/events: has no HorizontalPodAutoscaler"},
		{"prod-one-replica", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "gateway", func(d runtime.Object) {
				one := int32(1)
				deployment(d).Spec.Replicas = &one
			})
		}, policy.CheckProd, "replicas 1; production runs at least two"},
		{"prod-pinned-clock", "prod", setting("LIAISON_NOW", "2025-05-19T09:00:00Z"), policy.CheckProd, "sets LIAISON_NOW"},
		{"prod-dev-mode", "prod", setting("LIAISON_DEV_MODE", "1"), nil, "sets LIAISON_DEV_MODE"},
		{"dev-dev-mode", "dev", setting("LIAISON_DEV_MODE", "1"), nil, "sets LIAISON_DEV_MODE"},
		{"prod-privileged", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "otel-collector", func(d runtime.Object) {
				container("otel-collector")(d).SecurityContext.Privileged = &tr
			})
		}, nil, "is privileged"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			objs := c.break_(render(t, c.overlay))
			check := c.check
			if check == nil {
				check = func(o []manifest.Object) []string { return policy.CheckAll(o, documented) }
			}
			got := check(objs)
			for _, f := range got {
				if strings.Contains(f, c.want) {
					return
				}
			}
			t.Fatalf("want a finding containing %q, got %d:\n%s", c.want, len(got), strings.Join(got, "\n"))
		})
	}
}

// TestManifestWithoutProbesOrLimitsFails starts from YAML, as an operator's own addition would:
// a plain Deployment with none of the required settings fails on each of them.
func TestManifestWithoutProbesOrLimitsFails(t *testing.T) {
	obj, err := manifest.Decode([]byte(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: registry
spec:
  selector: {matchLabels: {app.kubernetes.io/name: registry}}
  template:
    metadata: {labels: {app.kubernetes.io/name: registry}}
    spec:
      containers:
        - name: registry
          image: liaison/registry:1.0.0
          ports: [{name: grpc, containerPort: 9001}]
`))
	if err != nil {
		t.Fatal(err)
	}
	got := policy.CheckPod(policy.Pods([]manifest.Object{obj})[0])
	for _, want := range []string{
		"has no livenessProbe", "has no readinessProbe", "has no cpu limit", "has no memory limit",
		"has no cpu request", "has no memory request", "runAsNonRoot is not true",
		"readOnlyRootFilesystem is not true", "allowPrivilegeEscalation is not false",
		"does not drop ALL capabilities", "seccomp", "automountServiceAccountToken",
	} {
		if !containsFinding(got, want) {
			t.Errorf("no finding about %q; got:\n%s", want, strings.Join(got, "\n"))
		}
	}
}

func containsFinding(findings []string, want string) bool {
	for _, f := range findings {
		if strings.Contains(f, want) {
			return true
		}
	}
	return false
}
