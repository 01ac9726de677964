package gateway

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/metrics"
	"github.com/un-liaison/liaison/platform/telemetry"
)

// withStatusViewIfOn puts the status view in front of routes and starts following the change
// stream over the accreditation connection already dialed; the returned func stops following.
// Without a way to open the stream (see statusViewCredentials) routes are returned as they are.
func withStatusViewIfOn(ctx context.Context, routes http.Handler, cfg config.Common, clk clock.Clock, verifier auth.Verifier,
	dialed []dialedBackend, tel *telemetry.Telemetry, log *slog.Logger) (http.Handler, func(), error) {
	withAuth, ok, err := statusViewCredentials(cfg, clk)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		log.Info("REST status lookups all go to the accreditation service: the edge cannot open the status change stream when tokens come from an identity provider")
		return routes, func() {}, nil
	}
	for _, d := range dialed {
		if d.name != "accreditation" {
			continue
		}
		view := newStatusView(d.conn, withAuth, log)
		if err := metrics.ObserveLag(tel.Metrics.MeterProvider, "gateway.status_view", view.follower.Staleness.Lag); err != nil {
			return nil, nil, err
		}
		ctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			view.Run(ctx)
		}()
		stop := func() {
			cancel()
			<-done
		}
		return withStatusView(routes, view, verifier, newStatusViewMetrics(tel.Metrics.MeterProvider)), stop, nil
	}
	return routes, func() {}, nil
}
