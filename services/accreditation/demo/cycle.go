package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// plan is one NGO's part in the cycle and the state it ends in.
type plan struct {
	org      string
	category domain.Category
	ends     string
}

var plans = []plan{
	{"Sahel Water Alliance", domain.CategorySpecial, "granted after a deferral"},
	{"Andean Women's Leadership Network", domain.CategoryGeneral, "granted"},
	{"Kenya Community Health Collective", domain.CategorySpecial, "granted Roster status, recommended rather than Special"},
	{"Nordic Digital Rights Forum", domain.CategorySpecial, "deferred twice, with a repeated question"},
	{"Mekong Youth for Climate", domain.CategorySpecial, "pending before the resumed session"},
	{"Pacific Islands Ocean Guardians", domain.CategoryRoster, "submitted late, for 2029"},
	{"Geneva Centre for Multilingual Access", domain.CategorySpecial, "returned by the screening"},
	{"Swiss Peacebuilding Platform for Civil Society", domain.CategorySpecial, "recommended, waiting for ECOSOC"},
	{"Balkan Roma Education Initiative", domain.CategorySpecial, "not recommended"},
	{"Arab Network for Food Security", domain.CategorySpecial, "rejected by ECOSOC"},
	{"Bangladesh Flood Resilience Trust", domain.CategorySpecial, "closed for no answer"},
	{"Canadian Coalition for Accessible Cities", domain.CategoryRoster, "withdrawn, then a new draft"},
}

// run is one load: the workflow, its clock, and the applications so far.
type run struct {
	svc   *app.Service
	clock *clock.Manual
	orgs  directory
	apps  map[string]domain.Application
}

// members2028 are the member States of the Committee sitting at its 2028
// sessions in the demonstration: nineteen, by regional group (5 African,
// 4 Asia-Pacific, 2 Eastern European, 4 Latin American and Caribbean, 4
// Western European and other; ecosoc.un.org/zh/node/12582), each with a
// four-year term.
var members2028 = func() []domain.Member {
	states := [][2]string{
		{"DZ", "Algeria"}, {"BI", "Burundi"}, {"ER", "Eritrea"}, {"LY", "Libya"}, {"ZA", "South Africa"},
		{"BH", "Bahrain"}, {"CN", "China"}, {"IN", "India"}, {"PK", "Pakistan"},
		{"AM", "Armenia"}, {"GE", "Georgia"},
		{"CU", "Cuba"}, {"CL", "Chile"}, {"NI", "Nicaragua"}, {"UY", "Uruguay"},
		{"GB", "United Kingdom"}, {"IL", "Israel"}, {"TR", "Türkiye"}, {"US", "United States"},
	}
	out := make([]domain.Member, len(states))
	for i, st := range states {
		out[i] = domain.Member{Code: st[0], Name: st[1], TermStart: domain.NewDate(2027, 1, 1), TermEnd: domain.NewDate(2030, 12, 31)}
	}
	return out
}()

var (
	officer = domain.Actor{Subject: "demo:ngo-branch-officer", Roles: []string{domain.RoleOfficer}}
	// The regular session ends on 2 February; the resumed one starts on 15 May.
	regularStart = domain.NewDate(2028, 1, 24)
	resumedStart = domain.NewDate(2028, 5, 15)
)

func delegate(state string) domain.Actor {
	return domain.Actor{Subject: "demo:committee-delegate-" + strings.ToLower(state), Roles: []string{domain.RoleCommittee}}
}

func (r *run) ngo(org string) domain.Actor {
	return domain.Actor{Subject: "demo:ngo-" + slug(org), Roles: []string{domain.RoleNGO}, Org: r.orgs[org].ID}
}

func slug(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// rid is a step's request_id: the organization's registry id and the step,
// so a reload replays it and a reset registry starts afresh.
func (r *run) rid(org, step string) string {
	return "demo:" + r.orgs[org].ID + ":" + step
}

// step takes one workflow step for org if the organization was given.
func (r *run) step(org string, do func(a domain.Application) (domain.Application, error)) error {
	a, ok := r.apps[org]
	if !ok {
		return nil
	}
	next, err := do(a)
	if err != nil {
		return fmt.Errorf("demo: %s: %w", org, err)
	}
	r.apps[org] = next
	return nil
}

func (r *run) at(t time.Time) { r.clock.Set(t) }

var answers = domain.Questionnaire{
	AimsAndPurposes:     "As set out in our statutes: to advance the Sustainable Development Goals in the communities we serve, with them and accountable to them.",
	MainActivities:      "Field programmes, training of local volunteers, research and public reporting, and advocacy with national authorities and UN bodies.",
	GovernanceStructure: "A general assembly of members elects a board of seven every three years; the board appoints the executive director.",
	FundingSources:      "Membership dues, grants from foundations and bilateral development agencies, and individual donations; no funding from political parties.",
	UNContributions:     "We take part in regional consultations, submit written contributions to the HLPF and share field data with UN country teams.",
}

func pdf(title string) []byte {
	return []byte("%PDF-1.4\n% " + title + "\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
}

// apply creates the draft with its answers and attaches its documents.
func (r *run) apply(ctx context.Context, p plan, attempt string) error {
	if _, ok := r.orgs[p.org]; !ok {
		return nil
	}
	ngo := r.ngo(p.org)
	a, err := r.svc.CreateApplication(ctx, ngo, app.CreateApplication{OrganizationID: ngo.Org, Category: p.category,
		Questionnaire: answers, RequestID: r.rid(p.org, attempt+":create")})
	if err != nil {
		return fmt.Errorf("demo: %s: %w", p.org, err)
	}
	r.apps[p.org] = a
	docs := []struct {
		kind domain.DocumentKind
		name string
	}{
		{domain.DocConstitution, "statutes.pdf"},
		{domain.DocRegistrationCertificate, "certificate-of-registration.pdf"},
		{domain.DocFinancialStatement, "financial-statement-2026.pdf"},
		{domain.DocAnnualReport, "annual-report-2026.pdf"},
	}
	for _, d := range docs {
		err := r.step(p.org, func(a domain.Application) (domain.Application, error) {
			return r.svc.AddDocument(ctx, ngo, app.AddDocument{ApplicationID: a.ID, RequestID: r.rid(p.org, attempt+":doc:"+string(d.kind)),
				Upload: domain.Upload{Kind: d.kind, Filename: d.name, ContentType: domain.ContentTypePDF, Content: pdf(p.org + " - " + d.name)}})
		})
		if err != nil {
			return err
		}
	}
	return nil
}
