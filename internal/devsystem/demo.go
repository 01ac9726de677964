package devsystem

import (
	"context"
	"fmt"
	"time"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/service"
	accreditationdemo "github.com/un-liaison/liaison/services/accreditation/demo"
	eventsdemo "github.com/un-liaison/liaison/services/events/demo"
	registrydemo "github.com/un-liaison/liaison/services/registry/demo"
)

// withDemo makes a spec load its demonstration data before the service starts answering.
// Every loader is idempotent, keyed by natural keys or request ids, so a restart on the same
// data directory duplicates nothing.
func withDemo(spec service.Spec, load func(context.Context, service.Deps) error) service.Spec {
	build := spec.Build
	spec.Build = func(ctx context.Context, d service.Deps) (service.Component, error) {
		if err := load(ctx, d); err != nil {
			return nil, fmt.Errorf("%s demo data: %w", spec.Name, err)
		}
		return build(ctx, d)
	}
	return spec
}

func loadRegistryDemo(ctx context.Context, d service.Deps) error {
	return registrydemo.Load(ctx, d.DB, d.Clock)
}

func loadEventsDemo(ctx context.Context, d service.Deps) error {
	return eventsdemo.Load(ctx, d.DB, d.Clock)
}

// registryWait bounds how long the accreditation demo waits for the registry to answer: the
// services start together and the registry loads its own demo first.
const registryWait = 30 * time.Second

// loadAccreditationDemo takes the demonstration NGOs from the registry — over gRPC, as the
// service itself would — and walks their applications through the workflow.
func loadAccreditationDemo(ctx context.Context, d service.Deps) error {
	conn, err := d.Dial(d.Config.RegistryAddr)
	if err != nil {
		return err
	}
	defer conn.Close()
	client := registryv1.NewRegistryServiceClient(conn)

	wanted := map[string]bool{}
	for _, n := range accreditationdemo.Names {
		wanted[n] = true
	}
	ctx, cancel := context.WithTimeout(ctx, registryWait)
	defer cancel()
	var orgs []accreditationdemo.Organization
	req := &registryv1.ListOrganizationsRequest{PageSize: 500}
	for {
		resp, err := listWhenReady(ctx, client, req)
		if err != nil {
			return fmt.Errorf("reading the registry's organizations: %w", err)
		}
		for _, o := range resp.GetOrganizations() {
			if wanted[o.GetName()] {
				orgs = append(orgs, accreditationdemo.Organization{ID: o.GetId(), Name: o.GetName(), FoundedOn: formatDate(o.GetFoundedOn())})
			}
		}
		if resp.GetNextPageToken() == "" {
			break
		}
		req.PageToken = resp.GetNextPageToken()
	}
	return accreditationdemo.Load(ctx, d.DB, orgs)
}

// listWhenReady retries while the registry is still starting.
func listWhenReady(ctx context.Context, c registryv1.RegistryServiceClient, req *registryv1.ListOrganizationsRequest) (*registryv1.ListOrganizationsResponse, error) {
	for {
		resp, err := c.ListOrganizations(ctx, req)
		if err == nil {
			return resp, nil
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func formatDate(d interface {
	GetYear() int32
	GetMonth() int32
	GetDay() int32
}) string {
	switch {
	case d == nil || d.GetYear() == 0:
		return ""
	case d.GetMonth() == 0:
		return fmt.Sprintf("%04d", d.GetYear())
	case d.GetDay() == 0:
		return fmt.Sprintf("%04d-%02d", d.GetYear(), d.GetMonth())
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.GetYear(), d.GetMonth(), d.GetDay())
}
