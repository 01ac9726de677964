package devsystem_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// contract checks every REST call of a journey against the edge's own /openapi.json with an
// independent validator (kin-openapi's openapi3filter): the request, the response's status,
// headers and body. It validates against a strict copy of the document in which no schema
// admits a field it does not name, so a response that carries an undocumented field fails too.
type contract struct {
	t       *testing.T
	base    string
	doc     *openapi3.T
	ops     map[string]route // by operation id
	covered map[string][]int // statuses seen, by operation id
	failed  int
}

type route struct {
	path, method string
	item         *openapi3.PathItem
	op           *openapi3.Operation
}

// fileMediaTypes are the non-JSON answers of the API; their bodies are checked as strings.
var registerFileDecoders = sync.OnceFunc(func() {
	for _, mt := range []string{"text/calendar", "application/pdf", "application/msword",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document"} {
		openapi3filter.RegisterBodyDecoder(mt, openapi3filter.FileBodyDecoder)
	}
})

func newContract(t *testing.T, base string) *contract {
	t.Helper()
	registerFileDecoders()
	resp, err := http.Get(base + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	strict, err := closeSchemas(raw)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(strict)
	if err != nil {
		t.Fatalf("the edge's /openapi.json does not load: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the edge's /openapi.json is not valid OpenAPI: %v", err)
	}
	c := &contract{t: t, base: base, doc: doc, ops: map[string]route{}, covered: map[string][]int{}}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			c.ops[op.OperationID] = route{path: path, method: method, item: item, op: op}
		}
	}
	return c
}

// closeSchemas sets additionalProperties false on every component schema that names its
// properties. Request schemas are closed as well: the edge refuses unknown fields.
func closeSchemas(raw []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	for _, s := range schemas {
		if schema, ok := s.(map[string]any); ok && schema["properties"] != nil {
			schema["additionalProperties"] = false
		}
	}
	return json.Marshal(doc)
}

// answer is what one call returned.
type answer struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

// str reads a string at a dotted path of the JSON body.
func (a answer) str(path string) string {
	var v any = a.body
	for _, k := range strings.Split(path, ".") {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	s, _ := v.(string)
	return s
}

// call makes one REST call of the operation opID and checks request and answer against the
// document. want is the status the journey expects.
func (c *contract) call(want int, opID, tok string, params map[string]string, query url.Values, body any) answer {
	c.t.Helper()
	rt, ok := c.ops[opID]
	if !ok {
		c.t.Fatalf("no operation %s in /openapi.json", opID)
	}
	path := rt.path
	for k, v := range params {
		path = strings.ReplaceAll(path, "{"+k+"}", url.PathEscape(v))
	}
	target := c.base + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	var payload []byte
	if body != nil {
		if s, isString := body.(string); isString {
			payload = []byte(s)
		} else {
			payload, _ = json.Marshal(body)
		}
	}
	req, err := http.NewRequest(rt.method, target, bytes.NewReader(payload))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      &routers.Route{Spec: c.doc, Path: rt.path, PathItem: rt.item, Method: rt.method, Operation: rt.op},
		Options:    &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	}
	// Only a request the journey sends on purpose as invalid (400) may break the document; one
	// refused for who sends it or for the state it meets must be well-formed.
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil && want != http.StatusBadRequest {
		c.violation("%s %s: the request breaks the document: %v", rt.method, path, err)
	}
	req.Body = io.NopCloser(bytes.NewReader(payload))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	a := answer{status: resp.StatusCode, header: resp.Header, raw: raw}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		_ = json.Unmarshal(raw, &a.body)
	}
	c.covered[opID] = append(c.covered[opID], resp.StatusCode)
	if resp.StatusCode != want {
		c.t.Errorf("%s %s = %d, want %d: %s", rt.method, path, resp.StatusCode, want, truncate(raw))
	}
	if rt.op.Responses.Status(resp.StatusCode) == nil {
		c.violation("%s %s answered %d, which the document does not list for %s", rt.method, path, resp.StatusCode, opID)
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(raw)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		c.violation("%s %s (%d): the answer breaks the document: %v\n%s", rt.method, path, resp.StatusCode, err, truncate(raw))
	}
	return a
}

func (c *contract) violation(format string, args ...any) {
	c.t.Helper()
	c.failed++
	c.t.Errorf("violation: "+format, args...)
}

// report fails the test for every operation of the document the journey did not call, and for
// one that never succeeded.
func (c *contract) report() {
	c.t.Helper()
	var missing, neverOK []string
	for id := range c.ops {
		seen := c.covered[id]
		if len(seen) == 0 {
			missing = append(missing, id)
			continue
		}
		if !slices.ContainsFunc(seen, func(s int) bool { return s < 300 }) {
			neverOK = append(neverOK, id)
		}
	}
	slices.Sort(missing)
	slices.Sort(neverOK)
	if len(missing) > 0 {
		c.t.Errorf("the journey did not call %d operations: %v", len(missing), missing)
	}
	if len(neverOK) > 0 {
		c.t.Errorf("the journey never saw these operations succeed: %v", neverOK)
	}
	calls := 0
	for _, s := range c.covered {
		calls += len(s)
	}
	c.t.Logf("%d calls over %d operations, %d violations", calls, len(c.covered), c.failed)
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "..."
	}
	return string(b)
}
