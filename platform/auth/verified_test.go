package auth_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
)

// A remembered token must stop counting exactly when it would have stopped counting unremembered.
func TestARepeatedTokenStillExpires(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	raw, err := auth.IssueDevToken(key, devClaims("badge-office", auth.RoleSystem), 5*time.Minute, pinned)
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(pinned)
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clk)
	for i := range 3 {
		id, err := v.Verify(context.Background(), raw)
		if err != nil || id.Subject != "badge-office" || !id.HasRole(auth.RoleSystem) {
			t.Fatalf("call %d: %+v, %v", i, id, err)
		}
	}
	clk.Advance(5*time.Minute + auth.Leeway + time.Second)
	if _, err := v.Verify(context.Background(), raw); !errors.Is(err, auth.ErrTokenExpired) {
		t.Fatalf("after expiry: %v, want ErrTokenExpired", err)
	}
}

// Remembering successes must not turn a refused token into an accepted one, nor the other way
// round: a forged copy of a remembered token's claims is still checked.
func TestARememberedTokenDoesNotVouchForAForgery(t *testing.T) {
	t.Parallel()
	key, other := newKey(t), newKey(t)
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned))
	good, err := auth.IssueDevToken(key, devClaims("olga", auth.RoleOfficer), time.Hour, pinned)
	if err != nil {
		t.Fatal(err)
	}
	forged, err := auth.IssueDevToken(other, devClaims("olga", auth.RoleOfficer), time.Hour, pinned)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := v.Verify(context.Background(), good); err != nil {
			t.Fatal(err)
		}
		if _, err := v.Verify(context.Background(), forged); !errors.Is(err, auth.ErrInvalidToken) {
			t.Fatalf("forged token: %v, want ErrInvalidToken", err)
		}
	}
}

// More distinct callers than the verifier remembers still all get their own identity back.
func TestManyCallersEachKeepTheirIdentity(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned))
	const callers = 9000 // more than the verifier keeps
	tokens := make([]string, callers)
	for i := range tokens {
		c := devClaims(fmt.Sprintf("user-%d", i), auth.RoleNGO)
		c.Org = fmt.Sprintf("org-%d", i)
		raw, err := auth.IssueDevToken(key, c, time.Hour, pinned)
		if err != nil {
			t.Fatal(err)
		}
		tokens[i] = raw
	}
	for round := range 2 {
		for i, raw := range tokens {
			id, err := v.Verify(context.Background(), raw)
			if err != nil || id.Subject != fmt.Sprintf("user-%d", i) || id.Org != fmt.Sprintf("org-%d", i) {
				t.Fatalf("round %d, caller %d: %+v, %v", round, i, id, err)
			}
		}
	}
}

// BenchmarkVerifyRepeatedToken is the status path's token check for a caller that reuses its
// token, as services and badge offices do.
func BenchmarkVerifyRepeatedToken(b *testing.B) {
	key, err := auth.LoadOrCreateDevKey(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	raw, err := auth.IssueDevToken(key, devClaims("badge-office", auth.RoleSystem), time.Hour, pinned)
	if err != nil {
		b.Fatal(err)
	}
	v := auth.NewDevVerifier(&key.PublicKey, "liaison-dev", "liaison", clock.NewFixed(pinned))
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := v.Verify(ctx, raw); err != nil {
				b.Fatal(err)
			}
		}
	})
}
