package gateway

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/anypb"
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

// writeError is the gateway's error handler: it replaces grpc-gateway's default so that the
// status code follows httpStatus and internal failures never leak their text.
func writeError(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
	if bodyWasTooLarge(r) {
		writeTooLarge(w, bodyLimit(r))
		return
	}
	st := status.Convert(err)
	code := st.Code()
	msg := st.Message()
	if code == codes.InvalidArgument {
		msg = explainDecodeError(msg)
	}
	if code == codes.Internal || code == codes.Unknown || code == codes.DataLoss {
		// The service already logged the cause with the trace id; the caller gets a reference, not internals.
		msg = "internal error; quote request id " + w.Header().Get(requestIDHeader) + " when reporting it"
	}
	if code == codes.Unavailable {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
		if msg == "" || st.Message() == "no children to pick from" {
			msg = "a liaison service is temporarily unavailable; retry shortly"
		}
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
