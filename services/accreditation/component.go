package accreditation

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/credjwt"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/registry"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/sqlstore"
	"github.com/un-liaison/liaison/services/accreditation/internal/adapters/statuscache"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
	"github.com/un-liaison/liaison/services/accreditation/internal/transport/grpcapi"
)

// Settings are the accreditation service's own LIAISON_* variables.
type Settings struct {
	// NoAnswerRule is how the Committee closes applications whose questions
	// went unanswered: 48h (the current practice), two-sessions or
	// three-reminders. The practice has changed over the years, so it is a
	// setting rather than code.
	NoAnswerRule string `env:"LIAISON_NO_ANSWER_RULE" envDefault:"48h"`
	// JobInterval is how often reporting enforcement and the no-answer rule
	// run on their own; the first run comes one interval after start.
	JobInterval time.Duration `env:"LIAISON_ACCREDITATION_JOB_INTERVAL" envDefault:"1m"`
	// PublicURL is where people reach liaison: the issuer of status
	// credentials, and the base of the status list and verification page
	// they name.
	PublicURL string `env:"LIAISON_PUBLIC_URL" envDefault:"http://127.0.0.1:8080"`
	// CredentialKeySecret seals the credential signing keys in the
	// database (base64 of 32 bytes); unset, a secret kept in the data
	// directory is used, which suits development only.
	CredentialKeySecret string `env:"LIAISON_CREDENTIAL_KEY_SECRET" secret:"true"`
	// CredentialValidity is how long a status credential is valid.
	CredentialValidity time.Duration `env:"LIAISON_CREDENTIAL_VALIDITY" envDefault:"72h"`
	// CredentialKeyRotation is how long one key signs credentials.
	CredentialKeyRotation time.Duration `env:"LIAISON_CREDENTIAL_KEY_ROTATION" envDefault:"720h"`
	// Mail is how notices reach people.
	Mail notify.Settings
	// BranchMailbox is the NGO Branch's shared address, told of each submission and each answer
	// to the Committee; empty tells no one.
	BranchMailbox string `env:"LIAISON_NGO_BRANCH_MAILBOX"`
}

// Validate rejects settings that parse but cannot work.
func (s Settings) Validate() error {
	if _, err := domain.NoAnswerRuleByName(s.NoAnswerRule); err != nil {
		return fmt.Errorf("LIAISON_NO_ANSWER_RULE: %w", err)
	}
	if s.JobInterval <= 0 {
		return fmt.Errorf("LIAISON_ACCREDITATION_JOB_INTERVAL=%s: must be positive", s.JobInterval)
	}
	if s.CredentialValidity <= 0 || s.CredentialKeyRotation <= 0 {
		return errors.New("LIAISON_CREDENTIAL_VALIDITY and LIAISON_CREDENTIAL_KEY_ROTATION must be positive")
	}
	if u, err := url.Parse(s.PublicURL); err != nil || u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("LIAISON_PUBLIC_URL=%q: must be an absolute URL", s.PublicURL)
	}
	if s.BranchMailbox != "" {
		if _, err := mail.ParseAddress(s.BranchMailbox); err != nil {
			return fmt.Errorf("LIAISON_NGO_BRANCH_MAILBOX=%q: %w", s.BranchMailbox, err)
		}
	}
	return s.Mail.Validate()
}

// component is the running service: its gRPC server, the registry
// connection and the background work (cache invalidation, jobs).
type component struct {
	server *grpcapi.Server
	conn   *grpc.ClientConn
	stop   context.CancelFunc
	wg     sync.WaitGroup
}

