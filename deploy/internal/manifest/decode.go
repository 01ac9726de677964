package manifest

import (
	"errors"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
)

// scheme knows exactly the API groups liaison's manifests may use. An object of any other kind,
// or of a retired version (extensions/v1beta1 Ingress, policy/v1beta1 PDB), fails to decode.
var scheme = func() *runtime.Scheme {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme,
		appsv1.AddToScheme,
		batchv1.AddToScheme,
		policyv1.AddToScheme,
		autoscalingv2.AddToScheme,
		networkingv1.AddToScheme,
	} {
		if err := add(s); err != nil {
			panic(err)
		}
	}
	return s
}()

// strictYAML rejects unknown and duplicate fields, the two mistakes that YAML hides best.
var strictYAML = json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme, scheme,
	json.SerializerOptions{Yaml: true, Strict: true})

// Decode decodes one YAML document into its API type, strictly.
func Decode(doc []byte) (Object, error) {
	typed, gvk, err := strictYAML.Decode(doc, nil, nil)
	if err != nil {
		if runtime.IsStrictDecodingError(err) {
			return Object{}, fmt.Errorf("not a valid %s: %w", gvk.Kind, err)
		}
		return Object{}, err
	}
	if gvk == nil || typed == nil {
		return Object{}, errors.New("empty document")
	}
	m, err := meta.Accessor(typed)
	if err != nil {
		return Object{}, err
	}
	return Object{Kind: gvk.Kind, Name: m.GetName(), Namespace: m.GetNamespace(), Typed: typed}, nil
}
