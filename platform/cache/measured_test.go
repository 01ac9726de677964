package cache_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/un-liaison/liaison/platform/cache"
)

// broken is a cache whose every call fails, like Redis while it is down.
type broken struct{}

func (broken) Get(context.Context, string) ([]byte, bool, error) {
	return nil, false, errors.New("down")
}
func (broken) Set(context.Context, string, []byte, time.Duration) error {
	return errors.New("down")
}
func (broken) Delete(context.Context, ...string) error { return errors.New("down") }

func lookupCounts(t *testing.T, reader *sdkmetric.ManualReader) map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != "liaison.cache.lookups" {
				continue
			}
			for _, dp := range m.Data.(metricdata.Sum[int64]).DataPoints {
				name, _ := dp.Attributes.Value(attribute.Key("cache"))
				res, _ := dp.Attributes.Value(attribute.Key("result"))
				counts[name.AsString()+"/"+res.AsString()] += dp.Value
			}
		}
	}
	return counts
}

func TestReadThroughCountsHitsAndMissesPerCache(t *testing.T) {
	t.Parallel()
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	// The provider travels with the cache through WithPrefix, the way the
	// runner hands it to services.
	c := cache.WithPrefix(cache.WithMeterProvider(cache.NewMemory(16), mp), "svc:")
	rt := cache.NewReadThrough(c, cache.ReadThroughOptions{Name: "organizations"})
	load := func(context.Context) ([]byte, error) { return []byte("v"), nil }
	for range 3 {
		if _, err := rt.Get(context.Background(), "org-1", load); err != nil {
			t.Fatal(err)
		}
	}
	down := cache.NewReadThrough(broken{}, cache.ReadThroughOptions{Name: "statuses", MeterProvider: mp, RetryAfter: time.Hour})
	for range 2 {
		if _, err := down.Get(context.Background(), "org-1", load); err != nil {
			t.Fatal(err)
		}
	}
	got := lookupCounts(t, reader)
	want := map[string]int64{
		"organizations/miss": 1, "organizations/hit": 2,
		"statuses/error": 1, "statuses/bypass": 1,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
}

func TestReadThroughWithoutMeterProviderStillWorks(t *testing.T) {
	t.Parallel()
	rt := cache.NewReadThrough(broken{}, cache.ReadThroughOptions{Name: "plain"})
	if _, err := rt.Get(context.Background(), "k", func(context.Context) ([]byte, error) { return []byte("v"), nil }); err != nil {
		t.Fatal(err)
	}
}
