package gateway

import (
	"net/http"
	"strings"
)

// bearerToken returns the token of an "Authorization: Bearer <token>" header; sent is false when
// the request carries no Authorization header at all. A header in another shape yields an empty
// token, which no verifier accepts: credentials a caller sent must count, never be ignored.
func bearerToken(r *http.Request) (token string, sent bool) {
	values := r.Header.Values("Authorization")
	if len(values) == 0 {
		return "", false
	}
	if len(values) > 1 {
		return "", true
	}
	scheme, raw, ok := strings.Cut(strings.TrimSpace(values[0]), " ")
	if !ok || !strings.EqualFold(scheme, "bearer") {
		return "", true
	}
	return strings.TrimSpace(raw), true
}
