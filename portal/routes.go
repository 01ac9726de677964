package portal

import (
	"net/http"
	"strings"

	"github.com/un-liaison/liaison/platform/urltext"
)

// maxFormBytes bounds a form post: a document of up to 10 MiB, as the service accepts, plus
// the form around it.
const maxFormBytes = 11 << 20

// routes lays out the portal's URLs under its base path.
func (p *Portal) routes() http.Handler {
	mux := http.NewServeMux()
	b := p.base
	handle := func(pattern string, h func(http.ResponseWriter, *http.Request, viewer)) {
		method, path, _ := strings.Cut(pattern, " ")
		mux.HandleFunc(method+" "+b+path, func(w http.ResponseWriter, r *http.Request) {
			if !urltext.Valid(r.URL) {
				p.failPage(w, r, p.viewerOf(r), errInvalidUTF8)
				return
			}
			h(w, r, p.viewerOf(r))
		})
	}

	proposals, designations := p.proposalQueue(), p.designationQueue()
	mux.Handle("GET "+b+"/static/", http.StripPrefix(b+"/static/", staticHandler()))
	handle("GET /{$}", p.home)
	handle("GET /lang", p.switchLanguage)
	handle("GET /signin", p.signInPage)
	handle("POST /signin", p.signIn)
	handle("POST /signout", p.signOut)
	handle("GET /oidc/start", p.oidcStart)
	handle("GET /oidc/callback", p.oidcCallback)

	handle("GET /organizations", p.directory)
	handle("GET /organizations/{id}", p.organization)
	handle("GET /events", p.calendar)
	handle("GET /calendar.ics", p.calendarFeed)
	handle("GET /events/new", p.newEventPage)
	handle("POST /events/new", p.createEvent)
	handle("GET /events/{id}", p.event)
	handle("POST /events/{id}/registrations", p.registerParticipant)
	handle("POST /events/{id}/proposals", p.proposeSideEvent)

	handle("GET /my", p.myOrganization)
	handle("GET /my/profile", p.profilePage)
	handle("POST /my/profile", p.saveProfile)
	handle("POST /applications", p.startApplication)
	handle("GET /applications/{id}", p.application)
	handle("POST /applications/{id}/questionnaire", p.saveQuestionnaire)
	handle("POST /applications/{id}/documents", p.uploadDocument)
	handle("GET /applications/{id}/documents/{doc}", p.downloadDocument)
	handle("POST /applications/{id}/submit", p.submitApplication)
	handle("POST /applications/{id}/questions/{qid}/answer", p.answerQuestion)

	handle("GET /queue", p.workQueue)
	handle("POST /applications/{id}/screen", p.screenApplication)
	handle("POST /applications/{id}/schedule", p.scheduleApplication)
	handle("POST /applications/{id}/outcome", p.recordOutcome)
	handle("POST /applications/{id}/decision", p.recordDecision)
	handle("POST /applications/{id}/questions", p.poseQuestion)
	handle("POST /applications/{id}/withdraw", p.withdrawApplication)

	handle("GET /sessions", p.sessions)
	handle("POST /sessions", p.createSession)
	handle("GET /proposals", proposals.show)
	handle("POST /proposals/{id}", proposals.decide)
	handle("GET /enforcement", p.enforcement)
	handle("POST /enforcement", p.reportingDecision)
	handle("GET /sessions/{id}/agenda", p.agenda)
	handle("POST /sessions/{id}/agenda", p.assembleAgenda)
	handle("POST /sessions/{id}/outcomes", p.recordOutcomes)
	handle("POST /sessions/{id}/decision", p.recordGrants)
	handle("POST /sessions/{id}/reports/{report}", p.reviewReport)
	handle("POST /organizations/{id}/profile", p.reviewProfile)
	handle("POST /sessions/{id}/requests/{request}", p.reviewRequest)
	handle("POST /my/requests", p.fileRequest)
	handle("POST /events/{id}/edit", p.editEvent)
	handle("POST /events/{id}/cancel", p.cancelEvent)
	handle("POST /my/reports", p.fileReport)
	handle("POST /my/credential", p.issueCredential)
	handle("GET /verify", p.verifyCredential)
	handle("GET /my/designations", p.myDesignations)
	handle("POST /my/designations", p.createDesignation)
	handle("GET /designations", designations.show)
	handle("POST /designations/{id}", designations.decide)
	handle("GET /statements", p.statements)
	handle("GET /statements/new", p.statementForm)
	handle("POST /statements", p.submitStatement)
	handle("GET /notices", p.failedNotices)
	handle("POST /notices/retry", p.retryNotice)
	handle("POST /my/notices", p.saveNoticePreferences)

	handle("GET /", p.notFound)
	mux.HandleFunc("GET "+b, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b+"/", http.StatusMovedPermanently)
	})

	return securityHeaders(limitBody(p.devSignInOnlyInDev(p.checkCSRF(mux))))
}

// devSignInOnlyInDev answers the dev sign-in with 404 outside dev mode, before even the form's
// anti-forgery check: there is nothing there to forge.
func (p *Portal) devSignInOnlyInDev(next http.Handler) http.Handler {
	if p.devKey != nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == p.base+"/signin" {
			p.notFound(w, r, viewer{})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps what a post may send before any handler reads it.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// securityHeaders keeps every script and style to the portal's own files, so that text a
// user typed can never run as code, and keeps the pages out of other sites' frames.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// notFound answers an unknown portal URL with a page in the reader's language.
func (p *Portal) notFound(w http.ResponseWriter, r *http.Request, v viewer) {
	pg := p.newPage(w, r, v, "notfound.title")
	p.render(w, r, http.StatusNotFound, "notfound", pg)
}

// switchLanguage remembers the reader's choice and returns to the page they were reading.
func (p *Portal) switchLanguage(w http.ResponseWriter, r *http.Request, _ viewer) {
	to := r.URL.Query().Get("to")
	if knownLanguage(to) {
		http.SetCookie(w, &http.Cookie{
			Name: langCookie, Value: to, Path: p.base, MaxAge: 365 * 24 * 3600,
			Secure: p.secure, HttpOnly: true, SameSite: http.SameSiteLaxMode,
		})
	}
	http.Redirect(w, r, p.localURL(r.URL.Query().Get("back")), http.StatusSeeOther)
}

// localURL keeps a redirect target inside the portal, so a crafted link cannot send the
// reader to another site.
func (p *Portal) localURL(u string) string {
	if !strings.HasPrefix(u, p.base+"/") || strings.HasPrefix(u, "//") || strings.Contains(u, `\`) {
		return p.base + "/"
	}
	return u
}
