package grpcapi

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// unmaskable fields are the server's: named in a mask they are ignored, so a caller may send back
// a profile exactly as it read it.
var unmaskable = map[protoreflect.Name]bool{
	"id": true, "etag": true, "consultative_status": true, "create_time": true, "update_time": true,
}

// applyMask copies into dst the fields of src that the mask names, by proto or JSON name, nested
// with dots ("address.city"). A named field left empty in src is cleared in dst; lists and
// messages are replaced whole. "*" names every writable field. With no mask, the fields set in src
// are copied, which is what a REST PATCH body means.
func applyMask(dst, src proto.Message, mask *fieldmaskpb.FieldMask) error {
	d, s := dst.ProtoReflect(), src.ProtoReflect()
	paths := mask.GetPaths()
	if len(paths) == 0 {
		s.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			if !unmaskable[fd.Name()] {
				d.Set(fd, v)
			}
			return true
		})
		return nil
	}
	var bad []string
	for _, path := range paths {
		if path == "*" {
			fields := d.Descriptor().Fields()
			for i := range fields.Len() {
				if fd := fields.Get(i); !unmaskable[fd.Name()] {
					copyField(d, s, fd)
				}
			}
			continue
		}
		if err := copyPath(d, s, strings.Split(path, ".")); err != nil {
			bad = append(bad, path)
		}
	}
	if len(bad) > 0 {
		return &domain.ValidationError{Violations: []domain.Violation{{
			Field:       "update_mask",
			Description: fmt.Sprintf("names fields that do not exist: %s", strings.Join(bad, ", ")),
		}}}
	}
	return nil
}

func copyPath(d, s protoreflect.Message, parts []string) error {
	fd := fieldByName(d.Descriptor(), parts[0])
	if fd == nil {
		return fmt.Errorf("no field %s", parts[0])
	}
	if len(parts) == 1 {
		if !unmaskable[fd.Name()] {
			copyField(d, s, fd)
		}
		return nil
	}
	if fd.Message() == nil || fd.IsList() || fd.IsMap() {
		return fmt.Errorf("%s has no sub-fields", parts[0])
	}
	if unmaskable[fd.Name()] {
		return nil
	}
	var sub protoreflect.Message
	if s.Has(fd) {
		sub = s.Get(fd).Message()
	} else {
		sub = s.Get(fd).Message().New()
	}
	return copyPath(d.Mutable(fd).Message(), sub, parts[1:])
}

func copyField(d, s protoreflect.Message, fd protoreflect.FieldDescriptor) {
	if s.Has(fd) {
		d.Set(fd, s.Get(fd))
	} else {
		d.Clear(fd)
	}
}

// fieldByName finds a field by its proto name ("postal_code") or JSON name ("postalCode").
func fieldByName(md protoreflect.MessageDescriptor, name string) protoreflect.FieldDescriptor {
	if fd := md.Fields().ByName(protoreflect.Name(name)); fd != nil {
		return fd
	}
	return md.Fields().ByJSONName(name)
}
