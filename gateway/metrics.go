package gateway

import (
	"net/http"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"

	"github.com/un-liaison/liaison/platform/telemetry"
)

// measured makes otelhttp count and time every request on the edge's own
// meter provider, so /metrics shows rate, errors and duration per route.
func measured(tel *telemetry.Telemetry) otelhttp.Option {
	return otelhttp.WithMeterProvider(tel.Metrics.MeterProvider)
}

// serveMetrics answers /metrics in the Prometheus text format.
func serveMetrics(tel *telemetry.Telemetry) http.Handler {
	return tel.Metrics.Handler()
}

// labelRoute names the matched URL template (e.g.
// /v1/organizations/{organization_id}) on the request's metrics: the raw
// path would make one series per organization, the template one per route.
func labelRoute(next runtime.HandlerFunc) runtime.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, params map[string]string) {
		if pattern, ok := runtime.HTTPPattern(r.Context()); ok {
			if labeler, ok := otelhttp.LabelerFromContext(r.Context()); ok {
				// The pattern prints a single-segment variable as {id=*};
				// the API documents it as {id}.
				route := strings.ReplaceAll(pattern.String(), "=*}", "}")
				labeler.Add(attribute.String("http.route", route))
			}
		}
		next(w, r, params)
	}
}

// routedByTemplate serves the grpc-gateway routes behind the catch-all "/"
// of the root mux. net/http records "/" as the request's pattern, which
// otelhttp would report as every API call's http.route, overriding the
// template labelRoute found; clearing it leaves that template in place.
func routedByTemplate(routes http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Pattern = ""
		routes.ServeHTTP(w, r)
	})
}
