package devsystem_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
)

// streamChanges follows the real accreditation service's change stream from its start as a
// system caller, and delivers each change on the returned channel.
func streamChanges(t *testing.T, ctx context.Context, client accreditationv1.AccreditationServiceClient, tok string) <-chan *accreditationv1.StatusChange {
	t.Helper()
	sctx := metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
	stream, err := client.WatchStatusChanges(sctx, &accreditationv1.WatchStatusChangesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan *accreditationv1.StatusChange, 1024)
	go func() {
		defer close(out)
		for {
			msg, err := stream.Recv()
			if err != nil {
				return
			}
			out <- msg.GetStatusChange()
		}
	}()
	return out
}

// drain collects changes until none has come for quiet.
func drain(changes <-chan *accreditationv1.StatusChange, quiet time.Duration) []*accreditationv1.StatusChange {
	var got []*accreditationv1.StatusChange
	for {
		select {
		case ch, ok := <-changes:
			if !ok {
				return got
			}
			got = append(got, ch)
		case <-time.After(quiet):
			return got
		}
	}
}

func restStatus(t *testing.T, base, org string) (*accreditationv1.ConsultativeStatus, []byte, http.Header) {
	t.Helper()
	resp, err := http.Get(base + "/v1/organizations/" + org + "/status")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET status of %s: %d %s", org, resp.StatusCode, raw)
	}
	st := &accreditationv1.ConsultativeStatus{}
	if err := protojson.Unmarshal(raw, st); err != nil {
		t.Fatalf("status of %s is not a ConsultativeStatus: %v: %s", org, err, raw)
	}
	return st, raw, resp.Header
}

// The edge answers status lookups from the change stream, so what the stream carries must be
// exactly what GetConsultativeStatus answers, etag included; a report filed on an ACTIVE status is
// published too, and the edge follows it.
func TestTheStatusChangeStreamCarriesTheStatusOfRecord(t *testing.T) {
	// Pinned in 2032, when the demonstration's first reporting period has ended and its report may be filed.
	now := time.Date(2032, 3, 2, 14, 0, 0, 0, time.UTC)
	t.Setenv("LIAISON_NOW", now.Format(time.RFC3339))
	sys := startSystem(t)
	token := func(t *testing.T, sys config.Common, org string, roles ...auth.Role) string {
		return tokenAt(t, sys, now, org, roles...)
	}
	base := "http://" + sys.HTTPAddr
	conn, err := grpc.NewClient(sys.AccreditationAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := accreditationv1.NewAccreditationServiceClient(conn)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := streamChanges(t, ctx, client, token(t, sys, "", auth.RoleSystem))

	latest := map[string]*accreditationv1.StatusChange{}
	for _, ch := range drain(changes, time.Second) {
		latest[ch.GetOrganizationId()] = ch
	}
	if len(latest) == 0 {
		t.Fatal("the demo system's change stream is empty")
	}
	var owing *accreditationv1.ConsultativeStatus
	for org, ch := range latest {
		got, err := client.GetConsultativeStatus(ctx, &accreditationv1.GetConsultativeStatusRequest{OrganizationId: org})
		if err != nil {
			t.Fatal(err)
		}
		if !proto.Equal(ch.GetStatus(), got.GetConsultativeStatus()) {
			t.Errorf("%s: the stream's status\n%v\ndiffers from GetConsultativeStatus\n%v", org, ch.GetStatus(), got.GetConsultativeStatus())
		}
		// Over REST, twice (the second may come from the edge's memory): the same status both times.
		first, raw1, h1 := restStatus(t, base, org)
		_, raw2, h2 := restStatus(t, base, org)
		if !proto.Equal(first, got.GetConsultativeStatus()) || string(raw1) != string(raw2) || h1.Get("Content-Type") != h2.Get("Content-Type") {
			t.Errorf("%s over REST: %s then %s, want %v", org, raw1, raw2, got.GetConsultativeStatus())
		}
		if st := ch.GetStatus(); st.GetState() == accreditationv1.ConsultativeStatus_STATE_ACTIVE && st.GetNextReportDue() != nil {
			owing = st
		}
	}

	// An organization unknown to the service: STATE_NONE, the same from the service and from memory.
	_, none1, _ := restStatus(t, base, "org-never-registered")
	_, none2, _ := restStatus(t, base, "org-never-registered")
	if string(none1) != string(none2) || !strings.Contains(string(none1), "STATE_NONE") {
		t.Errorf("unknown organization: %s then %s", none1, none2)
	}

	resp, err := http.Get("http://" + sys.AdminAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(m), `liaison_gateway_status_lookups_total{`) || !strings.Contains(string(m), `result="hit"`) {
		t.Errorf("the edge answered no status lookup from memory; /metrics:\n%s", grepLines(string(m), "status_lookups"))
	}

	if owing == nil {
		t.Fatal("no ACTIVE status owing reports in the demo data")
	}
	// Filing the report due moves next_report_due and the etag, and the stream says so.
	org := owing.GetOrganizationId()
	ngo := token(t, sys, org, auth.RoleNGO)
	due := owing.GetNextReportDue().GetYear()
	body := fmt.Sprintf(`{"quadrennialReport":{"periodStartYear":%d,"periodEndYear":%d,"summary":"Activities of the period, in brief."}}`, due-4, due-1)
	var filed map[string]any
	if code, _ := send(t, http.MethodPost, base+"/v1/organizations/"+org+"/quadrennialReports", ngo, body, &filed); code != http.StatusOK {
		t.Fatalf("filing the report due in %d: %d %v", due, code, filed)
	}
	after, err := client.GetConsultativeStatus(ctx, &accreditationv1.GetConsultativeStatusRequest{OrganizationId: org})
	if err != nil {
		t.Fatal(err)
	}
	if after.GetConsultativeStatus().GetEtag() == owing.GetEtag() {
		t.Fatalf("filing a report left the etag as it was: %v", after.GetConsultativeStatus())
	}
	// The NGO that filed reads its own write at once: people's lookups are never from memory.
	if rest, raw := restStatusAs(t, base, org, ngo); !proto.Equal(rest, after.GetConsultativeStatus()) {
		t.Errorf("right after filing, the NGO reads %s, want the status of record %v", raw, after.GetConsultativeStatus())
	}
	var published *accreditationv1.StatusChange
	for _, ch := range drain(changes, time.Second) {
		if ch.GetOrganizationId() == org {
			published = ch
		}
	}
	if published.GetKind() != accreditationv1.StatusChange_KIND_REPORT_FILED || !proto.Equal(published.GetStatus(), after.GetConsultativeStatus()) {
		t.Fatalf("the stream published %v for the filing, want KIND_REPORT_FILED with the status of record", published)
	}
	// Everyone else reads it from the edge's memory within the stream's delivery delay.
	deadline := time.Now().Add(5 * time.Second)
	for {
		rest, raw, _ := restStatus(t, base, org)
		if proto.Equal(rest, after.GetConsultativeStatus()) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a report was filed the edge still answers %s, want the status of record %v", raw, after.GetConsultativeStatus())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// restStatusAs looks org's status up over REST with a bearer token.
func restStatusAs(t *testing.T, base, org, bearer string) (*accreditationv1.ConsultativeStatus, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/v1/organizations/"+org+"/status", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	st := &accreditationv1.ConsultativeStatus{}
	if resp.StatusCode != http.StatusOK || protojson.Unmarshal(raw, st) != nil {
		t.Fatalf("GET status of %s as a signed-in caller: %d %s", org, resp.StatusCode, raw)
	}
	return st, raw
}

func grepLines(s, word string) string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if strings.Contains(line, word) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
