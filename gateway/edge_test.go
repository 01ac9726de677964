package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/auth/authtest"
	"github.com/un-liaison/liaison/platform/config"
)

// pinned is the system time of these tests (LIAISON_NOW), so tokens are issued and checked in
// the same world.
var pinned = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// fakeEvents answers the few events RPCs the edge tests call, behind the platform's real
// authentication interceptor, so the edge is tested against what a service would answer.
type fakeEvents struct {
	eventsv1.UnimplementedEventsServiceServer
}

func (fakeEvents) ListEvents(ctx context.Context, _ *eventsv1.ListEventsRequest) (*eventsv1.ListEventsResponse, error) {
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		if tp := md.Get("traceparent"); len(tp) > 0 {
			lastTraceparent.Store(tp[0])
		}
	}
	return &eventsv1.ListEventsResponse{Events: []*eventsv1.Event{{Id: "ev-1", Title: "HLPF 2026"}}, TotalSize: 1}, nil
}

func (fakeEvents) CreateEvent(_ context.Context, req *eventsv1.CreateEventRequest) (*eventsv1.CreateEventResponse, error) {
	ev := req.GetEvent()
	ev.Id = "ev-2"
	return &eventsv1.CreateEventResponse{Event: ev}, nil
}

// lastTraceparent is the W3C trace context the fake service last received.
var lastTraceparent atomic.Value

// officersCreate is the slice of the events policy these tests need.
func officersCreate(method string, id auth.Identity, anonymous bool) error {
	if method != eventsv1.EventsService_CreateEvent_FullMethodName {
		return nil
	}
	if anonymous {
		return status.Error(codes.Unauthenticated, "sign in: this method needs a bearer token")
	}
	if !id.HasRole(auth.RoleOfficer) {
		return status.Error(codes.PermissionDenied, "this method is for officers")
	}
	return nil
}

type edge struct {
	url   string
	admin string // the admin port's URL: /metrics
	cfg   config.Common
}

// startEdge runs the gateway with env on top of test defaults, in front of one fake server that
// stands for all three services.
func startEdge(t *testing.T, env map[string]string) *edge {
	t.Helper()
	return startEdgeWith(t, env, func(srv *grpc.Server) { eventsv1.RegisterEventsServiceServer(srv, fakeEvents{}) })
}

// startEdgeWith is startEdge with the fake server's services registered by register.
func startEdgeWith(t *testing.T, env map[string]string, register func(*grpc.Server)) *edge {
	t.Helper()
	base := map[string]string{
		"LIAISON_DATA_DIR":         t.TempDir(),
		"LIAISON_NOW":              pinned.Format(time.RFC3339),
		"LIAISON_SHUTDOWN_TIMEOUT": "1s",
		"LIAISON_LOG_LEVEL":        "error",
		"LIAISON_DEV_MODE":         "1",
	}
	for k, v := range env {
		base[k] = v
	}
	cfg, err := config.LoadFrom[config.Common](base)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	verifier, err := auth.NewConfiguredVerifier(ctx, cfg, fixedClock{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	unary, stream := auth.ServerInterceptors(verifier, auth.WithPolicy(officersCreate))
	srv := grpc.NewServer(grpc.ChainUnaryInterceptor(unary), grpc.ChainStreamInterceptor(stream))
	register(srv)
	hs := health.NewServer()
	for _, name := range []string{
		eventsv1.EventsService_ServiceDesc.ServiceName,
		registryv1.RegistryService_ServiceDesc.ServiceName,
		accreditationv1.AccreditationService_ServiceDesc.ServiceName,
	} {
		hs.SetServingStatus(name, healthpb.HealthCheckResponse_SERVING)
	}
	healthpb.RegisterHealthServer(srv, hs)
	grpcLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(grpcLis) }()
	addr := grpcLis.Addr().String()
	// The fake serves every service, except one a test points elsewhere.
	for name, field := range map[string]*string{
		"LIAISON_EVENTS_ADDR": &cfg.EventsAddr, "LIAISON_REGISTRY_ADDR": &cfg.RegistryAddr, "LIAISON_ACCREDITATION_ADDR": &cfg.AccreditationAddr,
	} {
		if _, set := env[name]; !set {
			*field = addr
		}
	}

	httpLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	adminLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = Run(ctx, cfg, httpLis, WithAdminListener(adminLis)); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		srv.Stop()
	})
	e := &edge{url: "http://" + httpLis.Addr().String(), admin: "http://" + adminLis.Addr().String(), cfg: cfg}
	e.waitReady(t)
	return e
}

