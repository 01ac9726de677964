package gateway

import (
	"net"
	"net/http"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/un-liaison/liaison/platform/telemetry"
)

// measured makes otelhttp count and time every request on the edge's own
// meter provider, so /metrics on the admin port shows rate, errors and
// duration per route. /metrics is never on the public port: it would tell
// anyone the edge's traffic and let them grow its series.
func measured(tel *telemetry.Telemetry) otelhttp.Option {
	return otelhttp.WithMeterProvider(tel.Metrics.MeterProvider)
}

// serverName is the edge's own name for the server.address and server.port of its spans and
// metrics: left to otelhttp, they come from the caller's Host header, so any caller could add
// series at will.
func serverName(httpAddr string) string {
	_, port, err := net.SplitHostPort(httpAddr)
	if err != nil || port == "" || port == "0" {
		port = "8080"
	}
	return net.JoinHostPort("liaison-gateway", port)
}

// spanName names a request's span after its route: the grpc-gateway template labelRoute found,
// or the root mux's pattern (the portal, /docs, /openapi.json), or the method alone before
// either is known. otelhttp asks again once the request is served. The raw path would make one
// span name per organization.
func spanName(_ string, r *http.Request) string {
	if labeler, ok := otelhttp.LabelerFromContext(r.Context()); ok {
		for _, a := range labeler.Get() {
			if a.Key == "http.route" {
				return r.Method + " " + a.Value.AsString()
			}
		}
	}
	if r.Pattern != "" && r.Pattern != "/" {
		if strings.HasPrefix(r.Pattern, r.Method+" ") {
			return r.Pattern
		}
		return r.Method + " " + r.Pattern
	}
	return r.Method
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
			trace.SpanFromContext(r.Context()).SetName(r.Method + " " + strings.ReplaceAll(pattern.String(), "=*}", "}"))
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
