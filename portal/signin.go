package portal

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/golang-jwt/jwt/v5"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// signInRoles are the roles the dev sign-in page offers; system is for machines.
var signInRoles = []auth.Role{auth.RoleNGO, auth.RoleOfficer, auth.RoleCommittee, auth.RoleAdmin}

// signInData is the dev sign-in page: a role, and for an NGO user the organization.
type signInData struct {
	Dev           bool
	OIDC          bool
	Roles         []auth.Role
	Organizations []*registryv1.Organization
	Back          string
}

// signInPage offers the dev sign-in (a role and an organization, signed with the dev key as
// `liaison token` does), or in production the identity provider's sign-in.
func (p *Portal) signInPage(w http.ResponseWriter, r *http.Request, v viewer) {
	d := signInData{Dev: p.devKey != nil, OIDC: p.oidc != nil, Roles: signInRoles, Back: p.localURL(r.URL.Query().Get("back"))}
	if d.Dev {
		resp, err := p.registry.ListOrganizations(r.Context(), &registryv1.ListOrganizationsRequest{PageSize: 500})
		if err != nil {
			p.failPage(w, r, v, err)
			return
		}
		d.Organizations = resp.GetOrganizations()
	}
	pg := p.newPage(w, r, v, "signin.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "signin", pg)
}

// signIn mints a dev token for the chosen role and keeps it in the session cookie.
func (p *Portal) signIn(w http.ResponseWriter, r *http.Request, _ viewer) {
	if p.devKey == nil {
		// Outside dev mode there is no dev sign-in at all, not a refusing one.
		p.notFound(w, r, viewer{})
		return
	}
	role, err := auth.ParseRole(r.FormValue("role"))
	if err != nil || role == auth.RoleSystem {
		http.Error(w, translate(languageOf(r), "err.invalid"), http.StatusBadRequest)
		return
	}
	claims := auth.Claims{Roles: []auth.Role{role}}
	if role == auth.RoleNGO {
		claims.Org = strings.TrimSpace(r.FormValue("org"))
	}
	claims.Subject = "portal-" + string(role)
	if claims.Org != "" {
		claims.Subject += "-" + claims.Org
	}
	claims.Issuer = p.common.OIDCIssuer
	claims.Audience = jwt.ClaimStrings{p.common.OIDCAudience}
	tok, err := auth.IssueDevToken(p.devKey, claims, sessionTTL, p.clock.Now())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	p.setSession(w, tok)
	back := p.localURL(r.FormValue("back"))
	if back == p.base+"/" {
		switch role {
		case auth.RoleNGO:
			back = p.path("/my")
		case auth.RoleOfficer:
			back = p.path("/queue")
		}
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// signOut ends the session: the portal forgets the token and refuses it from now on, and with an
// identity provider the person is sent there to end their sign-in too (RP-initiated logout), so
// the next sign-in asks again who they are.
func (p *Portal) signOut(w http.ResponseWriter, r *http.Request, v viewer) {
	if v.SignedIn() {
		p.signedOut.add(v.token, p.clock.Now().Add(sessionTTL))
	}
	p.setSession(w, "")
	idToken := ""
	if c, err := r.Cookie(idTokenCookie); err == nil {
		idToken = c.Value
	}
	http.SetCookie(w, &http.Cookie{Name: idTokenCookie, Path: p.base, MaxAge: -1, HttpOnly: true, Secure: p.secure})
	if p.oidc != nil {
		if end, err := p.oidc.endSession(r.Context(), idToken, p.postLogoutURL()); err == nil && end != "" {
			http.Redirect(w, r, end, http.StatusSeeOther)
			return
		} else if err != nil {
			p.log.Warn("portal: cannot end the session at the identity provider", "err", err)
		}
	}
	http.Redirect(w, r, p.path("/"), http.StatusSeeOther)
}

// requireSignIn sends an anonymous reader to the sign-in page, to come back here after.
func (p *Portal) requireSignIn(w http.ResponseWriter, r *http.Request, v viewer) bool {
	if v.SignedIn() {
		return true
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" && p.oidc != nil && r.Method == http.MethodGet {
		// The session's token ran out mid-visit: straight back to the provider, which usually
		// signs the person in again without a question, and then back to this page.
		http.Redirect(w, r, p.path("/oidc/start?back=", url.QueryEscape(r.URL.RequestURI())), http.StatusSeeOther)
		return false
	}
	back := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		back = r.Referer()
		if u, err := url.Parse(back); err == nil {
			back = u.RequestURI()
		}
	}
	http.Redirect(w, r, p.path("/signin?back=", url.QueryEscape(back)), http.StatusSeeOther)
	return false
}
