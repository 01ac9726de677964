package checks

import (
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
	"github.com/un-liaison/liaison/deploy/internal/policy"
)

// generatedName is the name kustomize gave the generated object whose name starts with prefix.
func generatedName(t *testing.T, objs []manifest.Object, kind, prefix string) string {
	t.Helper()
	for _, o := range objs {
		if o.Kind == kind && strings.HasPrefix(o.Name, prefix) {
			return o.Name
		}
	}
	t.Fatalf("no %s named %s*", kind, prefix)
	return ""
}

func setEnv(c *corev1.Container, name, value string) {
	for i := range c.Env {
		if c.Env[i].Name == name {
			c.Env[i] = corev1.EnvVar{Name: name, Value: value}
			return
		}
	}
	c.Env = append(c.Env, corev1.EnvVar{Name: name, Value: value})
}

// TestRunningManyReplicasRulesBite breaks, one at a time, what running many replicas behind
// the Ingress relies on, and expects a finding that names it.
func TestRunningManyReplicasRulesBite(t *testing.T) {
	documented := documentedSecrets(t)
	gateway, collector := container("gateway"), container(policy.CollectorName)
	cases := []struct {
		name, overlay string
		break_        func([]manifest.Object) []manifest.Object
		want          string
	}{
		{"budget-of-zero", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "PodDisruptionBudget", "registry", func(p runtime.Object) {
				zero := intstr.FromInt32(0)
				p.(*policyv1.PodDisruptionBudget).Spec.MaxUnavailable = nil
				p.(*policyv1.PodDisruptionBudget).Spec.MinAvailable = &zero
			})
		}, "PodDisruptionBudget/registry: minAvailable 0"},
		{"admin-port-open-to-all", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "NetworkPolicy", "admin-scrape", func(n runtime.Object) {
				n.(*networkingv1.NetworkPolicy).Spec.Ingress[0].From = nil
			})
		}, "admin port 9090 is reachable from"},
		{"admin-port-open-to-an-address-block", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "NetworkPolicy", "admin-scrape", func(n runtime.Object) {
				n.(*networkingv1.NetworkPolicy).Spec.Ingress[0].From = []networkingv1.NetworkPolicyPeer{{IPBlock: &networkingv1.IPBlock{CIDR: "0.0.0.0/0"}}}
			})
		}, "admin port 9090 is open to the address block 0.0.0.0/0"},
		{"database-password-in-a-configmap", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "ConfigMap", generatedName(t, o, "ConfigMap", "liaison-config"), func(c runtime.Object) {
				c.(*corev1.ConfigMap).Data["LIAISON_DATABASE_URL"] = "postgres://liaison:hunter2@db.example.org/liaison"
			})
		}, "key LIAISON_DATABASE_URL is a URL with a password"},
		{"password-named-key-in-a-configmap", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "ConfigMap", generatedName(t, o, "ConfigMap", "otel-collector-env"), func(c runtime.Object) {
				c.(*corev1.ConfigMap).Data["BACKEND_PASSWORD"] = "hunter2"
			})
		}, "key BACKEND_PASSWORD holds a credential"},
		{"collector-metrics-undeclared", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", policy.CollectorName, func(d runtime.Object) {
				c := collector(d)
				c.Ports = slices.DeleteFunc(c.Ports, func(p corev1.ContainerPort) bool { return p.ContainerPort == policy.CollectorMetricsPort })
			})
		}, "does not declare its metrics port 8888"},
		{"collector-metrics-closed", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "NetworkPolicy", "otel-collector-ingress", func(n runtime.Object) {
				np := n.(*networkingv1.NetworkPolicy)
				np.Spec.Ingress = np.Spec.Ingress[:1]
			})
		}, "metrics port 8888 is closed to the monitoring namespace"},
		{"no-trusted-proxies", "prod", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "gateway", func(d runtime.Object) {
				c := gateway(d)
				c.Env = slices.DeleteFunc(c.Env, func(e corev1.EnvVar) bool { return e.Name == "LIAISON_TRUSTED_PROXIES" })
			})
		}, "sets no LIAISON_TRUSTED_PROXIES"},
		{"trusting-everyone", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "gateway", func(d runtime.Object) { setEnv(gateway(d), "LIAISON_TRUSTED_PROXIES", "0.0.0.0/0") })
		}, "trusts every address"},
		{"misspelt-variable", "dev", func(o []manifest.Object) []manifest.Object {
			return mutated(t, o, "Deployment", "gateway", func(d runtime.Object) { setEnv(gateway(d), "LIAISON_TRUSTED_PROXY", "10.0.0.0/8") })
		}, "sets LIAISON_TRUSTED_PROXY, which no liaison binary reads"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := policy.CheckAll(c.break_(render(t, c.overlay)), documented)
			if !containsFinding(got, c.want) {
				t.Fatalf("want a finding containing %q, got %d:\n%s", c.want, len(got), strings.Join(got, "\n"))
			}
		})
	}
}

// Variables the binaries and the OpenTelemetry SDK read pass, as the binaries' own settings do.
func TestVariablesTheSDKReadsAreAccepted(t *testing.T) {
	objs := mutated(t, render(t, "prod"), "Deployment", "gateway", func(d runtime.Object) {
		c := container("gateway")(d)
		setEnv(c, "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod")
		setEnv(c, "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")
		setEnv(c, "LIAISON_GRPC_MAX_CONNECTION_AGE", "5m")
		setEnv(c, "LIAISON_DATABASE_POOL_MODE", "transaction")
	})
	for _, f := range policy.CheckAll(objs, documentedSecrets(t)) {
		if strings.Contains(f, "which no liaison binary reads") {
			t.Errorf("refused: %s", f)
		}
	}
}
