package policy

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

// CheckAll runs the rules that hold in every environment.
func CheckAll(objs []manifest.Object, documented map[SecretRef]bool) []string {
	var f []string
	for _, p := range Pods(objs) {
		f = append(f, CheckPod(p)...)
	}
	f = append(f, CheckBinaries(objs)...)
	f = append(f, CheckNetwork(objs)...)
	f = append(f, CheckSecretRefs(objs, documented)...)
	f = append(f, CheckIngress(objs)...)
	f = append(f, CheckConfigMaps(objs)...)
	f = append(f, CheckIdentity(objs)...)
	return f
}

// CheckIdentity wants every binary to verify tokens of an identity provider, in every overlay:
// dev mode trusts a signing key published with the source, which only a developer's laptop
// (`liaison dev`, `make run`) may do.
func CheckIdentity(objs []manifest.Object) []string {
	var f findings
	for _, b := range Binaries {
		p, ok := PodOf(objs, "Deployment", b.Name)
		if !ok {
			continue
		}
		c, _ := p.Container(b.Name)
		env, err := ResolveEnv(objs, c)
		if err != nil {
			continue
		}
		if _, ok := env["LIAISON_DEV_MODE"]; ok {
			f.add(p.Ref(), "sets LIAISON_DEV_MODE: no cluster trusts the dev signing key")
		}
		if env["LIAISON_JWKS_URL"].Value == "" || env["LIAISON_OIDC_ISSUER"].Value == "" {
			f.add(p.Ref(), "names no identity provider (LIAISON_JWKS_URL, LIAISON_OIDC_ISSUER)")
		}
	}
	return f
}

// CheckIngress wants the gateway, and only the gateway, published through an Ingress.
func CheckIngress(objs []manifest.Object) []string {
	var f findings
	gw, _ := BinaryNamed("gateway")
	routed := false
	for _, ing := range All[*networkingv1.Ingress](objs) {
		for _, rule := range ing.Spec.Rules {
			if rule.HTTP == nil {
				continue
			}
			for _, path := range rule.HTTP.Paths {
				be := path.Backend.Service
				if be == nil {
					continue
				}
				if be.Name != gw.Name {
					f.add("Ingress/"+ing.Name, fmt.Sprintf("publishes Service/%s; only the gateway is public", be.Name))
					continue
				}
				if servicePort(objs, be.Name, be.Port) == gw.Port && path.Path == "/" {
					routed = true
				}
			}
		}
	}
	if !routed {
		f.add("Ingress", fmt.Sprintf("no Ingress routes / to Service/%s port %d", gw.Name, gw.Port))
	}
	return f
}

// servicePort resolves an Ingress backend port (number or name) to the Service's port number.
func servicePort(objs []manifest.Object, service string, p networkingv1.ServiceBackendPort) int32 {
	svc, ok := Find[*corev1.Service](objs, "Service", service)
	if !ok {
		return 0
	}
	for _, sp := range svc.Spec.Ports {
		if (p.Name != "" && sp.Name == p.Name) || (p.Name == "" && sp.Port == p.Number) {
			return sp.Port
		}
	}
	return 0
}

// CheckDev holds the dev overlay to what it promises: one replica of everything, nothing
// autoscaled, and PostgreSQL and Redis inside the namespace, where the dev Secret points.
func CheckDev(objs []manifest.Object) []string {
	var f findings
	for _, p := range Pods(objs) {
		if p.LongRunning() && (p.Replicas == nil || *p.Replicas != 1) {
			f.add(p.Ref(), "dev runs exactly one replica")
		}
	}
	for _, h := range All[*autoscalingv2.HorizontalPodAutoscaler](objs) {
		f.add("HorizontalPodAutoscaler/"+h.Name, "dev pins one replica; an autoscaler would fight it")
	}
	for _, dep := range []struct {
		name, secretKey, scheme string
		port                    int32
	}{
		{"postgres", "database-url", "postgres", 5432},
		{"redis", "redis-url", "redis", 6379},
	} {
		checkInClusterDependency(&f, objs, dep.name, dep.port)
		raw := secretValue(objs, "liaison-secrets", dep.secretKey)
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != dep.scheme || u.Hostname() != dep.name || u.Port() != fmt.Sprint(dep.port) {
			f.add("Secret/liaison-secrets", fmt.Sprintf("%s=%q does not point at the in-cluster %s:%d", dep.secretKey, raw, dep.name, dep.port))
		}
	}
	if pg, ok := PodOf(objs, "StatefulSet", "postgres"); ok {
		if c, ok := pg.Container("postgres"); ok {
			env, err := ResolveEnv(objs, c)
			dsn, _ := url.Parse(secretValue(objs, "liaison-secrets", "database-url"))
			if err != nil || dsn == nil || dsn.User == nil {
				f.add(pg.Ref(), "cannot compare its credentials with liaison-secrets/database-url")
			} else if pw, _ := dsn.User.Password(); dsn.User.Username() != env["POSTGRES_USER"].Value || pw != env["POSTGRES_PASSWORD"].Value ||
				strings.TrimPrefix(dsn.Path, "/") != env["POSTGRES_DB"].Value {
				f.add(pg.Ref(), "POSTGRES_USER/PASSWORD/DB differ from liaison-secrets/database-url")
			}
		}
	}
	return f
}

