package app_test

import (
	"bytes"
	"testing"

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/credjwt"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
	"github.com/un-liaison/liaison/services/accreditation/migrations"
)

// credentialService is the use cases with a signer, on SQLite, with org_a
// holding ACTIVE Special status.
func credentialService(tb testing.TB) (*app.Service, *sqlstore.Store) {
	tb.Helper()
	db := sqltest.Open(tb, sqldb.SQLite, sqldb.Options{Service: "accreditation", Migrations: migrations.FS})
	store := sqlstore.New(db)
	clk := clock.NewManual(start)
	signer, err := credjwt.New(make([]byte, 32), credjwt.LinksFor("https://liaison.test"))
	if err != nil {
		tb.Fatal(err)
	}
	dir := &directory{orgs: map[string]domain.Organization{"org_a": {ID: "org_a", Name: "Alpha"}}}
	err = store.InTx(ctx, func(tx app.Tx) error {
		st := domain.Status{OrganizationID: "org_a", Category: domain.CategorySpecial, State: domain.StatusActive,
			GrantedOn: domain.NewDate(2019, 7, 25), DecisionRef: "E/2019/232", NextReportDue: domain.NewDate(2031, 6, 1)}
		return tx.SaveStatus(ctx, &st)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return app.New(store, dir, clk, app.Options{Signer: signer}), store
}

// A voluntary withdrawal revokes the live credentials like a suspension,
// and the change log says which.
func TestWithdrawalRevokesCredentials(t *testing.T) {
	svc, store := credentialService(t)
	a := must(svc.IssueStatusCredential(ctx, ngoA, "org_a", ""))
	b := must(svc.IssueStatusCredential(ctx, officer, "org_a", ""))
	if v := must(svc.VerifyStatusCredential(ctx, a.JWT)); v.Verdict != domain.VerdictValid {
		t.Fatalf("before: %v", v)
	}
	if _, err := svc.WithdrawStatus(ctx, ngoA, "org_a", "merged into another NGO", "", ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range []app.IssuedCredential{a, b} {
		if v := must(svc.VerifyStatusCredential(ctx, c.JWT)); v.Verdict != domain.VerdictRevoked || v.Current.State != domain.StatusWithdrawn {
			t.Fatalf("after the withdrawal: %+v", v)
		}
	}
	changes := must(store.ChangesAfter(ctx, 0, 10))
	last := changes[len(changes)-1]
	if last.Kind != domain.ChangeWithdrawn || len(last.RevokedCredentials) != 2 {
		t.Fatalf("change %+v", last)
	}
	if _, err := svc.IssueStatusCredential(ctx, ngoA, "org_a", ""); err == nil {
		t.Fatal("issued for a WITHDRAWN status")
	}
}

// BenchmarkIssueStatusCredential is one issue as the service does it: the
// status read, an index handed out, the record written and the JWT signed,
// in one SQLite transaction.
func BenchmarkIssueStatusCredential(b *testing.B) {
	svc, _ := credentialService(b)
	for b.Loop() {
		if _, err := svc.IssueStatusCredential(ctx, ngoA, "org_a", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyStatusCredential is one online check: keys read, the
// signature verified, the record and the current status looked up.
func BenchmarkVerifyStatusCredential(b *testing.B) {
	svc, _ := credentialService(b)
	c, err := svc.IssueStatusCredential(ctx, ngoA, "org_a", "")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if v, err := svc.VerifyStatusCredential(ctx, c.JWT); err != nil || v.Verdict != domain.VerdictValid {
			b.Fatal(v, err)
		}
	}
}

// After the sealing secret changes the stored key no longer opens: a new
// key is made, and credentials signed before still verify with the old
// key's public half until it expires.
func TestChangedSecretMakesANewKey(t *testing.T) {
	svc, store := credentialService(t)
	before := must(svc.IssueStatusCredential(ctx, ngoA, "org_a", ""))
	signer, err := credjwt.New(bytes.Repeat([]byte{9}, 32), credjwt.LinksFor("https://liaison.test"))
	if err != nil {
		t.Fatal(err)
	}
	dir := &directory{orgs: map[string]domain.Organization{"org_a": {ID: "org_a", Name: "Alpha"}}}
	rekeyed := app.New(store, dir, clock.NewManual(start), app.Options{Signer: signer})
	after := must(rekeyed.IssueStatusCredential(ctx, ngoA, "org_a", ""))
	if after.Credential.KeyID == before.Credential.KeyID {
		t.Fatal("signed with a key that does not open")
	}
	for _, c := range []app.IssuedCredential{before, after} {
		if v := must(rekeyed.VerifyStatusCredential(ctx, c.JWT)); v.Verdict != domain.VerdictValid {
			t.Fatalf("%s: %+v", c.Credential.KeyID, v)
		}
	}
	if _, err := rekeyed.CredentialStatusList(ctx); err != nil {
		t.Fatal(err)
	}
}
