// Package devsystem runs every liaison component in one process for a laptop or a test: the
// three services and the REST gateway, each on its own listener, reaching each other over gRPC
// on loopback exactly as they do when deployed apart, so the contracts stay honest.
package devsystem

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/un-liaison/liaison/gateway"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation"
	"github.com/un-liaison/liaison/services/events"
	"github.com/un-liaison/liaison/services/registry"
)

// Specs are the services the dev system hosts, in the order they start.
var Specs = []service.Spec{registry.Spec, accreditation.Spec, events.Spec}

// DemoSpecs are Specs that load the demonstration data on start: the UN Office at Geneva and
// a dozen NGOs, a 2028 review cycle, and the UNGA76 digital side events.
var DemoSpecs = []service.Spec{
	withDemo(registry.Spec, loadRegistryDemo),
	withDemo(accreditation.Spec, loadAccreditationDemo),
	withDemo(events.Spec, loadEventsDemo),
}

// Run binds every listener first — so a port already in use is reported before anything
// starts — then serves until ctx is cancelled or one component fails, which stops the rest.
// The config it was given is rewritten with the bound addresses (":0" picks a free port),
// and ready, when not nil, receives it once every listener is bound; its AdminAddr is then the
// gateway's admin port, when admin ports are on.
func Run(ctx context.Context, cfg config.Common, specs []service.Spec, ready func(config.Common)) error {
	listeners := make([]net.Listener, 0, len(specs)+1)
	closeAll := func() {
		for _, l := range listeners {
			_ = l.Close()
		}
	}
	for _, spec := range specs {
		l, err := net.Listen("tcp", spec.ListenAddr(cfg))
		if err != nil {
			closeAll()
			return fmt.Errorf("%s: %w", spec.Name, err)
		}
		listeners = append(listeners, l)
		setAddr(&cfg, spec.Name, l.Addr().String())
	}
	// One admin port per service and, last, the gateway's.
	admin, err := adminListeners(cfg.AdminAddr, len(specs)+1)
	if err != nil {
		closeAll()
		return err
	}
	listeners = append(listeners, admin...)
	httpLis, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		closeAll()
		return fmt.Errorf("gateway: %w", err)
	}
	cfg.HTTPAddr = httpLis.Addr().String()
	var gatewayOpts []gateway.Option
	if admin != nil {
		gatewayOpts = append(gatewayOpts, gateway.WithAdminListener(admin[len(specs)]))
		cfg.AdminAddr = admin[len(specs)].Addr().String()
	}
	if ready != nil {
		ready(cfg)
	}

	stopRequested := ctx
	g, ctx := errgroup.WithContext(ctx)
	for i, spec := range specs {
		lis := listeners[i]
		var opts []service.Option
		if admin != nil {
			opts = append(opts, service.WithAdminListener(admin[i]))
		}
		g.Go(func() error { return service.Run(ctx, spec, cfg, lis, nil, opts...) })
	}
	g.Go(func() error { return gateway.Run(ctx, cfg, httpLis, gatewayOpts...) })
	err = g.Wait()
	if stopRequested.Err() != nil && errors.Is(err, context.Canceled) {
		// Interrupted while a component was still starting (loading demo data, say): that is
		// the stop that was asked for, not a failure.
		return nil
	}
	return err
}

// setAddr records where a service actually listens, so peers and the gateway dial it there.
func setAddr(cfg *config.Common, name, addr string) {
	switch name {
	case "registry":
		cfg.RegistryAddr = addr
	case "accreditation":
		cfg.AccreditationAddr = addr
	case "events":
		cfg.EventsAddr = addr
	}
}

// adminListeners gives each hosted service its own admin (metrics) port when LIAISON_ADMIN_ADDR
// is set: the configured port for the first service and the ports after it for the others
// (or a free port each when it is ":0"), since one address cannot be bound once per service.
func adminListeners(addr string, n int) ([]net.Listener, error) {
	if addr == "" {
		return nil, nil
	}
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("LIAISON_ADMIN_ADDR=%q: %w", addr, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("LIAISON_ADMIN_ADDR=%q: the port is not a number", addr)
	}
	out := make([]net.Listener, 0, n)
	for i := range n {
		p := 0
		if port != 0 {
			p = port + i
		}
		l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p)))
		if err != nil {
			for _, o := range out {
				_ = o.Close()
			}
			return nil, fmt.Errorf("admin port: %w", err)
		}
		out = append(out, l)
	}
	return out, nil
}
