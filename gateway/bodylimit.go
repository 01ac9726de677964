package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"google.golang.org/grpc/codes"
	"io"
	"net/http"
	"regexp"
	"strconv"
)

// Request body limits: a document upload carries a file (base64 in JSON); nothing else needs more
// than a questionnaire.
const (
	uploadBodyLimit  = 12 << 20
	defaultBodyLimit = 1 << 20
)

// uploadRoute matches the writes that carry a file: AddApplicationDocument over REST, and the
// portal's forms that upload an application document or a quadrennial report.
var uploadRoute = regexp.MustCompile(`^(/v1/applications/[^/]+/documents|/portal/applications/[^/]+/documents|/portal/my/reports)$`)

func bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost && uploadRoute.MatchString(r.URL.Path) {
		return uploadBodyLimit
	}
	return defaultBodyLimit
}

type bodyTooLargeKey struct{}

// withBodyLimit refuses bodies over the route's limit with 413: at once when Content-Length says
// so, and when the body turns out longer than it said, by marking the request so that the error
// handler answers 413 rather than a misleading "invalid JSON".
func withBodyLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := bodyLimit(r)
		if r.ContentLength > limit {
			writeTooLarge(w, limit)
			return
		}
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		exceeded := new(bool)
		r = r.WithContext(context.WithValue(r.Context(), bodyTooLargeKey{}, exceeded))
		r.Body = &limitedBody{ReadCloser: http.MaxBytesReader(w, r.Body, limit), exceeded: exceeded}
		next.ServeHTTP(w, r)
	})
}

type limitedBody struct {
	io.ReadCloser
	exceeded *bool
}

func (b *limitedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		*b.exceeded = true
	}
	return n, err
}

// bodyWasTooLarge reports whether reading the request's body hit its limit.
func bodyWasTooLarge(r *http.Request) bool {
	exceeded, _ := r.Context().Value(bodyTooLargeKey{}).(*bool)
	return exceeded != nil && *exceeded
}

func writeTooLarge(w http.ResponseWriter, limit int64) {
	writeJSON(w, http.StatusRequestEntityTooLarge, errorBody{
		Code: int32(codes.InvalidArgument), Status: codes.InvalidArgument.String(), Details: []json.RawMessage{},
		Message: "request body too large: this route takes at most " + strconv.FormatInt(limit>>20, 10) + " MiB",
	})
}
