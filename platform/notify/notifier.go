package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Address is where a recipient reads mail, and the languages they read, best first.
type Address struct {
	Email string
	// Name is the recipient's name (an organization's), for the {organization} placeholder when
	// the notice does not carry it.
	Name      string
	Languages []string
	// Declines lists the optional kinds the recipient chose not to receive.
	Declines []string
}

// Resolver finds the address of a recipient reference other than "mailto:", such as
// "organization:<id>". ErrNoAddress means there is none on record: the notice fails at once.
type Resolver func(ctx context.Context, recipient string) (Address, error)

// ErrNoAddress is returned by a Resolver when the recipient has no address on record.
var ErrNoAddress = errors.New("notify: no e-mail address on record")

// Notifier sends the due notices of one outbox. Set the fields, then Run.
type Notifier struct {
	Outbox  *Outbox
	Mailer  Mailer
	Resolve Resolver
	// From is the sender, e.g. "UN NGO liaison <no-reply@liaison.example>".
	From string
	// PortalURL is the portal's address, to which each notice's link is appended.
	PortalURL string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	Log *slog.Logger
	// Poll is how often the outbox is read; 2 s when zero.
	Poll time.Duration
	// FirstBackoff and MaxBackoff bound the wait before a failed notice is tried again (it
	// doubles per attempt); 30 s and 1 h when zero.
	FirstBackoff, MaxBackoff time.Duration
	// MaxAttempts moves a notice to the dead-letter list after that many failures; 12 when
	// zero (with the default backoff, more than a day of trying).
	MaxAttempts int
	// Lease is how long a claimed notice is left to its sender before another notifier may take
	// it up; 5 min when zero.
	Lease time.Duration
}

func (n *Notifier) now() time.Time {
	if n.Now != nil {
		return n.Now()
	}
	return time.Now()
}

func (n *Notifier) log() *slog.Logger {
	if n.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return n.Log
}

// Run sends due notices until ctx ends. A notice being sent when ctx ends is finished first
// (its mail and its record), so a stop never leaves a sent notice recorded as unsent.
func (n *Notifier) Run(ctx context.Context) {
	poll := n.Poll
	if poll <= 0 {
		poll = 2 * time.Second
	}
	for ctx.Err() == nil {
		if _, err := n.SendDue(ctx); err != nil && ctx.Err() == nil {
			n.log().WarnContext(ctx, "notify: reading the outbox", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(poll):
		}
	}
}

// SendDue sends the notices due now, one by one, and returns how many were sent.
func (n *Notifier) SendDue(ctx context.Context) (int, error) {
	due, err := n.Outbox.Due(ctx, n.now(), 100)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, notice := range due {
		if ctx.Err() != nil {
			break
		}
		ok, err := n.sendOne(ctx, notice)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

func (n *Notifier) sendOne(ctx context.Context, notice Notice) (bool, error) {
	lease := n.Lease
	if lease <= 0 {
		lease = 5 * time.Minute
	}
	claimed, err := n.Outbox.Claim(ctx, notice, n.now(), lease)
	if err != nil || !claimed {
		return false, err
	}
	notice.Attempts++
	// From here on the attempt runs to its end even if ctx ends: the mail and its record belong
	// together.
	work, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	mail, err := n.render(work, notice)
	if errors.Is(err, errDeclined) {
		return false, n.Outbox.MarkCancelled(work, notice.Key, "declined by the recipient")
	}
	if err == nil {
		err = n.Mailer.Send(work, mail)
	}
	if err == nil {
		if err := n.Outbox.MarkSent(work, notice.Key, mail.To, n.now()); err != nil {
			return false, err
		}
		n.log().InfoContext(ctx, "notify: sent", slog.String("key", notice.Key), slog.String("kind", notice.Kind), slog.String("language", mail.Language))
		return true, nil
	}
	return false, n.failed(work, notice, err)
}

var errDeclined = errors.New("notify: the recipient declined this kind of notice")

func (n *Notifier) failed(ctx context.Context, notice Notice, cause error) error {
	max := n.MaxAttempts
	if max <= 0 {
		max = 12
	}
	reason := cause.Error()
	if errors.Is(cause, ErrNoAddress) || notice.Attempts >= max {
		n.log().WarnContext(ctx, "notify: notice failed for good; it is in the dead-letter list",
			slog.String("key", notice.Key), slog.Int("attempts", notice.Attempts), slog.String("error", reason))
		return n.Outbox.MarkFailed(ctx, notice.Key, reason)
	}
	first, most := n.FirstBackoff, n.MaxBackoff
	if first <= 0 {
		first = 30 * time.Second
	}
	if most <= 0 {
		most = time.Hour
	}
	wait := first
	for i := 1; i < notice.Attempts && wait < most; i++ {
		wait *= 2
	}
	wait = min(wait, most)
	n.log().DebugContext(ctx, "notify: sending failed; will retry", slog.String("key", notice.Key),
		slog.Int("attempts", notice.Attempts), slog.Duration("retry_in", wait), slog.String("error", reason))
	return n.Outbox.MarkRetry(ctx, notice.Key, reason, n.now().Add(wait))
}

func (n *Notifier) render(ctx context.Context, notice Notice) (Mail, error) {
	var addr Address
	if to, ok := strings.CutPrefix(notice.Recipient, "mailto:"); ok {
		addr.Email = to
	} else {
		if n.Resolve == nil {
			return Mail{}, fmt.Errorf("notify: no resolver for %q", notice.Recipient)
		}
		var err error
		if addr, err = n.Resolve(ctx, notice.Recipient); err != nil {
			return Mail{}, err
		}
		if addr.Email == "" {
			return Mail{}, ErrNoAddress
		}
	}
	if notice.Optional {
		for _, k := range addr.Declines {
			if k == notice.Kind {
				return Mail{}, errDeclined
			}
		}
	}
	if addr.Name != "" && notice.Params["organization"] == "" {
		params := map[string]string{"organization": addr.Name}
		for k, v := range notice.Params {
			params[k] = v
		}
		notice.Params = params
	}
	lang := notice.Language
	if lang == "" {
		lang = "en"
		if len(addr.Languages) > 0 {
			lang = matchAll(addr.Languages)
		}
	}
	subject, body, err := Render(notice, lang, n.PortalURL)
	if err != nil {
		return Mail{}, err
	}
	return Mail{
		MessageID: MessageID(notice.Key),
		From:      n.From, To: addr.Email, Language: lang,
		Subject: subject, Body: body, Key: notice.Key,
	}, nil
}

// MessageID is the Message-ID a notice is sent with: the same for every attempt, so a receiver
// can tell a repeat.
func MessageID(key string) string {
	var b strings.Builder
	for _, r := range key {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('.')
		}
	}
	return b.String() + "@notices.liaison"
}
