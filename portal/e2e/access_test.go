package e2e_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

// TestGroundsPassesFromDesignationToApproval: an NGO holding status sees its annual passes
// left at each station, designates its head first (a representative before is refused beside
// the form), and the officer approves it from the queue.
func TestGroundsPassesFromDesignationToApproval(t *testing.T) {
	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	pg := ngo.get("/portal/my/designations")
	pg.mustHave(t, http.StatusOK, "Grounds passes", "Remaining", "Geneva", `<td class="num">7</td>`, `action="/portal/my/designations"`)

	person := func(role, name string) url.Values {
		return url.Values{"duty_station": {"DUTY_STATION_GENEVA"}, "role": {role}, "full_name": {name},
			"email": {"pass-" + role + "@sahel-water.example.org"}, "request_id": {field(t, pg.body, "request_id") + role}}
	}
	ngo.post("/portal/my/designations", person("ROLE_MAIN_REPRESENTATIVE", "Awa Diallo")).
		mustHave(t, http.StatusUnprocessableEntity, `role="alert"`, `value="Awa Diallo"`)
	ngo.post("/portal/my/designations", person("ROLE_HEAD", "Mariam Traoré")).
		mustHave(t, http.StatusOK, "Mariam Traoré", "Head of the organization", "Awaiting approval", `<td class="num">6</td>`)

	officer := newBrowser(t)
	officer.signIn("officer", "")
	queue := officer.get("/portal/designations")
	queue.mustHave(t, http.StatusOK, "Pass approvals", "Mariam Traoré", "Sahel Water Alliance")
	officer.post("/portal/designations/"+formAction(t, queue.body, "/portal/designations/"), url.Values{
		"decision": {"approve"}, "etag": {field(t, queue.body, "etag")}, "request_id": {field(t, queue.body, "request_id")},
	}).mustHave(t, http.StatusOK, "Pass approvals")
	ngo.get("/portal/my/designations").mustHave(t, http.StatusOK, "Approved")

	ngo.get("/portal/designations").mustHave(t, http.StatusForbidden)
	ngo.lang = "fr"
	ngo.get("/portal/my/designations").mustHave(t, http.StatusOK, "Badges d’accès", "Genève")
}

// TestStatementsPublicList: anyone reads the public list of issued statements, in English or
// French; a statement form for no call is not found.
func TestStatementsPublicList(t *testing.T) {
	anyone := newBrowser(t)
	anyone.get("/portal/statements").mustHave(t, http.StatusOK, "Written statements", "Issued statements")
	anyone.lang = "fr"
	anyone.get("/portal/statements").mustHave(t, http.StatusOK, "Déclarations écrites")
	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	ngo.get("/portal/statements/new?call=scl_none").mustHave(t, http.StatusNotFound)
}

// formAction returns what follows prefix in the first form action that starts with it.
func formAction(t *testing.T, body, prefix string) string {
	t.Helper()
	m := regexp.MustCompile(`action="` + regexp.QuoteMeta(prefix) + `([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no form posting to %s…\n%s", prefix, excerpt(body))
	}
	return m[1]
}

// officerClient calls the events service over gRPC as a liaison officer, as another UN system
// would, with a token signed by the services' dev key.
func officerClient(t *testing.T) (eventsv1.EventsServiceClient, context.Context) {
	t.Helper()
	key, err := auth.LoadOrCreateDevKey(system.Config.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := auth.IssueDevToken(key, auth.Claims{Roles: []auth.Role{auth.RoleOfficer},
		RegisteredClaims: jwt.RegisteredClaims{Subject: "e2e-officer", Issuer: system.Config.OIDCIssuer, Audience: jwt.ClaimStrings{system.Config.OIDCAudience}}},
		time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	conn, err := grpc.NewClient(system.Config.EventsAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return eventsv1.NewEventsServiceClient(conn), metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
}

// TestStatementFromTheFormToThePublicList: an NGO writes a statement to an open call, with its
// limit and the live counter on the form; once accepted it is on the public list under its symbol.
func TestStatementFromTheFormToThePublicList(t *testing.T) {
	client, ctx := officerClient(t)
	call, err := client.CreateStatementCall(ctx, &eventsv1.CreateStatementCallRequest{StatementCall: &eventsv1.StatementCall{
		Body: "Commission on the Status of Women", BodyKind: eventsv1.StatementCall_BODY_KIND_FUNCTIONAL_COMMISSION,
		Session: "CSW e2e", SymbolSeries: "E/CN.6/E2E/NGO", Deadline: timestamppb.New(time.Now().Add(30 * 24 * time.Hour)),
	}})
	if err != nil {
		t.Fatal(err)
	}
	callID := call.GetStatementCall().GetId()
	newBrowser(t).get("/portal/statements").mustHave(t, http.StatusOK, "Commission on the Status of Women")

	ngo := newBrowser(t)
	ngo.signIn("ngo", orgID(t, "Sahel Water Alliance"))
	form := ngo.get("/portal/statements/new?call=" + callID)
	form.mustHave(t, http.StatusOK, "New written statement", `data-count-for="text"`, "Limit for your organization:", `name="co_signers"`)
	ngo.post("/portal/statements", url.Values{"call": {callID}, "language": {"en"}, "title": {"Water and women"},
		"text": {"Access to water is a women's rights issue."}, "request_id": {field(t, form.body, "request_id")}}).
		mustHave(t, http.StatusOK, "Written statements")
	// A language the call does not take is refused beside the form, with the text kept.
	ngo.post("/portal/statements", url.Values{"call": {callID}, "language": {"zh"}, "title": {"水"}, "text": {"水是生命之源"}, "request_id": {"zh-e2e"}}).
		mustHave(t, http.StatusUnprocessableEntity, `role="alert"`, "水是生命之源")

	list, err := client.ListWrittenStatements(ctx, &eventsv1.ListWrittenStatementsRequest{CallId: callID})
	if err != nil || len(list.GetWrittenStatements()) != 1 {
		t.Fatalf("statements to the call: %v %v", list, err)
	}
	if _, err := client.AcceptWrittenStatement(ctx, &eventsv1.AcceptWrittenStatementRequest{Id: list.GetWrittenStatements()[0].GetId()}); err != nil {
		t.Fatal(err)
	}
	newBrowser(t).get("/portal/statements").mustHave(t, http.StatusOK, "E/CN.6/E2E/NGO/1", "Water and women", "Sahel Water Alliance")
}