type fixedClock struct{}

func (fixedClock) Now() time.Time { return pinned }

func (e *edge) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(e.url + "/readyz")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("edge not ready")
}

type reply struct {
	status int
	header http.Header
	body   errorBody
	raw    []byte
}

func (e *edge) do(t *testing.T, method, path, token string, body io.Reader, header ...string) reply {
	t.Helper()
	req, err := http.NewRequest(method, e.url+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: raw}
	_ = json.Unmarshal(raw, &r.body)
	return r
}

func devToken(t *testing.T, e *edge, subject string, roles ...auth.Role) string {
	t.Helper()
	key, err := auth.LoadOrCreateDevKey(e.cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	c := auth.Claims{Roles: roles, RegisteredClaims: jwt.RegisteredClaims{
		Subject: subject, Issuer: e.cfg.OIDCIssuer, Audience: jwt.ClaimStrings{e.cfg.OIDCAudience},
	}}
	if len(roles) > 0 && roles[0] == auth.RoleNGO {
		c.Org = "org-1"
	}
	tok, err := auth.IssueDevToken(key, c, time.Hour, pinned)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestBadTokensAre401WithAChallenge(t *testing.T) {
	t.Parallel()
	e := startEdge(t, nil)
	key, err := auth.LoadOrCreateDevKey(e.cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	expired, _ := auth.IssueDevToken(key, auth.Claims{Roles: []auth.Role{auth.RoleOfficer}, RegisteredClaims: jwt.RegisteredClaims{
		Subject: "olga", Issuer: e.cfg.OIDCIssuer, Audience: jwt.ClaimStrings{e.cfg.OIDCAudience},
	}}, time.Hour, pinned.Add(-3*time.Hour))
	foreign, _ := auth.IssueDevToken(key, auth.Claims{Roles: []auth.Role{auth.RoleOfficer}, RegisteredClaims: jwt.RegisteredClaims{
		Subject: "olga", Issuer: e.cfg.OIDCIssuer, Audience: jwt.ClaimStrings{"another-app"},
	}}, time.Hour, pinned)

	for name, tok := range map[string]string{"garbage": "not-a-token", "expired": expired, "wrong-audience": foreign} {
		r := e.do(t, http.MethodGet, "/v1/events", tok, nil)
		if r.status != http.StatusUnauthorized {
			t.Errorf("%s: %d %s", name, r.status, r.raw)
			continue
		}
		if ch := r.header.Get("WWW-Authenticate"); !strings.HasPrefix(ch, "Bearer ") || !strings.Contains(ch, "invalid_token") {
			t.Errorf("%s: WWW-Authenticate %q", name, ch)
		}
		if r.body.Message == "" {
			t.Errorf("%s: no message: %s", name, r.raw)
		}
	}
	if r := e.do(t, http.MethodGet, "/v1/events", expired, nil); !strings.Contains(r.body.Message, "expired") {
		t.Errorf("expired token: message %q", r.body.Message)
	}
	// No token on a write that needs one: 401 with a plain challenge; the wrong role: 403.
	body := `{"title":"Side event"}`
	if r := e.do(t, http.MethodPost, "/v1/events", "", strings.NewReader(body)); r.status != http.StatusUnauthorized || r.header.Get("WWW-Authenticate") == "" {
		t.Errorf("anonymous write: %d %q", r.status, r.header.Get("WWW-Authenticate"))
	}
	if r := e.do(t, http.MethodPost, "/v1/events", devToken(t, e, "amina", auth.RoleNGO), strings.NewReader(body)); r.status != http.StatusForbidden {
		t.Errorf("ngo creating an event: %d %s", r.status, r.raw)
	}
	if r := e.do(t, http.MethodPost, "/v1/events", devToken(t, e, "olga", auth.RoleOfficer), strings.NewReader(body)); r.status != http.StatusOK {
		t.Errorf("officer creating an event: %d %s", r.status, r.raw)
	}
}

func TestJWKSTokensAtTheEdge(t *testing.T) {
	t.Parallel()
	idp := authtest.NewProvider(t, "https://id.un.example/realms/liaison")
	idp.AddKey(t, "rsa-2026", jwt.SigningMethodRS256)
	e := startEdge(t, map[string]string{
		"LIAISON_JWKS_URL":      idp.JWKSURL,
		"LIAISON_OIDC_ISSUER":   idp.Issuer,
		"LIAISON_OIDC_AUDIENCE": "liaison",
	})
	ok := idp.Token(t, "rsa-2026", "olga", "liaison", "", pinned, time.Hour, auth.RoleOfficer)
	body := `{"title":"Briefing"}`
	if r := e.do(t, http.MethodPost, "/v1/events", ok, strings.NewReader(body)); r.status != http.StatusOK {
		t.Errorf("RS256 token for liaison: %d %s", r.status, r.raw)
	}
	other := idp.Token(t, "rsa-2026", "olga", "another-app", "", pinned, time.Hour, auth.RoleOfficer)
	if r := e.do(t, http.MethodPost, "/v1/events", other, strings.NewReader(body)); r.status != http.StatusUnauthorized {
		t.Errorf("RS256 token for another audience: %d %s", r.status, r.raw)
	}
}

// Not parallel: the flood must not compete for the machine with the browser test, or slow
// answers would blur what is being measured.
func TestAnonymousFloodGets429sAndNothingElse(t *testing.T) {
	e := startEdge(t, nil)
	const n = 400
	began := time.Now()
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		counts = map[int]int{}
		bad    []string
	)
	for range n {
		wg.Go(func() {
			resp, err := http.Get(e.url + "/v1/events")
			if err != nil {
				mu.Lock()
				bad = append(bad, err.Error())
				mu.Unlock()
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			mu.Lock()
			defer mu.Unlock()
			counts[resp.StatusCode]++
			if resp.StatusCode == http.StatusTooManyRequests {
				if resp.Header.Get("Retry-After") == "" || resp.Header.Get("RateLimit-Remaining") != "0" {
					bad = append(bad, "429 without Retry-After or RateLimit-Remaining: 0")
				}
			}
		})
	}
	wg.Wait()
	if len(bad) > 0 {
		t.Fatalf("%d bad answers, e.g. %s", len(bad), bad[0])
	}
	if counts[http.StatusTooManyRequests] == 0 || counts[http.StatusOK] == 0 || counts[http.StatusOK]+counts[http.StatusTooManyRequests] != n {
		t.Fatalf("statuses %v, want only 200s and some 429s", counts)
	}
	// The burst of 40, plus what 20/s refilled while the flood lasted.
	if most := 40 + int(20*time.Since(began).Seconds()) + 2; counts[http.StatusOK] > most {
		t.Errorf("%d of %d anonymous requests allowed, want at most %d", counts[http.StatusOK], n, most)
	}
	// Signed-in callers are counted apart from the anonymous address, so they are not starved.
	if r := e.do(t, http.MethodGet, "/v1/events", devToken(t, e, "olga", auth.RoleOfficer), nil); r.status != http.StatusOK || r.header.Get("RateLimit-Limit") != "100" {
		t.Errorf("officer after the flood: %d, RateLimit-Limit %q", r.status, r.header.Get("RateLimit-Limit"))
	}
	// System clients are unlimited by default.
	if r := e.do(t, http.MethodGet, "/v1/events", devToken(t, e, "unep-system", auth.RoleSystem), nil); r.status != http.StatusOK || r.header.Get("RateLimit-Limit") != "" {
		t.Errorf("system client: %d, RateLimit-Limit %q", r.status, r.header.Get("RateLimit-Limit"))
	}
}

func TestRequestsTheRoutesCannotTakeGetClearAnswers(t *testing.T) {
	t.Parallel()
	e := startEdge(t, nil)
	officer := devToken(t, e, "olga", auth.RoleOfficer)

	r := e.do(t, http.MethodPost, "/v1/events", officer, strings.NewReader(`{"title": "unterminated`))
	if r.status != http.StatusBadRequest || !strings.Contains(r.body.Message, "not valid JSON") {
		t.Errorf("malformed JSON: %d %s", r.status, r.raw)
	}
	r = e.do(t, http.MethodPost, "/v1/events", officer, strings.NewReader(`{"titel": "typo"}`))
	if r.status != http.StatusBadRequest || !strings.Contains(r.body.Message, "titel") {
		t.Errorf("unknown field: %d %s", r.status, r.raw)
	}
	r = e.do(t, http.MethodDelete, "/v1/events", officer, nil)
	if r.status != http.StatusMethodNotAllowed || !strings.Contains(r.header.Get("Allow"), "GET") || !strings.Contains(r.header.Get("Allow"), "POST") {
		t.Errorf("wrong method: %d Allow=%q %s", r.status, r.header.Get("Allow"), r.raw)
	}
	r = e.do(t, http.MethodGet, "/v1/nowhere", "", nil)
	if r.status != http.StatusNotFound || !strings.Contains(r.body.Message, "/openapi.json") {
		t.Errorf("unknown route: %d %s", r.status, r.raw)
	}

	big := bytes.Repeat([]byte("a"), 2<<20)
	r = e.do(t, http.MethodPost, "/v1/events", officer, bytes.NewReader(append(append([]byte(`{"title":"`), big...), '"', '}')))
	if r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB event: %d %s", r.status, r.raw)
	}
	// The same size is fine for a document upload (the fake service does not implement it).
	r = e.do(t, http.MethodPost, "/v1/applications/app-1/documents", officer, bytes.NewReader(append(append([]byte(`{"content":"`), big...), '"', '}')))
	if r.status == http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB upload refused as too large: %s", r.raw)
	}
	// A chunked body that turns out too long is 413 as well, not "invalid JSON".
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write([]byte(`{"title":"`))
		_, _ = pw.Write(big)
		_ = pw.Close()
	}()
	r = e.do(t, http.MethodPost, "/v1/events", officer, pr)
	if r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked 2 MiB event: %d %s", r.status, r.raw)
	}
}

