//go:build faults

package faults

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/platform/auth"
)

// now pins every process's clock on a day when the demonstration NGOs hold
// consultative status (granted with effect from 25 July 2028).
const now = "2028-09-01T12:00:00Z"

// binDir holds the binaries TestMain builds once for every test.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "liaison-faults-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := 1
	if err := build(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		code = m.Run()
	}
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// build compiles the services (with their demonstration data) and the
// gateway as the binaries that run in production would be.
func build(dir string) error {
	for out, pkg := range map[string]string{
		"demoservice": "./internal/faults/demoservice",
		"gateway":     "./gateway/cmd/gateway",
	} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, out), pkg)
		cmd.Dir = filepath.Join("..", "..")
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
		}
	}
	return nil
}

// system is the whole of liaison in separate processes: a fresh PostgreSQL
// database, a Redis of its own, three services and the gateway.
type system struct {
	t       *testing.T
	dir     string
	env     []string
	base    string // the gateway's URL
	admin   map[string]string
	redis   *exec.Cmd
	redisAt string
	mu      sync.Mutex
	procs   map[string]*exec.Cmd
	logs    map[string]*os.File
}

var components = []string{"registry", "accreditation", "events", "gateway"}

func freeAddr(t *testing.T) string {
	t.Helper()
	p := &ports{t: t}
	defer p.release()
	return p.next()
}

// ports hands out free loopback addresses for one system, holding each until release: a port
// closed at once can be handed out again by the very next pick, and two processes of one system
// were once given the same admin port.
type ports struct {
	t    *testing.T
	held []net.Listener
}

func (p *ports) next() string {
	p.t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		p.t.Fatal(err)
	}
	p.held = append(p.held, l)
	return l.Addr().String()
}

// release frees every address, for the processes to bind.
func (p *ports) release() {
	for _, l := range p.held {
		_ = l.Close()
	}
	p.held = nil
}

func randomName() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func psql(t *testing.T, sql string) {
	t.Helper()
	out, err := exec.Command("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-v", "ON_ERROR_STOP=1", "-qc", sql).CombinedOutput()
	if err != nil {
		t.Fatalf("psql %q: %v\n%s", sql, err, out)
	}
}

