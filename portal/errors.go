package portal

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// formErrors turns a service's refusal into messages by form field, so each appears next to
// the field it concerns: the field violations of an INVALID_ARGUMENT and the violations of a
// FAILED_PRECONDITION are keyed by the last part of their field path or subject. The key ""
// holds the message for the form as a whole, in the reader's language. The services word
// the details in English; they are shown after the translated summary.
func formErrors(lang string, err error) map[string]string {
	out := map[string]string{}
	st, ok := status.FromError(err)
	if !ok {
		out[""] = translate(lang, "err.internal")
		return out
	}
	var general []string
	put := func(field, msg string) {
		if k := fieldKey(field); k != "" {
			out[k] = msg
		} else if !slices.Contains(general, msg) {
			general = append(general, msg)
		}
	}
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.BadRequest:
			for _, v := range d.GetFieldViolations() {
				put(v.GetField(), fieldMessage(lang, v))
			}
		case *errdetails.PreconditionFailure:
			for _, v := range d.GetViolations() {
				put(v.GetSubject(), v.GetDescription())
			}
		}
	}
	if len(out) == 0 && len(general) == 0 && st.Message() != "" && meantForReaders(st.Code()) {
		general = append(general, st.Message())
	}
	out[""] = strings.TrimSpace(translate(lang, codeKey(st.Code())) + " " + strings.Join(general, " "))
	return out
}

// meantForReaders says whether a service's message under code is written for the person who
// made the request. The others (an internal failure, a service that cannot be reached, whose
// text names addresses and causes) are logged for operators and replaced by the translated
// summary alone.
func meantForReaders(c codes.Code) bool {
	switch c {
	case codes.InvalidArgument, codes.NotFound, codes.AlreadyExists, codes.PermissionDenied, codes.Unauthenticated,
		codes.Aborted, codes.FailedPrecondition, codes.OutOfRange, codes.ResourceExhausted:
		return true
	}
	return false
}

// errInvalidUTF8 refuses a page address whose path or query is not UTF-8 text.
var errInvalidUTF8 = status.Error(codes.InvalidArgument, "the address is not valid UTF-8 text")

// fieldMessage words a field violation in the reader's language when its rule is in the
// catalogue (rule.<rule id>), and otherwise shows the service's English text after a
// translated lead.
func fieldMessage(lang string, v *errdetails.BadRequest_FieldViolation) string {
	if key := "rule." + v.GetReason(); v.GetReason() != "" {
		if _, ok := catalogue["en"][key]; ok {
			return translate(lang, key)
		}
	}
	return translate(lang, "err.field") + " " + v.GetDescription()
}

// fieldKey is the last element of a field path such as "application.questionnaire.funding_sources".
func fieldKey(path string) string {
	if i := strings.LastIndexAny(path, "./"); i >= 0 {
		return path[i+1:]
	}
	return path
}

// codeKey names the catalogue message for a gRPC code.
func codeKey(c codes.Code) string {
	switch c {
	case codes.InvalidArgument:
		return "err.invalid"
	case codes.NotFound:
		return "err.notfound"
	case codes.AlreadyExists:
		return "err.exists"
	case codes.PermissionDenied:
		return "err.denied"
	case codes.Unauthenticated:
		return "err.signin"
	case codes.Aborted:
		return "err.stale"
	case codes.FailedPrecondition:
		return "err.precondition"
	case codes.Unavailable, codes.DeadlineExceeded:
		return "err.unavailable"
	}
	return "err.internal"
}

// httpStatus is the status of a page that could not be shown because of err.
func httpStatus(err error) int {
	switch status.Code(err) {
	case codes.NotFound:
		return http.StatusNotFound
	case codes.PermissionDenied:
		return http.StatusForbidden
	case codes.Unauthenticated:
		return http.StatusUnauthorized
	case codes.InvalidArgument:
		return http.StatusBadRequest
	case codes.Unavailable, codes.DeadlineExceeded:
		return http.StatusServiceUnavailable
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// failPage shows why a page cannot be shown, in the reader's language.
func (p *Portal) failPage(w http.ResponseWriter, r *http.Request, v viewer, err error) {
	pg := p.newPage(w, r, v, "err.title")
	pg.Errors = formErrors(pg.Lang, err)
	code := httpStatus(err)
	if code >= 500 {
		p.log.Warn("portal: a service call failed", "path", r.URL.Path, "err", err)
	}
	if code == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	p.render(w, r, code, "error", pg)
}
