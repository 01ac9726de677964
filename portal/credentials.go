package portal

import (
	"html/template"
	"net/http"
	"strings"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
)

// credentialData is a freshly issued status credential, ready to print.
type credentialData struct {
	Credential *accreditationv1.StatusCredential
	QR         template.HTML
}

// issueCredential asks the accreditation service for a status credential
// for the reader's organization and shows it as a printable page with a QR
// code that opens the public verification page.
func (p *Portal) issueCredential(w http.ResponseWriter, r *http.Request, v viewer) {
	if !p.requireNGO(w, r, v) {
		return
	}
	resp, err := p.accreditation.IssueStatusCredential(callContext(r.Context(), v), &accreditationv1.IssueStatusCredentialRequest{
		OrganizationId: v.Org, RequestId: r.FormValue("request_id")})
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	c := resp.GetCredential()
	pg := p.newPage(w, r, v, "cred.title")
	qr, err := qrSVG(c.GetVerificationUri(), pg.T("cred.qr"))
	if err != nil {
		p.failPage(w, r, v, err)
		return
	}
	pg.Data = credentialData{Credential: c, QR: qr}
	p.render(w, r, http.StatusOK, "credential", pg)
}

// verificationData is the public verification of a credential.
type verificationData struct {
	Given  bool
	Result *accreditationv1.VerifyStatusCredentialResponse
}

// Valid reports whether the credential holds.
func (d verificationData) Valid() bool {
	return d.Result.GetResult() == accreditationv1.VerifyStatusCredentialResponse_RESULT_VALID
}

// verifyCredential is the page a scanned QR code opens: anyone, signed in
// or not, sees whether the credential holds and the status of record now.
func (p *Portal) verifyCredential(w http.ResponseWriter, r *http.Request, v viewer) {
	d := verificationData{}
	tok := strings.TrimSpace(r.FormValue("credential"))
	if tok != "" {
		d.Given = true
		// Asked anonymously: what the page says must not depend on who holds the phone.
		resp, err := p.accreditation.VerifyStatusCredential(r.Context(), &accreditationv1.VerifyStatusCredentialRequest{Jwt: tok})
		if err != nil {
			p.failPage(w, r, v, err)
			return
		}
		d.Result = resp
	}
	pg := p.newPage(w, r, v, "verify.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "verify", pg)
}
