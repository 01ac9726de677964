package gateway

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestErrorsBecomeTheHTTPStatusTheAPIPromises(t *testing.T) {
	cases := []struct {
		code codes.Code
		want int
	}{
		{codes.InvalidArgument, http.StatusBadRequest},
		{codes.Unauthenticated, http.StatusUnauthorized},
		{codes.PermissionDenied, http.StatusForbidden},
		{codes.NotFound, http.StatusNotFound},
		{codes.AlreadyExists, http.StatusConflict},
		{codes.Aborted, http.StatusConflict},
		{codes.FailedPrecondition, http.StatusPreconditionFailed},
		{codes.ResourceExhausted, http.StatusTooManyRequests},
		{codes.Unavailable, http.StatusServiceUnavailable},
		{codes.Internal, http.StatusInternalServerError},
	}
	for _, c := range cases {
		t.Run(c.code.String(), func(t *testing.T) {
			rec := serveError(t, status.Error(c.code, "the organization is not in a state that allows this"))
			if rec.Code != c.want {
				t.Fatalf("%s -> HTTP %d, want %d", c.code, rec.Code, c.want)
			}
			var body errorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body is not JSON: %v: %s", err, rec.Body)
			}
			if body.Status != c.code.String() || body.Message == "" || body.Code != int32(c.code) {
				t.Errorf("body = %+v", body)
			}
		})
	}
}

func TestInternalErrorsDoNotLeakTheirText(t *testing.T) {
	rec := serveError(t, status.Error(codes.Internal, "pq: relation organizations does not exist"))
	var body errorBody
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	if body.Message == "" || strings.Contains(body.Message, "relation") {
		t.Errorf("internal message reached the caller: %q", body.Message)
	}
}

func TestUnavailableTellsWhenToRetry(t *testing.T) {
	rec := serveError(t, status.Error(codes.Unavailable, "connection refused"))
	if rec.Header().Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
}

func TestUnauthenticatedNamesTheScheme(t *testing.T) {
	rec := serveError(t, status.Error(codes.Unauthenticated, "token expired"))
	if rec.Header().Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
}

func TestFieldViolationsReachTheCaller(t *testing.T) {
	st, _ := status.New(codes.InvalidArgument, "country: ZZ is not an ISO 3166-1 country").WithDetails(&errdetails.BadRequest{
		FieldViolations: []*errdetails.BadRequest_FieldViolation{{Field: "organization.country", Description: "ZZ is not a country"}},
	})
	rec := serveError(t, st.Err())
	var body struct {
		Details []map[string]any `json:"details"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Details) != 1 || body.Details[0]["@type"] != "type.googleapis.com/google.rpc.BadRequest" {
		t.Errorf("details = %v", body.Details)
	}
}

func serveError(t *testing.T, err error) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/v1/organizations/x", nil)
	writeError(context.Background(), runtime.NewServeMux(), jsonMarshaler(), rec, req, err)
	return rec
}