func TestCORSForConfiguredOrigins(t *testing.T) {
	t.Parallel()
	e := startEdge(t, map[string]string{"LIAISON_CORS_ORIGINS": "https://ngo.un.example, https://csonet.example"})
	pre := e.do(t, http.MethodOptions, "/v1/events", "", nil,
		"Origin", "https://ngo.un.example", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type")
	if pre.status != http.StatusNoContent || pre.header.Get("Access-Control-Allow-Origin") != "https://ngo.un.example" ||
		!strings.Contains(pre.header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight from an allowed origin: %d %v", pre.status, pre.header)
	}
	get := e.do(t, http.MethodGet, "/v1/events", "", nil, "Origin", "https://csonet.example")
	if get.status != http.StatusOK || get.header.Get("Access-Control-Allow-Origin") != "https://csonet.example" ||
		!strings.Contains(get.header.Get("Access-Control-Expose-Headers"), "X-Request-Id") {
		t.Errorf("GET from an allowed origin: %d %v", get.status, get.header)
	}
	if r := e.do(t, http.MethodOptions, "/v1/events", "", nil, "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"); r.status != http.StatusForbidden || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d %v", r.status, r.header)
	}
	if r := e.do(t, http.MethodGet, "/v1/events", "", nil, "Origin", "https://evil.example"); r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("GET from another origin carries CORS headers: %v", r.header)
	}
}

