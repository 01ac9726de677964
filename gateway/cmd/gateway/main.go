// Command gateway runs liaison's REST edge on its own, dialing the three services.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/un-liaison/liaison/gateway"
	"github.com/un-liaison/liaison/platform/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.Load[config.Common]()
	if err == nil {
		for _, f := range config.Fields(cfg) {
			fmt.Fprintf(os.Stderr, "config %s=%s\n", f.Name, f.Value)
		}
		err = gateway.Run(ctx, cfg, nil)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gateway:", err)
		os.Exit(1)
	}
}
