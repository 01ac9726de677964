package main

import (
	"strings"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

func fieldRules(fd protoreflect.FieldDescriptor) *validate.FieldRules {
	r, _ := proto.GetExtension(fd.Options(), validate.E_Field).(*validate.FieldRules)
	return r
}

// validateRequired says whether protovalidate refuses a request without the field.
func validateRequired(fd protoreflect.FieldDescriptor) bool {
	return fieldRules(fd).GetRequired()
}

// applyRules carries the contracts' protovalidate rules into the schemas of message fields,
// query parameters and inline request bodies, where JSON Schema can say the same: lengths,
// patterns, allowed values, ranges and list sizes. Rules written in CEL stay in the prose.
func applyRules(paths, schemas obj) error {
	for name, s := range schemas {
		md, ok := messageOf(name)
		if !ok {
			continue
		}
		props, _ := s.(obj)["properties"].(obj)
		constrainProperties(md, props)
	}
	var err error
	operations(paths, func(_, _ string, op obj) {
		id, _ := op["operationId"].(string)
		m, e := methodOf(id)
		if e != nil {
			err = e
			return
		}
		params, _ := op["parameters"].([]any)
		for _, p := range params {
			param, _ := p.(obj)
			name, _ := param["name"].(string)
			schema, _ := param["schema"].(obj)
			if fd := fieldByJSONName(m.Input(), name); fd != nil && schema != nil {
				constrain(schema, fd, fieldRules(fd))
			}
		}
		body, _ := op["requestBody"].(obj)
		content, _ := body["content"].(obj)
		media, _ := content["application/json"].(obj)
		if schema, _ := media["schema"].(obj); schema != nil && schema["$ref"] == nil {
			props, _ := schema["properties"].(obj)
			constrainProperties(m.Input(), props)
		}
	})
	return err
}

func constrainProperties(md protoreflect.MessageDescriptor, props obj) {
	for prop, ps := range props {
		schema, _ := ps.(obj)
		if fd := fieldByJSONName(md, prop); fd != nil && schema != nil {
			constrain(schema, fd, fieldRules(fd))
		}
	}
}

// constrain adds to an inline schema the keywords that say what r says. A rule skipped when the
// field is zero (IGNORE_IF_ZERO_VALUE) must still let the zero value through, since responses
// carry zero fields too.
func constrain(schema obj, fd protoreflect.FieldDescriptor, r *validate.FieldRules) {
	if r == nil || schema["$ref"] != nil || schema["allOf"] != nil {
		return
	}
	zeroOK := r.GetIgnore() == validate.Ignore_IGNORE_IF_ZERO_VALUE
	if fd.IsList() {
		rep := r.GetRepeated()
		if rep == nil {
			return
		}
		if rep.HasMinItems() {
			schema["minItems"] = rep.GetMinItems()
		}
		if rep.HasMaxItems() {
			schema["maxItems"] = rep.GetMaxItems()
		}
		if rep.GetUnique() {
			schema["uniqueItems"] = true
		}
		if items, ok := schema["items"].(obj); ok && rep.GetItems() != nil {
			constrainScalar(items, rep.GetItems(), false)
		}
		return
	}
	if fd.IsMap() {
		return
	}
	constrainScalar(schema, r, zeroOK)
}

func constrainScalar(schema obj, r *validate.FieldRules, zeroOK bool) {
	if s := r.GetString(); s != nil {
		constrainString(schema, s, zeroOK)
		return
	}
	if i := r.GetInt32(); i != nil {
		var lo, hi *float64
		if i.HasGte() {
			lo = ptr(float64(i.GetGte()))
		}
		if i.HasGt() {
			lo = ptr(float64(i.GetGt()) + 1)
		}
		if i.HasLte() {
			hi = ptr(float64(i.GetLte()))
		}
		if i.HasLt() {
			hi = ptr(float64(i.GetLt()) - 1)
		}
		// A range that leaves out zero cannot be said alongside "or zero" without anyOf; the
		// prose keeps it then.
		if zeroOK && ((lo != nil && *lo > 0) || (hi != nil && *hi < 0)) {
			return
		}
		if lo != nil {
			schema["minimum"] = *lo
		}
		if hi != nil {
			schema["maximum"] = *hi
		}
		if in := i.GetIn(); len(in) > 0 && !zeroOK {
			vals := make([]any, len(in))
			for k, v := range in {
				vals[k] = v
			}
			schema["enum"] = vals
		}
	}
}

func constrainString(schema obj, s *validate.StringRules, zeroOK bool) {
	if s.HasMaxLen() {
		schema["maxLength"] = s.GetMaxLen()
	}
	if s.HasLen() && !zeroOK {
		schema["minLength"] = s.GetLen()
		schema["maxLength"] = s.GetLen()
	}
	if s.HasMinLen() && !zeroOK {
		schema["minLength"] = s.GetMinLen()
	}
	// Go's RE2 flags such as (?i) are not ECMA-262, which JSON Schema patterns are.
	if p := s.GetPattern(); p != "" && !strings.Contains(p, "(?") {
		if zeroOK {
			p = "^$|" + p
		}
		schema["pattern"] = p
	}
	if in := s.GetIn(); len(in) > 0 {
		vals := make([]any, 0, len(in)+1)
		if zeroOK {
			vals = append(vals, "")
		}
		for _, v := range in {
			vals = append(vals, v)
		}
		schema["enum"] = vals
	}
}

func ptr[T any](v T) *T { return &v }
