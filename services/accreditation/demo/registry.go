package demo

import (
	"context"
	"fmt"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
)

// FromRegistry finds the demonstration NGOs in the registry by name, so
// that Load can be given their ids: `demo.Load(ctx, db, orgs)` after
// `orgs, err := demo.FromRegistry(ctx, client)`. Names the registry does
// not hold are left out.
func FromRegistry(ctx context.Context, client registryv1.RegistryServiceClient) ([]Organization, error) {
	var out []Organization
	for _, name := range Names {
		resp, err := client.ListOrganizations(ctx, &registryv1.ListOrganizationsRequest{Query: name, PageSize: 20})
		if err != nil {
			return nil, fmt.Errorf("demo: looking up %q in the registry: %w", name, err)
		}
		for _, o := range resp.GetOrganizations() {
			if o.GetName() != name {
				continue
			}
			out = append(out, Organization{ID: o.GetId(), Name: name, FoundedOn: foundedString(o.GetFoundedOn().GetYear(), o.GetFoundedOn().GetMonth(), o.GetFoundedOn().GetDay())})
			break
		}
	}
	return out, nil
}

func foundedString(y, m, d int32) string {
	switch {
	case y == 0:
		return ""
	case m == 0:
		return fmt.Sprintf("%04d", y)
	case d == 0:
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}
