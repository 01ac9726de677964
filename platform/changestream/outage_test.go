package changestream_test

import (
	"context"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/un-liaison/liaison/platform/changestream"
)

// levels records the level of every log record at info or above.
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

// Over a real gRPC connection to a server that is down, then up: an outage is one warning
// however many retries it takes, and its end is one info line. The stream followed is the
// health service's Watch, a server stream like any change stream.
func TestAnOutageIsLoggedOnceAndItsEndToo(t *testing.T) {
	t.Parallel()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := lis.Addr().String()
	_ = lis.Close() // nothing listens yet: the source is down
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := healthpb.NewHealthClient(conn)
	log := &levels{}
	f := &changestream.Follower{
		Open: func(ctx context.Context) (func() error, error) {
			stream, err := client.Watch(ctx, &healthpb.HealthCheckRequest{})
			if err != nil {
				return nil, err
			}
			return changestream.Receive(stream, func(*healthpb.HealthCheckResponse) error { return nil }), nil
		},
		Reset:      func(context.Context) error { t.Error("an outage reset the copy"); return nil },
		Settle:     20 * time.Millisecond,
		MinBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		Log:  slog.New(log),
		Down: "stream down",
		Back: "stream back",
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); f.Run(ctx) }()
	defer func() { cancel(); <-done }()

	time.Sleep(300 * time.Millisecond) // many retries
	if got := log.get(); len(got) != 1 || got[0] != slog.LevelWarn {
		t.Fatalf("during the outage: %v, want one warning", got)
	}
	lis, err = net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer()
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
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
