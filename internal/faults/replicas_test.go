//go:build faults

package faults

import (
	"context"
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
	"sync/atomic"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
)

// TestManyReplicasBehindRealProxies runs liaison as deployed — two replicas of each service,
// two gateways behind HAProxy, PostgreSQL through PgBouncer in transaction mode, Redis — and
// shows that limits count per caller across gateways, that load spreads onto a new replica
// and leaves one whose database is cut, that one service down leaves the rest of the edge up,
// and that racing replicas migrate once.
func TestManyReplicasBehindRealProxies(t *testing.T) {
	c := startCluster(t)
	orgs := c.organizationIDs()

	t.Run("migrations-applied-once", c.migrationsAppliedOnce)
	t.Run("limits-per-forwarded-caller", func(t *testing.T) { c.limitsPerForwardedCaller(t, orgs[0]) })
	t.Run("load-spreads-and-leaves-the-sick", func(t *testing.T) { c.loadSpreadsAndLeavesTheSick(t, orgs) })
	t.Run("registry-down-leaves-the-rest-up", func(t *testing.T) { c.registryDownLeavesTheRestUp(t, orgs[0]) })
}

func (c *cluster) organizationIDs() []string {
	c.t.Helper()
	resp, err := http.Get(c.gateways[0] + "/v1/organizations?pageSize=100")
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct {
		Organizations []struct {
			ID string `json:"id"`
		} `json:"organizations"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || len(page.Organizations) == 0 {
		c.t.Fatalf("listing the demonstration NGOs: %d %v", resp.StatusCode, err)
	}
	var ids []string
	for _, o := range page.Organizations {
		ids = append(ids, o.ID)
	}
	return ids
}

// migrationsAppliedOnce: each service's two replicas started together, yet every migration
// was applied by exactly one of them, the events index built CONCURRENTLY included.
func (c *cluster) migrationsAppliedOnce(t *testing.T) {
	for _, svc := range serviceNames {
		files, err := os.ReadDir(filepath.Join("..", "..", "services", svc, "migrations", "postgres"))
		if err != nil {
			t.Fatal(err)
		}
		applied := strings.Count(c.log(svc+"-a"), `"migration applied"`) + strings.Count(c.log(svc+"-b"), `"migration applied"`)
		recorded := c.query(t, "SELECT count(*) FROM "+svc+".schema_migrations")
		if applied != len(files) || recorded != fmt.Sprint(len(files)) {
			t.Errorf("%s: %d applications logged and %s recorded by two racing replicas, want each of the %d files once",
				svc, applied, recorded, len(files))
		}
	}
	if valid := c.query(t, `SELECT i.indisvalid FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
		JOIN pg_namespace n ON n.oid = x.relnamespace WHERE x.relname = 'side_event_proposals_by_event' AND n.nspname = 'events'`); valid != "t" {
		t.Errorf("the index built CONCURRENTLY is %q, want valid", valid)
	}
}

func (c *cluster) query(t *testing.T, sql string) string {
	t.Helper()
	out, err := exec.Command("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", c.db, "-tAc", sql).CombinedOutput()
	if err != nil {
		t.Fatalf("psql %q: %v\n%s", sql, err, out)
	}
	return strings.TrimSpace(string(out))
}

// clientFrom is an HTTP client whose connections come from source, a loopback address of its
// own: HAProxy sees each such caller as a different client, as it would distinct people.
func clientFrom(source string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(source)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 4}}
}

// tally counts answers by status.
type tally struct {
	mu     sync.Mutex
	counts map[int]int
	errs   []string
}

func (y *tally) add(status int, err error) {
	y.mu.Lock()
	defer y.mu.Unlock()
	if y.counts == nil {
		y.counts = map[int]int{}
	}
	if err != nil {
		y.errs = append(y.errs, err.Error())
		return
	}
	y.counts[status]++
}

func get(client *http.Client, url, token string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}

// paced calls url every interval for d.
func paced(client *http.Client, url string, interval, d time.Duration, y *tally) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for end := time.Now().Add(d); time.Now().Before(end); <-tick.C {
		y.add(get(client, url, ""))
	}
}

// limitsPerForwardedCaller: forty anonymous callers at 10 requests/s each, through HAProxy, are
// each within the anonymous allowance (20/s, burst 40); one caller at 100 requests/s is limited,
// and to one allowance across both gateways, which share the counts in Redis.
func (c *cluster) limitsPerForwardedCaller(t *testing.T, org string) {
	url := c.edge + "/v1/organizations/" + org + "/status"
	var many tally
	var wg sync.WaitGroup
	for i := range 40 {
		client := clientFrom(fmt.Sprintf("127.0.1.%d", i+1))
		wg.Go(func() { paced(client, url, 100*time.Millisecond, 3*time.Second, &many) })
	}
	wg.Wait()
	if len(many.errs) > 0 || many.counts[http.StatusTooManyRequests] > 0 || many.counts[http.StatusOK] < 40*25 {
		t.Fatalf("40 callers at 10/s: %v, errors %d (%.1q), want only 200s", many.counts, len(many.errs), many.errs)
	}

	var one tally
	client := clientFrom("127.0.2.1")
	began := time.Now()
	for range 4 {
		wg.Go(func() { paced(client, url, 40*time.Millisecond, 3*time.Second, &one) })
	}
	wg.Wait()
	elapsed := time.Since(began).Seconds()
	allowed, refused := one.counts[http.StatusOK], one.counts[http.StatusTooManyRequests]
	if len(one.errs) > 0 || refused == 0 {
		t.Fatalf("one caller at 100/s: %v, errors %v, want some 429s", one.counts, one.errs)
	}
	// One allowance: the burst of 40 and 20/s after it. Two gateways counting apart would let
	// through about twice as much.
	if most := 40 + int(20*elapsed) + 15; allowed > most {
		t.Errorf("one caller at 100/s got %d requests through in %.1fs, want at most %d: the gateways do not share the count", allowed, elapsed, most)
	}
	t.Logf("one caller at 100/s: %d allowed, %d refused in %.1fs", allowed, refused, elapsed)
}

// statusCalls is how many GetConsultativeStatus calls an accreditation replica has answered.
func (c *cluster) statusCalls(name string) float64 {
	return sumSeries(c.scrapeAdmin(name), "rpc_server_call_duration_seconds_count",
		`rpc_method="liaison.accreditation.v1.AccreditationService/GetConsultativeStatus"`)
}

// reads keeps officers reading statuses through both gateways (people are always answered by
// the accreditation service) until stopped, and counts every read that did not succeed.
type reads struct {
	stop   context.CancelFunc
	done   sync.WaitGroup
	total  atomic.Int64
	failed atomic.Int64
	mu     sync.Mutex
	sample []string
}

func (c *cluster) startReads(orgs []string) *reads {
	ctx, cancel := context.WithCancel(context.Background())
	r := &reads{stop: cancel}
	for w := range 6 {
		token := devToken(c.t, filepath.Join(c.dir, "data"), fmt.Sprintf("officer-load-%d", w), "", auth.RoleOfficer)
		r.done.Go(func() {
			client := &http.Client{Timeout: 10 * time.Second}
			for i := 0; ctx.Err() == nil; i++ {
				url := c.gateways[(w+i)%2] + "/v1/organizations/" + orgs[i%len(orgs)] + "/status"
				status, err := get(client, url, token)
				r.total.Add(1)
				if err != nil || status != http.StatusOK {
					r.failed.Add(1)
					r.mu.Lock()
					if len(r.sample) < 5 {
						r.sample = append(r.sample, fmt.Sprintf("%s: %d %v", url, status, err))
					}
					r.mu.Unlock()
				}
				time.Sleep(40 * time.Millisecond)
			}
		})
	}
	return r
}

func (r *reads) finish() (total, failed int64, sample []string) {
	r.stop()
	r.done.Wait()
	return r.total.Load(), r.failed.Load(), r.sample
}

// loadSpreadsAndLeavesTheSick: under steady reads, a third accreditation replica takes at
// least a fifth of the calls within two connection ages of its start; a replica whose database
// path is cut takes none within 5 s; not one read fails meanwhile.
func (c *cluster) loadSpreadsAndLeavesTheSick(t *testing.T, orgs []string) {
	load := c.startReads(orgs)
	defer load.finish()
	time.Sleep(time.Second)

	started := time.Now()
	c.startService("accreditation-c")
	time.Sleep(time.Until(started.Add(2 * connectionAge)))
	before := map[string]float64{}
	for _, r := range []string{"accreditation-a", "accreditation-b", "accreditation-c"} {
		before[r] = c.statusCalls(r)
	}
	time.Sleep(3 * time.Second)
	var all, third float64
	for _, r := range []string{"accreditation-a", "accreditation-b", "accreditation-c"} {
		d := c.statusCalls(r) - before[r]
		all += d
		if r == "accreditation-c" {
			third = d
		}
	}
	if all == 0 || third*5 < all {
		t.Errorf("the replica started under load took %.0f of %.0f calls from %v after its start, want at least a fifth",
			third, all, 2*connectionAge)
	}

	c.cut.sever()
	time.Sleep(5 * time.Second)
	atCut := c.statusCalls("accreditation-b")
	time.Sleep(2 * time.Second)
	if got := c.statusCalls("accreditation-b") - atCut; got != 0 {
		t.Errorf("the replica whose database was cut took %.0f calls from 5 s after the cut", got)
	}
	if c.statusCalls("accreditation-a")+c.statusCalls("accreditation-c") == 0 {
		t.Error("the healthy replicas answered nothing")
	}

	total, failed, sample := load.finish()
	if failed != 0 || total < 100 {
		t.Errorf("%d of %d reads failed through the new replica and the cut (e.g. %q)", failed, total, sample)
	}
	t.Logf("%d reads, none failed; the third replica took %.0f of %.0f", total, third, all)
}

// registryDownLeavesTheRestUp: with both registry replicas gone, organization routes answer
// 503 within a second, while status, events and the portal's public pages answer 200 and
// /readyz stays ready, naming the registry as down.
func (c *cluster) registryDownLeavesTheRestUp(t *testing.T, org string) {
	c.kill("registry-a")
	c.kill("registry-b")
	stopped := time.Now()
	for _, g := range c.gateways {
		for {
			status, err := get(http.DefaultClient, g+"/v1/organizations/"+org, "")
			if err == nil && status == http.StatusServiceUnavailable {
				break
			}
			if time.Since(stopped) > time.Second {
				t.Fatalf("%s: organization route %d %v more than 1 s after the registry stopped, want 503", g, status, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	for _, g := range c.gateways {
		for _, path := range []string{"/v1/organizations/" + org + "/status", "/v1/events?pageSize=5", "/portal/", "/portal/events", "/portal/calendar.ics"} {
			if status, err := get(http.DefaultClient, g+path, ""); err != nil || status != http.StatusOK {
				t.Errorf("%s%s with the registry down: %d %v, want 200", g, path, status, err)
			}
		}
		resp, err := http.Get(g + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Ready bool     `json:"ready"`
			Down  []string `json:"down"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !body.Ready || strings.Join(body.Down, ",") != "registry" {
			t.Errorf("%s/readyz with the registry down: %d %+v, want ready, naming registry", g, resp.StatusCode, body)
		}
	}
}
