package e2e_test

// This file runs the three liaison services in one process on loopback, with their
// demonstration data, so the portal's tests reach them over gRPC exactly as the portal
// does when deployed.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation"
	accreditationdemo "github.com/un-liaison/liaison/services/accreditation/demo"
	"github.com/un-liaison/liaison/services/events"
	eventsdemo "github.com/un-liaison/liaison/services/events/demo"
	"github.com/un-liaison/liaison/services/registry"
	registrydemo "github.com/un-liaison/liaison/services/registry/demo"
)

// services is a running set of services.
type services struct {
	Config config.Common
	stop   context.CancelFunc
	done   chan error
}

// startServices runs registry, accreditation and events on free loopback ports with SQLite under
// dataDir and their demo data loaded, and waits until each answers.
func startServices(dataDir string) (*services, error) {
	cfg := config.Common{
		DataDir: dataDir, LogLevel: "error", LogFormat: "text", ShutdownTimeout: 5 * time.Second,
		OIDCIssuer: "liaison-dev", OIDCAudience: "liaison", HTTPAddr: "127.0.0.1:0",
		Identity: config.Identity{DevMode: true},
	}
	specs := []service.Spec{
		withDemo(registry.Spec, func(ctx context.Context, d service.Deps) error { return registrydemo.Load(ctx, d.DB, d.Clock) }),
		withDemo(accreditation.Spec, loadAccreditationDemo),
		withDemo(events.Spec, func(ctx context.Context, d service.Deps) error { return eventsdemo.Load(ctx, d.DB, d.Clock) }),
	}
	var listeners []net.Listener
	for range specs {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			for _, l := range listeners {
				_ = l.Close()
			}
			return nil, err
		}
		listeners = append(listeners, l)
	}
	cfg.RegistryAddr = listeners[0].Addr().String()
	cfg.AccreditationAddr = listeners[1].Addr().String()
	cfg.EventsAddr = listeners[2].Addr().String()

	ctx, cancel := context.WithCancel(context.Background())
	s := &services{Config: cfg, stop: cancel, done: make(chan error, len(specs))}
	ready := make(chan string, len(specs))
	for i, spec := range specs {
		go func() { s.done <- service.Run(ctx, spec, cfg, listeners[i], func(addr string) { ready <- addr }) }()
	}
	timeout := time.After(90 * time.Second)
	for range specs {
		select {
		case <-ready:
		case err := <-s.done:
			cancel()
			return nil, fmt.Errorf("a service stopped while starting: %w", err)
		case <-timeout:
			cancel()
			return nil, errors.New("the services did not start within 90 s")
		}
	}
	return s, nil
}

// Stop stops every service and waits for them.
func (s *services) Stop() {
	s.stop()
	for range 3 {
		<-s.done
	}
}

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

// loadAccreditationDemo finds the demonstration NGOs in the registry, over gRPC, and walks
// their applications through the review cycle.
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
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	var resp *registryv1.ListOrganizationsResponse
	for {
		resp, err = client.ListOrganizations(ctx, &registryv1.ListOrganizationsRequest{PageSize: 500})
		if err == nil {
			break
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
	var orgs []accreditationdemo.Organization
	for _, o := range resp.GetOrganizations() {
		if wanted[o.GetName()] {
			orgs = append(orgs, accreditationdemo.Organization{ID: o.GetId(), Name: o.GetName(), FoundedOn: founded(o)})
		}
	}
	return accreditationdemo.Load(ctx, d.DB, orgs)
}

func founded(o *registryv1.Organization) string {
	d := o.GetFoundedOn()
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
