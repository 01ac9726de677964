//go:build faults

package faults

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

// cluster is liaison as deployed: two replicas of each service and two gateways, each its own
// process, PostgreSQL reached through PgBouncer in transaction mode (each service with its own
// role), Redis, and HAProxy in front of the gateways. Every process runs on loopback.
type cluster struct {
	t        *testing.T
	dir      string
	db       string            // the PostgreSQL database
	common   []string          // environment every process gets
	addr     map[string]string // gRPC or HTTP address per process name
	admin    map[string]string // admin (metrics) address per process name
	dbURL    map[string]string // each service's database URL, through the pooler
	edge     string            // HAProxy's URL
	gateways []string          // the gateways' own URLs
	cut      *tcpRelay         // the database path of accreditation-b, which a test cuts

	mu    sync.Mutex
	procs map[string]*exec.Cmd
}

// haproxySource is the address HAProxy connects to the gateways from: the only address the
// gateways trust to say who the client is.
const haproxySource = "127.0.0.2"

// connectionAge is the services' MaxConnectionAge in this cluster: short, so that spreading
// onto a new replica is seen within seconds.
const connectionAge = 3 * time.Second

var serviceNames = []string{"registry", "accreditation", "events"}

func startCluster(t *testing.T) *cluster {
	t.Helper()
	for _, bin := range []string{"pgbouncer", "haproxy", "redis-server"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Fatalf("%s is not installed (.ci/run installs it)", bin)
		}
	}
	c := &cluster{t: t, dir: t.TempDir(), addr: map[string]string{}, admin: map[string]string{}, dbURL: map[string]string{}, procs: map[string]*exec.Cmd{}}

	db := "liaison_cluster_" + randomName()
	c.db = db
	psql(t, "CREATE DATABASE "+db)
	t.Cleanup(func() { psql(t, "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)") })
	direct := "postgres://postgres@127.0.0.1:5432/" + db + "?sslmode=disable"
	roles := map[string]string{}
	var users []string
	for _, svc := range serviceNames {
		roles[svc] = sqltest.ServiceRole(t, direct, svc)
		u, _ := url.Parse(roles[svc])
		users = append(users, u.User.Username())
	}
	bouncer, _ := url.Parse(sqltest.PgBouncer(t, direct, users...))
	for _, svc := range serviceNames {
		u, _ := url.Parse(roles[svc])
		u.Host = bouncer.Host
		c.dbURL[svc] = u.String()
	}
	c.cut = startRelay(t, bouncer.Host)

	redisAt := freeAddr(t)
	startRedisAt(t, redisAt)

	picked := &ports{t: t}
	names := []string{"gateway-a", "gateway-b", "haproxy"}
	for _, svc := range serviceNames {
		names = append(names, svc+"-a", svc+"-b")
	}
	names = append(names, "accreditation-c")
	for _, n := range names {
		c.addr[n] = picked.next()
		c.admin[n] = picked.next()
	}
	picked.release()

	c.common = append(os.Environ(),
		"LIAISON_DATA_DIR="+filepath.Join(c.dir, "data"),
		"LIAISON_DATABASE_POOL_MODE=transaction",
		"LIAISON_REDIS_URL=redis://"+redisAt+"/0",
		"LIAISON_NOW="+now,
		// The clock is pinned in 2028, where no provider's tokens would be current; the
		// production identity path has its own system test against a real provider.
		"LIAISON_DEV_MODE=1",
		"LIAISON_SHUTDOWN_TIMEOUT=3s",
		"LIAISON_LOG_LEVEL=info",
		"LIAISON_GRPC_MAX_CONNECTION_AGE="+connectionAge.String(),
		"LIAISON_GRPC_MAX_CONNECTION_AGE_GRACE=1s",
		"LIAISON_TRUSTED_PROXIES="+haproxySource+"/32",
		// Every service is dialled as the list of its replicas; the third accreditation
		// replica is listed before it runs, as a headless Service lists a pod once it exists.
		"LIAISON_REGISTRY_ADDR="+c.addr["registry-a"]+","+c.addr["registry-b"],
		"LIAISON_ACCREDITATION_ADDR="+c.addr["accreditation-a"]+","+c.addr["accreditation-b"]+","+c.addr["accreditation-c"],
		"LIAISON_EVENTS_ADDR="+c.addr["events-a"]+","+c.addr["events-b"],
	)
	if err := os.MkdirAll(filepath.Join(c.dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Registered after the servers they use, so it runs before those stop.
	t.Cleanup(c.stopAll)
	// All six replicas start at once and race to migrate; the b replicas load no demo data.
	for _, svc := range serviceNames {
		c.startService(svc + "-a")
		c.startService(svc + "-b")
	}
	for _, g := range []string{"gateway-a", "gateway-b"} {
		c.start(g, filepath.Join(binDir, "gateway"), nil, "LIAISON_HTTP_ADDR="+c.addr[g], "LIAISON_ADMIN_ADDR="+c.admin[g])
		c.gateways = append(c.gateways, "http://"+c.addr[g])
	}
	c.startHAProxy()
	for _, g := range c.gateways {
		waitAllServing(t, g, 90*time.Second)
	}
	return c
}

// startService starts replica name ("accreditation-b") of a service.
func (c *cluster) startService(name string) {
	c.t.Helper()
	svc, replica, _ := strings.Cut(name, "-")
	dbURL := c.dbURL[svc]
	if name == "accreditation-b" {
		u, _ := url.Parse(dbURL)
		u.Host = c.cut.addr
		dbURL = u.String()
	}
	env := []string{
		"LIAISON_" + strings.ToUpper(svc) + "_ADDR=" + c.addr[name],
		"LIAISON_ADMIN_ADDR=" + c.admin[name],
		"LIAISON_DATABASE_URL=" + dbURL,
	}
	if replica != "a" {
		env = append(env, "LIAISON_DEMO=off")
	}
	c.start(name, filepath.Join(binDir, "demoservice"), []string{svc}, env...)
}

func (c *cluster) startHAProxy() {
	c.t.Helper()
	cfg := fmt.Sprintf(`global
    maxconn 2000
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
frontend edge
    bind %s
    option forwardfor
    default_backend gateways
backend gateways
    balance roundrobin
    server a %s source %s
    server b %s source %s
`, c.addr["haproxy"], c.addr["gateway-a"], haproxySource, c.addr["gateway-b"], haproxySource)
	path := filepath.Join(c.dir, "haproxy.cfg")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		c.t.Fatal(err)
	}
	c.start("haproxy", "haproxy", []string{"-db", "-f", path}, nil...)
	c.edge = "http://" + c.addr["haproxy"]
	deadline := time.Now().Add(10 * time.Second)
	for {
		if conn, err := net.Dial("tcp", c.addr["haproxy"]); err == nil {
			_ = conn.Close()
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatal("haproxy did not listen within 10s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (c *cluster) start(name, bin string, args []string, env ...string) {
	c.t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append([]string(nil), c.common...), env...)
	log, err := os.OpenFile(filepath.Join(c.dir, name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		c.t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		c.t.Fatalf("start %s: %v", name, err)
	}
	go func() { _ = cmd.Wait(); _ = log.Close() }()
	c.mu.Lock()
	c.procs[name] = cmd
	c.mu.Unlock()
}

// kill stops a process outright, as a crash would.
func (c *cluster) kill(name string) {
	c.mu.Lock()
	cmd := c.procs[name]
	delete(c.procs, name)
	c.mu.Unlock()
	if cmd != nil {
		_ = cmd.Process.Signal(syscall.SIGKILL)
	}
}

func (c *cluster) log(name string) string {
	b, _ := os.ReadFile(filepath.Join(c.dir, name+".log"))
	return string(b)
}

func (c *cluster) stopAll() {
	c.mu.Lock()
	var names []string
	for n := range c.procs {
		names = append(names, n)
	}
	c.mu.Unlock()
	for _, n := range names {
		c.kill(n)
	}
	time.Sleep(200 * time.Millisecond) // let the killed processes be reaped before their files go
	if c.t.Failed() {
		for _, n := range append([]string{"gateway-a", "haproxy"}, "registry-a", "accreditation-a", "accreditation-b", "accreditation-c", "events-a") {
			l := c.log(n)
			if len(l) > 3000 {
				l = l[len(l)-3000:]
			}
			c.t.Logf("--- end of %s log:\n%s", n, l)
		}
	}
}

// scrapeAdmin reads a process's /metrics on its admin port.
func (c *cluster) scrapeAdmin(name string) string {
	c.t.Helper()
	resp, err := http.Get("http://" + c.admin[name] + "/metrics")
	if err != nil {
		c.t.Fatalf("scrape %s: %v", name, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func startRedisAt(t *testing.T, addr string) {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command("redis-server", "--bind", host, "--port", port, "--save", "", "--appendonly", "no")
	if err := cmd.Start(); err != nil {
		t.Fatalf("redis-server: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		if conn, err := net.Dial("tcp", addr); err == nil {
			_ = conn.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("redis-server did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// tcpRelay passes connections to target until cut: then it drops every connection it carries
// and refuses new ones, as a network partition between one replica and its database would.
type tcpRelay struct {
	addr   string
	target string
	lis    net.Listener

	mu    sync.Mutex
	cut   bool
	conns []net.Conn
}

func startRelay(t *testing.T, target string) *tcpRelay {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &tcpRelay{addr: lis.Addr().String(), target: target, lis: lis}
	t.Cleanup(func() { _ = lis.Close(); r.sever() })
	go r.serve()
	return r
}

func (r *tcpRelay) serve() {
	for {
		in, err := r.lis.Accept()
		if err != nil {
			return
		}
		r.mu.Lock()
		if r.cut {
			r.mu.Unlock()
			_ = in.Close()
			continue
		}
		out, err := net.Dial("tcp", r.target)
		if err != nil {
			r.mu.Unlock()
			_ = in.Close()
			continue
		}
		r.conns = append(r.conns, in, out)
		r.mu.Unlock()
		go func() { _, _ = io.Copy(out, in); _ = out.Close() }()
		go func() { _, _ = io.Copy(in, out); _ = in.Close() }()
	}
}

// sever cuts the path for good.
func (r *tcpRelay) sever() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cut = true
	for _, c := range r.conns {
		_ = c.Close()
	}
	r.conns = nil
}
