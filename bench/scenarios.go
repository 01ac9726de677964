package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/timestamppb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
)

// grpcConns is how many connections the gRPC load is spread over, for the ceiling and for the
// services alike: a few, as a real caller's pool would hold.
const grpcConns = 4

// pool is a fixed set of connections to one address; worker w uses connection w mod n.
type pool []*grpc.ClientConn

func dialPool(addr string) (pool, error) {
	p := make(pool, grpcConns)
	for i := range p {
		c, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			return nil, err
		}
		p[i] = c
	}
	return p, nil
}

func (p pool) conn(worker int) *grpc.ClientConn { return p[worker%len(p)] }

func (p pool) close() {
	for _, c := range p {
		_ = c.Close()
	}
}

// withToken is the context every call of a load carries: the caller's bearer token.
func withToken(token string) context.Context {
	return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+token)
}

// httpClient keeps one connection per worker alive, as a load balancer in front would.
func httpClient(concurrency int) *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: concurrency, MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency}}
}

func httpGet(client *http.Client, url, token string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return err
}

func httpCall(client *http.Client, url, token string) call {
	return func(context.Context, int, int) error { return httpGet(client, url, token) }
}

func healthCheck(p pool, ctx context.Context) call {
	clients := make([]healthpb.HealthClient, len(p))
	for i, c := range p {
		clients[i] = healthpb.NewHealthClient(c)
	}
	req := &healthpb.HealthCheckRequest{}
	return func(_ context.Context, w, _ int) error {
		_, err := clients[w%len(clients)].Check(ctx, req)
		return err
	}
}

func statusLookup(p pool, ctx context.Context, ids []string) call {
	clients := make([]accreditationv1.AccreditationServiceClient, len(p))
	for i, c := range p {
		clients[i] = accreditationv1.NewAccreditationServiceClient(c)
	}
	var next atomic.Uint64
	return func(_ context.Context, w, _ int) error {
		id := ids[next.Add(1)%uint64(len(ids))]
		_, err := clients[w%len(clients)].GetConsultativeStatus(ctx, &accreditationv1.GetConsultativeStatusRequest{OrganizationId: id})
		return err
	}
}

// batchSize is the batch: 100 organizations a call.
const batchSize = 100

func batchLookup(p pool, ctx context.Context, ids []string) call {
	clients := make([]accreditationv1.AccreditationServiceClient, len(p))
	for i, c := range p {
		clients[i] = accreditationv1.NewAccreditationServiceClient(c)
	}
	var next atomic.Uint64
	return func(_ context.Context, w, _ int) error {
		start := int(next.Add(batchSize) % uint64(len(ids)-batchSize))
		_, err := clients[w%len(clients)].BatchGetConsultativeStatuses(ctx, &accreditationv1.BatchGetConsultativeStatusesRequest{OrganizationIds: ids[start : start+batchSize]})
		return err
	}
}

// prime asks once for every id, a batch at a time, so that the measured lookups are warm: at a
// few thousand ids, a timed warm-up alone would leave some of them cold on a slow machine.
func prime(ctx context.Context, p pool, ids []string) error {
	client := accreditationv1.NewAccreditationServiceClient(p.conn(0))
	for start := 0; start < len(ids); start += batchSize {
		if _, err := client.BatchGetConsultativeStatuses(ctx, &accreditationv1.BatchGetConsultativeStatusesRequest{OrganizationIds: ids[start:min(start+batchSize, len(ids))]}); err != nil {
			return fmt.Errorf("priming the status cache: %w", err)
		}
	}
	return nil
}

// primeREST looks every id up once through the edge, so that the REST figure is warm as the gRPC
// ones are: the edge's status view learns an organization on its first lookup.
func primeREST(client *http.Client, base, token string, ids []string) error {
	for _, id := range ids {
		if err := httpGet(client, base+"/v1/organizations/"+id+"/status", token); err != nil {
			return fmt.Errorf("priming the edge's status view: %w", err)
		}
	}
	return nil
}

func restStatus(client *http.Client, base, token string, ids []string) call {
	var next atomic.Uint64
	return func(_ context.Context, _, _ int) error {
		id := ids[next.Add(1)%uint64(len(ids))]
		return httpGet(client, base+"/v1/organizations/"+id+"/status", token)
	}
}

