package portal

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
)

// csrfCookie holds the reader's anti-forgery token; every form repeats it in a hidden field
// (the double-submit pattern), which a page on another site cannot read and so cannot copy.
// Cross-origin POSTs are refused earlier still by net/http's CrossOriginProtection; the
// token also covers browsers too old to send Sec-Fetch-Site or Origin.
const csrfCookie = "liaison_csrf"

// csrfField is the hidden form field carrying the token.
const csrfField = "csrf"

// csrfToken returns the reader's token, issuing one on first visit.
func (p *Portal) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{
		Name: csrfCookie, Value: tok, Path: p.base,
		HttpOnly: true, Secure: p.secure, SameSite: http.SameSiteStrictMode,
	})
	// Seen by this same request's render, before the browser has the cookie.
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: tok})
	return tok
}

// checkCSRF refuses a state-changing request whose form does not repeat the cookie's token.
func (p *Portal) checkCSRF(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	guarded := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		c, err := r.Cookie(csrfCookie)
		sent := r.FormValue(csrfField)
		if err != nil || sent == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(sent)) != 1 {
			http.Error(w, "This form has expired. Go back, reload the page and try again. / Ce formulaire a expiré : revenez en arrière, rechargez la page et réessayez.", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
	return cop.Handler(guarded)
}
