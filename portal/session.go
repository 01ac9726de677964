package portal

import (
	"context"
	"net/http"
	"time"

	"google.golang.org/grpc/metadata"

	"github.com/un-liaison/liaison/platform/auth"
)

// sessionCookie holds the signed-in user's bearer token. It is HTTP-only so no script can
// read it, and the services verify the token on every call, so a forged cookie gains
// nothing.
const sessionCookie = "liaison_session"

// sessionTTL is how long a sign-in lasts; the cookie and the token end together.
const sessionTTL = 8 * time.Hour

// viewer is who is reading a page: anonymous (the zero value) or a signed-in user.
type viewer struct {
	auth.Identity
	token string
}

// SignedIn reports whether the reader has a session.
func (v viewer) SignedIn() bool { return v.token != "" }

// IsNGO reports whether the reader acts for an organization.
func (v viewer) IsNGO() bool { return v.HasRole(auth.RoleNGO) && v.Org != "" }

// IsOfficer reports whether the reader is a liaison officer.
func (v viewer) IsOfficer() bool { return v.HasRole(auth.RoleOfficer) }

// viewerOf reads and verifies the session cookie; a missing, expired or forged token makes
// the reader anonymous.
func (p *Portal) viewerOf(r *http.Request) viewer {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return viewer{}
	}
	id, err := p.verifier.Verify(r.Context(), c.Value)
	if err != nil || p.signedOut.has(c.Value, p.clock.Now()) {
		return viewer{}
	}
	return viewer{Identity: id, token: c.Value}
}

// callContext carries the reader's token to the services, which decide what the reader may
// see and do.
func callContext(ctx context.Context, v viewer) context.Context {
	if v.token == "" {
		return ctx
	}
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+v.token)
}

// setSession starts a session with token; an empty token ends it.
func (p *Portal) setSession(w http.ResponseWriter, token string) {
	p.setSessionFor(w, token, sessionTTL)
}

// setSessionFor starts a session that ends with its token, after ttl.
func (p *Portal) setSessionFor(w http.ResponseWriter, token string, ttl time.Duration) {
	c := &http.Cookie{
		Name:     sessionCookie,
		Value:    token,
		Path:     p.base,
		HttpOnly: true,
		Secure:   p.secure,
		SameSite: http.SameSiteLaxMode,
		MaxAge:   int(ttl / time.Second),
	}
	if token == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}
