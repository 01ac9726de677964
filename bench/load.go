package main

import (
	"context"
	"slices"
	"sync"
	"time"
)

// result is one measurement: how many calls completed in the measured window and how long each
// took. Latencies are kept whole and sorted rather than bucketed: a 5 s window at the rates seen
// here is a few hundred thousand samples, so the percentiles are exact.
type result struct {
	name     string
	calls    int
	errors   int
	firstErr error
	elapsed  time.Duration
	lat      []time.Duration
	// perCall is how many items one call carries (a batch of 100 statuses counts 100).
	perCall int
}

func (r result) throughput() float64 { return float64(r.calls) / r.elapsed.Seconds() }

func (r result) percentile(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(p * float64(len(r.lat)-1))
	return r.lat[i]
}

// call is one request of a load; worker and seq let it vary what it asks.
type call func(ctx context.Context, worker, seq int) error

// measure runs concurrency workers calling fn back to back: first for warmup, unmeasured (caches,
// connections and the JIT-less Go runtime's heap settle), then for d, measured. Each worker owns
// its sample slice, so recording costs no lock.
func measure(name string, concurrency int, warmup, d time.Duration, fn call) result {
	ctx := context.Background()
	type workerResult struct {
		lat         []time.Duration
		errs        int
		firstErr    error
		exhaustedAt time.Time
	}
	per := make([]workerResult, concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	measureFrom := start.Add(warmup)
	stopAt := measureFrom.Add(d)
	for w := range concurrency {
		wg.Go(func() {
			wr := &per[w]
			wr.lat = make([]time.Duration, 0, 1<<14)
			for seq := 0; ; seq++ {
				t0 := time.Now()
				if !t0.Before(stopAt) {
					return
				}
				err := fn(ctx, w, seq)
				t1 := time.Now()
				if err == errExhausted {
					wr.exhaustedAt = t1
					return
				}
				if t0.Before(measureFrom) {
					continue
				}
				if err != nil {
					wr.errs++
					if wr.firstErr == nil {
						wr.firstErr = err
					}
					continue
				}
				wr.lat = append(wr.lat, t1.Sub(t0))
			}
		})
	}
	wg.Wait()
	r := result{name: name, elapsed: d, perCall: 1}
	// A load that ran out before the time was up is timed until its last worker stopped.
	var ranOut time.Time
	for _, wr := range per {
		if wr.exhaustedAt.After(ranOut) {
			ranOut = wr.exhaustedAt
		}
	}
	if !ranOut.IsZero() && ranOut.Before(stopAt) {
		r.elapsed = max(ranOut.Sub(measureFrom), time.Millisecond)
	}
	for _, wr := range per {
		r.lat = append(r.lat, wr.lat...)
		r.errors += wr.errs
		if r.firstErr == nil {
			r.firstErr = wr.firstErr
		}
	}
	slices.Sort(r.lat)
	r.calls = len(r.lat)
	return r
}

// merge adds other's calls, time and latencies to r, as if both were one window.
func (r *result) merge(other result) {
	r.calls += other.calls
	r.errors += other.errors
	if r.firstErr == nil {
		r.firstErr = other.firstErr
	}
	r.elapsed += other.elapsed
	r.lat = append(r.lat, other.lat...)
	slices.Sort(r.lat)
}

// pairedRounds is how many times a paired measurement alternates between the ceiling and the
// figure. The machine's load drifts over seconds; short alternating windows see the same drift.
const pairedRounds = 5

// measurePaired measures fn and its ceiling in alternating short windows that add up to d each,
// so that both see the same moments of a shared machine.
func measurePaired(name string, concurrency int, warmup, d time.Duration, ceilingName string, ceiling, fn call) figure {
	per, warm := d/pairedRounds, warmup/pairedRounds
	c := result{name: ceilingName, perCall: 1}
	r := result{name: name, perCall: 1}
	for range pairedRounds {
		c.merge(measure(ceilingName, concurrency, warm, per, ceiling))
		r.merge(measure(name, concurrency, warm, per, fn))
	}
	return figure{r: r, ceiling: &c}
}
