package checks

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/un-liaison/liaison/deploy/internal/policy"
)

// collectorConfig is the part of the collector's configuration the manifests depend on.
type collectorConfig struct {
	Extensions map[string]struct {
		Endpoint string `json:"endpoint"`
	} `json:"extensions"`
	Receivers map[string]struct {
		Protocols map[string]struct {
			Endpoint string `json:"endpoint"`
		} `json:"protocols"`
	} `json:"receivers"`
	Processors map[string]any `json:"processors"`
	Exporters  map[string]struct {
		Endpoint string `json:"endpoint"`
	} `json:"exporters"`
	Service struct {
		Extensions []string `json:"extensions"`
		Pipelines  map[string]struct {
			Receivers  []string `json:"receivers"`
			Processors []string `json:"processors"`
			Exporters  []string `json:"exporters"`
		} `json:"pipelines"`
	} `json:"service"`
}

// TestCollectorConfigMatchesItsPod reads the pipeline file both Kubernetes and Compose mount:
// every component a pipeline names is defined, OTLP is received on all interfaces at the ports
// the Service and the binaries use, the health endpoint is where the probes look, and the
// exporter's destination comes from TRACE_BACKEND_ENDPOINT, which every overlay sets.
func TestCollectorConfigMatchesItsPod(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(deployDir, "k8s", "base", "otel-collector-config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg collectorConfig
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}

	traces, ok := cfg.Service.Pipelines["traces"]
	if !ok {
		t.Fatal("no traces pipeline")
	}
	for _, r := range traces.Receivers {
		if _, ok := cfg.Receivers[r]; !ok {
			t.Errorf("pipeline names receiver %s, which is not defined", r)
		}
	}
	for _, p := range traces.Processors {
		if _, ok := cfg.Processors[p]; !ok {
			t.Errorf("pipeline names processor %s, which is not defined", p)
		}
	}
	for _, e := range traces.Exporters {
		exp, ok := cfg.Exporters[e]
		if !ok {
			t.Errorf("pipeline names exporter %s, which is not defined", e)
			continue
		}
		if exp.Endpoint != "${env:TRACE_BACKEND_ENDPOINT}" {
			t.Errorf("exporter %s sends to %q, want ${env:TRACE_BACKEND_ENDPOINT}", e, exp.Endpoint)
		}
	}
	if i := slices.Index(traces.Processors, "memory_limiter"); i != 0 {
		t.Errorf("memory_limiter must come first in the pipeline, so it refuses data before anything buffers it")
	}
	for _, e := range cfg.Service.Extensions {
		if _, ok := cfg.Extensions[e]; !ok {
			t.Errorf("service enables extension %s, which is not defined", e)
		}
	}

	for _, o := range overlays {
		objs := render(t, o.name)
		p, ok := policy.PodOf(objs, "Deployment", policy.CollectorName)
		if !ok {
			t.Fatalf("%s: no collector", o.name)
		}
		c, _ := p.Container(policy.CollectorName)
		otlp := cfg.Receivers["otlp"].Protocols
		for proto, port := range map[string]int32{"grpc": policy.CollectorOTLPPort, "http": 4318} {
			want := fmt.Sprintf("0.0.0.0:%d", port)
			if otlp[proto].Endpoint != want {
				t.Errorf("otlp %s receiver listens on %q, want %q", proto, otlp[proto].Endpoint, want)
			}
			if !slices.ContainsFunc(c.Ports, func(cp corev1.ContainerPort) bool { return cp.ContainerPort == port }) {
				t.Errorf("%s: collector container does not declare port %d", o.name, port)
			}
		}
		health := cfg.Extensions["health_check"].Endpoint
		for _, probe := range []string{"liveness", "readiness"} {
			pr := c.LivenessProbe
			if probe == "readiness" {
				pr = c.ReadinessProbe
			}
			if pr == nil || pr.HTTPGet == nil || !strings.HasSuffix(health, ":"+pr.HTTPGet.Port.String()) || !strings.HasPrefix(health, "0.0.0.0:") {
				t.Errorf("%s: collector %s probe does not reach the health_check extension at %s", o.name, probe, health)
			}
		}
		env, err := policy.ResolveEnv(objs, c)
		if err != nil {
			t.Fatal(err)
		}
		if env["TRACE_BACKEND_ENDPOINT"].Value == "" {
			t.Errorf("%s: TRACE_BACKEND_ENDPOINT is not set, so the collector cannot start", o.name)
		}
	}
}
