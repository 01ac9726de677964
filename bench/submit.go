package main

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// errExhausted ends a worker whose load has nothing left to send: each submission consumes a
// draft made beforehand.
var errExhausted = errors.New("nothing left to send")

// draft is an application ready to submit and the context of the NGO user who made it.
type draft struct {
	id  string
	ctx context.Context
}

func ngoContext(key *ecdsa.PrivateKey, org string) (context.Context, error) {
	c := auth.Claims{Roles: []auth.Role{auth.RoleNGO}, Org: org}
	c.Subject, c.Issuer, c.Audience = "ngo-user-"+org, "liaison-dev", []string{"liaison"}
	tok, err := token2(key, c)
	if err != nil {
		return nil, err
	}
	return withToken(tok), nil
}

// prepareDrafts makes, for each organization, a complete application (answers and the three
// required documents) as its NGO user would, in parallel; only the submission is measured.
func prepareDrafts(ctx context.Context, p pool, key *ecdsa.PrivateKey, orgs []string, concurrency int) ([]draft, error) {
	drafts := make([]draft, len(orgs))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	var mu sync.Mutex
	for i, org := range orgs {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err // another draft failed: stop preparing
			}
			uctx, err := ngoContext(key, org)
			if err != nil {
				return err
			}
			uctx = context.WithoutCancel(uctx)
			client := accreditationv1.NewAccreditationServiceClient(p.conn(i))
			a, err := client.CreateApplication(uctx, &accreditationv1.CreateApplicationRequest{Application: &accreditationv1.Application{
				OrganizationId: org, Kind: accreditationv1.Application_KIND_NEW, RequestedCategory: accreditationv1.Category_CATEGORY_SPECIAL,
				Questionnaire: &accreditationv1.Questionnaire{
					AimsAndPurposes:     "To advance the Sustainable Development Goals with the communities we serve.",
					MainActivities:      "Field programmes, training of volunteers, research and advocacy.",
					GovernanceStructure: "A general assembly elects a board of seven every three years.",
					FundingSources:      "Membership dues, foundation grants and individual donations.",
					UnContributions:     "Written contributions to the HLPF and field data shared with UN country teams.",
				}}})
			if err != nil {
				return fmt.Errorf("draft for %s: %w", org, err)
			}
			id := a.GetApplication().GetId()
			for _, k := range []accreditationv1.DocumentKind{accreditationv1.DocumentKind_DOCUMENT_KIND_CONSTITUTION,
				accreditationv1.DocumentKind_DOCUMENT_KIND_REGISTRATION_CERTIFICATE, accreditationv1.DocumentKind_DOCUMENT_KIND_FINANCIAL_STATEMENT} {
				if _, err := client.AddApplicationDocument(uctx, &accreditationv1.AddApplicationDocumentRequest{ApplicationId: id, Kind: k,
					Filename: "document.pdf", ContentType: "application/pdf",
					Content: []byte("%PDF-1.4\n% " + org + "\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")}); err != nil {
					return fmt.Errorf("document for %s: %w", org, err)
				}
			}
			mu.Lock()
			drafts[i] = draft{id: id, ctx: uctx}
			mu.Unlock()
			return nil
		})
	}
	return drafts, g.Wait()
}

func submitApplications(p pool, drafts []draft) call {
	clients := make([]accreditationv1.AccreditationServiceClient, len(p))
	for i, c := range p {
		clients[i] = accreditationv1.NewAccreditationServiceClient(c)
	}
	var next atomic.Int64
	return func(_ context.Context, w, _ int) error {
		n := int(next.Add(1)) - 1
		if n >= len(drafts) {
			return errExhausted
		}
		d := drafts[n]
		_, err := clients[w%len(clients)].SubmitApplication(d.ctx, &accreditationv1.SubmitApplicationRequest{Id: d.id})
		return err
	}
}
