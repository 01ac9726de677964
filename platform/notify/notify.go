// Package notify sends the e-mail notices a service's changes call for. A service writes each
// notice into its notices table (its outbox) in the same transaction as the change that calls
// for it, under an idempotency key, so a crash between the change and the mail loses nothing and
// a change retried writes no second notice. A Notifier follows the table: it sends what is due
// over SMTP, retries failures with backoff, and after MaxAttempts leaves the notice in a
// dead-letter list officers can read and requeue. Reminders are notices due later; the rules
// that count reminders count those actually sent (Outbox.SentTimes).
//
// Every service that sends notices carries the same notices table in its migrations (see
// Schema); the package owns the SQL that reads and writes it.
package notify

import (
	"time"
)

// State is where a notice stands.
type State string

// The states of a notice.
const (
	// Pending waits for its due time or its next attempt.
	Pending State = "PENDING"
	// Sent was accepted by the mail server.
	Sent State = "SENT"
	// Failed used up its attempts: a dead letter, shown to officers.
	Failed State = "FAILED"
	// Cancelled was withdrawn before it was sent (a question answered before its reminder).
	Cancelled State = "CANCELLED"
)

// Notice is one mail to one recipient.
type Notice struct {
	// Key identifies the notice: writing a notice whose key exists does nothing, so a change
	// replayed, or a follower that restarts, never sends twice. E.g. "question:<id>:reminder:2".
	Key string
	// Kind selects the message (see Kinds).
	Kind string
	// Recipient is "mailto:<address>" or a reference the service's Resolver knows, such as
	// "organization:<id>"; resolved when the notice is sent, so the address of record then is used.
	Recipient string
	// Language, when set, overrides the recipient's own (a BCP 47 tag).
	Language string
	// Topic groups notices for cancelling and counting: the application, question or
	// registration they are about.
	Topic string
	// Link is the portal path where the recipient acts, e.g. "/ngo/applications/app-1".
	Link string
	// Params fill the message's placeholders.
	Params map[string]string
	// Due is when the notice may first be sent; zero means at once.
	Due time.Time
	// Optional notices can be declined by the recipient; those a rule depends on cannot.
	Optional bool

	// Read back from the outbox:
	State       State
	Attempts    int
	NextAttempt time.Time
	LastError   string
	SentTo      string
	SentTime    time.Time
	CreateTime  time.Time
}
