package identity_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/internal/idplogin"
	"github.com/un-liaison/liaison/internal/idptest"
	"github.com/un-liaison/liaison/platform/auth"
)

// call sends a REST request with an optional bearer token and decodes a JSON answer into out.
func call(t *testing.T, method, u, bearer, body string, out any) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, u, err, raw)
		}
	}
	return resp.StatusCode, string(raw)
}

type organization struct {
	ID                 string                 `json:"id"`
	Name               string                 `json:"name"`
	Acronym            string                 `json:"acronym"`
	Website            string                 `json:"website"`
	Email              string                 `json:"email"`
	Description        string                 `json:"description"`
	SDGs               []int                  `json:"sdgs"`
	ConsultativeStatus struct{ State string } `json:"consultativeStatus"`
}

// machineToken is a client-credentials token of a registered client, as another UN system gets one.
func machineToken(t *testing.T, sys *prodSystem, id, secret, scope string) string {
	t.Helper()
	creds, err := auth.ClientCredentials(auth.ClientCredentialsConfig{
		ClientID: id, ClientSecret: secret, Issuer: sys.idp.Issuer, Audience: idptest.Audience, Scopes: []string{scope},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := creds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	md := metadataOf(ctx)
	return strings.TrimPrefix(md, "Bearer ")
}

// statusEverywhere waits until the registry's organization page and the edge's status view both
// show state for org: both learn it only from the change stream their own tokens opened.
func statusEverywhere(t *testing.T, sys *prodSystem, org, state string) {
	t.Helper()
	eventually(t, 5*time.Second, org+" to be "+state+" on its organization page and in the edge's status view", func() error {
		var o organization
		if code, raw := call(t, http.MethodGet, sys.base+"/v1/organizations/"+org, "", "", &o); code != http.StatusOK || o.ConsultativeStatus.State != state {
			return fmt.Errorf("organization page: %d %s", code, raw)
		}
		var st struct{ State string }
		if code, raw := call(t, http.MethodGet, sys.base+"/v1/organizations/"+org+"/status", "", "", &st); code != http.StatusOK || st.State != state {
			return fmt.Errorf("status view: %d %s", code, raw)
		}
		return nil
	})
}

var etagField = regexp.MustCompile(`name="etag" value="([^"]*)"`)

func eventsClient(t *testing.T, sys *prodSystem) eventsv1.EventsServiceClient {
	t.Helper()
	conn, err := grpc.NewClient(sys.cfg.EventsAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return eventsv1.NewEventsServiceClient(conn)
}

func TestPeopleAndMachinesThroughTheProvider(t *testing.T) {
	sys := startProduction(t)

	// The registry's copy of the statuses fills only if its own token opened the change stream.
	var active []string
	eventually(t, 30*time.Second, "the registry to mirror the demo statuses", func() error {
		var list struct{ Organizations []organization }
		code, raw := call(t, http.MethodGet, sys.base+"/v1/organizations?pageSize=100", "", "", &list)
		active = active[:0]
		for _, o := range list.Organizations {
			if o.ConsultativeStatus.State == "STATE_ACTIVE" {
				active = append(active, o.ID)
			}
		}
		if code != http.StatusOK || len(active) < 2 {
			return fmt.Errorf("%d, %d active: %.300s", code, len(active), raw)
		}
		return nil
	})

	t.Run("machine", func(t *testing.T) {
		badge := machineToken(t, sys, "badge-office", badgeSecret, "liaison.system")
		conn, err := grpc.NewClient(sys.cfg.AccreditationAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		got, err := accreditationv1.NewAccreditationServiceClient(conn).GetConsultativeStatus(
			withBearer(context.Background(), badge), &accreditationv1.GetConsultativeStatusRequest{OrganizationId: active[0]})
		if err != nil || got.GetConsultativeStatus().GetState() != accreditationv1.ConsultativeStatus_STATE_ACTIVE {
			t.Fatalf("GetConsultativeStatus over gRPC with the badge office's token: %v %v", got, err)
		}
		var st struct{ State string }
		if code, raw := call(t, http.MethodGet, sys.base+"/v1/organizations/"+active[0]+"/status", badge, "", &st); code != http.StatusOK || st.State != "STATE_ACTIVE" {
			t.Fatalf("the REST status route with the badge office's token: %d %s", code, raw)
		}
		report := `{"quadrennialReport":{"periodStartYear":2020,"periodEndYear":2023,"summary":"Not ours to file."}}`
		if code, raw := call(t, http.MethodPost, sys.base+"/v1/organizations/"+active[0]+"/quadrennialReports", badge, report, nil); code != http.StatusForbidden {
			t.Fatalf("an NGO-only route with a machine token: %d %s, want 403", code, raw)
		}
		stranger := machineToken(t, sys, "stranger", badgeSecret, "profile")
		if code, raw := call(t, http.MethodGet, sys.base+"/v1/organizations/"+active[0], stranger, "", nil); code != http.StatusForbidden || !strings.Contains(raw, "no liaison role") {
			t.Fatalf("a token that maps to no role: %d %s, want 403 saying so", code, raw)
		}
	})

	events := eventsClient(t, sys)
	var eventID string // open only to organizations in consultative status
	officer := newPerson(t)
	officerSignedIn := time.Now()
	t.Run("officer", func(t *testing.T) {
		officer := officer.in(t)
		page := officer.signIn(sys, "/portal/sessions", "officer@un.example", "officer-pw")
		at, code, body := officer.post(sys.base+"/portal/sessions", url.Values{
			"csrf": {field(t, csrfField, page)}, "request_id": {field(t, requestIDField, page)},
			"name": {"Regular session 2031"}, "kind": {"SESSION_KIND_REGULAR"},
			"start_date": {"2031-01-20"}, "end_date": {"2031-01-29"},
		})
		if code != http.StatusOK || at.Query().Get("done") != "notice.sessioncreated" || !strings.Contains(body, "Regular session 2031") {
			t.Fatalf("creating a session as the signed-in officer: %s %d\n%.800s", at, code, body)
		}
		start := time.Now().Add(30 * 24 * time.Hour).Truncate(time.Hour)
		created, err := events.CreateEvent(withBearer(context.Background(), officer.token(sys)), &eventsv1.CreateEventRequest{Event: &eventsv1.Event{
			Title: "Briefing for organizations in consultative status", Kind: eventsv1.Event_KIND_MEETING, TimeZone: "Europe/Zurich",
			StartTime: timestamppb.New(start), EndTime: timestamppb.New(start.Add(2 * time.Hour)), RequiresConsultativeStatus: true,
		}})
		if err != nil {
			t.Fatalf("creating an event with the officer's token: %v", err)
		}
		eventID = created.GetEvent().GetId()
	})

	ngoSignsIn := func(t *testing.T, org string) *person {
		sys.idp.AddUser(idplogin.User{Subject: "staff@" + org, Password: "ngo-pw", Roles: []string{"ngo"}, Org: org})
		p := newPerson(t)
		p.signIn(sys, "/portal/my", "staff@"+org, "ngo-pw")
		return p
	}
	withdraw := func(t *testing.T, p *person, org string) {
		t.Helper()
		register := func(n int) error {
			_, err := events.RegisterParticipant(withBearer(context.Background(), p.token(sys)), &eventsv1.RegisterParticipantRequest{
				EventId: eventID, Registration: &eventsv1.Registration{OrganizationId: org,
					Participant: &eventsv1.Participant{GivenName: "Ada", FamilyName: "Lovelace", Email: fmt.Sprintf("ada%d.%s@ngo.example", n, org)}}})
			return err
		}
		if err := register(0); err != nil {
			t.Fatalf("registering for the event while %s holds status: %v", org, err)
		}
		if code, raw := call(t, http.MethodPost, sys.base+"/v1/organizations/"+org+"/status:withdraw", p.token(sys), `{"reason":"The organization is merging."}`, nil); code != http.StatusOK {
			t.Fatalf("withdrawing %s's status with the NGO's token: %d %s", org, code, raw)
		}
		statusEverywhere(t, sys, org, "STATE_WITHDRAWN")
		// The events service's check learns it from the stream its own token follows.
		n := 0
		eventually(t, 5*time.Second, "the events service to refuse "+org+"'s registrations", func() error {
			n++
			if err := register(n); status.Code(err) != codes.FailedPrecondition {
				return fmt.Errorf("registration after the withdrawal: %v", err)
			}
			return nil
		})
	}

	t.Run("ngo", func(t *testing.T) {
		org := active[0]
		ngo := ngoSignsIn(t, org)
		var o organization
		if code, raw := call(t, http.MethodGet, sys.base+"/v1/organizations/"+org, "", "", &o); code != http.StatusOK {
			t.Fatalf("%d %s", code, raw)
		}
		_, _, form := ngo.get(sys.base + "/portal/my/profile")
		values := url.Values{
			"csrf": {field(t, csrfField, form)}, "etag": {field(t, etagField, form)},
			"name": {o.Name}, "acronym": {"E2E"}, "website": {o.Website}, "email": {o.Email}, "description": {o.Description},
		}
		for _, s := range o.SDGs {
			values.Add("sdg", fmt.Sprint(s))
		}
		at, code, body := ngo.post(sys.base+"/portal/my/profile", values)
		if code != http.StatusOK || at.Query().Get("done") != "notice.saved" {
			t.Fatalf("saving the profile as the signed-in NGO: %s %d\n%.800s", at, code, body)
		}

		withdraw(t, ngo, org)

		// Sign-out ends the session at the provider too, and the old token no longer opens the portal.
		old := ngo.token(sys)
		_, _, page := ngo.get(sys.base + "/portal/my")
		at, code, _ = ngo.post(sys.base+"/portal/signout", url.Values{"csrf": {field(t, csrfField, page)}})
		if code != http.StatusOK || at.Scheme+"://"+at.Host+at.Path != sys.base+"/portal/" {
			t.Fatalf("signing out ended at %s (%d), want the portal's home after the provider", at, code)
		}
		replay := newPerson(t)
		u, _ := url.Parse(sys.base + "/portal/")
		replay.client.Jar.SetCookies(u, []*http.Cookie{{Name: "liaison_session", Value: old, Path: "/portal"}})
		at, _, _ = replay.get(sys.base + "/portal/my")
		if strings.HasPrefix(at.String(), sys.base+"/portal/my") {
			t.Fatalf("the signed-out token still opens the NGO's page")
		}
		at, _, body = ngo.get(sys.base + "/portal/oidc/start?back=/portal/my")
		if !challengeField.MatchString(body) {
			t.Fatalf("after sign-out the provider signed the person in again without asking (%s)", at)
		}
	})

	t.Run("after provider restart and token renewal", func(t *testing.T) {
		sys.idp.Restart(t)
		// Past the point where every token issued before is renewed, and the officer's has expired
		// (including the verifiers' leeway).
		time.Sleep(time.Until(officerSignedIn.Add(tokenTTL + auth.Leeway + 5*time.Second)))

		// The officer's token expired mid-session: the page sends them through the provider, which
		// remembers them, and back to the same page.
		at, code, body := officer.in(t).get(sys.base + "/portal/sessions?kind=all")
		if code != http.StatusOK || at.Path != "/portal/sessions" || !strings.Contains(body, "Regular session 2031") {
			t.Fatalf("with an expired token the officer ended at %s (%d)\n%.500s", at, code, body)
		}

		org := active[1]
		withdraw(t, ngoSignsIn(t, org), org)
	})
}
