package gateway

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// passReason says why a status lookup went to the accreditation service rather than memory.
type passReason int

const (
	passNone       passReason = iota // answered from memory
	passNotLive                      // the stream is down or not settled, or no real answer was seen yet
	passUnknown                      // the organization is not in memory (yet, or the view is full)
	passUnservable                   // the stream does not report every change of this status
	passRequest                      // the request itself is the service's to judge (a token that does not verify)
	passPerson                       // a signed-in person, who must read their own writes at once
	passReasonCount
)

var passReasonNames = [passReasonCount]string{
	passNone: "", passNotLive: "not_live", passUnknown: "unknown", passUnservable: "unservable", passRequest: "request", passPerson: "person",
}

// statusViewMetrics counts REST status lookups by how they were answered, so that the view's
// hit rate (and why it misses) is visible on /metrics.
type statusViewMetrics struct {
	counter metric.Int64Counter
	hitOpt  metric.AddOption
	passOpt [passReasonCount]metric.AddOption
}

func newStatusViewMetrics(mp metric.MeterProvider) *statusViewMetrics {
	if mp == nil {
		return nil
	}
	c, err := mp.Meter("github.com/un-liaison/liaison/gateway").Int64Counter("liaison.gateway.status_lookups",
		metric.WithDescription("REST status lookups by result: hit (answered from the edge's memory) or pass (asked of the accreditation service), with the reason for a pass."),
		metric.WithUnit("{lookup}"))
	if err != nil {
		return nil // unmeasured, not broken
	}
	m := &statusViewMetrics{counter: c, hitOpt: metric.WithAttributes(attribute.String("result", "hit"))}
	for r, name := range passReasonNames {
		m.passOpt[r] = metric.WithAttributes(attribute.String("result", "pass"), attribute.String("reason", name))
	}
	return m
}

// A nil *statusViewMetrics counts nothing.
func (m *statusViewMetrics) hit(ctx context.Context) {
	if m != nil {
		m.counter.Add(ctx, 1, m.hitOpt)
	}
}

func (m *statusViewMetrics) pass(ctx context.Context, r passReason) {
	if m != nil {
		m.counter.Add(ctx, 1, m.passOpt[r])
	}
}
