package checks

import (
	"testing"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/un-liaison/liaison/deploy/internal/policy"
)

// firstStep is the label selector of the README's release procedure: everything except the
// services and the gateway, so the migrations run before the new code rolls.
const firstStep = "app.kubernetes.io/component notin (service,gateway)"

// TestReleaseFirstStepRunsMigrationsBeforeTheRollout applies the README's selector to the prod
// rendering: it must take the migration Jobs and the ConfigMap they read, and leave out every
// binary's Deployment and Service.
func TestReleaseFirstStepRunsMigrationsBeforeTheRollout(t *testing.T) {
	sel, err := labels.Parse(firstStep)
	if err != nil {
		t.Fatal(err)
	}
	objs := render(t, "prod")
	taken := map[string]bool{}
	for _, o := range objs {
		m, err := meta.Accessor(o.Typed)
		if err != nil {
			t.Fatal(err)
		}
		if sel.Matches(labels.Set(m.GetLabels())) {
			taken[o.Kind+"/"+o.Name] = true
		}
	}
	for _, b := range policy.Binaries {
		for _, kind := range []string{"Deployment", "Service"} {
			if taken[kind+"/"+b.Name] {
				t.Errorf("the first step would roll %s/%s before the migrations ran", kind, b.Name)
			}
		}
		if !b.Database {
			continue
		}
		job := b.Name + "-migrate"
		if !taken["Job/"+job] {
			t.Errorf("the first step leaves out Job/%s", job)
		}
		p, _ := policy.PodOf(objs, "Job", job)
		for _, c := range p.Spec.Containers {
			for _, from := range c.EnvFrom {
				if from.ConfigMapRef != nil && !taken["ConfigMap/"+from.ConfigMapRef.Name] {
					t.Errorf("the first step leaves out ConfigMap/%s, which Job/%s reads", from.ConfigMapRef.Name, job)
				}
			}
		}
	}
}
