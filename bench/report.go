package main

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"
)

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }

func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

// printReports writes each mode's table: ratio to the ceiling first, then the absolute figures.
func printReports(out io.Writer, s settings, reports []*report) {
	fmt.Fprintf(out, "\nliaison benchmark: %d organizations, %d statuses, %s measured per figure after %s warm-up; reads %d in flight, searches %d, writes %d\n",
		s.organizations, s.statuses, s.duration, s.warmup, s.concurrency, s.searchers, s.writers)
	for _, rep := range reports {
		fmt.Fprintf(out, "\n== %s (seeded in %s)\n", rep.mode, rep.seedTime.Round(100*time.Millisecond))
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "figure\tx ceiling thr\tx ceiling p99\tcalls/s\titems/s\tp50 ms\tp99 ms\tp99.9 ms\terrors\tceiling calls/s\tceiling p99 ms\t")
		line := func(r result, ratio, ratio99 string, ceiling *result) {
			against := "\t"
			if ceiling != nil {
				against = fmt.Sprintf("%.0f\t%s", ceiling.throughput(), ms(ceiling.percentile(0.99)))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.0f\t%.0f\t%s\t%s\t%s\t%d\t%s\t\n", r.name, ratio, ratio99, r.throughput(),
				r.throughput()*float64(r.perCall), ms(r.percentile(0.50)), ms(r.percentile(0.99)), ms(r.percentile(0.999)), r.errors, against)
		}
		line(rep.ceilingGRPC, "ceiling", "", nil)
		line(rep.ceilingHTTP, "ceiling", "", nil)
		for _, f := range rep.figures {
			thr := f.r.throughput() / f.ceiling.throughput()
			p99 := float64(f.r.percentile(0.99)) / float64(f.ceiling.percentile(0.99))
			line(f.r, fmt.Sprintf("%.0f%%", 100*thr), fmt.Sprintf("%.1fx", p99), f.ceiling)
		}
		tw.Flush()
		for _, f := range rep.figures {
			if f.r.firstErr != nil {
				fmt.Fprintf(out, "  first error of %s: %v\n", f.r.name, f.r.firstErr)
			}
		}
		fmt.Fprintln(out, "  resident memory (VmRSS idle after start / VmHWM peak by the end of the load), from /proc/<pid>/status:")
		names := make([]string, 0, len(rep.idle))
		for n := range rep.idle {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			fmt.Fprintf(out, "    %-14s idle %10s   under load %10s\n", n, mb(rep.idle[n].rss), mb(rep.load[n].peak))
		}
		for _, n := range rep.notes {
			fmt.Fprintln(out, " ", n)
		}
	}
}