func TestResponsesAreCompressedAndCarryARequestID(t *testing.T) {
	t.Parallel()
	e := startEdge(t, nil)
	req, _ := http.NewRequest(http.MethodGet, e.url+"/openapi.json", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("X-Request-Id", "ticket-4711")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("Content-Encoding %q, want gzip", resp.Header.Get("Content-Encoding"))
	}
	if resp.Header.Get("X-Request-Id") != "ticket-4711" {
		t.Errorf("X-Request-Id %q, want the caller's", resp.Header.Get("X-Request-Id"))
	}
}

// A caller's W3C trace context reaches the services: the edge's span, and so the service's, join
// the caller's trace.
func TestTraceparentIsHonoured(t *testing.T) {
	e := startEdge(t, nil)
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	r := e.do(t, http.MethodGet, "/v1/events", "", nil, "Traceparent", "00-"+traceID+"-00f067aa0ba902b7-01")
	if r.status != http.StatusOK {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	got, _ := lastTraceparent.Load().(string)
	if !strings.Contains(got, traceID) {
		t.Errorf("the service received traceparent %q, want one in trace %s", got, traceID)
	}
}

// scrape reads the edge's /metrics on its admin port.
func (e *edge) scrape(t *testing.T) reply {
	t.Helper()
	resp, err := http.Get(e.admin + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("admin /metrics: %d", resp.StatusCode)
	}
	return reply{status: resp.StatusCode, header: resp.Header, raw: raw}
}
