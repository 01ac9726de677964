package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/redis/go-redis/v9"

	"github.com/un-liaison/liaison/platform/auth"
)

type mode string

const (
	modePostgres mode = "PostgreSQL + Redis"
	modeSQLite   mode = "embedded SQLite, in-process cache"
)

// figure is one liaison measurement beside the ceiling it is compared with.
type figure struct {
	r       result
	ceiling *result
}

// report is everything measured in one mode.
type report struct {
	mode        mode
	seedTime    time.Duration
	ceilingGRPC result
	ceilingHTTP result
	figures     []figure
	idle, load  map[string]memory
	notes       []string
}

func token(key *ecdsa.PrivateKey, subject string, roles ...auth.Role) (string, error) {
	c := auth.Claims{Roles: roles}
	c.Subject, c.Issuer, c.Audience = subject, "liaison-dev", jwt.ClaimStrings{"liaison"}
	return token2(key, c)
}

// token2 signs claims with the dev key the services trust (the run's LIAISON_DATA_DIR), as the
// identity provider would sign them in production.
func token2(key *ecdsa.PrivateKey, c auth.Claims) (string, error) {
	return auth.IssueDevToken(key, c, 2*time.Hour, time.Now())
}

// runMode seeds a fresh deployment in mode m, starts it, measures it and stops it.
func runMode(ctx context.Context, s settings, m mode, dir string, ceil *ceiling) (*report, error) {
	rep := &report{mode: m}
	tag := "pg"
	if m == modeSQLite {
		tag = "sqlite"
	}
	dataDir := filepath.Join(dir, tag)
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, err
	}
	databaseURL, redisURL := "", ""
	if m == modePostgres {
		name := fmt.Sprintf("liaison_bench_%d", time.Now().UnixNano())
		url, drop, err := createDatabase(ctx, s.postgresURL, name)
		if err != nil {
			return nil, err
		}
		defer drop()
		databaseURL, redisURL = url, s.redisURL
		opt, err := redis.ParseURL(redisURL)
		if err != nil {
			return nil, err
		}
		rc := redis.NewClient(opt)
		err = rc.FlushDB(ctx).Err()
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("flushing the benchmark's Redis database: %w", err)
		}
	}

	step(fmt.Sprintf("%s: seeding %d organizations and %d statuses", m, s.organizations, s.statuses))
	t0 := time.Now()
	ids, err := seedRegistry(ctx, dataDir, databaseURL, s.organizations, 2*s.statuses)
	if err != nil {
		return nil, fmt.Errorf("seeding the registry: %w", err)
	}
	if len(ids) < 2*s.statuses || s.statuses < 2*batchSize {
		return nil, fmt.Errorf("need at least %d organizations and %d statuses", 2*s.statuses, 2*batchSize)
	}
	holders := ids[:s.statuses]
	if err := seedStatuses(ctx, dataDir, databaseURL, holders); err != nil {
		return nil, fmt.Errorf("seeding statuses: %w", err)
	}
	rep.seedTime = time.Since(t0)
	var active []string
	for i, id := range holders {
		if i%10 != 9 {
			active = append(active, id)
		}
	}
	// Lookups ask about holders and about as many organizations without status: both answers
	// are cached, and real callers ask about both.
	lookups := ids

	key, err := auth.LoadOrCreateDevKey(dataDir)
	if err != nil {
		return nil, err
	}
	systemToken, err := token(key, "badge-office", auth.RoleSystem)
	if err != nil {
		return nil, err
	}
	officerToken, err := token(key, "bench-officer", auth.RoleOfficer)
	if err != nil {
		return nil, err
	}

	sys, err := newSystem(dataDir, databaseURL, redisURL)
	if err != nil {
		return nil, err
	}
	step(m.String() + ": starting the services")
	defer sys.stop()
	if err := sys.start(ctx, filepath.Join(dir, "bin"), dataDir); err != nil {
		return nil, err
	}
	time.Sleep(2 * time.Second) // let start-up garbage be collected before the idle reading
	rep.idle = sys.memories()

	ceilPool, err := dialPool(ceil.grpcAddr)
	if err != nil {
		return nil, err
	}
	defer ceilPool.close()
	accr, err := dialPool(sys.addrs["accreditation"])
	if err != nil {
		return nil, err
	}
	defer accr.close()
	reg, err := dialPool(sys.addrs["registry"])
	if err != nil {
		return nil, err
	}
	defer reg.close()
	evs, err := dialPool(sys.addrs["events"])
	if err != nil {
		return nil, err
	}
	defer evs.close()
	client := httpClient(s.concurrency)
	sysCtx, officerCtx := withToken(systemToken), withToken(officerToken)

	c, w, warm, d := s.concurrency, s.writers, s.warmup, s.duration
	wanted := func(name string) bool { return s.only == nil || s.only.MatchString(name) }
	measureStep := func(name string, conc int, fn call) result {
		step(fmt.Sprintf("%s: %s (%d in flight, %s)", m, name, conc, d))
		return measure(name, conc, warm, d, fn)
	}
	quiesce()
	rep.ceilingGRPC = measureStep("bare gRPC health Check", c, healthCheck(ceilPool, sysCtx))
	rep.ceilingHTTP = measureStep("bare net/http JSON", c, httpCall(client, "http://"+ceil.http+"/v1/organizations/x/status", systemToken))
	add := func(r result, ceiling *result) { rep.figures = append(rep.figures, figure{r: r, ceiling: ceiling}) }
	// The status figures are what the targets are about, and the machine's load drifts within a
	// run: each is measured in short windows alternating with its ceiling's (measurePaired).
	grpcCeiling := healthCheck(ceilPool, sysCtx)
	httpCeiling := httpCall(client, "http://"+ceil.http+"/v1/organizations/x/status", systemToken)
	paired := func(name string, ceilingName string, ceiling, fn call, perCall int, processes ...string) error {
		if !wanted(name) {
			return nil
		}
		quiesce()
		step(fmt.Sprintf("%s: %s against %s (%d in flight, %s each, alternating)", m, name, ceilingName, c, d))
		f := measurePaired(name, c, warm, d, ceilingName, ceiling, fn)
		f.r.perCall = perCall
		rep.figures = append(rep.figures, f)
		if s.profiles == "" {
			return nil
		}
		step(fmt.Sprintf("%s: CPU profile of %s under %s", m, strings.Join(processes, " and "), name))
		return profileLive(sys, filepath.Join(s.profiles, tag), name, c, d, fn, processes...)
	}

	if err := prime(sysCtx, accr, lookups); err != nil {
		return nil, err
	}
	if err := primeREST(client, "http://"+sys.addrs["gateway"], systemToken, lookups); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		name, ceilingName string
		ceiling, load     call
		perCall           int
		processes         []string
	}{
		{"gRPC GetConsultativeStatus (warm)", "bare gRPC", grpcCeiling, statusLookup(accr, sysCtx, lookups), 1, []string{"accreditation"}},
		// The same lookups without a token: the policy lets anyone ask, and the difference is what
		// verifying a token costs.
		{"gRPC GetConsultativeStatus (warm, anonymous)", "bare gRPC", grpcCeiling, statusLookup(accr, context.Background(), lookups), 1, []string{"accreditation"}},
		{fmt.Sprintf("gRPC BatchGetConsultativeStatuses (%d ids)", batchSize), "bare gRPC", grpcCeiling, batchLookup(accr, sysCtx, lookups), batchSize, []string{"accreditation"}},
		{"REST GET /v1/organizations/{id}/status (system)", "bare net/http", httpCeiling, restStatus(client, "http://"+sys.addrs["gateway"], systemToken, lookups), 1, []string{"gateway", "accreditation"}},
	} {
		if err := paired(p.name, p.ceilingName, p.ceiling, p.load, p.perCall, p.processes...); err != nil {
			return nil, fmt.Errorf("profiling %s: %w", p.name, err)
		}
	}
	if name := fmt.Sprintf("gRPC ListOrganizations full text (%dk orgs)", s.organizations/1000); wanted(name) {
		add(measureStep(name, s.searchers, search(reg, sysCtx, textSearches)), &rep.ceilingGRPC)
	}
	if name := fmt.Sprintf("gRPC ListOrganizations faceted (%dk orgs)", s.organizations/1000); wanted(name) {
		add(measureStep(name, s.searchers, search(reg, sysCtx, facetSearches)), &rep.ceilingGRPC)
	}

	if name := "gRPC RegisterParticipant (status checked)"; wanted(name) {
		const capacity = 2000
		eventID, err := createMeeting(officerCtx, evs, capacity, tag)
		if err != nil {
			return nil, fmt.Errorf("creating the meeting: %w", err)
		}
		regs := measureStep(name, w, register(evs, officerCtx, eventID, active, tag))
		add(regs, &rep.ceilingGRPC)
		confirmed, waitlisted, capa, err := seatsOf(officerCtx, evs, eventID)
		if err != nil {
			return nil, err
		}
		verdict := "no overbooking"
		if confirmed > capa {
			verdict = "OVERBOOKED"
		}
		rep.notes = append(rep.notes, fmt.Sprintf("registration: %d confirmed of %d seats, %d waitlisted, %d calls measured and about %d more in the warm-up: %s",
			confirmed, capa, waitlisted, regs.calls, int(regs.throughput()*s.warmup.Seconds()), verdict))
		if s.profiles != "" {
			step(fmt.Sprintf("%s: CPU profile of events and accreditation under %s", m, name))
			if err := profileLive(sys, filepath.Join(s.profiles, tag), name, w, d, register(evs, officerCtx, eventID, active, tag+"-profiled"), "events", "accreditation"); err != nil {
				return nil, fmt.Errorf("profiling %s: %w", name, err)
			}
		}
	}
	if name := "gRPC SubmitApplication (until the drafts run out)"; wanted(name) {
		step(fmt.Sprintf("%s: preparing %d complete applications", m, s.drafts))
		drafts, err := prepareDrafts(ctx, accr, key, ids[s.statuses:s.statuses+s.drafts], 2*s.concurrency)
		if err != nil {
			return nil, err
		}
		add(measureStep(name, w, submitApplications(accr, drafts)), &rep.ceilingGRPC)
	}
	rep.load = sys.memories()
	return rep, nil
}

func (m mode) String() string { return strings.SplitN(string(m), ",", 2)[0] }
