package gateway

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/un-liaison/liaison/platform/urltext"
)

// retryAfterSeconds is what a client is told to wait when a service behind the edge is down:
// long enough for a restart or a failover, short enough that a person is not left waiting.
const retryAfterSeconds = 5

// httpStatus is the one table from gRPC codes to HTTP statuses at the edge. It keeps the
// library's mapping except where liaison's API promises otherwise: a request that breaks a
// rule or meets the wrong state is 412 Precondition Failed, not a generic 400.
func httpStatus(c codes.Code) int {
	switch c {
	case codes.FailedPrecondition:
		return http.StatusPreconditionFailed
	case codes.Unknown, codes.DataLoss:
		return http.StatusInternalServerError
	default:
		return runtime.HTTPStatusFromCode(c)
	}
}

// errorBody is what a REST caller reads when something went wrong. `status` repeats the
// code by name so a person does not need the gRPC code table; `details` keeps the typed
// details (field violations, error info) for programs.
type errorBody struct {
	Code    int32             `json:"code"`
	Status  string            `json:"status"`
	Message string            `json:"message"`
	Details []json.RawMessage `json:"details"`
}

// errorHandler is writeError that also logs, with the request id the caller was given, why a
// service did not answer: the answer itself no longer says.
func errorHandler(log *slog.Logger) runtime.ErrorHandlerFunc {
	return func(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
		if c := status.Code(err); c == codes.Unavailable || c == codes.DeadlineExceeded {
			log.WarnContext(ctx, "gateway: a service did not answer", "path", r.URL.Path, "code", c.String(),
				"err", status.Convert(err).Message(), "request_id", w.Header().Get(requestIDHeader))
		}
		writeError(ctx, mux, m, w, r, err)
	}
}

// writeError is the gateway's error handler: it replaces grpc-gateway's default so that the
// status code follows httpStatus and internal failures never leak their text.
func writeError(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
	if bodyWasTooLarge(r) {
		writeTooLarge(w, bodyLimit(r))
		return
	}
	st := status.Convert(err)
	if isUnencodable(st) {
		st = status.New(codes.InvalidArgument, invalidUTF8Message)
	}
	code := st.Code()
	msg := st.Message()
	if code == codes.InvalidArgument {
		msg = explainDecodeError(msg)
	}
	if code == codes.Internal || code == codes.Unknown || code == codes.DataLoss {
		// The service already logged the cause with the trace id; the caller gets a reference, not internals.
		msg = "internal error; quote request id " + w.Header().Get(requestIDHeader) + " when reporting it"
	}
	if code == codes.Unavailable || code == codes.DeadlineExceeded {
		// The cause (which service, at which address, why) is for the operators' log
		// (errorHandler): an anonymous caller learns only that it should retry.
		msg = "a liaison service is temporarily unavailable; retry shortly"
		if code == codes.DeadlineExceeded {
			msg = "a liaison service did not answer in time; retry shortly"
		}
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
	}
	body := errorBody{Code: int32(code), Status: code.String(), Message: msg, Details: []json.RawMessage{}}
	for _, d := range st.Proto().GetDetails() {
		if raw, ok := marshalDetail(d); ok {
			body.Details = append(body.Details, raw)
		}
	}
	if code == codes.Unauthenticated {
		challenge := `Bearer realm="liaison"`
		if _, sent := bearerToken(r); sent {
			// RFC 6750: tell a client that sent a token that the token itself is the problem.
			challenge += `, error="invalid_token", error_description=` + strconv.Quote(msg)
		}
		w.Header().Set("WWW-Authenticate", challenge)
	}
	writeJSON(w, httpStatus(code), body)
}

// marshalDetail renders one typed error detail as JSON with its @type, as protojson does.
func marshalDetail(d *anypb.Any) (json.RawMessage, bool) {
	b, err := protojson.Marshal(d)
	if err != nil {
		return nil, false
	}
	return json.RawMessage(b), true
}

// explainDecodeError rewrites the JSON decoder's terse "proto: ..." messages, which reach the
// caller when a request body does not parse, into a sentence saying what was wrong with the body.
func explainDecodeError(msg string) string {
	rest, ok := strings.CutPrefix(msg, "proto:")
	switch {
	case ok:
		return "the request body is not valid JSON for this request: " + strings.TrimSpace(rest)
	case msg == "unexpected EOF" || msg == "EOF":
		return "the request body is not valid JSON for this request: it ends too early"
	}
	return msg
}

// invalidUTF8Message is what a caller reads when a path or query parameter is not UTF-8 text.
const invalidUTF8Message = "a path or query parameter is not valid UTF-8 text: percent-encode the UTF-8 bytes of the characters you mean"

// isUnencodable reports the gateway's own failure to encode a request for a service, which
// happens only when a parameter taken from the URL is not UTF-8 (protobuf strings must be): the
// caller sent it, so it is the caller's error to fix, not an internal one.
func isUnencodable(st *status.Status) bool {
	return st.Code() == codes.Internal && strings.Contains(st.Message(), "error while marshaling") &&
		strings.Contains(st.Message(), "invalid UTF-8")
}

// rejectInvalidUTF8 answers 400 before routing when the decoded path or a query parameter is
// not UTF-8, so no such request reaches a service or a template.
func rejectInvalidUTF8(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !urltext.Valid(r.URL) {
			code := codes.InvalidArgument
			writeJSON(w, http.StatusBadRequest, errorBody{Code: int32(code), Status: code.String(),
				Message: invalidUTF8Message, Details: []json.RawMessage{}})
			return
		}
		next.ServeHTTP(w, r)
	})
}
