package gateway

import (
	"log/slog"
	"net/http"

	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/telemetry"
	"github.com/un-liaison/liaison/portal"
)

// newPortal builds the web portal served under /portal/. It is a client of the three services
// like any other, with the signed-in person's token, so their access rules decide what it shows.
func newPortal(cfg config.Common, tel *telemetry.Telemetry, log *slog.Logger) (http.Handler, func() error, error) {
	p, err := portal.New(portal.Config{Common: cfg, Tracer: tel.TracerProvider, Logger: log})
	if err != nil {
		return nil, nil, err
	}
	return p, p.Close, nil
}
