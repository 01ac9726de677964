// Package manifest renders a kustomize overlay the way `kubectl apply -k` would and decodes every
// object strictly into the Kubernetes API types, so that a misspelt or misplaced field fails
// here instead of being dropped silently by the API server's pruning.
package manifest

import (
	"fmt"
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// Object is one rendered Kubernetes object, decoded into its typed form (*appsv1.Deployment,
// *corev1.Service, ...).
type Object struct {
	Kind      string
	Name      string
	Namespace string
	Typed     runtime.Object
}

// building serializes kustomize builds and the reading of their results: kustomize loads its OpenAPI schema into package-level
// state without a lock, so two builds at once race on it.
var building sync.Mutex

// Render builds the kustomization in dir with kustomize's own library and decodes the result.
// It fails on the first object that does not decode strictly.
func Render(dir string) ([]Object, error) {
	building.Lock()
	defer building.Unlock()
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resources, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, fmt.Errorf("kustomize build %s: %w", dir, err)
	}
	var objs []Object
	for _, r := range resources.Resources() {
		doc, err := r.AsYAML()
		if err != nil {
			return nil, fmt.Errorf("%s: %s %s: %w", dir, r.GetKind(), r.GetName(), err)
		}
		obj, err := Decode(doc)
		if err != nil {
			return nil, fmt.Errorf("%s: %s %s: %w", dir, r.GetKind(), r.GetName(), err)
		}
		objs = append(objs, obj)
	}
	return objs, nil
}