func build(ctx context.Context, d service.Deps) (service.Component, error) {
	settings, err := config.Load[Settings]()
	if err != nil {
		return nil, err
	}
	rule, _ := domain.NoAnswerRuleByName(settings.NoAnswerRule)
	store := sqlstore.New(d.DB)
	conn, err := d.Dial(d.Config.RegistryAddr)
	if err != nil {
		return nil, fmt.Errorf("dialing the registry at %s: %w", d.Config.RegistryAddr, err)
	}
	dir := registry.New(registryv1.NewRegistryServiceClient(conn), 0)
	statuses := statuscache.New(store, d.Cache, statuscache.Options{Logger: d.Logger})
	secret, fromDataDir, err := credjwt.Secret(settings.CredentialKeySecret, d.Config.DataDir)
	if err != nil {
		return nil, err
	}
	if fromDataDir {
		d.Logger.WarnContext(ctx, "LIAISON_CREDENTIAL_KEY_SECRET is not set: credential signing keys are sealed with a secret kept in the data directory")
	}
	links := credjwt.LinksFor(settings.PublicURL)
	signer, err := credjwt.New(secret, links)
	if err != nil {
		return nil, err
	}
	outbox := &notify.Outbox{DB: d.DB}
	if err := outbox.Observe(d.Meter, d.Clock.Now); err != nil {
		_ = conn.Close()
		return nil, err
	}
	svc := app.New(store, dir, d.Clock, app.Options{NoAnswerRule: rule, Statuses: statuses, Logger: d.Logger, Signer: signer, Notices: outbox, BranchMailbox: settings.BranchMailbox,
		CredentialPolicy: domain.CredentialPolicy{Validity: settings.CredentialValidity, Rotation: settings.CredentialKeyRotation},
		CredentialLinks:  app.CredentialLinks{StatusList: links.StatusList, VerificationPage: strings.TrimRight(settings.PublicURL, "/") + "/portal/verify"}})
	last, err := svc.LastSequence(ctx)
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	bg, stop := context.WithCancel(context.WithoutCancel(ctx))
	c := &component{server: grpcapi.NewServer(svc, d.Clock, d.Logger), conn: conn, stop: stop}
	// ctx ends when the runner starts shutting down: streams end then, not at the graceful-stop deadline.
	c.server.EndStreamsWhen(ctx.Done())
	c.wg.Go(func() { statuses.Follow(bg, svc.Tail, last, d.Logger) })
	c.wg.Go(func() { svc.RunJobs(bg, settings.JobInterval, settings.JobInterval) })
	mailer, err := settings.Mail.Mailer(d.Logger)
	if err != nil {
		stop()
		_ = conn.Close()
		return nil, err
	}
	// The registry is asked for addresses as the service itself, not as any person.
	creds, err := auth.NewConfiguredSystemCredentials(d.Config, "liaison-accreditation", d.Clock)
	if err != nil {
		stop()
		_ = conn.Close()
		return nil, err
	}
	resolve := func(ctx context.Context, ref string) (notify.Address, error) {
		if creds != nil {
			var err error
			if ctx, err = creds(ctx); err != nil {
				return notify.Address{}, err
			}
		}
		if org, ok := strings.CutPrefix(ref, "branch:"); ok {
			addr, err := dir.Recipient(ctx, "organization:"+org)
			if errors.Is(err, notify.ErrNoAddress) {
				err = nil
			}
			return notify.Address{Email: settings.BranchMailbox, Name: addr.Name, Languages: []string{"en"}}, err
		}
		addr, err := dir.Recipient(ctx, ref)
		if err != nil {
			return addr, err
		}
		if org, ok := strings.CutPrefix(ref, "organization:"); ok {
			addr.Declines, err = store.DeclinedNotices(ctx, org)
		}
		return addr, err
	}
	notifier := &notify.Notifier{Outbox: outbox, Mailer: mailer, Resolve: resolve,
		From: settings.Mail.MailFrom, PortalURL: settings.PublicURL, Now: d.Clock.Now, Log: d.Logger}
	c.wg.Go(func() { notifier.Run(bg) })
	d.Logger.InfoContext(ctx, "accreditation rules", "no_answer_rule", rule.Describe(), "job_interval", settings.JobInterval.String())
	return c, nil
}

// Register implements service.Component.
func (c *component) Register(s *grpc.Server) { c.server.Register(s) }

// Close stops the background work and the registry connection.
func (c *component) Close() error {
	c.stop()
	c.wg.Wait()
	if err := c.conn.Close(); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
