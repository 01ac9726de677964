package audit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/audit"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
)

var pinned = time.Date(2026, 6, 1, 8, 30, 0, 0, time.UTC)

func TestWritesAndReads(t *testing.T) {
	t.Parallel()
	for method, write := range map[string]bool{
		"/liaison.accreditation.v1.AccreditationService/SubmitApplication":           true,
		"/liaison.events.v1.EventsService/CancelRegistration":                        true,
		"/liaison.registry.v1.RegistryService/UpdateOrganization":                    true,
		"/liaison.registry.v1.RegistryService/GetOrganization":                       false,
		"/liaison.registry.v1.RegistryService/ListOrganizations":                     false,
		"/liaison.registry.v1.RegistryService/BatchGetOrganizations":                 false,
		"/liaison.accreditation.v1.AccreditationService/WatchStatusChanges":          false,
		"/liaison.accreditation.v1.AccreditationService/DownloadApplicationDocument": false,
		"/grpc.health.v1.Health/Check":                                               false,
		"/liaison.accreditation.v1.AccreditationService/VerifyStatusCredential":      false,
		"/liaison.accreditation.v1.AccreditationService/IssueStatusCredential":       true,
		"garbage": false,
	} {
		if got := audit.IsWrite(method); got != write {
			t.Errorf("IsWrite(%s) = %v, want %v", method, got, write)
		}
	}
}

type record struct {
	Msg       string    `json:"msg"`
	Method    string    `json:"method"`
	At        time.Time `json:"at"`
	Outcome   string    `json:"outcome"`
	RequestID string    `json:"request_id"`
	Actor     struct {
		Subject      string   `json:"subject"`
		Roles        []string `json:"roles"`
		Organization string   `json:"organization"`
		Anonymous    bool     `json:"anonymous"`
	} `json:"actor"`
}

func records(t *testing.T, buf *bytes.Buffer) []record {
	t.Helper()
	var out []record
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		out = append(out, r)
	}
	return out
}

func TestEveryWriteIsRecordedWithWhoWhatWhenAndRequestID(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	unary, _ := audit.Interceptors(slog.New(slog.NewJSONHandler(&buf, nil)), clock.NewFixed(pinned))
	ctx := auth.WithIdentity(context.Background(), auth.Identity{Subject: "amina", Roles: []auth.Role{auth.RoleNGO}, Org: "org-7"})
	ctx = metadata.NewIncomingContext(ctx, metadata.Pairs("x-request-id", "req-42"))
	ok := func(context.Context, any) (any, error) { return "done", nil }
	refused := func(context.Context, any) (any, error) {
		return nil, status.Error(codes.FailedPrecondition, "already submitted")
	}

	call := func(ctx context.Context, method string, h grpc.UnaryHandler) {
		_, _ = unary(ctx, nil, &grpc.UnaryServerInfo{FullMethod: method}, h)
	}
	call(ctx, "/liaison.accreditation.v1.AccreditationService/SubmitApplication", ok)
	call(ctx, "/liaison.accreditation.v1.AccreditationService/SubmitApplication", refused)
	call(ctx, "/liaison.accreditation.v1.AccreditationService/GetApplication", ok)
	call(context.Background(), "/liaison.registry.v1.RegistryService/CreateOrganization", func(context.Context, any) (any, error) {
		return nil, errors.New("boom")
	})

	rs := records(t, &buf)
	if len(rs) != 3 {
		t.Fatalf("%d records, want 3 (the read is not audited):\n%s", len(rs), buf.String())
	}
	first := rs[0]
	if first.Msg != audit.Message || first.Method != "/liaison.accreditation.v1.AccreditationService/SubmitApplication" ||
		!first.At.Equal(pinned) || first.Outcome != "OK" || first.RequestID != "req-42" ||
		first.Actor.Subject != "amina" || first.Actor.Organization != "org-7" || len(first.Actor.Roles) != 1 || first.Actor.Roles[0] != "ngo" {
		t.Errorf("record = %+v", first)
	}
	if rs[1].Outcome != "FailedPrecondition" {
		t.Errorf("refused write outcome = %q", rs[1].Outcome)
	}
	if !rs[2].Actor.Anonymous || rs[2].Outcome != "Unknown" {
		t.Errorf("anonymous failed write = %+v", rs[2])
	}
}

type fakeStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s fakeStream) Context() context.Context { return s.ctx }

func TestStreamingWritesAreRecordedToo(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	_, stream := audit.Interceptors(slog.New(slog.NewJSONHandler(&buf, nil)), clock.NewFixed(pinned))
	ctx := auth.WithIdentity(context.Background(), auth.Identity{Subject: "olga", Roles: []auth.Role{auth.RoleOfficer}})
	handler := func(any, grpc.ServerStream) error { return nil }
	_ = stream(nil, fakeStream{ctx: ctx}, &grpc.StreamServerInfo{FullMethod: "/liaison.events.v1.EventsService/ImportEvents"}, handler)
	_ = stream(nil, fakeStream{ctx: ctx}, &grpc.StreamServerInfo{FullMethod: "/liaison.accreditation.v1.AccreditationService/WatchStatusChanges"}, handler)
	rs := records(t, &buf)
	if len(rs) != 1 || rs[0].Actor.Subject != "olga" {
		t.Fatalf("records = %+v", rs)
	}
}
