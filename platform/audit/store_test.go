package audit_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/un-liaison/liaison/platform/audit"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

func TestWritesAreKeptInTheAuditLog(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, sqldb.Options{Service: "audit"}, func(t *testing.T, open func() *sqldb.DB) {
		ctx := context.Background()
		db := open()
		store := audit.NewStore(db)
		var logs bytes.Buffer
		unary, _ := audit.Interceptors(slog.New(slog.NewJSONHandler(&logs, nil)), clock.NewFixed(pinned), audit.WithStore(store))
		callCtx := auth.WithIdentity(context.Background(), auth.Identity{Subject: "olga", Roles: []auth.Role{auth.RoleOfficer, auth.RoleAdmin}})
		callCtx = metadata.NewIncomingContext(callCtx, metadata.Pairs("x-request-id", "req-7"))
		ok := func(context.Context, any) (any, error) { return nil, nil }
		for _, m := range []string{
			"/liaison.accreditation.v1.AccreditationService/RecordDecision",
			"/liaison.accreditation.v1.AccreditationService/GetApplication",
			"/liaison.events.v1.EventsService/CancelEvent",
		} {
			_, _ = unary(callCtx, nil, &grpc.UnaryServerInfo{FullMethod: m}, ok)
		}
		got, err := store.BySubject(ctx, "olga")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("%d entries, want the 2 writes: %+v", len(got), got)
		}
		e := got[0]
		if e.Method != "/liaison.accreditation.v1.AccreditationService/RecordDecision" || !e.At.Equal(pinned) ||
			e.RequestID != "req-7" || e.Outcome != "OK" || len(e.Roles) != 2 || e.Roles[1] != "admin" {
			t.Errorf("entry = %+v", e)
		}
	})
}
