package policy

import (
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

func withImage(image string) []manifest.Object {
	d := &appsv1.Deployment{}
	d.Name = "jaeger"
	d.Spec.Template.Spec.Containers = []corev1.Container{{Name: "jaeger", Image: image}}
	return []manifest.Object{{Kind: "Deployment", Name: "jaeger", Typed: d}}
}

func TestThirdPartyImagesMustBePinnedByDigestWithTheirTag(t *testing.T) {
	digest := "sha256:" + strings.Repeat("ab", 32)
	for image, pinned := range map[string]bool{
		"jaegertracing/jaeger:2.9.0@" + digest:                true,
		"registry.example.org/liaison/registry:0.1.0":         true, // liaison's own release tag
		"jaegertracing/jaeger:2.9.0":                          false,
		"jaegertracing/jaeger@" + digest:                      false, // no tag for the reader
		"jaegertracing/jaeger:2.9.0@sha256:abc":               false,
		"localhost:5000/jaegertracing/jaeger:2.9.0@" + digest: true,
		"localhost:5000/jaegertracing/jaeger@" + digest:       false,
	} {
		got := CheckImagesPinned(withImage(image))
		if pinned != (len(got) == 0) {
			t.Errorf("%s: findings %v, want pinned=%v", image, got, pinned)
		}
	}
}
