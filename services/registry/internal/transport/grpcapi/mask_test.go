package grpcapi

import (
	"errors"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

func TestApplyMask(t *testing.T) {
	stored := func() *registryv1.Organization {
		return &registryv1.Organization{
			Id: "org_1", Name: "Old", Website: "https://old.example.org", Sdgs: []int32{1, 2},
			Address: &registryv1.Address{Street: "Rue 1", City: "Geneva", PostalCode: "1211"}, Etag: "e1",
		}
	}
	in := &registryv1.Organization{Id: "org_other", Name: "New", Sdgs: []int32{5}, Address: &registryv1.Address{City: "Lausanne"}, Etag: "e0"}
	tests := []struct {
		name  string
		paths []string
		want  func(o *registryv1.Organization)
	}{
		{"named field replaced", []string{"name"}, func(o *registryv1.Organization) { o.Name = "New" }},
		{"named but empty field cleared", []string{"website"}, func(o *registryv1.Organization) { o.Website = "" }},
		{"list replaced whole", []string{"sdgs"}, func(o *registryv1.Organization) { o.Sdgs = []int32{5} }},
		{"nested path by JSON name", []string{"address.city", "address.postalCode"}, func(o *registryv1.Organization) {
			o.Address.City, o.Address.PostalCode = "Lausanne", ""
		}},
		{"id and etag ignored", []string{"id", "etag", "create_time"}, func(*registryv1.Organization) {}},
		{"no mask copies set fields", nil, func(o *registryv1.Organization) {
			o.Name, o.Sdgs, o.Address = "New", []int32{5}, &registryv1.Address{City: "Lausanne"}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := stored(), stored()
			tt.want(want)
			var mask *fieldmaskpb.FieldMask
			if tt.paths != nil {
				mask = &fieldmaskpb.FieldMask{Paths: tt.paths}
			}
			if err := applyMask(got, in, mask); err != nil {
				t.Fatal(err)
			}
			if !proto.Equal(got, want) {
				t.Fatalf("got %v\nwant %v", got, want)
			}
		})
	}
	var ve *domain.ValidationError
	if err := applyMask(stored(), in, &fieldmaskpb.FieldMask{Paths: []string{"nmae", "name.first"}}); !errors.As(err, &ve) || ve.Violations[0].Field != "update_mask" {
		t.Fatalf("unknown paths: %v", err)
	}
}
