package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
)

// Mail is one rendered notice, ready for a Mailer.
type Mail struct {
	// MessageID is derived from the notice's key, so a receiver can tell a resent notice.
	MessageID string
	From, To  string
	Language  string
	Subject   string
	Body      string
	// Key is the notice's idempotency key, sent as the X-Liaison-Notice header.
	Key string
}

// Mailer delivers a mail; an error means it may not have been delivered and is retried.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

// SMTPConfig says how to reach the mail relay.
type SMTPConfig struct {
	// Addr is host:port of the relay.
	Addr string
	// Username and Password, when Username is set, authenticate (SMTP AUTH, the strongest
	// mechanism the relay offers).
	Username, Password string
	// TLS is "starttls" (required), "opportunistic" (STARTTLS when offered), "tls" (implicit
	// TLS, port 465 style) or "none".
	TLS string
	// Timeout bounds one delivery; 30 s when zero.
	Timeout time.Duration
	// Roots are the certificate authorities trusted for the relay; the system's when nil.
	Roots *x509.CertPool
}

// TLSModes are the values SMTPConfig.TLS accepts.
var TLSModes = []string{"starttls", "opportunistic", "tls", "none"}

// SMTP delivers mail to a relay with go-mail.
type SMTP struct {
	cfg SMTPConfig
}

// NewSMTP checks the configuration; the connection is made per delivery.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil || host == "" {
		return nil, fmt.Errorf("notify: SMTP address %q: want host:port", cfg.Addr)
	}
	if _, err := strconv.Atoi(port); err != nil {
		return nil, fmt.Errorf("notify: SMTP address %q: the port is not a number", cfg.Addr)
	}
	if cfg.TLS == "" {
		cfg.TLS = "starttls"
	}
	known := false
	for _, m := range TLSModes {
		known = known || m == cfg.TLS
	}
	if !known {
		return nil, fmt.Errorf("notify: SMTP TLS mode %q: want one of %s", cfg.TLS, strings.Join(TLSModes, ", "))
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &SMTP{cfg: cfg}, nil
}

func (s *SMTP) client() (*mail.Client, error) {
	host, port, _ := net.SplitHostPort(s.cfg.Addr)
	p, _ := strconv.Atoi(port)
	opts := []mail.Option{mail.WithPort(p), mail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.TLS {
	case "starttls":
		opts = append(opts, mail.WithTLSPortPolicy(mail.TLSMandatory), mail.WithPort(p))
	case "opportunistic":
		opts = append(opts, mail.WithTLSPortPolicy(mail.TLSOpportunistic), mail.WithPort(p))
	case "tls":
		opts = append(opts, mail.WithSSL(), mail.WithPort(p))
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	}
	if s.cfg.TLS != "none" {
		opts = append(opts, mail.WithTLSConfig(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12, RootCAs: s.cfg.Roots}))
	}
	if s.cfg.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(s.cfg.Username), mail.WithPassword(s.cfg.Password))
	}
	return mail.NewClient(host, opts...)
}

// Send implements Mailer.
func (s *SMTP) Send(ctx context.Context, m Mail) error {
	msg := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8))
	if err := msg.From(m.From); err != nil {
		return fmt.Errorf("notify: from %q: %w", m.From, err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("notify: to %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	msg.SetGenHeader(mail.HeaderContentLang, m.Language)
	msg.SetGenHeader("X-Liaison-Notice", m.Key)
	msg.SetBodyString(mail.TypeTextPlain, m.Body)
	c, err := s.client()
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}

// LogMailer writes each mail to the log instead of sending it: `make run` needs no mail server.
type LogMailer struct{ Log *slog.Logger }

// Send implements Mailer.
func (l LogMailer) Send(ctx context.Context, m Mail) error {
	if l.Log == nil {
		return errors.New("notify: LogMailer needs a logger")
	}
	l.Log.InfoContext(ctx, "notice (no SMTP relay configured, so logged instead of sent)",
		slog.String("to", m.To), slog.String("language", m.Language), slog.String("subject", m.Subject),
		slog.String("key", m.Key), slog.String("body", m.Body))
	return nil
}
