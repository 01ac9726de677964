package logging_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/trace"

	"github.com/un-liaison/liaison/platform/logging"
)

func spanContext(t *testing.T) (context.Context, trace.SpanContext) {
	t.Helper()
	tid, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled})
	return trace.ContextWithSpanContext(context.Background(), sc), sc
}

func TestJSONLineCarriesServiceAndTraceIDs(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := logging.New(&buf, "liaison-registry", "info", "json")
	ctx, sc := spanContext(t)

	log.InfoContext(ctx, "organization created", slog.String("organization_id", "org-1"))

	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("not one JSON line: %q: %v", buf.String(), err)
	}
	want := map[string]string{
		"msg":             "organization created",
		"service":         "liaison-registry",
		"trace_id":        sc.TraceID().String(),
		"span_id":         sc.SpanID().String(),
		"organization_id": "org-1",
		"level":           "INFO",
	}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("%s = %v, want %q (line %s)", k, line[k], v, buf.String())
		}
	}
}

func TestNoTraceIDsOutsideASpan(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logging.New(&buf, "liaison-events", "info", "json").Info("started")
	if strings.Contains(buf.String(), "trace_id") {
		t.Fatalf("trace_id without a span: %s", buf.String())
	}
}

func TestLevelsAndFormats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, level, format string
		logDebug            bool // whether a debug record should appear
		textual             bool
	}{
		{"info-hides-debug", "info", "json", false, false},
		{"debug-shows-debug", "debug", "json", true, false},
		{"error-hides-debug", "error", "json", false, false},
		{"unknown-level-is-info", "chatty", "json", false, false},
		{"text-format", "debug", "text", true, true},
		{"unknown-format-is-json", "debug", "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			ctx, _ := spanContext(t)
			logging.New(&buf, "svc", tt.level, tt.format).DebugContext(ctx, "detail")
			if got := buf.Len() > 0; got != tt.logDebug {
				t.Fatalf("debug record written = %v, want %v (%q)", got, tt.logDebug, buf.String())
			}
			if !tt.logDebug {
				return
			}
			isJSON := json.Valid(bytes.TrimSpace(buf.Bytes()))
			if isJSON == tt.textual {
				t.Fatalf("textual = %v, but output is %q", tt.textual, buf.String())
			}
			if !strings.Contains(buf.String(), "trace_id") {
				t.Fatalf("trace_id missing in %q", buf.String())
			}
		})
	}
}

func TestTraceIDsSurviveWithAndGroups(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	ctx, sc := spanContext(t)
	log := logging.New(&buf, "svc", "info", "json").With("component", "repo").WithGroup("sql")
	log.InfoContext(ctx, "query", "rows", 3)
	if !strings.Contains(buf.String(), sc.TraceID().String()) {
		t.Fatalf("trace id lost through With/WithGroup: %s", buf.String())
	}
}
