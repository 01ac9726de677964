// Package main is `make bench`: it builds the liaison binaries, runs them as production does
// (PostgreSQL and Redis, then again on embedded SQLite), seeds them, and measures the hot paths
// for a fixed time at a fixed concurrency next to a bare gRPC server and a bare net/http handler
// on the same machine in the same run. Shared machines are noisy, so the figure that counts is
// the ratio to that ceiling. BENCHMARKS.md at the repository root explains the method.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

type settings struct {
	organizations int
	statuses      int
	duration      time.Duration
	warmup        time.Duration
	concurrency   int
	writers       int
	searchers     int
	drafts        int
	postgresURL   string
	redisURL      string
	sqlite        bool
	keep          bool
	profiles      string
	only          *regexp.Regexp // measure only the figures whose names match (nil: all)
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "ceiling" {
		if err := serveCeiling(); err != nil {
			fmt.Fprintln(os.Stderr, "ceiling:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "profile" {
		if err := profileStatus(context.Background(), os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "profile:", err)
			os.Exit(1)
		}
		return
	}
	var s settings
	flag.IntVar(&s.organizations, "organizations", 100_000, "organizations seeded into the registry")
	flag.IntVar(&s.statuses, "statuses", 3_000, "organizations given a consultative status")
	flag.DurationVar(&s.duration, "duration", 5*time.Second, "measured time of each figure")
	flag.DurationVar(&s.warmup, "warmup", time.Second, "unmeasured time before each figure")
	flag.IntVar(&s.concurrency, "concurrency", 16, "calls in flight for the read paths")
	flag.IntVar(&s.writers, "writers", 8, "calls in flight for the write paths")
	flag.IntVar(&s.searchers, "searchers", 2, "searches in flight (one per core: a search latency, not a queue)")
	flag.IntVar(&s.drafts, "drafts", 1000, "complete applications prepared for the SubmitApplication figure")
	flag.StringVar(&s.postgresURL, "postgres", "postgres://postgres@127.0.0.1:5432", "PostgreSQL server (a fresh database is created on it)")
	flag.StringVar(&s.redisURL, "redis", "redis://127.0.0.1:6379/11", "Redis database for the caches (flushed first)")
	flag.BoolVar(&s.sqlite, "sqlite", true, "also measure the embedded SQLite mode")
	flag.BoolVar(&s.keep, "keep", false, "keep the run directory (logs, SQLite files) instead of removing it")
	flag.StringVar(&s.profiles, "profiles", "", "also write CPU profiles of the running services under each status load to this directory")
	only := flag.String("only", "", "measure only the figures whose names match this regular expression (the ceilings and memory are always read)")
	flag.Parse()
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench: -only:", err)
			os.Exit(2)
		}
		s.only = re
	}
	if err := run(context.Background(), s); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, s settings) error {
	began := time.Now()
	root, err := repoRoot()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "liaison-bench-")
	if err != nil {
		return err
	}
	if s.keep {
		fmt.Println("run directory:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	bin := filepath.Join(dir, "bin")
	step("building the binaries")
	if err := buildBinaries(root, bin); err != nil {
		return err
	}
	ceil, err := startCeiling()
	if err != nil {
		return err
	}
	defer ceil.stop()

	var reports []*report
	pg, err := runMode(ctx, s, modePostgres, dir, ceil)
	if err != nil {
		return fmt.Errorf("PostgreSQL mode: %w", err)
	}
	reports = append(reports, pg)
	if s.sqlite {
		lite, err := runMode(ctx, s, modeSQLite, dir, ceil)
		if err != nil {
			return fmt.Errorf("SQLite mode: %w", err)
		}
		reports = append(reports, lite)
	}
	printReports(os.Stdout, s, reports)
	fmt.Printf("\nwhole run: %s\n", time.Since(began).Round(time.Second))
	return nil
}

func step(msg string) { fmt.Fprintf(os.Stderr, "%s  %s\n", time.Now().Format("15:04:05"), msg) }
