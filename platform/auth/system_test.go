package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/metadata"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
)

func TestDevSystemCredentialsCarryAFreshSystemToken(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	clk := clock.NewManual(pinned)
	withToken := auth.DevSystemCredentials(key, "liaison-registry", "liaison-dev", "liaison", clk)
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clk)

	bearer := func() string {
		t.Helper()
		ctx, err := withToken(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		md, _ := metadata.FromOutgoingContext(ctx)
		got := md.Get("authorization")
		if len(got) != 1 || !strings.HasPrefix(got[0], "Bearer ") {
			t.Fatalf("authorization metadata %q", got)
		}
		return strings.TrimPrefix(got[0], "Bearer ")
	}

	first := bearer()
	id, err := v.Verify(context.Background(), first)
	if err != nil {
		t.Fatal(err)
	}
	if id.Subject != "liaison-registry" || !id.HasRole(auth.RoleSystem) || len(id.Roles) != 1 {
		t.Fatalf("identity %+v", id)
	}

	// Hours later the first token has expired; the next call carries a new one that verifies.
	clk.Set(pinned.Add(3 * time.Hour))
	if _, err := v.Verify(context.Background(), first); err == nil {
		t.Fatal("a three-hour-old system token still verifies")
	}
	if _, err := v.Verify(context.Background(), bearer()); err != nil {
		t.Fatalf("the fresh token: %v", err)
	}

	// A key the verifier does not trust gives a token it refuses.
	other := auth.DevSystemCredentials(newKey(t), "liaison-registry", "liaison-dev", "liaison", clk)
	ctx, err := other(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	md, _ := metadata.FromOutgoingContext(ctx)
	if _, err := v.Verify(context.Background(), strings.TrimPrefix(md.Get("authorization")[0], "Bearer ")); err == nil {
		t.Fatal("a token from another key verifies")
	}
}
