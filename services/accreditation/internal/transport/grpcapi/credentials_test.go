package grpcapi_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"google.golang.org/genproto/googleapis/type/date"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"google.golang.org/grpc/codes"

	v1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
	"github.com/un-liaison/liaison/services/accreditation/migrations"
	"github.com/un-liaison/liaison/services/accreditation/statuscredential"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

// seedActive records an ACTIVE Special status whose report is due on due.
func (e *env) seedActive(t *testing.T, org string, due domain.Date) {
	t.Helper()
	err := e.store.InTx(context.Background(), func(tx app.Tx) error {
		st := domain.Status{OrganizationID: org, Category: domain.CategorySpecial, State: domain.StatusActive,
			GrantedOn: domain.NewDate(2019, 7, 25), DecisionRef: "E/2019/232", NextReportDue: due, UpdateTime: e.clock.Now()}
		return tx.SaveStatus(context.Background(), &st)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// jwks fetches the published keys over gRPC and writes them as a JWKS
// document, the form a verifier downloads once and keeps.
func (e *env) jwks(t *testing.T) (jose.JSONWebKeySet, []byte) {
	t.Helper()
	resp, err := e.client.ListCredentialKeys(context.Background(), &v1.ListCredentialKeysRequest{})
	if err != nil {
		t.Fatal(err)
	}
	raw := make([]json.RawMessage, len(resp.GetKeys()))
	for i, k := range resp.GetKeys() {
		raw[i] = json.RawMessage(k.GetPublicJwk())
	}
	doc, err := json.Marshal(map[string]any{"keys": raw})
	if err != nil {
		t.Fatal(err)
	}
	set, err := statuscredential.ParseKeySet(doc)
	if err != nil {
		t.Fatal(err)
	}
	return set, doc
}

func (e *env) revokedInList(t *testing.T, keys jose.JSONWebKeySet, c *v1.StatusCredential) bool {
	t.Helper()
	body, err := e.client.GetCredentialStatusList(context.Background(), &v1.GetCredentialStatusListRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if body.GetContentType() != statuscredential.StatusListMediaType {
		t.Fatalf("status list content type %q", body.GetContentType())
	}
	claims, err := statuscredential.VerifyStatusList(string(body.GetData()), keys, c.GetStatusListUri(), e.clock.Now())
	if err != nil {
		t.Fatalf("status list does not verify: %v", err)
	}
	revoked, err := claims.StatusList.Revoked(c.GetStatusListIndex())
	if err != nil {
		t.Fatal(err)
	}
	return revoked
}

func (e *env) verifyOnline(t *testing.T, jwt string) *v1.VerifyStatusCredentialResponse {
	t.Helper()
	resp, err := e.client.VerifyStatusCredential(context.Background(), &v1.VerifyStatusCredentialRequest{Jwt: jwt})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// tamper changes the credential's category without re-signing it.
func tamper(t *testing.T, jwt string) string {
	t.Helper()
	parts := strings.Split(jwt, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	altered := strings.Replace(string(payload), `"category":"SPECIAL"`, `"category":"GENERAL"`, 1)
	if altered == string(payload) {
		t.Fatalf("nothing to alter in %s", payload)
	}
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(altered))
	return strings.Join(parts, ".")
}

// TestStatusCredentialLifecycle is the acceptance path, on both databases:
// issue, verify offline with only the published keys, suspend, and see the
// online check and the status list say revoked within 5 s; altered and
// forged credentials fail.
func TestStatusCredentialLifecycle(t *testing.T) {
	sqltest.Each(t, sqldb.Options{Service: "accreditation", Migrations: migrations.FS}, func(t *testing.T, open func() *sqldb.DB) {
		e := newEnvOn(t, open())
		c := e.callers(t)
		// The report was due ten days ago and the daily enforcement has not run yet: still ACTIVE.
		e.seedActive(t, "org_a", domain.NewDate(2027, 2, 28))

		if _, err := e.client.IssueStatusCredential(c.anon, &v1.IssueStatusCredentialRequest{OrganizationId: "org_a"}); code(err) != codes.Unauthenticated {
			t.Fatalf("anonymous issue: %v", err)
		}
		if _, err := e.client.IssueStatusCredential(c.ngoB, &v1.IssueStatusCredentialRequest{OrganizationId: "org_a"}); code(err) != codes.PermissionDenied {
			t.Fatalf("another organization's issue: %v", err)
		}
		if _, err := e.client.IssueStatusCredential(c.ngoB, &v1.IssueStatusCredentialRequest{OrganizationId: "org_b"}); code(err) != codes.FailedPrecondition {
			t.Fatalf("issue without status: %v", err)
		}
		issued, err := e.client.IssueStatusCredential(c.ngoA, &v1.IssueStatusCredentialRequest{OrganizationId: "org_a", RequestId: "q1"})
		if err != nil {
			t.Fatal(err)
		}
		cred := issued.GetCredential()
		if cred.GetStatus().GetState() != v1.ConsultativeStatus_STATE_ACTIVE || cred.GetOrganizationName() != "Alpha Alliance" ||
			cred.GetExpireTime().AsTime().Sub(e.clock.Now()) != 72*time.Hour || cred.GetJwt() == "" ||
			!strings.HasPrefix(cred.GetVerificationUri(), publicURL+"/portal/verify?credential=") {
			t.Fatalf("issued %v", cred)
		}
		again, err := e.client.IssueStatusCredential(c.ngoA, &v1.IssueStatusCredentialRequest{OrganizationId: "org_a", RequestId: "q1"})
		if err != nil || again.GetCredential().GetId() != cred.GetId() {
			t.Fatalf("a retried request_id issued %v (%v)", again.GetCredential().GetId(), err)
		}
		if byOfficer, err := e.client.IssueStatusCredential(c.officer, &v1.IssueStatusCredentialRequest{OrganizationId: "org_a"}); err != nil ||
			byOfficer.GetCredential().GetStatusListIndex() == cred.GetStatusListIndex() {
			t.Fatalf("officer's issue: %v %v", byOfficer, err)
		}

		// Offline: only the published keys, and no call to liaison.
		keys, _ := e.jwks(t)
		v, err := statuscredential.VerifyCredential(cred.GetJwt(), keys, e.clock.Now())
		if err != nil {
			t.Fatalf("offline verification: %v", err)
		}
		cs := v.Claims.VC.CredentialSubject
		if cs.ID != "org_a" || cs.ConsultativeStatus.Category != "SPECIAL" || cs.ConsultativeStatus.DecisionSymbol != "E/2019/232" ||
			cs.ConsultativeStatus.GrantedOn != "2019-07-25" || v.Claims.Status.StatusList.URI != publicURL+"/v1/credentialStatusList" {
			t.Fatalf("claims %+v", v.Claims)
		}
		if _, err := statuscredential.VerifyCredential(tamper(t, cred.GetJwt()), keys, e.clock.Now()); !errors.Is(err, statuscredential.ErrInvalid) {
			t.Fatalf("an altered credential verified offline: %v", err)
		}
		forged := forge(t, v.KeyID, v.Claims)
		if _, err := statuscredential.VerifyCredential(forged, keys, e.clock.Now()); !errors.Is(err, statuscredential.ErrInvalid) {
			t.Fatalf("a forged credential verified offline: %v", err)
		}
		if e.revokedInList(t, keys, cred) {
			t.Fatal("revoked before any change")
		}
		if r := e.verifyOnline(t, cred.GetJwt()); r.GetResult() != v1.VerifyStatusCredentialResponse_RESULT_VALID ||
			r.GetCurrentStatus().GetState() != v1.ConsultativeStatus_STATE_ACTIVE {
			t.Fatalf("online: %v", r)
		}
		for name, bad := range map[string]string{"altered": tamper(t, cred.GetJwt()), "forged": forged, "garbage": "not.a.jwt"} {
			if r := e.verifyOnline(t, bad); r.GetResult() != v1.VerifyStatusCredentialResponse_RESULT_INVALID || r.GetCredential() != nil {
				t.Fatalf("%s credential online: %v", name, r)
			}
		}

		// The change stream carries the revocation.
		watchCtx, cancelWatch := context.WithCancel(c.system)
		defer cancelWatch()
		stream, err := e.client.WatchStatusChanges(watchCtx, &v1.WatchStatusChangesRequest{})
		if err != nil {
			t.Fatal(err)
		}

		// Suspension: ECOSOC's decision on the overdue report is recorded.
		suspendedAt := time.Now()
		today := domain.DateAt(e.clock.Now())
		if _, err := e.client.RecordEcosocDecision(c.officer, &v1.RecordEcosocDecisionRequest{EcosocDecision: &v1.EcosocDecision{
			Symbol: "suspension", DecisionDate: &date.Date{Year: int32(today.Year), Month: int32(today.Month), Day: int32(today.Day)},
			Entries: []*v1.DecisionEntry{{Action: v1.DecisionEntry_ACTION_SUSPEND, OrganizationId: "org_a", Reason: v1.StatusReason_STATUS_REASON_REPORTING_2008_4}}}}); err != nil {
			t.Fatal(err)
		}
		deadline := suspendedAt.Add(5 * time.Second)
		for {
			r := e.verifyOnline(t, cred.GetJwt())
			listed := e.revokedInList(t, keys, cred)
			if r.GetResult() == v1.VerifyStatusCredentialResponse_RESULT_REVOKED && listed {
				if r.GetCurrentStatus().GetState() != v1.ConsultativeStatus_STATE_SUSPENDED {
					t.Fatalf("revoked, current status %v", r.GetCurrentStatus())
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("5 s after the suspension: online %v, in the status list %v", r.GetResult(), listed)
			}
			time.Sleep(50 * time.Millisecond)
		}
		change, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if ch := change.GetStatusChange(); ch.GetKind() != v1.StatusChange_KIND_SUSPENDED || len(ch.GetRevokedCredentialIds()) != 2 {
			t.Fatalf("change %v", ch)
		}
		// Still genuine offline: revocation is the status list's to tell.
		if _, err := statuscredential.VerifyCredential(cred.GetJwt(), keys, e.clock.Now()); err != nil {
			t.Fatalf("offline after suspension: %v", err)
		}
		if _, err := e.client.IssueStatusCredential(c.ngoA, &v1.IssueStatusCredentialRequest{OrganizationId: "org_a"}); code(err) != codes.FailedPrecondition {
			t.Fatalf("issue while SUSPENDED: %v", err)
		}
	})
}

// forge signs claims with a key of its own under a published key id.
func forge(t *testing.T, kid string, claims statuscredential.Claims) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := statuscredential.SignCredential(statuscredential.Key{ID: kid, Private: k}, claims)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestRotatedOutKeys: keys rotate; a retired key stays published until its
// last credential expires and then goes, after which neither its old
// credentials nor anything newly signed with it verify.
func TestRotatedOutKeys(t *testing.T) {
	sqltest.Each(t, sqldb.Options{Service: "accreditation", Migrations: migrations.FS}, func(t *testing.T, open func() *sqldb.DB) {
		e := newEnvOn(t, open())
		c := e.callers(t)
		e.seedActive(t, "org_a", domain.NewDate(2031, 6, 1))
		first, err := e.client.IssueStatusCredential(c.ngoA, &v1.IssueStatusCredentialRequest{OrganizationId: "org_a"})
		if err != nil {
			t.Fatal(err)
		}
		oldKeyID := first.GetCredential().GetKeyId()
		stored, err := e.store.CredentialKeys(context.Background())
		if err != nil || len(stored) != 1 {
			t.Fatalf("keys %v %v", stored, err)
		}
		oldKey := stored[0]

		// A rotation period later a new key signs; the old one is still published.
		e.clock.Advance(domain.DefaultCredentialPolicy.Rotation + time.Hour)
		second, err := e.client.IssueStatusCredential(c.ngoA, &v1.IssueStatusCredentialRequest{OrganizationId: "org_a"})
		if err != nil {
			t.Fatal(err)
		}
		if second.GetCredential().GetKeyId() == oldKeyID {
			t.Fatal("the key did not rotate")
		}
		keys, _ := e.jwks(t)
		if len(keys.Key(oldKeyID)) != 1 || len(keys.Keys) != 2 {
			t.Fatalf("published after rotation: %v", keys.Keys)
		}
		if r := e.verifyOnline(t, first.GetCredential().GetJwt()); r.GetResult() != v1.VerifyStatusCredentialResponse_RESULT_EXPIRED {
			t.Fatalf("a credential past its validity: %v", r)
		}

		// After the old key's last credential has expired, it is gone.
		e.clock.Set(oldKey.ExpireTime.Add(time.Minute))
		keys, _ = e.jwks(t)
		if len(keys.Key(oldKeyID)) != 0 || len(keys.Keys) != 1 {
			t.Fatalf("published after the old key expired: %v", keys.Keys)
		}
		if r := e.verifyOnline(t, first.GetCredential().GetJwt()); r.GetResult() != v1.VerifyStatusCredentialResponse_RESULT_INVALID {
			t.Fatalf("credential of an unpublished key online: %v", r)
		}
		// Someone who kept the old private key signs a fresh credential with it.
		now := e.clock.Now()
		late, err := e.signer.Sign(oldKey, domain.Credential{ID: "cred_late", OrganizationID: "org_a", KeyID: oldKeyID,
			Status: domain.Status{Category: domain.CategoryGeneral, State: domain.StatusActive}, IssueTime: now, ExpireTime: now.Add(48 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := statuscredential.VerifyCredential(late, keys, now); !errors.Is(err, statuscredential.ErrInvalid) {
			t.Fatalf("signed by a rotated-out key after its expiry, offline: %v", err)
		}
		if r := e.verifyOnline(t, late); r.GetResult() != v1.VerifyStatusCredentialResponse_RESULT_INVALID {
			t.Fatalf("signed by a rotated-out key after its expiry, online: %v", r)
		}
		// The new key's credential, issued an hour into its period, is still good.
		if r := e.verifyOnline(t, second.GetCredential().GetJwt()); r.GetResult() != v1.VerifyStatusCredentialResponse_RESULT_VALID {
			t.Fatalf("the second credential: %v", r)
		}
	})
}

// TestIndependentVerifier checks liaison's credentials with Node's own
// crypto module (statuscredential/recipes/verify.mjs), which shares no code
// with liaison: it accepts a genuine credential and refuses an altered one.
func TestIndependentVerifier(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed for the independent verifier (apt-get install nodejs): %v", err)
	}
	e := newEnv(t)
	c := e.callers(t)
	e.seedActive(t, "org_a", domain.NewDate(2031, 6, 1))
	issued, err := e.client.IssueStatusCredential(c.ngoA, &v1.IssueStatusCredentialRequest{OrganizationId: "org_a"})
	if err != nil {
		t.Fatal(err)
	}
	_, doc := e.jwks(t)
	keysFile := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(keysFile, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	recipe := filepath.Join("..", "..", "..", "statuscredential", "recipes", "verify.mjs")
	run := func(jwt string) (string, error) {
		cmd := exec.Command(node, recipe, keysFile, jwt)
		cmd.Env = append(os.Environ(), "VERIFY_AT="+e.clock.Now().Format(time.RFC3339))
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run(issued.GetCredential().GetJwt())
	if err != nil || !strings.Contains(out, `"id":"org_a"`) || !strings.Contains(out, `"decisionSymbol":"E/2019/232"`) {
		t.Fatalf("node refused a genuine credential: %v\n%s", err, out)
	}
	for name, bad := range map[string]string{
		"altered": tamper(t, issued.GetCredential().GetJwt()),
		"forged":  forge(t, issued.GetCredential().GetKeyId(), statuscredential.Claims{}),
	} {
		out, err := run(bad)
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(out, "invalid:") {
			t.Fatalf("node accepted the %s credential: %v\n%s", name, err, out)
		}
	}
}
