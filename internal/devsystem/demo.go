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

	ctx, cancel := context.WithTimeout(ctx, registryWait)
	defer cancel()
	if err := waitForRegistry(ctx, client); err != nil {
		return fmt.Errorf("the registry did not answer: %w", err)
	}
	orgs, err := accreditationdemo.FromRegistry(ctx, client)
	if err != nil {
		return err
	}
	return accreditationdemo.Load(ctx, d.DB, orgs)
}

// waitForRegistry returns once the registry answers, which is after it loaded its own demo.
func waitForRegistry(ctx context.Context, c registryv1.RegistryServiceClient) error {
	for {
		_, err := c.ListOrganizations(ctx, &registryv1.ListOrganizationsRequest{PageSize: 1})
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
}
