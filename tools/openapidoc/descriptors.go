package main

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"google.golang.org/genproto/googleapis/api/annotations"

	// The contracts, for their descriptors: every message, field rule and behaviour the
	// document describes. A new service package is added here.
	_ "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	_ "github.com/un-liaison/liaison/gen/liaison/events/v1"
	_ "github.com/un-liaison/liaison/gen/liaison/registry/v1"
)

// messageOf finds the message a component schema was generated from; the generator names
// components by the message's full name.
func messageOf(component string) (protoreflect.MessageDescriptor, bool) {
	d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(component))
	if err != nil {
		return nil, false
	}
	md, ok := d.(protoreflect.MessageDescriptor)
	return md, ok
}

// methodOf finds the RPC behind an operation id, which the generator spells Service_Method.
func methodOf(operationID string) (protoreflect.MethodDescriptor, error) {
	svc, method, ok := strings.Cut(operationID, "_")
	if !ok {
		return nil, fmt.Errorf("operation %q is not named Service_Method", operationID)
	}
	var found protoreflect.MethodDescriptor
	protoregistry.GlobalFiles.RangeFiles(func(f protoreflect.FileDescriptor) bool {
		if !strings.HasPrefix(string(f.Package()), "liaison.") {
			return true
		}
		if s := f.Services().ByName(protoreflect.Name(svc)); s != nil {
			found = s.Methods().ByName(protoreflect.Name(method))
		}
		return found == nil
	})
	if found == nil {
		return nil, fmt.Errorf("no RPC %s in the contracts this tool was built with: add its package to descriptors.go", operationID)
	}
	return found, nil
}

// fieldByJSONName finds the field a property or query parameter stands for; a dotted name
// walks into nested messages.
func fieldByJSONName(md protoreflect.MessageDescriptor, name string) protoreflect.FieldDescriptor {
	first, rest, nested := strings.Cut(name, ".")
	fd := md.Fields().ByJSONName(first)
	if fd == nil {
		fd = md.Fields().ByName(protoreflect.Name(first))
	}
	if fd == nil || !nested {
		return fd
	}
	if fd.Message() == nil {
		return nil
	}
	return fieldByJSONName(fd.Message(), rest)
}

func hasBehavior(fd protoreflect.FieldDescriptor, want annotations.FieldBehavior) bool {
	behaviors, _ := proto.GetExtension(fd.Options(), annotations.E_FieldBehavior).([]annotations.FieldBehavior)
	for _, b := range behaviors {
		if b == want {
			return true
		}
	}
	return false
}

// alwaysWritten says whether the edge writes the field in every response: scalars, enums,
// lists and maps are written even when zero; a message or a oneof member only when set, which
// for a message the contract marks REQUIRED is always.
func alwaysWritten(fd protoreflect.FieldDescriptor) bool {
	if fd.ContainingOneof() != nil || hasBehavior(fd, annotations.FieldBehavior_INPUT_ONLY) {
		return false
	}
	if fd.IsList() || fd.IsMap() || fd.Message() == nil {
		return true
	}
	return hasBehavior(fd, annotations.FieldBehavior_REQUIRED)
}

// requiredInRequest says whether a caller must send the field when creating.
func requiredInRequest(fd protoreflect.FieldDescriptor) bool {
	return hasBehavior(fd, annotations.FieldBehavior_REQUIRED) && !hasBehavior(fd, annotations.FieldBehavior_OUTPUT_ONLY)
}