// Searches are the shapes of the registry's search benchmark, taken in turn.
var (
	textSearches = []*registryv1.ListOrganizationsRequest{
		{Query: "health"},
		{Query: "multilingual meeting records"},
		{Query: "Ulaanbaatar"},
		{Query: "water", Country: "KE", Sdg: []int32{6, 3, 13}},
	}
	facetSearches = []*registryv1.ListOrganizationsRequest{
		{Country: "CH"},
		{Country: "CH", Sdg: []int32{16}},
		{Sdg: []int32{5, 16}},
		{StatusCategory: registryv1.Category_CATEGORY_SPECIAL},
	}
)

func search(p pool, ctx context.Context, shapes []*registryv1.ListOrganizationsRequest) call {
	clients := make([]registryv1.RegistryServiceClient, len(p))
	for i, c := range p {
		clients[i] = registryv1.NewRegistryServiceClient(c)
	}
	var next atomic.Uint64
	return func(_ context.Context, w, _ int) error {
		req := shapes[next.Add(1)%uint64(len(shapes))]
		_, err := clients[w%len(clients)].ListOrganizations(ctx, &registryv1.ListOrganizationsRequest{
			PageSize: 50, Query: req.Query, Country: req.Country, Sdg: req.Sdg, StatusCategory: req.StatusCategory})
		return err
	}
}

// meeting is the event the write path registers people for: it requires consultative status,
// so every registration asks the accreditation service, and it has fewer seats than the load
// will ask for, so the waitlist and the seat count are exercised too.
func createMeeting(ctx context.Context, p pool, capacity int32, tag string) (string, error) {
	now := time.Now()
	resp, err := eventsv1.NewEventsServiceClient(p.conn(0)).CreateEvent(ctx, &eventsv1.CreateEventRequest{Event: &eventsv1.Event{
		Title: "Load test: Commission for Social Development " + tag, Kind: eventsv1.Event_KIND_MEETING,
		StartTime: timestamppb.New(now.Add(60 * 24 * time.Hour)), EndTime: timestamppb.New(now.Add(61 * 24 * time.Hour)),
		TimeZone: "America/New_York", Venue: "Conference Room 4, UN Headquarters", Capacity: capacity,
		RequiresConsultativeStatus: true,
		RegistrationOpens:          timestamppb.New(now.Add(-time.Hour)), RegistrationCloses: timestamppb.New(now.Add(30 * 24 * time.Hour)),
	}, RequestId: "bench-meeting-" + tag})
	if err != nil {
		return "", err
	}
	return resp.GetEvent().GetId(), nil
}

func register(p pool, ctx context.Context, eventID string, orgs []string, tag string) call {
	clients := make([]eventsv1.EventsServiceClient, len(p))
	for i, c := range p {
		clients[i] = eventsv1.NewEventsServiceClient(c)
	}
	var next atomic.Uint64
	return func(_ context.Context, w, _ int) error {
		n := next.Add(1)
		_, err := clients[w%len(clients)].RegisterParticipant(ctx, &eventsv1.RegisterParticipantRequest{
			EventId: eventID,
			Registration: &eventsv1.Registration{OrganizationId: orgs[n%uint64(len(orgs))], Participant: &eventsv1.Participant{
				GivenName: "Amina", FamilyName: fmt.Sprintf("Delegate %d", n), Email: fmt.Sprintf("delegate%d.%s@ngo.example", n, tag)}},
			RequestId: fmt.Sprintf("bench-%s-%d", tag, n),
		})
		return err
	}
}

// seatsOf reads back the event's counts, to prove the load did not overbook it.
func seatsOf(ctx context.Context, p pool, eventID string) (confirmed, waitlisted int32, capacity int32, err error) {
	resp, err := eventsv1.NewEventsServiceClient(p.conn(0)).GetEvent(ctx, &eventsv1.GetEventRequest{Id: eventID})
	if err != nil {
		return 0, 0, 0, err
	}
	ev := resp.GetEvent()
	return ev.GetConfirmedCount(), ev.GetWaitlistedCount(), ev.GetCapacity(), nil
}
