package gateway

import (
	"net/http"
	"strings"
)

// portalSessionCookie is the portal's session cookie; it carries the signed-in person's bearer
// token (see portal/session.go), so the edge can count a portal reader by subject too.
const portalSessionCookie = "liaison_session"

// callerToken is the token a request is counted by: its Authorization header, or on the
// portal's pages the session cookie. Without this every signed-in officer using the portal
// would share the anonymous allowance of the address they come from.
func callerToken(r *http.Request) (token string, sent bool) {
	if token, sent = bearerToken(r); sent {
		return token, sent
	}
	if !strings.HasPrefix(r.URL.Path, "/portal/") {
		return "", false
	}
	c, err := r.Cookie(portalSessionCookie)
	if err != nil || c.Value == "" {
		return "", false
	}
	return c.Value, true
}
