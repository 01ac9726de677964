package gateway

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"

	"github.com/un-liaison/liaison/gen/openapi"
)

// route is one path template of the API with the HTTP methods it answers.
type route struct {
	pattern *regexp.Regexp
	methods []string
}

// routeTable reads the routes from the merged OpenAPI document, the same source the REST
// mapping is generated from, so the two cannot disagree.
var routeTable = sync.OnceValue(func() []route {
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	_ = json.Unmarshal(openapi.Document, &doc)
	param := regexp.MustCompile(`\{[^}]*\}`)
	var out []route
	for path, ops := range doc.Paths {
		expr := "^" + param.ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`) + "$"
		// QuoteMeta escaped the braces; undo that for the parameter match.
		expr = param.ReplaceAllString(strings.NewReplacer(`\{`, "{", `\}`, "}").Replace(expr), `[^/]+`)
		rt := route{pattern: regexp.MustCompile(expr)}
		for m := range ops {
			switch m = strings.ToUpper(m); m {
			case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
				rt.methods = append(rt.methods, m)
			}
		}
		out = append(out, rt)
	}
	return out
})

// allowedMethods lists the methods the API answers on path, for a 405's Allow header.
func allowedMethods(path string) []string {
	var out []string
	for _, rt := range routeTable() {
		if rt.pattern.MatchString(path) {
			for _, m := range rt.methods {
				if !slices.Contains(out, m) {
					out = append(out, m)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// writeRoutingError answers a request no route takes, in the edge's error shape: 404 names the
// place to look the routes up, 405 lists in Allow what the path does answer.
func writeRoutingError(_ context.Context, _ *runtime.ServeMux, _ runtime.Marshaler, w http.ResponseWriter, r *http.Request, httpStatus int) {
	switch httpStatus {
	case http.StatusMethodNotAllowed:
		allow := strings.Join(allowedMethods(r.URL.Path), ", ")
		w.Header().Set("Allow", allow)
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{
			Code: int32(codes.Unimplemented), Status: codes.Unimplemented.String(), Details: []json.RawMessage{},
			Message: r.Method + " is not allowed on " + r.URL.Path + "; it answers " + allow,
		})
	case http.StatusNotFound:
		writeJSON(w, http.StatusNotFound, errorBody{
			Code: int32(codes.NotFound), Status: codes.NotFound.String(), Details: []json.RawMessage{},
			Message: "no route " + r.Method + " " + r.URL.Path + "; the routes are listed at /docs and /openapi.json",
		})
	default:
		writeJSON(w, http.StatusBadRequest, errorBody{
			Code: int32(codes.InvalidArgument), Status: codes.InvalidArgument.String(), Details: []json.RawMessage{},
			Message: "the request path is malformed",
		})
	}
}