// checkInClusterDependency wants a pod running the image called name (postgres, redis) behind a
// Service of that name on its usual port.
func checkInClusterDependency(f *findings, objs []manifest.Object, name string, port int32) {
	for _, p := range Pods(objs) {
		for _, c := range p.Spec.Containers {
			if path.Base(imageRepository(c.Image)) == name {
				if svc, ok := Find[*corev1.Service](objs, "Service", name); ok && selects(svc.Spec.Selector, p.Labels) && hasPort(svc, port) {
					return
				}
			}
		}
	}
	f.add(name, fmt.Sprintf("dev needs an in-cluster %s behind Service/%s port %d", name, name, port))
}

func hasPort(svc *corev1.Service, port int32) bool {
	for _, sp := range svc.Spec.Ports {
		if sp.Port == port {
			return true
		}
	}
	return false
}

func secretValue(objs []manifest.Object, name, key string) string {
	s, ok := Find[*corev1.Secret](objs, "Secret", name)
	if !ok {
		return ""
	}
	if v, ok := s.Data[key]; ok {
		return string(v)
	}
	return s.StringData[key]
}

// CheckProd holds the prod overlay to what production needs: at least two replicas of every
// binary and of the collector, each binary autoscaled from there, managed PostgreSQL and Redis
// (none in the cluster, and no credentials in the manifests), real token verification, real
// time, and TLS at the edge.
func CheckProd(objs []manifest.Object) []string {
	var f findings
	hpas := All[*autoscalingv2.HorizontalPodAutoscaler](objs)
	for _, b := range Binaries {
		p, ok := PodOf(objs, "Deployment", b.Name)
		if !ok {
			continue // CheckBinaries reports it
		}
		if p.Replicas != nil && *p.Replicas < 2 {
			f.add(p.Ref(), fmt.Sprintf("replicas %d; production runs at least two", *p.Replicas))
		}
		i := slices.IndexFunc(hpas, func(h *autoscalingv2.HorizontalPodAutoscaler) bool {
			t := h.Spec.ScaleTargetRef
			return t.Kind == "Deployment" && t.Name == b.Name && t.APIVersion == "apps/v1"
		})
		if i < 0 {
			f.add(p.Ref(), "has no HorizontalPodAutoscaler")
			continue
		}
		h := hpas[i]
		if h.Spec.MinReplicas == nil || *h.Spec.MinReplicas < 2 {
			f.add("HorizontalPodAutoscaler/"+h.Name, "minReplicas must be at least 2")
		}
		if h.Spec.MinReplicas != nil && h.Spec.MaxReplicas <= *h.Spec.MinReplicas {
			f.add("HorizontalPodAutoscaler/"+h.Name, "maxReplicas leaves no room to scale")
		}
		if len(h.Spec.Metrics) == 0 {
			f.add("HorizontalPodAutoscaler/"+h.Name, "has no metric to scale on")
		}
		c, _ := p.Container(b.Name)
		if _, ok := c.Resources.Requests[corev1.ResourceCPU]; !ok {
			f.add(p.Ref(), "CPU utilisation autoscaling needs a CPU request")
		}
		env, err := ResolveEnv(objs, c)
		if err != nil {
			continue
		}
		if _, ok := env["LIAISON_NOW"]; ok {
			f.add(p.Ref(), "sets LIAISON_NOW: production runs on real time")
		}
		if u, err := url.Parse(env["LIAISON_JWKS_URL"].Value); err != nil || u.Scheme != "https" || u.Host == "" {
			f.add(p.Ref(), "LIAISON_JWKS_URL must be an https URL: production verifies tokens of the identity provider")
		}
	}
	if p, ok := PodOf(objs, "Deployment", CollectorName); ok && (p.Replicas == nil || *p.Replicas < 2) {
		f.add(p.Ref(), "production runs at least two collectors")
	}
	for _, p := range Pods(objs) {
		for _, c := range p.Spec.Containers {
			if repo := path.Base(imageRepository(c.Image)); repo == "postgres" || repo == "redis" {
				f.add(p.Ref(), "production uses a managed PostgreSQL and Redis, not one in the cluster")
			}
			if strings.HasPrefix(c.Image, "liaison/") {
				f.add(p.Ref(), fmt.Sprintf("image %q is a local build name; production pulls from a registry", c.Image))
			}
		}
	}
	for _, s := range All[*corev1.Secret](objs) {
		f.add("Secret/"+s.Name, "production credentials are created by the operator, never kept in the manifests")
	}
	for _, cm := range All[*corev1.ConfigMap](objs) {
		if _, ok := cm.Data["LIAISON_NOW"]; ok {
			f.add("ConfigMap/"+cm.Name, "sets LIAISON_NOW: production runs on real time")
		}
	}
	tls := false
	for _, ing := range All[*networkingv1.Ingress](objs) {
		tls = tls || len(ing.Spec.TLS) > 0
	}
	if !tls {
		f.add("Ingress", "production serves the API over TLS")
	}
	return f
}