// startSystem starts everything and waits until the gateway reports every
// service ready. extraEnv is added to every process's environment.
func startSystem(t *testing.T, extraEnv ...string) *system {
	t.Helper()
	s := &system{t: t, dir: t.TempDir(), admin: map[string]string{}, procs: map[string]*exec.Cmd{}, logs: map[string]*os.File{}}
	db := "liaison_faults_" + randomName()
	psql(t, "CREATE DATABASE "+db)
	t.Cleanup(func() { psql(t, "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)") })

	s.redisAt = freeAddr(t)
	s.startRedis()
	t.Cleanup(func() { s.stopRedis() })

	picked := &ports{t: t}
	t.Cleanup(picked.release)
	httpAddr := picked.next()
	s.base = "http://" + httpAddr
	s.env = append(os.Environ(),
		"LIAISON_DATA_DIR="+filepath.Join(s.dir, "data"),
		"LIAISON_DATABASE_URL=postgres://postgres@127.0.0.1:5432/"+db+"?sslmode=disable",
		"LIAISON_REDIS_URL=redis://"+s.redisAt+"/0",
		"LIAISON_NOW="+now,
		"LIAISON_REGISTRY_ADDR="+picked.next(),
		"LIAISON_ACCREDITATION_ADDR="+picked.next(),
		"LIAISON_EVENTS_ADDR="+picked.next(),
		"LIAISON_HTTP_ADDR="+httpAddr,
		"LIAISON_SHUTDOWN_TIMEOUT=8s",
		"LIAISON_DEV_MODE=1",
		// The tests load the edge far beyond what one caller may do in production.
		"LIAISON_RATE_ANONYMOUS_PER_SECOND=100000", "LIAISON_RATE_ANONYMOUS_BURST=100000",
		"LIAISON_RATE_USER_PER_SECOND=100000", "LIAISON_RATE_USER_BURST=100000",
	)
	s.env = append(s.env, extraEnv...)
	if err := os.MkdirAll(filepath.Join(s.dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range components {
		s.admin[c] = picked.next()
	}
	picked.release()
	t.Cleanup(s.stopAll)
	// The registry first: the accreditation demo reads the registry's NGOs.
	for _, c := range components {
		s.start(c)
	}
	s.waitReady(60 * time.Second)
	return s
}

func (s *system) startRedis() {
	s.t.Helper()
	host, port, _ := net.SplitHostPort(s.redisAt)
	s.redis = exec.Command("redis-server", "--bind", host, "--port", port, "--save", "", "--appendonly", "no")
	if err := s.redis.Start(); err != nil {
		s.t.Fatalf("redis-server: %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if c, err := net.Dial("tcp", s.redisAt); err == nil {
			_ = c.Close()
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatal("redis-server did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stopRedis kills Redis outright, as a crash would.
func (s *system) stopRedis() {
	if s.redis != nil && s.redis.Process != nil {
		_ = s.redis.Process.Kill()
		_ = s.redis.Wait()
		s.redis = nil
	}
}

// start runs one component in its own process, logging to <dir>/<name>.log.
func (s *system) start(name string) {
	s.t.Helper()
	var cmd *exec.Cmd
	if name == "gateway" {
		cmd = exec.Command(filepath.Join(binDir, "gateway"))
	} else {
		cmd = exec.Command(filepath.Join(binDir, "demoservice"), name)
	}
	env := append([]string(nil), s.env...)
	env = append(env, "LIAISON_ADMIN_ADDR="+s.admin[name])
	cmd.Env = env
	log, err := os.OpenFile(s.logPath(name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start %s: %v", name, err)
	}
	s.mu.Lock()
	s.procs[name], s.logs[name] = cmd, log
	s.mu.Unlock()
}

func (s *system) logPath(name string) string { return filepath.Join(s.dir, name+".log") }

// readLog returns what a component has logged so far.
func (s *system) readLog(name string) string {
	b, _ := os.ReadFile(s.logPath(name))
	return string(b)
}

// signal sends sig to a component and waits up to limit for it to exit.
func (s *system) signal(name string, sig syscall.Signal, limit time.Duration) error {
	s.mu.Lock()
	cmd := s.procs[name]
	delete(s.procs, name)
	s.mu.Unlock()
	if cmd == nil {
		return nil
	}
	_ = cmd.Process.Signal(sig)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		_ = s.logs[name].Close()
		return err
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		<-done
		return fmt.Errorf("%s did not exit within %v of %v", name, limit, sig)
	}
}

func (s *system) stopAll() {
	for i := len(components) - 1; i >= 0; i-- {
		_ = s.signal(components[i], syscall.SIGKILL, 5*time.Second)
	}
	if s.t.Failed() {
		for _, c := range components {
			log := s.readLog(c)
			if len(log) > 4000 {
				log = log[len(log)-4000:]
			}
			s.t.Logf("--- end of %s log:\n%s", c, log)
		}
	}
}

// waitReady waits until /readyz reports every service SERVING (the edge is ready with one).
func (s *system) waitReady(limit time.Duration) {
	s.t.Helper()
	waitAllServing(s.t, s.base, limit)
}

// waitAllServing waits until the edge at base names no service down.
func waitAllServing(t *testing.T, base string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			var body struct {
				Down []string `json:"down"`
			}
			_ = json.NewDecoder(resp.Body).Decode(&body)
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK && len(body.Down) == 0 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("system not ready within %v (last: %v %v)", limit, resp, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// token signs a dev token the way `liaison token` does.
func (s *system) token(subject string, org string, roles ...auth.Role) string {
	s.t.Helper()
	return devToken(s.t, filepath.Join(s.dir, "data"), subject, org, roles...)
}

// devToken signs a token with the dev key the processes sharing dataDir trust.
func devToken(t *testing.T, dataDir, subject, org string, roles ...auth.Role) string {
	t.Helper()
	key, err := auth.LoadOrCreateDevKey(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	claims := auth.Claims{Roles: roles, Org: org}
	claims.Subject = subject
	claims.Issuer = "liaison-dev"
	claims.Audience = jwt.ClaimStrings{"liaison"}
	pinned, _ := time.Parse(time.RFC3339, now)
	tok, err := auth.IssueDevToken(key, claims, time.Hour, pinned)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// reply is an HTTP answer with its body read.
type reply struct {
	status int
	body   []byte
	err    error
}

func (r reply) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

func (r reply) String() string {
	if r.err != nil {
		return r.err.Error()
	}
	return fmt.Sprintf("%d %s", r.status, bytes.TrimSpace(r.body))
}

var client = &http.Client{Timeout: 30 * time.Second}

// call sends one request to the gateway; body is JSON-encoded unless nil.
func (s *system) call(ctx context.Context, method, path, token string, body any) reply {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return reply{err: err}
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.base+path, rd)
	if err != nil {
		return reply{err: err}
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return reply{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, body: b, err: err}
}

// must is call for steps that have to succeed.
func (s *system) must(method, path, token string, body any, v any) {
	s.t.Helper()
	r := s.call(context.Background(), method, path, token, body)
	if r.err != nil || r.status != http.StatusOK {
		s.t.Fatalf("%s %s: %v", method, path, r)
	}
	if v != nil {
		r.decode(s.t, v)
	}
}

type organization struct {
	ID                 string `json:"id"`
	Name               string `json:"name"`
	ConsultativeStatus struct {
		Category string `json:"category"`
		State    string `json:"state"`
	} `json:"consultativeStatus"`
}

// organizations lists the demonstration NGOs.
func (s *system) organizations() []organization {
	s.t.Helper()
	var page struct {
		Organizations []organization `json:"organizations"`
	}
	s.must("GET", "/v1/organizations?pageSize=100", "", nil, &page)
	if len(page.Organizations) == 0 {
		s.t.Fatal("no demonstration organizations")
	}
	return page.Organizations
}

// orgInState returns a demonstration NGO whose status is in state, waiting
// for the registry to have followed the statuses the accreditation demo
// granted.
func (s *system) orgInState(state string) organization {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		for _, o := range s.organizations() {
			if o.ConsultativeStatus.State == state {
				return o
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no demonstration NGO in %s", state)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// createMeeting makes an event open to organizations in consultative
// status only, or to anyone when statusOnly is false.
func (s *system) createMeeting(officer, title string, statusOnly bool) string {
	s.t.Helper()
	var ev struct {
		ID string `json:"id"`
	}
	s.must("POST", "/v1/events?requestId=ev-"+randomName(), officer, map[string]any{
		"title": title, "kind": "KIND_MEETING",
		"startTime": "2028-10-05T09:00:00Z", "endTime": "2028-10-05T17:00:00Z",
		"timeZone": "America/New_York", "venue": "UN Headquarters, New York",
		"capacity": 100000, "quotaPerOrganization": 100000,
		"requiresConsultativeStatus": statusOnly,
	}, &ev)
	return ev.ID
}

func registration(org, email string) map[string]any {
	return map[string]any{
		"organizationId": org,
		"participant":    map[string]any{"givenName": "Awa", "familyName": "Diallo", "email": email},
	}
}

// registrations counts an event's registrations, as the events service
// stores them.
func (s *system) registrations(officer, event string) (ids map[string]bool) {
	s.t.Helper()
	ids = map[string]bool{}
	token := ""
	for {
		var page struct {
			Registrations []struct {
				ID string `json:"id"`
			} `json:"registrations"`
			NextPageToken string `json:"nextPageToken"`
		}
		path := "/v1/events/" + event + "/registrations?pageSize=100"
		if token != "" {
			path += "&pageToken=" + token
		}
		s.must("GET", path, officer, nil, &page)
		for _, r := range page.Registrations {
			if ids[r.ID] {
				s.t.Fatalf("registration %s listed twice", r.ID)
			}
			ids[r.ID] = true
		}
		if page.NextPageToken == "" {
			return ids
		}
		token = page.NextPageToken
	}
}

// scrape reads a component's /metrics on its admin port.
func (s *system) scrape(name string) string {
	s.t.Helper()
	url := "http://" + s.admin[name] + "/metrics"
	resp, err := http.Get(url)
	if err != nil {
		s.t.Fatalf("scrape %s: %v", name, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("scrape %s: %d %s", name, resp.StatusCode, b)
	}
	return string(b)
}

// sumSeries adds up the values of every line of a metric that holds all
// of the label fragments given.
func sumSeries(scrape, metric string, labels ...string) float64 {
	var total float64
	for line := range strings.SplitSeq(scrape, "\n") {
		if !strings.HasPrefix(line, metric+"{") {
			continue
		}
		ok := true
		for _, l := range labels {
			ok = ok && strings.Contains(line, l)
		}
		if !ok {
			continue
		}
		var v float64
		if _, err := fmt.Sscan(line[strings.LastIndexByte(line, ' ')+1:], &v); err == nil {
			total += v
		}
	}
	return total
}
