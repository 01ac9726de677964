package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation"
)

// profileStatus is `bench profile`: the accreditation service runs in this process through
// platform/service.Run with its exported Spec (PostgreSQL and Redis, as in production), is
// seeded with statuses, and takes the warm status lookup load over gRPC for a while under
// the CPU profiler; an allocation profile is written at the end. The load generator shares the
// process, so read the profiles focused on the server's frames (-focus or -ignore grpc client).
func profileStatus(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("profile", flag.ExitOnError)
	out := fs.String("out", "profiles", "directory for cpu.pprof and allocs.pprof")
	d := fs.Duration("duration", 10*time.Second, "profiled load time")
	conc := fs.Int("concurrency", 16, "calls in flight")
	batch := fs.Bool("batch", false, "profile BatchGetConsultativeStatuses instead of GetConsultativeStatus")
	anonymous := fs.Bool("anonymous", false, "call without a token (the policy lets anyone look a status up)")
	pg := fs.String("postgres", "postgres://postgres@127.0.0.1:5432", "PostgreSQL server")
	rd := fs.String("redis", "redis://127.0.0.1:6379/11", "Redis database")
	_ = fs.Parse(args)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "liaison-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	url, drop, err := createDatabase(ctx, *pg, fmt.Sprintf("liaison_profile_%d", time.Now().UnixNano()))
	if err != nil {
		return err
	}
	defer drop()
	ids := make([]string, 6000)
	for i := range ids {
		ids[i] = fmt.Sprintf("org_profile%06d", i)
	}
	if err := seedStatuses(ctx, dir, url, ids[:3000]); err != nil {
		return err
	}
	for k, v := range map[string]string{"LIAISON_DATA_DIR": dir, "LIAISON_DATABASE_URL": url, "LIAISON_REDIS_URL": *rd, "LIAISON_DEV_MODE": "1"} {
		_ = os.Setenv(k, v)
	}
	cfg, err := config.Load[config.Common]()
	if err != nil {
		return err
	}
	key, err := auth.LoadOrCreateDevKey(dir)
	if err != nil {
		return err
	}
	tok, err := token(key, "badge-office", auth.RoleSystem)
	if err != nil {
		return err
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	logs, err := os.Create(filepath.Join(dir, "accreditation.log"))
	if err != nil {
		return err
	}
	defer logs.Close()
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- service.Run(sctx, accreditation.Spec, cfg, lis, nil, service.WithLogOutput(logs)) }()
	defer func() { stop(); <-served }()
	p, err := dialPool(lis.Addr().String())
	if err != nil {
		return err
	}
	defer p.close()
	callCtx := withToken(tok)
	if *anonymous {
		callCtx = context.Background()
	}
	load := statusLookup(p, callCtx, ids)
	if *batch {
		load = batchLookup(p, callCtx, ids)
	}
	if err := prime(withToken(tok), p, ids); err != nil {
		return err
	}
	measure("warm-up", *conc, 0, 2*time.Second, load)

	cpu, err := os.Create(filepath.Join(*out, "cpu.pprof"))
	if err != nil {
		return err
	}
	defer cpu.Close()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return err
	}
	r := measure("profiled", *conc, 0, *d, load)
	pprof.StopCPUProfile()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	allocs, err := os.Create(filepath.Join(*out, "allocs.pprof"))
	if err != nil {
		return err
	}
	defer allocs.Close()
	if err := pprof.Lookup("allocs").WriteTo(allocs, 0); err != nil {
		return err
	}
	fmt.Printf("%d calls/s, p50 %s ms, p99 %s ms, errors %d (%v); %.0f allocations and %.0f bytes per call (client and server together)\n",
		int(r.throughput()), ms(r.percentile(.5)), ms(r.percentile(.99)), r.errors, r.firstErr,
		float64(after.Mallocs-before.Mallocs)/float64(r.calls), float64(after.TotalAlloc-before.TotalAlloc)/float64(r.calls))
	return nil
}
