package gateway

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/gen/openapi"
)

// shape forgets the names of a template's variables, which the document may spell differently
// (it joins /v1/events/{id} and /v1/events/{event.id} into one path).
var templateVariable = regexp.MustCompile(`\{[^}]*\}`)

func shape(path string) string { return templateVariable.ReplaceAllString(path, "{}") }

// httpBindings lists "METHOD shape" for every REST binding the contracts declare.
func httpBindings(t *testing.T) []string {
	t.Helper()
	var out []string
	add := func(rule *annotations.HttpRule) {
		var method, path string
		switch p := rule.GetPattern().(type) {
		case *annotations.HttpRule_Get:
			method, path = http.MethodGet, p.Get
		case *annotations.HttpRule_Post:
			method, path = http.MethodPost, p.Post
		case *annotations.HttpRule_Patch:
			method, path = http.MethodPatch, p.Patch
		case *annotations.HttpRule_Put:
			method, path = http.MethodPut, p.Put
		case *annotations.HttpRule_Delete:
			method, path = http.MethodDelete, p.Delete
		default:
			t.Fatalf("unhandled binding %v", rule)
		}
		out = append(out, method+" "+shape(path))
	}
	for _, file := range []protoreflect.FileDescriptor{
		registryv1.File_liaison_registry_v1_registry_service_proto,
		accreditationv1.File_liaison_accreditation_v1_accreditation_service_proto,
		eventsv1.File_liaison_events_v1_events_service_proto,
	} {
		for i := range file.Services().Len() {
			methods := file.Services().Get(i).Methods()
			for j := range methods.Len() {
				rule, ok := proto.GetExtension(methods.Get(j).Options(), annotations.E_Http).(*annotations.HttpRule)
				if !ok || rule == nil {
					continue // gRPC only, e.g. a server stream
				}
				add(rule)
				for _, extra := range rule.GetAdditionalBindings() {
					add(extra)
				}
			}
		}
	}
	return out
}

// Every REST route the contracts declare, and so the edge serves, is in /openapi.json.
func TestOpenAPIListsEveryRESTRoute(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapi.Document, &doc); err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+shape(path)] = true
		}
	}
	bindings := httpBindings(t)
	if len(bindings) < 40 {
		t.Fatalf("only %d REST bindings found in the contracts", len(bindings))
	}
	for _, b := range bindings {
		if !documented[b] {
			t.Errorf("%s is served but not in /openapi.json", b)
		}
	}
}
