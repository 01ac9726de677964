package manifest

import (
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
)

func TestDecodeRejectsUnknownField(t *testing.T) {
	doc := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: registry
spec:
  selector: {matchLabels: {app: registry}}
  template:
    metadata: {labels: {app: registry}}
    spec:
      containers:
        - name: registry
          image: liaison/registry:dev
          readinesProbe: {grpc: {port: 9001}}
`
	_, err := Decode([]byte(doc))
	if err == nil || !strings.Contains(err.Error(), "readinesProbe") {
		t.Fatalf("a misspelt probe must fail to decode, got %v", err)
	}
}

func TestDecodeRejectsDuplicateField(t *testing.T) {
	doc := `apiVersion: v1
kind: Service
metadata:
  name: registry
  name: registry2
spec:
  ports: [{port: 9001}]
`
	if _, err := Decode([]byte(doc)); err == nil {
		t.Fatal("a duplicate field must fail to decode")
	}
}

func TestDecodeRejectsUnknownKind(t *testing.T) {
	doc := `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: gateway
`
	if _, err := Decode([]byte(doc)); err == nil {
		t.Fatal("a retired API version must fail to decode")
	}
}

func TestDecodeTypesAValidObject(t *testing.T) {
	doc := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: registry
  namespace: liaison
spec:
  selector: {matchLabels: {app: registry}}
  template:
    metadata: {labels: {app: registry}}
    spec:
      containers:
        - name: registry
          image: liaison/registry:dev
`
	obj, err := Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	d, ok := obj.Typed.(*appsv1.Deployment)
	if !ok || obj.Kind != "Deployment" || obj.Name != "registry" || obj.Namespace != "liaison" {
		t.Fatalf("got %+v", obj)
	}
	if d.Spec.Template.Spec.Containers[0].Image != "liaison/registry:dev" {
		t.Fatalf("container not decoded: %+v", d.Spec.Template.Spec.Containers)
	}
}
