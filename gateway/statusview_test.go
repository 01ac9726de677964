package gateway

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
)

// fakeAccreditation keeps statuses of record and a change log, and serves GetConsultativeStatus
// and WatchStatusChanges from them the way the service does: the stream is for system callers,
// resumes after a sequence, and refuses a cursor past the log's end (the log was reset).
type fakeAccreditation struct {
	accreditationv1.UnimplementedAccreditationServiceServer
	lookups atomic.Int64

	mu       sync.Mutex
	statuses map[string]*accreditationv1.ConsultativeStatus
	log      []*accreditationv1.StatusChange
	wake     chan struct{}
	down     bool          // streams are refused
	cut      chan struct{} // closed to end every open stream
}

func newFakeAccreditation() *fakeAccreditation {
	return &fakeAccreditation{statuses: map[string]*accreditationv1.ConsultativeStatus{}, wake: make(chan struct{}), cut: make(chan struct{})}
}

// change records st as org's status and publishes it on the stream.
func (f *fakeAccreditation) change(st *accreditationv1.ConsultativeStatus) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.statuses[st.GetOrganizationId()] = st
	f.log = append(f.log, &accreditationv1.StatusChange{
		Sequence: uint64(len(f.log) + 1), OrganizationId: st.GetOrganizationId(), Status: proto.Clone(st).(*accreditationv1.ConsultativeStatus),
	})
	close(f.wake)
	f.wake = make(chan struct{})
}

// setDown refuses streams (and ends the open ones) or lets them in again.
func (f *fakeAccreditation) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
	if down {
		close(f.cut)
		f.cut = make(chan struct{})
	}
}

// resetLog starts a new change log, as a restored database would: statuses change without a
// trace in it, and every consumer's cursor is suddenly past its end.
func (f *fakeAccreditation) resetLog(statuses ...*accreditationv1.ConsultativeStatus) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log = nil
	for _, st := range statuses {
		f.statuses[st.GetOrganizationId()] = st
	}
}

func (f *fakeAccreditation) GetConsultativeStatus(_ context.Context, req *accreditationv1.GetConsultativeStatusRequest) (*accreditationv1.GetConsultativeStatusResponse, error) {
	f.lookups.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	st, ok := f.statuses[req.GetOrganizationId()]
	if !ok {
		st = &accreditationv1.ConsultativeStatus{OrganizationId: req.GetOrganizationId(), State: accreditationv1.ConsultativeStatus_STATE_NONE}
	}
	return &accreditationv1.GetConsultativeStatusResponse{ConsultativeStatus: st}, nil
}

func (f *fakeAccreditation) WatchStatusChanges(req *accreditationv1.WatchStatusChangesRequest, stream grpc.ServerStreamingServer[accreditationv1.WatchStatusChangesResponse]) error {
	if id, ok := auth.FromContext(stream.Context()); !ok || !id.HasRole(auth.RoleSystem) {
		return status.Error(codes.PermissionDenied, "the change stream is for system callers")
	}
	next := req.GetAfterSequence()
	f.mu.Lock()
	down, cut := f.down, f.cut
	past := next > uint64(len(f.log))
	f.mu.Unlock()
	if down {
		return status.Error(codes.Unavailable, "down for the test")
	}
	if past {
		return status.Error(codes.FailedPrecondition, "the cursor is past the newest change: the change log was reset")
	}
	for {
		f.mu.Lock()
		pending := append([]*accreditationv1.StatusChange(nil), f.log[min(int(next), len(f.log)):]...)
		wake := f.wake
		f.mu.Unlock()
		for _, ch := range pending {
			if err := stream.Send(&accreditationv1.WatchStatusChangesResponse{StatusChange: ch}); err != nil {
				return err
			}
			next = ch.GetSequence()
		}
		select {
		case <-stream.Context().Done():
			return nil
		case <-cut:
			return status.Error(codes.Unavailable, "cut for the test")
		case <-wake:
		}
	}
}

func rosterActive(org string) *accreditationv1.ConsultativeStatus {
	return &accreditationv1.ConsultativeStatus{
		OrganizationId: org, Category: accreditationv1.Category_CATEGORY_ROSTER, State: accreditationv1.ConsultativeStatus_STATE_ACTIVE,
		GrantedOn: &date.Date{Year: 2019, Month: 7, Day: 24}, DecisionRef: "E/2019/219",
		UpdateTime: timestamppb.New(time.Date(2019, 7, 24, 10, 0, 0, 0, time.UTC)), Etag: `"0a1b2c3d4e5f6071"`,
	}
}

// statusEdge is the edge in front of a fake accreditation service (which also answers health for
// every service), with the anonymous rate unlimited so that polling is never refused.
func statusEdge(t *testing.T, f *fakeAccreditation) *edge {
	t.Helper()
	return startEdgeWith(t, map[string]string{"LIAISON_RATE_ANONYMOUS_PER_SECOND": "0"}, func(srv *grpc.Server) {
		accreditationv1.RegisterAccreditationServiceServer(srv, f)
	})
}

