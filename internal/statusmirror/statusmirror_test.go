package statusmirror_test

import (
	"context"
	"io"
	"net"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation"
	"github.com/un-liaison/liaison/services/registry"
)

// today is the pinned day of the system under test.
var today = time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)

// system runs the registry and the accreditation service through the platform runner on
// loopback, each dialing the other, as they run in production.
type system struct {
	registry      registryv1.RegistryServiceClient
	accreditation accreditationv1.AccreditationServiceClient
	as            func(t *testing.T, subject, org string, role auth.Role) context.Context
}

// startSystemAt runs the system on dataDir with its clock pinned at at; stop shuts it down, so a
// test can move the clock by restarting it on the same data.
func startSystemAt(t *testing.T, dataDir string, at time.Time) (*system, func()) {
	t.Helper()
	regLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accLis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.LoadFrom[config.Common](map[string]string{
		"LIAISON_DATA_DIR": dataDir, "LIAISON_NOW": at.Format(time.RFC3339), "LIAISON_LOG_LEVEL": "error",
		"LIAISON_REGISTRY_ADDR": regLis.Addr().String(), "LIAISON_ACCREDITATION_ADDR": accLis.Addr().String(),
		"LIAISON_DEV_MODE": "1",
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stopped []chan error
	for _, s := range []struct {
		spec service.Spec
		lis  net.Listener
	}{{registry.Spec, regLis}, {accreditation.Spec, accLis}} {
		ready, done := make(chan string, 1), make(chan error, 1)
		go func() {
			done <- service.Run(ctx, s.spec, cfg, s.lis, func(addr string) { ready <- addr }, service.WithLogOutput(io.Discard))
		}()
		select {
		case <-ready:
		case err := <-done:
			t.Fatalf("%s stopped before serving: %v", s.spec.Name, err)
		case <-time.After(30 * time.Second):
			t.Fatalf("%s did not become ready", s.spec.Name)
		}
		stopped = append(stopped, done)
	}
	stopOnce := false
	stop := func() {
		if stopOnce {
			return
		}
		stopOnce = true
		cancel()
		for _, done := range stopped {
			if err := <-done; err != nil {
				t.Errorf("shutdown: %v", err)
			}
		}
	}

	dial := func(addr string) *grpc.ClientConn {
		conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = conn.Close() })
		return conn
	}
	key, err := auth.LoadOrCreateDevKey(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	return &system{
		registry:      registryv1.NewRegistryServiceClient(dial(regLis.Addr().String())),
		accreditation: accreditationv1.NewAccreditationServiceClient(dial(accLis.Addr().String())),
		as: func(t *testing.T, subject, org string, role auth.Role) context.Context {
			t.Helper()
			tok, err := auth.IssueDevToken(key, auth.Claims{Roles: []auth.Role{role}, Org: org, RegisteredClaims: jwt.RegisteredClaims{
				Subject: subject, Issuer: cfg.OIDCIssuer, Audience: jwt.ClaimStrings{cfg.OIDCAudience}}}, time.Hour, at)
			if err != nil {
				t.Fatal(err)
			}
			return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
		},
	}, stop
}

var pdf = []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")

// TestAGrantShowsOnTheOrganizationWithinASecond takes an application through the accreditation
// workflow to ECOSOC's grant and watches the registry's profile of the organization.
func TestAGrantShowsOnTheOrganizationWithinASecond(t *testing.T) {
	dataDir := t.TempDir()
	sys, stop := startSystemAt(t, dataDir, today)
	t.Cleanup(func() { stop() })
	officer := sys.as(t, "olga", "", auth.RoleOfficer)

	created, err := sys.registry.CreateOrganization(officer, &registryv1.CreateOrganizationRequest{Organization: &registryv1.Organization{
		Name: "Lake Geneva Water Forum", Country: "CH", StakeholderGroup: registryv1.StakeholderGroup_STAKEHOLDER_GROUP_NGO,
		FoundedOn: &date.Date{Year: 2001, Month: 4, Day: 2},
	}})
	if err != nil {
		t.Fatal(err)
	}
	org := created.GetOrganization()
	if st := org.GetConsultativeStatus(); st.GetState() != registryv1.ConsultativeStatus_STATE_NONE {
		t.Fatalf("a new organization shows %v", st)
	}
	ngo := sys.as(t, "amina", org.GetId(), auth.RoleNGO)
	api := sys.accreditation

	app, err := api.CreateApplication(ngo, &accreditationv1.CreateApplicationRequest{Application: &accreditationv1.Application{
		OrganizationId: org.GetId(), RequestedCategory: accreditationv1.Category_CATEGORY_SPECIAL}})
	if err != nil {
		t.Fatal(err)
	}
	id, etag := app.GetApplication().GetId(), app.GetApplication().GetEtag()
	for _, k := range []accreditationv1.DocumentKind{accreditationv1.DocumentKind_DOCUMENT_KIND_CONSTITUTION,
		accreditationv1.DocumentKind_DOCUMENT_KIND_REGISTRATION_CERTIFICATE, accreditationv1.DocumentKind_DOCUMENT_KIND_FINANCIAL_STATEMENT} {
		r, err := api.AddApplicationDocument(ngo, &accreditationv1.AddApplicationDocumentRequest{ApplicationId: id, Kind: k,
			Filename: "d.pdf", ContentType: "application/pdf", Content: pdf})
		if err != nil {
			t.Fatal(err)
		}
		etag = r.GetApplication().GetEtag()
	}
	if _, err := api.UpdateApplication(ngo, &accreditationv1.UpdateApplicationRequest{
		Application: &accreditationv1.Application{Id: id, Etag: etag, Questionnaire: &accreditationv1.Questionnaire{AimsAndPurposes: "Clean water",
			MainActivities: "Monitoring", GovernanceStructure: "Assembly", FundingSources: "Members", UnContributions: "Reports"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"questionnaire"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.SubmitApplication(ngo, &accreditationv1.SubmitApplicationRequest{Id: id}); err != nil {
		t.Fatal(err)
	}
	ses, err := api.CreateCommitteeSession(officer, &accreditationv1.CreateCommitteeSessionRequest{CommitteeSession: &accreditationv1.CommitteeSession{
		Name: "2028 regular session", Kind: accreditationv1.SessionKind_SESSION_KIND_REGULAR,
		StartDate: &date.Date{Year: 2028, Month: 1, Day: 24}, EndDate: &date.Date{Year: 2028, Month: 2, Day: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.ScreenApplication(officer, &accreditationv1.ScreenApplicationRequest{Id: id, Complete: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.ScheduleApplication(officer, &accreditationv1.ScheduleApplicationRequest{Id: id, SessionId: ses.GetCommitteeSession().GetId()}); err != nil {
		t.Fatal(err)
	}
	// The Committee sits in January 2028 and ECOSOC decides in June: the system restarts with its clock there.
	move := func(at time.Time) {
		stop()
		sys, stop = startSystemAt(t, dataDir, at)
		api, officer = sys.accreditation, sys.as(t, "olga", "", auth.RoleOfficer)
	}
	move(time.Date(2028, 1, 26, 15, 0, 0, 0, time.UTC))
	if _, err := api.RecordOutcome(officer, &accreditationv1.RecordOutcomeRequest{Id: id, Outcome: accreditationv1.Outcome_OUTCOME_RECOMMEND,
		RecommendedCategory: accreditationv1.Category_CATEGORY_SPECIAL}); err != nil {
		t.Fatal(err)
	}
	granted := time.Date(2028, 6, 6, 15, 0, 0, 0, time.UTC)
	move(granted)

	// The profile is read (and cached) before the decision, so the grant must also clear the cache.
	if got, err := sys.registry.GetOrganization(context.Background(), &registryv1.GetOrganizationRequest{Id: org.GetId()}); err != nil ||
		got.GetOrganization().GetConsultativeStatus().GetState() != registryv1.ConsultativeStatus_STATE_NONE {
		t.Fatalf("before the decision: %v %v", got, err)
	}
	decided := time.Now()
	if _, err := api.RecordDecision(officer, &accreditationv1.RecordDecisionRequest{Id: id, Decision: accreditationv1.Decision_DECISION_GRANT,
		DecisionRef: "2028/215", EffectiveDate: &date.Date{Year: int32(granted.Year()), Month: int32(granted.Month()), Day: int32(granted.Day())}}); err != nil {
		t.Fatal(err)
	}
	for {
		got, err := sys.registry.GetOrganization(context.Background(), &registryv1.GetOrganizationRequest{Id: org.GetId()})
		if err != nil {
			t.Fatal(err)
		}
		st := got.GetOrganization().GetConsultativeStatus()
		if st.GetState() == registryv1.ConsultativeStatus_STATE_ACTIVE && st.GetCategory() == registryv1.Category_CATEGORY_SPECIAL {
			t.Logf("the grant showed on the profile %v after the decision", time.Since(decided))
			break
		}
		if time.Since(decided) > time.Second {
			t.Fatalf("a second after the grant the profile shows %v", st)
		}
		time.Sleep(10 * time.Millisecond)
	}

	// The statusCategory facet finds it now.
	list, err := sys.registry.ListOrganizations(context.Background(), &registryv1.ListOrganizationsRequest{StatusCategory: registryv1.Category_CATEGORY_SPECIAL})
	if err != nil || len(list.GetOrganizations()) != 1 || list.GetOrganizations()[0].GetId() != org.GetId() {
		t.Fatalf("statusCategory=SPECIAL lists %v (%v)", list.GetOrganizations(), err)
	}
}
