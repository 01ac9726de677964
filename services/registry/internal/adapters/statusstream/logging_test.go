package statusstream_test

import (
	"context"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	"github.com/un-liaison/liaison/services/registry/internal/adapters/statusstream"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// levels records the level of every log record at warning or above, and infos.
type levels struct {
	mu   sync.Mutex
	seen []slog.Level
}

func (l *levels) Enabled(context.Context, slog.Level) bool { return true }
func (l *levels) Handle(_ context.Context, r slog.Record) error {
	if r.Level >= slog.LevelInfo {
		l.mu.Lock()
		l.seen = append(l.seen, r.Level)
		l.mu.Unlock()
	}
	return nil
}
func (l *levels) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *levels) WithGroup(string) slog.Handler      { return l }

func (l *levels) get() []slog.Level {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]slog.Level(nil), l.seen...)
}

// nowhere is a mirror that has applied nothing.
type nowhere struct{}

func (nowhere) ApplyStatusChange(context.Context, domain.StatusChange) (bool, error) {
	return true, nil
}
func (nowhere) StatusCursor(context.Context) (uint64, error) { return 0, nil }
func (nowhere) ResetStatusMirror(context.Context) error      { return nil }

// An outage is one warning however many retries it takes, and its end is one info line.
func TestAnOutageIsLoggedOnceAndItsEndToo(t *testing.T) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := lis.Addr().String()
	_ = lis.Close() // nothing listens yet: the accreditation service is down
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	log := &levels{}
	f := statusstream.New(conn, nowhere{}, statusstream.Options{
		Logger: slog.New(log),
		Credentials: func(ctx context.Context) (context.Context, error) {
			return metadata.AppendToOutgoingContext(ctx, "authorization", bearer), nil
		},
		MinBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond,
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); f.Run(ctx) }()
	defer func() { cancel(); <-done }()

	time.Sleep(300 * time.Millisecond) // many retries
	if got := log.get(); len(got) != 1 || got[0] != slog.LevelWarn {
		t.Fatalf("during the outage: %v, want one warning", got)
	}
	srv := &server{t: t, fake: newAccreditation(), addr: addr}
	srv.start()
	defer srv.stop()
	deadline := time.Now().Add(10 * time.Second)
	for len(log.get()) < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("no line when the stream came back: %v", log.get())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := log.get(); len(got) != 2 || got[1] != slog.LevelInfo {
		t.Fatalf("after the outage: %v, want a warning then an info", got)
	}
}