// lookup GETs org's status and says whether the service was asked for it.
func (e *edge) lookup(t *testing.T, f *fakeAccreditation, org, token string) (reply, bool) {
	t.Helper()
	before := f.lookups.Load()
	r := e.do(t, http.MethodGet, "/v1/organizations/"+org+"/status", token, nil)
	return r, f.lookups.Load() != before
}

// eventually polls org's status until cond holds, for at most five seconds.
func (e *edge) eventually(t *testing.T, f *fakeAccreditation, org, what string, cond func(r reply, asked bool) bool) reply {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		r, asked := e.lookup(t, f, org, "")
		if cond(r, asked) {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: last answer %d %s (asked the service: %v)", what, r.status, r.raw, asked)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sameAnswer compares two answers to the same lookup as a client sees them; only what differs
// per request by design (date, request id, rate-limit counters) may differ.
func sameAnswer(t *testing.T, what string, want, got reply) {
	t.Helper()
	if got.status != want.status || !bytes.Equal(got.raw, want.raw) {
		t.Errorf("%s: %d %s, want %d %s", what, got.status, got.raw, want.status, want.raw)
	}
	skip := map[string]bool{"Date": true, "X-Request-Id": true, "Ratelimit-Remaining": true, "Ratelimit-Reset": true}
	for _, h := range []http.Header{want.header, got.header} {
		for k := range h {
			if !skip[k] && strings.Join(want.header.Values(k), "\n") != strings.Join(got.header.Values(k), "\n") {
				t.Errorf("%s: header %s is %q, want %q", what, k, got.header.Values(k), want.header.Values(k))
			}
		}
	}
}

func TestStatusLookupsAreAnsweredFromTheChangeStream(t *testing.T) {
	t.Parallel()
	f := newFakeAccreditation()
	f.change(rosterActive("org-roster"))
	owesReports := &accreditationv1.ConsultativeStatus{
		OrganizationId: "org-reports", Category: accreditationv1.Category_CATEGORY_SPECIAL, State: accreditationv1.ConsultativeStatus_STATE_ACTIVE,
		GrantedOn: &date.Date{Year: 2020, Month: 7, Day: 1}, NextReportDue: &date.Date{Year: 2025, Month: 6, Day: 1}, Etag: `"1111111111111111"`,
	}
	f.change(owesReports)
	f.setDown(true)
	e := statusEdge(t, f)

	// Stream down: every lookup is the service's.
	passed, asked := e.lookup(t, f, "org-roster", "")
	if passed.status != http.StatusOK || !asked || !strings.Contains(string(passed.raw), `"STATE_ACTIVE"`) {
		t.Fatalf("lookup with the stream down: %d %s (asked the service: %v)", passed.status, passed.raw, asked)
	}
	if _, asked := e.lookup(t, f, "org-roster", ""); !asked {
		t.Fatal("a lookup with the stream down was answered from memory")
	}

	// Once the stream is up and settled, lookups are answered from memory, exactly as the service would.
	f.setDown(false)
	hit := e.eventually(t, f, "org-roster", "served from memory once the stream settled", func(_ reply, asked bool) bool { return !asked })
	sameAnswer(t, "answer from memory", passed, hit)
	badgeOffice := devToken(t, e, "badge-office", auth.RoleSystem)
	if r, asked := e.lookup(t, f, "org-roster", badgeOffice); r.status != http.StatusOK || asked || !bytes.Equal(r.raw, passed.raw) {
		t.Errorf("system caller's lookup: %d %s (asked the service: %v)", r.status, r.raw, asked)
	}
	// People read their own writes: their lookups always reach the service.
	officer := devToken(t, e, "olga", auth.RoleOfficer)
	if r, asked := e.lookup(t, f, "org-roster", officer); r.status != http.StatusOK || !asked || !bytes.Equal(r.raw, passed.raw) {
		t.Errorf("officer's lookup: %d %s (asked the service: %v)", r.status, r.raw, asked)
	}

	// An organization never seen is asked once, then known; its NONE status is answered alike.
	first, asked := e.lookup(t, f, "org-unknown", "")
	if first.status != http.StatusOK || !asked || !strings.Contains(string(first.raw), `"STATE_NONE"`) {
		t.Fatalf("first lookup of an unknown organization: %d %s (asked: %v)", first.status, first.raw, asked)
	}
	again, asked := e.lookup(t, f, "org-unknown", "")
	if asked {
		t.Error("the second lookup of an organization asked the service again")
	}
	sameAnswer(t, "unknown organization from memory", first, again)

	// A status that owes reports is followed like any other: filing one is published.
	e.eventually(t, f, "org-reports", "a status owing reports, from memory", func(r reply, asked bool) bool {
		return r.status == http.StatusOK && !asked
	})
	filed := proto.Clone(owesReports).(*accreditationv1.ConsultativeStatus)
	filed.NextReportDue, filed.Etag = &date.Date{Year: 2029, Month: 6, Day: 1}, `"3333333333333333"`
	f.change(filed)
	e.eventually(t, f, "org-reports", "the filed report's due date", func(r reply, asked bool) bool {
		if asked {
			t.Error("the service was asked while the stream was up")
		}
		return strings.Contains(string(r.raw), "3333333333333333")
	})

	// A change on the stream is what the next lookups see, without asking the service.
	suspended := proto.Clone(rosterActive("org-roster")).(*accreditationv1.ConsultativeStatus)
	suspended.State, suspended.Etag = accreditationv1.ConsultativeStatus_STATE_WITHDRAWN, `"2222222222222222"`
	f.change(suspended)
	changed := e.eventually(t, f, "org-roster", "the change from the stream", func(r reply, asked bool) bool {
		if asked {
			t.Error("the service was asked while the stream was up")
		}
		return strings.Contains(string(r.raw), `"STATE_WITHDRAWN"`)
	})
	if !strings.Contains(string(changed.raw), "2222222222222222") {
		t.Errorf("changed status lacks its new etag: %s", changed.raw)
	}

	// A token that does not verify is refused by the service, with its reason, as before.
	bad := e.do(t, http.MethodGet, "/v1/organizations/org-roster/status", "not-a-token", nil)
	if bad.status != http.StatusUnauthorized || !strings.Contains(bad.header.Get("WWW-Authenticate"), "invalid_token") || bad.body.Message == "" {
		t.Errorf("bad token: %d %v %s", bad.status, bad.header, bad.raw)
	}

	// Stream down again: back to asking the service.
	f.setDown(true)
	e.eventually(t, f, "org-roster", "asking the service with the stream down", func(_ reply, asked bool) bool { return asked })

	// The change log is reset while the edge is away; the status changed with no trace in the new
	// log. Coming back, the view must forget what it knew and ask again.
	f.resetLog(rosterActive("org-roster"))
	f.setDown(false)
	after := e.eventually(t, f, "org-roster", "memory again after the reset, with the status of record", func(r reply, asked bool) bool {
		return !asked && strings.Contains(string(r.raw), `"STATE_ACTIVE"`)
	})
	sameAnswer(t, "after a reset", passed, after)

	// /metrics, on the admin port, counts both kinds of answer.
	m := e.scrape(t)
	for _, want := range []string{`liaison_gateway_status_lookups_total{`, `result="hit"`, `reason="person"`, `reason="not_live"`} {
		if !strings.Contains(string(m.raw), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestStatusRequestsTheViewLeavesToTheService(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 129)
	for _, tc := range []struct {
		method, target string
		header         string
		want           bool
	}{
		{"GET", "/v1/organizations/org-1/status", "", true},
		{"GET", "/v1/organizations/" + strings.Repeat("a", 128) + "/status", "", true},
		{"HEAD", "/v1/organizations/org-1/status", "", false},
		{"GET", "/v1/organizations/" + long + "/status", "", false},
		{"GET", "/v1/organizations//status", "", false},
		{"GET", "/v1/organizations/a/b/status", "", false},
		{"GET", "/v1/organizations/org%2D1/status", "", false},
		{"GET", "/v1/organizations/org%201/status", "", false},
		{"GET", "/v1/organizations/%C3%A9/status", "", false},
		{"GET", "/v1/organizations/org-1/status?organizationId=x", "", false},
		{"GET", "/v1/organizations/org-1/status/", "", false},
		{"GET", "/v1/organizations/org-1", "", false},
		{"GET", "/v1/organizations/org-1/status", "Grpc-Timeout", false},
		{"GET", "/v1/organizations/org-1/status", "Grpc-Metadata-Foo", false},
		{"GET", "/v1/organizations/org-1/status", "TE", false},
	} {
		r, err := http.NewRequest(tc.method, "http://edge"+tc.target, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tc.header != "" {
			r.Header.Set(tc.header, "1S")
		}
		if _, got := statusRequestOrg(r); got != tc.want {
			t.Errorf("%s %s %s: answered from memory %v, want %v", tc.method, tc.target, tc.header, got, tc.want)
		}
	}
}

func TestStatusViewIsOffWithAnIdentityProvider(t *testing.T) {
	t.Parallel()
	cfg, err := config.LoadFrom[config.Common](map[string]string{"LIAISON_DATA_DIR": t.TempDir(), "LIAISON_JWKS_URL": "https://id.un.example/jwks"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := statusViewCredentials(cfg, fixedClock{}); ok || err != nil {
		t.Errorf("with a JWKS URL the view is on (ok %v, err %v)", ok, err)
	}
}
