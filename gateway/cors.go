package gateway

import (
	"encoding/json"
	"google.golang.org/grpc/codes"
	"net/http"
	"slices"
	"strings"
)

// corsAllowedHeaders are the request headers a browser page may send: the token, the JSON body's
// type, its own request id and the W3C trace context.
const corsAllowedHeaders = "Authorization, Content-Type, X-Request-Id, Traceparent, Tracestate"

// corsExposedHeaders are the response headers a page may read besides the simple ones.
const corsExposedHeaders = "X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, WWW-Authenticate, Allow"

// withCORS lets pages served from the configured origins call the API from a browser. Other
// origins get no CORS headers, so browsers keep their pages out; a preflight from them is 403.
// origins is LIAISON_CORS_ORIGINS: comma-separated, "*" for any.
func withCORS(next http.Handler, origins string) http.Handler {
	var allowed []string
	for o := range strings.SplitSeq(origins, ",") {
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o != "" {
			allowed = append(allowed, o)
		}
	}
	if len(allowed) == 0 {
		return next
	}
	anyOrigin := slices.Contains(allowed, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Add("Vary", "Origin")
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if !anyOrigin && !slices.Contains(allowed, origin) {
			if preflight {
				writeJSON(w, http.StatusForbidden, errorBody{
					Code: int32(codes.PermissionDenied), Status: codes.PermissionDenied.String(), Details: []json.RawMessage{},
					Message: "origin " + origin + " may not call this API from a browser",
				})
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Expose-Headers", corsExposedHeaders)
		if !preflight {
			next.ServeHTTP(w, r)
			return
		}
		h.Add("Vary", "Access-Control-Request-Method")
		h.Add("Vary", "Access-Control-Request-Headers")
		h.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE")
		h.Set("Access-Control-Allow-Headers", corsAllowedHeaders)
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
	})
}
