package notify

import (
	"fmt"
	"log/slog"
	"net/mail"
)

// Settings are the LIAISON_* variables of a service that sends notices. With no relay the
// notices are written to the log, so `make run` needs nothing but Go.
type Settings struct {
	// SMTPAddr is the mail relay, host:port; empty writes notices to the log instead.
	SMTPAddr string `env:"LIAISON_SMTP_ADDR"`
	// SMTPUsername and SMTPPassword authenticate to the relay when the username is set.
	SMTPUsername string `env:"LIAISON_SMTP_USERNAME"`
	SMTPPassword string `env:"LIAISON_SMTP_PASSWORD" secret:"true"`
	// SMTPTLS is starttls (required), opportunistic, tls (implicit, port 465) or none.
	SMTPTLS string `env:"LIAISON_SMTP_TLS" envDefault:"starttls"`
	// MailFrom is the sender of every notice.
	MailFrom string `env:"LIAISON_MAIL_FROM" envDefault:"UN NGO liaison <no-reply@liaison.invalid>"`
}

// Validate implements the config package's check.
func (s Settings) Validate() error {
	if _, err := mail.ParseAddress(s.MailFrom); err != nil {
		return fmt.Errorf("LIAISON_MAIL_FROM=%q: %w", s.MailFrom, err)
	}
	if s.SMTPAddr != "" {
		if _, err := NewSMTP(s.smtp()); err != nil {
			return fmt.Errorf("LIAISON_SMTP_ADDR / LIAISON_SMTP_TLS: %w", err)
		}
	}
	return nil
}

func (s Settings) smtp() SMTPConfig {
	return SMTPConfig{Addr: s.SMTPAddr, Username: s.SMTPUsername, Password: s.SMTPPassword, TLS: s.SMTPTLS}
}

// Mailer is the relay the settings name, or the log when there is none.
func (s Settings) Mailer(log *slog.Logger) (Mailer, error) {
	if s.SMTPAddr == "" {
		return LogMailer{Log: log}, nil
	}
	return NewSMTP(s.smtp())
}
