package main

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// A paired measurement alternates its two loads, and each side adds up its own windows.
func TestMeasurePairedAlternatesAndAddsUpEachSide(t *testing.T) {
	var ceilingCalls, figureCalls atomic.Int64
	var order []byte
	var last atomic.Int32 // 1 ceiling, 2 figure
	note := func(side int32) {
		if last.Swap(side) != side {
			order = append(order, byte('0'+side))
		}
	}
	ceiling := func(context.Context, int, int) error {
		note(1)
		ceilingCalls.Add(1)
		time.Sleep(time.Millisecond)
		return nil
	}
	figure := func(context.Context, int, int) error {
		note(2)
		figureCalls.Add(1)
		time.Sleep(time.Millisecond)
		return nil
	}
	f := measurePaired("figure", 1, 0, 100*time.Millisecond, "ceiling", ceiling, figure)
	c := *f.ceiling
	if string(order) != "1212121212" {
		t.Fatalf("windows ran in the order %s, want five alternations", order)
	}
	if f.r.elapsed != 100*time.Millisecond || c.elapsed != 100*time.Millisecond {
		t.Fatalf("elapsed %v and %v, want the full duration on each side", f.r.elapsed, c.elapsed)
	}
	if int64(f.r.calls) > figureCalls.Load() || f.r.calls == 0 || len(f.r.lat) != f.r.calls || c.calls == 0 {
		t.Fatalf("figure %d calls (%d made), ceiling %d", f.r.calls, figureCalls.Load(), c.calls)
	}
	for i := 1; i < len(f.r.lat); i++ {
		if f.r.lat[i] < f.r.lat[i-1] {
			t.Fatal("merged latencies are not sorted, so the percentiles would be wrong")
		}
	}
}

func TestSlugNamesProfileFiles(t *testing.T) {
	for in, want := range map[string]string{
		"REST GET /v1/organizations/{id}/status (system)": "rest-get-v1-organizations-id-status-system",
		"gRPC BatchGetConsultativeStatuses (100 ids)":     "grpc-batchgetconsultativestatuses-100-ids",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIdleShareIsAFraction(t *testing.T) {
	idle, err := idleShare(50 * time.Millisecond)
	if err != nil {
		t.Skipf("no /proc/stat here: %v", err)
	}
	if idle < 0 || idle > 1 {
		t.Fatalf("idle share %v", idle)
	}
}
