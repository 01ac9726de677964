package gateway

import (
	"errors"
	"net/http"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/auth"
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

// writeUnauthenticated answers a request whose token the edge could not verify, with the same
// words the services use, so a caller sees one message whichever layer refused it.
func writeUnauthenticated(w http.ResponseWriter, r *http.Request, err error) {
	msg := "invalid bearer token"
	if errors.Is(err, auth.ErrTokenExpired) {
		msg = "token has expired"
	}
	writeError(r.Context(), nil, nil, w, r, status.Error(codes.Unauthenticated, msg))
}
