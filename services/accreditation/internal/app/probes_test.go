package app_test

import (
	"errors"
	"testing"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// An ngo user whose token names no organization yet (self-registration) has no applications:
// it read every organization's, drafts included.
func TestNGOWithoutOrganizationListsNothing(t *testing.T) {
	t.Parallel()
	for _, d := range []sqldb.Dialect{sqldb.SQLite, sqldb.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			f := newFixtureOn(t, d)
			must(f.svc.CreateApplication(ctx, ngoA, app.CreateApplication{OrganizationID: "org_a", Category: domain.CategorySpecial}))
			f.submitted(t, ngoB, domain.CategoryRoster)
			newcomer := domain.Actor{Subject: "newcomer", Roles: []string{domain.RoleNGO}}
			list := must(f.svc.ListApplications(ctx, newcomer, app.ListApplications{}))
			if len(list.Applications) != 0 || list.Total != 0 {
				t.Fatalf("an ngo user with no organization listed %d applications (total %d)", len(list.Applications), list.Total)
			}
		})
	}
}

// A request id is replayed only to a caller the step itself would let through, and only for
// the application it was first used on.
func TestReplayComesAfterAuthorizationAndIsPerApplication(t *testing.T) {
	t.Parallel()
	for _, d := range []sqldb.Dialect{sqldb.SQLite, sqldb.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			f := newFixtureOn(t, d)
			first := f.submitted(t, ngoA, domain.CategorySpecial)
			second := f.submitted(t, ngoB, domain.CategoryRoster)
			screened := must(f.svc.Screen(ctx, officer, app.StepCommand{ID: first.ID, RequestID: "screen-1"}, true, "complete"))
			again := must(f.svc.Screen(ctx, officer, app.StepCommand{ID: second.ID, RequestID: "screen-1"}, true, "complete"))
			if again.ID != second.ID || again.State != screened.State {
				t.Fatalf("the request id used on %s answered for %s in state %s", first.ID, again.ID, again.State)
			}
			// The same subject, now acting for another organization, repeats an ngo step's request id.
			youngNGO := domain.Actor{Subject: "yara", Roles: []string{domain.RoleNGO}, Org: "org_young"}
			draft := must(f.svc.CreateApplication(ctx, youngNGO, app.CreateApplication{OrganizationID: "org_young", Category: domain.CategoryRoster}))
			upload := app.AddDocument{ApplicationID: draft.ID, RequestID: "doc-1", Upload: domain.Upload{Kind: domain.RequiredDocuments[0],
				Filename: "statutes.pdf", ContentType: domain.ContentTypePDF, Content: []byte("%PDF-1.4 statutes")}}
			must(f.svc.AddDocument(ctx, youngNGO, upload))
			moved := domain.Actor{Subject: youngNGO.Subject, Roles: youngNGO.Roles, Org: "org_b"}
			_, err := f.svc.AddDocument(ctx, moved, upload)
			var notFound *domain.NotFoundError
			if !errors.As(err, &notFound) {
				t.Fatalf("a replay for a caller who no longer acts for the organization: %v, want not found", err)
			}
		})
	}
}
