// Package logging builds the structured logger every liaison process uses:
// JSON lines by default (what log collectors parse), each carrying the
// service name and, inside a traced call, the trace and span ids that join a
// log line to its trace.
package logging

import (
	"io"
	"log/slog"
	"strings"
)

// New returns a logger writing to w. format is "json" (the default for
// anything else) or "text" for people reading a terminal; level is debug,
// info, warn or error (unknown values fall back to info, since config
// validation has already rejected them).
func New(w io.Writer, service, level, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: ParseLevel(level)}
	var h slog.Handler
	if strings.EqualFold(format, "text") {
		h = slog.NewTextHandler(w, opts)
	} else {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(WithTrace(h)).With(slog.String("service", service))
}

// ParseLevel maps a LIAISON_LOG_LEVEL value to a slog level, defaulting to info.
func ParseLevel(level string) slog.Level {
	switch strings.ToLower(level) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	default:
		return slog.LevelInfo
	}
}

// Discard returns a logger that drops everything, for tests and tools that
// need a logger but have nowhere useful to send it.
func Discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
