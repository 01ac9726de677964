// Package events is the events (meetings calendar, side events, registrations) service: its Spec tells the shared platform runner how to
// build, migrate and serve it, whether it runs as its own binary or inside the dev runner.
package events

import (
	"context"
	"errors"
	"fmt"
	"sync"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/metrics"
	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/events/internal/adapters/accreditation"
	"github.com/un-liaison/liaison/services/events/internal/adapters/cachedstore"
	"github.com/un-liaison/liaison/services/events/internal/adapters/registry"
	"github.com/un-liaison/liaison/services/events/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
	"github.com/un-liaison/liaison/services/events/internal/transport/grpcapi"
	"github.com/un-liaison/liaison/services/events/migrations"
)

// Settings are the events service's own LIAISON_* variables.
type Settings struct {
	// GroundsPassRules overrides the duty stations' grounds-pass rules, e.g.
	// "geneva.temporary_max_days=183" (see domain.ParseStationRules); empty keeps today's
	// practice (domain.DefaultStationRules).
	GroundsPassRules string `env:"LIAISON_GROUNDS_PASS_RULES"`
	// StatusLoss is what happens to an organization's registrations at events open only to
	// organizations in consultative status when its status is suspended or withdrawn: cancel
	// (the seats go to the waiting list) or flag (kept, marked with the reason, for an officer
	// to decide). Practice is not written down, so it is the officers' choice.
	StatusLoss string `env:"LIAISON_EVENTS_STATUS_LOSS" envDefault:"cancel"`
	// PublicURL is where people reach liaison; notices link to the portal under it.
	PublicURL string `env:"LIAISON_PUBLIC_URL" envDefault:"http://127.0.0.1:8080"`
	// Mail is how notices reach people.
	Mail notify.Settings
}

// Spec describes the events service to the platform runner.
var Spec = service.Spec{
	Name:         "events",
	ServiceNames: []string{eventsv1.EventsService_ServiceDesc.ServiceName},
	Migrations:   migrations.FS,
	ListenAddr:   func(c config.Common) string { return c.EventsAddr },
	Build:        build,
	Policy:       grpcapi.Policy.Authorize,
}

// Validate rejects a setting nothing reads.
func (s Settings) Validate() error {
	switch domain.StatusLossAction(s.StatusLoss) {
	case domain.StatusLossCancel, domain.StatusLossFlag:
		return s.Mail.Validate()
	}
	return fmt.Errorf("LIAISON_EVENTS_STATUS_LOSS=%q: want cancel or flag", s.StatusLoss)
}

// build wires the use cases to the database (behind the service's cache for event reads), to the accreditation service (the source of
// consultative status) and to the registry (organizations' names, groups and countries).
// Statuses are followed through the accreditation change stream in the background, so that a
// registration usually needs no call to it and a suspension counts within a second.
func build(ctx context.Context, d service.Deps) (service.Component, error) {
	settings, err := config.Load[Settings]()
	if err == nil {
		err = settings.Validate()
	}
	if err != nil {
		return nil, err
	}
	rules, err := domain.ParseStationRules(settings.GroundsPassRules)
	if err != nil {
		return nil, fmt.Errorf("LIAISON_GROUNDS_PASS_RULES: %w", err)
	}
	conn, err := d.Dial(d.Config.AccreditationAddr)
	if err != nil {
		return nil, fmt.Errorf("events: dialing accreditation at %s: %w", d.Config.AccreditationAddr, err)
	}
	regConn, err := d.Dial(d.Config.RegistryAddr)
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("events: dialing registry at %s: %w", d.Config.RegistryAddr, err)
	}
	creds, err := systemCredentials(d.Config, d.Clock)
	if err != nil {
		_ = conn.Close()
		_ = regConn.Close()
		return nil, err
	}
	mailer, err := settings.Mail.Mailer(d.Logger)
	if err != nil {
		_ = conn.Close()
		_ = regConn.Close()
		return nil, err
	}
	outbox := &notify.Outbox{DB: d.DB}
	if err := outbox.Observe(d.Meter, d.Clock.Now); err != nil {
		_ = conn.Close()
		_ = regConn.Close()
		return nil, err
	}
	statuses := accreditation.NewStatusCache(conn, d.Logger, creds)
	if err := metrics.ObserveLag(d.Meter, "events.status_cache", statuses.Lag); err != nil {
		_ = conn.Close()
		_ = regConn.Close()
		return nil, err
	}
	sql := sqlstore.New(d.DB)
	store := cachedstore.New(sql, d.Cache, d.Logger)
	dir := registry.NewDirectory(regConn)
	uc := app.New(store, statuses, dir, d.Clock).
		WithAccessAndVoice(app.AccessAndVoice{Designations: sql, Statements: sql, Speakers: sql,
			Rules: func(st domain.DutyStation) domain.StationRules { return rules[st] }})
	uc.SetStatusLossAction(domain.StatusLossAction(settings.StatusLoss))
	// A suspension or withdrawal seen on the status stream voids designations at once...
	statuses.OnChange(uc.ApplyStatusChange)
	// ...and cancels or flags places at events open only to organizations in status.
	statuses.OnLoss = func(ctx context.Context, org, reason string) {
		if changed, err := uc.StatusLost(ctx, org, reason); err != nil {
			d.Logger.WarnContext(ctx, "applying a status loss to registrations failed; the next change or restart retries", "organization", org, "error", err)
		} else if len(changed) > 0 {
			d.Logger.InfoContext(ctx, "registrations at status-only events followed a status loss", "organization", org, "count", len(changed), "action", settings.StatusLoss)
		}
	}
	runCtx, stop := context.WithCancel(context.Background())
	var running sync.WaitGroup
	running.Go(func() { statuses.Run(runCtx) })
	notifier := &notify.Notifier{Outbox: outbox, Mailer: mailer, From: settings.Mail.MailFrom,
		PortalURL: settings.PublicURL, Now: d.Clock.Now, Log: d.Logger,
		Resolve: func(ctx context.Context, ref string) (notify.Address, error) {
			if creds != nil {
				var err error
				if ctx, err = creds(ctx); err != nil {
					return notify.Address{}, err
				}
			}
			return dir.Recipient(ctx, ref)
		}}
	running.Go(func() { notifier.Run(runCtx) })
	api := grpcapi.New(uc, d.Clock, d.Logger, func() error {
		stop()
		running.Wait()
		return errors.Join(conn.Close(), regConn.Close())
	})
	// ctx ends when the runner starts shutting down: designation streams end then.
	api.EndStreamsWhen(ctx.Done())
	return api, nil
}
