package security_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/registry"
)

var restMutations = flag.Int("rest-mutations", 300, "mutated requests TestRESTSurfaceMutations sends (10000 for a full run)")

// route is one operation of the REST API as the OpenAPI document lists it.
type route struct{ method, path string }

// routes reads every operation from the committed OpenAPI document.
func routes(t testing.TB) []route {
	_, here, _, _ := runtime.Caller(0)
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "gen", "openapi", "liaison.openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var out []route
	for p, ops := range doc.Paths {
		for m := range ops {
			// A path item also holds shared parameters and a summary beside its operations.
			switch m {
			case "get", "put", "post", "delete", "patch":
				out = append(out, route{method: strings.ToUpper(m), path: p})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path+out[i].method < out[j].path+out[j].method })
	return out
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// escaped percent-encodes a hostile value, sometimes as raw bytes that are not UTF-8.
func (m mutator) escaped() string {
	if m.r.IntN(5) == 0 {
		b := make([]byte, 1+m.r.IntN(4))
		for i := range b {
			b[i] = byte(0x80 + m.r.IntN(0x80))
		}
		return url.PathEscape(string(b))
	}
	return url.PathEscape(m.str())
}

// body is a random JSON document: an object of hostile fields, a wrong type, or broken JSON.
func (m mutator) body() string {
	switch m.r.IntN(6) {
	case 0:
		return ""
	case 1:
		return `{"name":`
	case 2:
		return fmt.Sprintf("[%d, %q]", m.integer(), m.str())
	default:
		fields := []string{"name", "country", "stakeholderGroup", "organizationId", "kind", "category", "requestedCategory",
			"etag", "requestId", "title", "startTime", "endTime", "reason", "content", "filename", "contentType", "updateMask",
			"sdgs", "foundedOn", "capacity", "tags", "questionnaire", "venue", "participant", "text", "asOf", "ids"}
		obj := map[string]any{}
		for range 1 + m.r.IntN(6) {
			var v any
			switch m.r.IntN(5) {
			case 0:
				v = m.integer()
			case 1:
				v = map[string]any{m.str(): m.str()}
			case 2:
				v = []any{m.str(), m.integer()}
			case 3:
				v = nil
			default:
				v = m.str()
			}
			obj[fields[m.r.IntN(len(fields))]] = v
		}
		b, _ := json.Marshal(obj)
		return string(b)
	}
}

// request builds a mutated request for one of the routes.
func (m mutator) request(rs []route) (method, path, body string) {
	r := rs[m.r.IntN(len(rs))]
	path = pathParam.ReplaceAllStringFunc(r.path, func(string) string { return m.escaped() })
	if m.r.IntN(2) == 0 {
		q := []string{"pageSize", "pageToken", "query", "tag", "country", "states", "orderBy", "organizationId", "requestId", "updateMask", "from", "to"}
		var parts []string
		for range 1 + m.r.IntN(3) {
			parts = append(parts, q[m.r.IntN(len(q))]+"="+m.escaped())
		}
		path += "?" + strings.Join(parts, "&")
	}
	if r.method != http.MethodGet && r.method != http.MethodDelete {
		body = m.body()
	}
	return r.method, path, body
}

// Mutated REST requests on every route as every caller: no 5xx (503 only where the service is
// down) and nothing internal in any error body. `-rest-mutations 10000` is the full run.
func TestRESTSurfaceMutations(t *testing.T) {
	t.Parallel()
	rs := routes(t)
	up := shared(t)
	// The same edge with only the registry running: the other services' routes must answer 503.
	down := start(t, []service.Spec{registry.Spec}, map[string]string{
		"LIAISON_RATE_ANONYMOUS_PER_SECOND": "0", "LIAISON_RATE_USER_PER_SECOND": "0",
		"LIAISON_ACCREDITATION_ADDR": "127.0.0.1:1", "LIAISON_EVENTS_ADDR": "127.0.0.1:1"})
	tokens := map[*system][]string{}
	for _, sys := range []*system{up, down} {
		tokens[sys] = []string{""}
		for _, role := range auth.Roles {
			tokens[sys] = append(tokens[sys], sys.token(t, "rest-fuzz-"+string(role), "", time.Hour, role))
		}
	}
	m := mutator{r: rand.New(rand.NewPCG(19, 2))}
	var (
		mu     sync.Mutex
		counts = map[int]int{}
	)
	work, wait := inParallel()
	for i := range *restMutations {
		sys := up
		if i%5 == 4 {
			sys = down
		}
		method, path, body := m.request(rs)
		tok := tokens[sys][m.r.IntN(len(tokens[sys]))]
		work <- func() {
			r := sys.call(t, method, path, tok, body)
			mu.Lock()
			counts[r.status]++
			mu.Unlock()
			if r.status >= 500 && !(r.status == http.StatusServiceUnavailable && sys == down) {
				t.Errorf("%s %s = %d %.300s", method, path, r.status, r.body)
			}
			if r.status >= 400 && leak.MatchString(string(r.body)) {
				t.Errorf("%s %s told the caller %q", method, path, leak.FindString(string(r.body)))
			}
		}
	}
	wait()
	t.Logf("%d mutated requests over %d routes; answers by status: %v", *restMutations, len(rs), counts)
}
