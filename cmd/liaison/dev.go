package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/un-liaison/liaison/internal/devsystem"
	"github.com/un-liaison/liaison/platform/config"
)

// runDev starts the whole system and blocks until interrupted.
func runDev(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	noDemo := fs.Bool("no-demo", false, "start without loading the demonstration data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// The dev runner is dev mode, unless it is pointed at an identity provider.
	if os.Getenv("LIAISON_JWKS_URL") == "" && os.Getenv("LIAISON_DEV_MODE") == "" {
		if err := os.Setenv("LIAISON_DEV_MODE", "1"); err != nil {
			return err
		}
	}
	cfg, err := config.Load[config.Common]()
	if err != nil {
		return err
	}
	specs := devsystem.DemoSpecs
	if *noDemo {
		specs = devsystem.Specs
	}
	return devsystem.Run(ctx, cfg, specs, func(c config.Common) {
		fmt.Fprintf(os.Stderr, "liaison is up: REST http://%s  gRPC registry %s, accreditation %s, events %s\n",
			c.HTTPAddr, c.RegistryAddr, c.AccreditationAddr, c.EventsAddr)
	})
}
