package gateway

import (
	"encoding/json"
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	// Every contract's messages, for the registry below.
	_ "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	_ "github.com/un-liaison/liaison/gen/liaison/events/v1"
	_ "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/gen/openapi"
)

// The marshaller and the document tell one truth: for every message schema of /openapi.json, an
// empty message as the edge writes it carries every scalar, list and map property the schema
// requires, nothing the schema does not name, and no null.
func TestTheMarshallerWritesWhatTheDocumentRequires(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]json.RawMessage `json:"properties"`
				Required   []string                   `json:"required"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openapi.Document, &doc); err != nil {
		t.Fatal(err)
	}
	m := jsonMarshaler()
	checked := 0
	for name, schema := range doc.Components.Schemas {
		mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(name))
		if err != nil || schema.Properties == nil {
			continue // an enum, a request variant, or the error body
		}
		raw, err := m.Marshal(mt.New().Interface())
		if err != nil {
			t.Fatal(err)
		}
		var written map[string]any
		if err := json.Unmarshal(raw, &written); err != nil {
			t.Fatal(err)
		}
		fields := mt.Descriptor().Fields()
		for _, req := range schema.Required {
			if fd := fields.ByJSONName(req); fd != nil && fd.Message() != nil && !fd.IsList() && !fd.IsMap() {
				// A message the contract marks REQUIRED is in every stored answer, not in an
				// empty message; the journey over the running edge checks those.
				continue
			}
			if _, ok := written[req]; !ok {
				t.Errorf("%s: the document requires %s, an empty message leaves it out: %s", name, req, raw)
			}
		}
		for k, v := range written {
			if _, ok := schema.Properties[k]; !ok {
				t.Errorf("%s: the edge writes %s, which the document does not name", name, k)
			}
			if v == nil {
				t.Errorf("%s: the edge writes %s as null", name, k)
			}
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("only %d message schemas checked; the document has lost its message schemas", checked)
	}
}
