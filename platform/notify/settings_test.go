package notify_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/platform/notify/mailpittest"
)

// Without a relay the notices are written to the log, so a machine with only Go runs liaison;
// a relay's settings are checked at start.
func TestSettingsChooseTheLogOrARelay(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	m, err := notify.Settings{MailFrom: "liaison@un.example"}.Mailer(slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), notify.Mail{To: "ngo@example.org", Subject: "Hello", Key: "k1", Language: "fr"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "ngo@example.org") || !strings.Contains(logs.String(), "k1") {
		t.Fatalf("the log has no notice:\n%s", logs.String())
	}
	for _, bad := range []notify.Settings{
		{MailFrom: "not an address"},
		{MailFrom: "a@b.example", SMTPAddr: "relay.example"},
		{MailFrom: "a@b.example", SMTPAddr: "relay.example:25", SMTPTLS: "sometimes"},
	} {
		if bad.Validate() == nil {
			t.Errorf("%+v was accepted", bad)
		}
	}
	if err := (notify.Settings{MailFrom: "UN <a@b.example>", SMTPAddr: "relay.example:587", SMTPTLS: "starttls"}).Validate(); err != nil {
		t.Error(err)
	}
}

// A relay that requires STARTTLS and asks for a user name and password gets both (SMTP AUTH
// over TLS); a notifier told STARTTLS is required refuses a relay that does not offer it.
func TestSMTPWithSTARTTLSAndAuthentication(t *testing.T) {
	t.Parallel()
	mp := mailpittest.Start(t, mailpittest.WithSTARTTLS())
	m, err := notify.NewSMTP(notify.SMTPConfig{Addr: mp.SMTPAddr, TLS: "starttls", Username: "liaison", Password: "secret", Roots: mp.Roots})
	if err != nil {
		t.Fatal(err)
	}
	mail := notify.Mail{MessageID: notify.MessageID("auth:1"), From: "liaison@un.example", To: "ngo@example.org",
		Language: "en", Subject: "Authenticated", Body: "Hello.", Key: "auth:1"}
	if err := m.Send(context.Background(), mail); err != nil {
		t.Fatal(err)
	}
	if got := mp.WaitFor(t, 1, 10*time.Second)[0]; got.Notice != "auth:1" || got.MessageID != "auth.1@notices.liaison" {
		t.Fatalf("received %+v", got)
	}

	plain := mailpittest.Start(t)
	strict, err := notify.NewSMTP(notify.SMTPConfig{Addr: plain.SMTPAddr, TLS: "starttls", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := strict.Send(context.Background(), mail); err == nil {
		t.Fatal("sent in clear text to a relay without STARTTLS although TLS was required")
	}
}
