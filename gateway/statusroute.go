package gateway

import (
	"context"
	"net/http"
	"strings"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"google.golang.org/protobuf/proto"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// statusRoute is the template grpc-gateway reports for the route, so that answers from memory
// are counted under the same http.route as those that pass through.
const statusRoute = "/v1/organizations/{organization_id}/status"

// withStatusView answers GET /v1/organizations/{id}/status from the view when it can, and hands
// every other request, and every status request it cannot answer, to next unchanged. It sits
// where the routes are served, so every layer around the routes applies to its answers too.
func withStatusView(next http.Handler, v *statusView, verifier auth.Verifier, m *statusViewMetrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		org, ok := statusRequestOrg(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if raw, sent := bearerToken(r); sent {
			id, err := verifier.Verify(r.Context(), raw)
			if err != nil {
				// A token that does not verify is the service's to refuse, with its reason.
				m.pass(r.Context(), passRequest)
				next.ServeHTTP(w, r)
				return
			}
			if !id.HasRole(auth.RoleSystem) {
				// The view follows the stream within a second; an NGO that has just filed its report
				// (or an officer who just recorded a decision) must see the result at once, so people
				// are always answered by the service. Other systems and anonymous callers, who make
				// the volume, read from memory.
				m.pass(r.Context(), passPerson)
				next.ServeHTTP(w, r)
				return
			}
		}
		body, header, reason := v.answer(org)
		if reason == passNone {
			m.hit(r.Context())
			if labeler, ok := otelhttp.LabelerFromContext(r.Context()); ok {
				labeler.Add(attribute.String("http.route", statusRoute))
			}
			h := w.Header()
			for k, vs := range header {
				h[k] = vs[:len(vs):len(vs)] // an Add downstream must copy, not write into the shared slice
			}
			_, _ = w.Write(body)
			return
		}
		m.pass(r.Context(), reason)
		t := v.bodies.Ticket()
		slot := &capturedStatus{}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), capturedStatusKey{}, slot)))
		if slot.status != nil {
			v.keep(org, slot.status, slot.header, t)
		}
	})
}

// statusRequestOrg returns the organization of a status lookup the view may answer. Anything
// that could make grpc-gateway or the service answer differently from a plain lookup is left to
// them: a query string, an escaped path, an id protovalidate would refuse (or that needs
// unescaping to compare), a deadline or metadata the caller sends to the service, trailers.
func statusRequestOrg(r *http.Request) (string, bool) {
	if r.Method != http.MethodGet || r.URL.RawQuery != "" || r.URL.RawPath != "" {
		return "", false
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/organizations/")
	if !ok {
		return "", false
	}
	org, ok := strings.CutSuffix(rest, "/status")
	if !ok || !plainID(org) {
		return "", false
	}
	for k := range r.Header {
		if strings.HasPrefix(k, "Grpc-") || k == "Te" {
			return "", false
		}
	}
	return org, true
}

// plainID accepts 1 to 128 unreserved URL characters: within the request's rules (1 to 128
// characters), the same whether escaped or not, and one path segment.
func plainID(id string) bool {
	if len(id) == 0 || len(id) > 128 || id == "." || id == ".." {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

// capturedStatus is where a status lookup that passed through leaves the status grpc-gateway
// wrote, and the headers it wrote with it, for the view to keep.
type capturedStatus struct {
	status *accreditationv1.ConsultativeStatus
	header http.Header
}

type capturedStatusKey struct{}

// captureStatus is a grpc-gateway forward-response option: it runs just before a successful
// answer is marshalled, after the response headers are set, and hands the status to the view's
// pass-through waiting for it. Every other answer is left alone.
func captureStatus(ctx context.Context, w http.ResponseWriter, msg proto.Message) error {
	slot, ok := ctx.Value(capturedStatusKey{}).(*capturedStatus)
	if !ok {
		return nil
	}
	resp, ok := msg.(interface {
		GetConsultativeStatus() *accreditationv1.ConsultativeStatus
	})
	if !ok {
		return nil
	}
	slot.status = resp.GetConsultativeStatus()
	slot.header = http.Header{}
	for k, vs := range w.Header() {
		if k == "Content-Type" || strings.HasPrefix(k, "Grpc-Metadata-") {
			slot.header[k] = append([]string(nil), vs...)
		}
	}
	return nil
}
