package app_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
	"github.com/un-liaison/liaison/services/events/migrations"
)

func TestMain(m *testing.M) { sqltest.Main(m) }

type clockAt time.Time

func (c clockAt) Now() time.Time { return time.Time(c) }

// statuses is the accreditation service as the events service sees it.
type statuses struct {
	mu sync.Mutex
	m  map[string]domain.StatusState
}

func (s *statuses) ConsultativeStatus(_ context.Context, org string) (domain.ConsultativeStatus, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.m[org]
	if !ok {
		st = domain.StatusNone
	}
	return domain.ConsultativeStatus{OrganizationID: org, State: st, Category: domain.CategorySpecial}, nil
}

func (s *statuses) set(org string, st domain.StatusState) {
	s.mu.Lock()
	s.m[org] = st
	s.mu.Unlock()
}

// TestASuspendedOrganizationLosesItsPlacesAtStatusOnlyMeetings is the leak of a suspended or
// withdrawn organization keeping its confirmed places at meetings open only to organizations in
// status: its places are cancelled (the waiting list moves up) or flagged, as the officers'
// setting says, with the decision and grounds for the NGO and the organizer to see.
func TestASuspendedOrganizationLosesItsPlacesAtStatusOnlyMeetings(t *testing.T) {
	for _, action := range []domain.StatusLossAction{domain.StatusLossCancel, domain.StatusLossFlag} {
		t.Run(string(action), func(t *testing.T) {
			ctx := context.Background()
			db := sqltest.Open(t, sqldb.SQLite, sqldb.Options{Service: "events", Migrations: migrations.FS})
			now := time.Date(2032, 7, 23, 15, 0, 0, 0, time.UTC)
			st := &statuses{m: map[string]domain.StatusState{"org_s": domain.StatusActive, "org_w": domain.StatusActive}}
			store := sqlstore.New(db)
			svc := app.New(store, st, nil, clockAt(now))
			svc.SetStatusLossAction(action)
			officer := app.Actor{Subject: "officer", Roles: []string{app.RoleOfficer}}
			start := now.Add(30 * 24 * time.Hour)
			statusOnly, err := svc.CreateEvent(ctx, officer, domain.Event{Title: "HLPF 2032", Kind: domain.KindMeeting, Start: start, End: start.Add(3 * time.Hour),
				TimeZone: "America/New_York", Capacity: 1, RequiresConsultativeStatus: true}, "")
			if err != nil {
				t.Fatal(err)
			}
			open, err := svc.CreateEvent(ctx, officer, domain.Event{Title: "Open forum", Kind: domain.KindMeeting, Start: start, End: start.Add(3 * time.Hour),
				TimeZone: "America/New_York"}, "")
			if err != nil {
				t.Fatal(err)
			}
			person := func(org, email string) domain.Registration {
				return domain.Registration{OrganizationID: org, Participant: domain.Participant{GivenName: "Ada", FamilyName: "Lovelace", Email: email}}
			}
			ngo := func(org string) app.Actor {
				return app.Actor{Subject: "u-" + org, Roles: []string{app.RoleNGO}, Org: org}
			}
			seat, err := svc.RegisterParticipant(ctx, ngo("org_s"), statusOnly.ID, person("org_s", "a@s.example.org"), "")
			if err != nil || seat.State != domain.RegistrationConfirmed {
				t.Fatalf("seat %v %v", seat, err)
			}
			waiting, err := svc.RegisterParticipant(ctx, ngo("org_w"), statusOnly.ID, person("org_w", "b@w.example.org"), "")
			if err != nil || waiting.State != domain.RegistrationWaitlisted {
				t.Fatalf("waiting %v %v", waiting, err)
			}
			elsewhere, err := svc.RegisterParticipant(ctx, ngo("org_s"), open.ID, person("org_s", "a@s.example.org"), "")
			if err != nil {
				t.Fatal(err)
			}

			reason := "consultative status suspended by ECOSOC decision 2032/250 (quadrennial report overdue, resolution 2008/4)"
			// A change replayed while the organization is ACTIVE again changes nothing.
			if changed, err := svc.StatusLost(ctx, "org_s", reason); err != nil || len(changed) != 0 {
				t.Fatalf("an ACTIVE organization lost places: %v %v", changed, err)
			}
			st.set("org_s", domain.StatusSuspended)
			changed, err := svc.StatusLost(ctx, "org_s", reason)
			if err != nil || len(changed) != 1 || changed[0].ID != seat.ID {
				t.Fatalf("changed %+v %v", changed, err)
			}
			got, _ := store.GetRegistration(ctx, statusOnly.ID, seat.ID)
			next, _ := store.GetRegistration(ctx, statusOnly.ID, waiting.ID)
			if !strings.Contains(got.StatusNote, "2032/250") {
				t.Fatalf("no reason on the registration: %+v", got)
			}
			switch action {
			case domain.StatusLossCancel:
				if got.State != domain.RegistrationCancelled || next.State != domain.RegistrationConfirmed {
					t.Fatalf("cancel: the place is %v and the next in line %v", got.State, next.State)
				}
			case domain.StatusLossFlag:
				if got.State != domain.RegistrationConfirmed || next.State != domain.RegistrationWaitlisted {
					t.Fatalf("flag: the place is %v and the next in line %v", got.State, next.State)
				}
			}
			if other, _ := store.GetRegistration(ctx, open.ID, elsewhere.ID); other.State != domain.RegistrationConfirmed || other.StatusNote != "" {
				t.Fatalf("a meeting open to all followed the status: %+v", other)
			}
			if again, err := svc.StatusLost(ctx, "org_s", reason); err != nil || len(again) != 0 {
				t.Fatalf("applied twice: %v %v", again, err)
			}
		})
	}
}
