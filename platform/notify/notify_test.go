package notify_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/un-liaison/liaison/platform/locale"
	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/platform/notify/mailpittest"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/platform/sqldb/sqltest"
)

func TestMain(m *testing.M) {
	if os.Getenv("NOTIFY_TEST_CHILD") != "" {
		os.Exit(child())
	}
	sqltest.Main(m)
}

var migrations = fstest.MapFS{
	"sqlite/0001_notices.sql":   {Data: []byte(notify.Schema)},
	"postgres/0001_notices.sql": {Data: []byte(notify.Schema)},
}

func options() sqldb.Options { return sqldb.Options{Service: "notices", Migrations: migrations} }

func write(t *testing.T, db *sqldb.DB, ns ...notify.Notice) {
	t.Helper()
	for _, n := range ns {
		if err := notify.Enqueue(context.Background(), db, db.Dialect(), n, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func notices(count int) []notify.Notice {
	var out []notify.Notice
	for i := range count {
		lang := locale.Languages[i%len(locale.Languages)]
		out = append(out, notify.Notice{
			Key: fmt.Sprintf("test:%02d", i), Kind: notify.KindDecision, Language: lang,
			Recipient: fmt.Sprintf("mailto:ngo%02d@example.org", i), Topic: "app-1",
			Link: "/ngo/applications/app-1", Params: map[string]string{"organization": "Example", "decision": "GRANT", "ref": "2026/201"},
		})
	}
	return out
}

func notifier(db *sqldb.DB, smtpAddr string) *notify.Notifier {
	mailer, err := notify.NewSMTP(notify.SMTPConfig{Addr: smtpAddr, TLS: "none", Timeout: 5 * time.Second})
	if err != nil {
		panic(err)
	}
	return &notify.Notifier{
		Outbox: &notify.Outbox{DB: db}, Mailer: mailer, From: "liaison@un.example",
		PortalURL: "http://portal.test", Poll: 50 * time.Millisecond,
		FirstBackoff: 50 * time.Millisecond, MaxBackoff: 500 * time.Millisecond, MaxAttempts: 1000, Lease: time.Second,
	}
}

// keysOnce checks that every notice arrived once and only once.
func keysOnce(t *testing.T, msgs []mailpittest.Message, want int) {
	t.Helper()
	seen := map[string]int{}
	for _, m := range msgs {
		seen[m.Notice]++
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("notice %s arrived %d times", k, n)
		}
	}
	if len(seen) != want {
		t.Errorf("%d distinct notices arrived, want %d", len(seen), want)
	}
}

// A notice is rendered in its recipient's language, to its recipient, with the link to the
// portal page; enqueuing the same key twice sends one mail.
func TestNoticesArriveInTheirLanguageWithTheirLink(t *testing.T) {
	t.Parallel()
	mp := mailpittest.Start(t)
	sqltest.Each(t, options(), func(t *testing.T, open func() *sqldb.DB) {
		db := open()
		ns := notices(6)
		write(t, db, ns...)
		write(t, db, ns...) // a change replayed writes nothing new
		n := notifier(db, mp.SMTPAddr)
		before := len(mp.Messages(t))
		if sent, err := n.SendDue(context.Background()); err != nil || sent != 6 {
			t.Fatalf("SendDue = %d, %v; want 6", sent, err)
		}
		byKey := map[string]mailpittest.Message{}
		for _, m := range mp.WaitFor(t, before+6, 10*time.Second)[before:] {
			byKey[m.Notice] = m
		}
		for _, want := range ns {
			m := byKey[want.Key]
			if len(m.To) != 1 || "mailto:"+m.To[0] != want.Recipient {
				t.Errorf("%s went to %v", want.Key, m.To)
			}
			if m.Language != want.Language {
				t.Errorf("%s in %q, want %q", want.Key, m.Language, want.Language)
			}
			if !strings.Contains(m.Text, "http://portal.test/ngo/applications/app-1") {
				t.Errorf("%s has no link:\n%s", want.Key, m.Text)
			}
		}
		if ar, zh := byKey[ns[0].Key].Subject, byKey[ns[1].Key].Subject; !strings.Contains(ar, "قرار") || !strings.Contains(zh, "决定") {
			t.Errorf("subjects not in Arabic and Chinese: %q, %q", ar, zh)
		}
		if sent, err := n.SendDue(context.Background()); err != nil || sent != 0 {
			t.Fatalf("a second round sent %d, %v", sent, err)
		}
	})
}

// The mail server down for a while loses nothing: the notices are retried with backoff and all
// sent, once each, when it is back; one that runs out of attempts lands in the dead-letter list,
// and an officer's requeue sends it.
func TestSMTPDownLosesNoNotice(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, options(), func(t *testing.T, open func() *sqldb.DB) {
		mp := mailpittest.Start(t)
		db := open()
		outbox := &notify.Outbox{DB: db}
		mp.Stop()
		write(t, db, notices(10)...)
		n := notifier(db, mp.SMTPAddr)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { n.Run(ctx); close(done) }()
		// Down until every notice has failed three times.
		waitUntil(t, "every notice tried three times", func() bool {
			for _, k := range notices(10) {
				got, _, err := outbox.Get(context.Background(), k.Key)
				if err != nil || got.Attempts < 3 || got.State != notify.Pending {
					return false
				}
			}
			return true
		})
		mp.Restart(t)
		keysOnce(t, mp.WaitFor(t, 10, 30*time.Second), 10)
		cancel()
		<-done

		// A notice that runs out of attempts is a dead letter until requeued.
		mp.Stop()
		dead := notify.Notice{Key: "test:dead", Kind: notify.KindReportDue, Recipient: "mailto:late@example.org", Link: "/ngo/reports",
			Params: map[string]string{"organization": "Late", "duedate": "2027-01-31"}}
		write(t, db, dead)
		n.MaxAttempts = 2
		waitUntil(t, "the notice failed for good", func() bool {
			_, _ = n.SendDue(context.Background())
			failed, err := outbox.Failed(context.Background(), 10, nil)
			return err == nil && len(failed) == 1 && failed[0].Key == dead.Key && failed[0].LastError != ""
		})
		mp.Restart(t)
		if ok, err := outbox.Requeue(context.Background(), dead.Key, time.Now()); !ok || err != nil {
			t.Fatalf("Requeue = %v, %v", ok, err)
		}
		if sent, err := n.SendDue(context.Background()); err != nil || sent != 1 {
			t.Fatalf("after the requeue SendDue = %d, %v", sent, err)
		}
		keysOnce(t, mp.WaitFor(t, 11, 10*time.Second), 11)
	})
}

// A notifier process killed while it holds a notice, and started again, sends every notice
// exactly once: the one it held is taken up again when its claim lapses.
func TestKilledNotifierRestartedSendsEveryNoticeOnce(t *testing.T) {
	t.Parallel()
	for _, dialect := range []sqldb.Dialect{sqldb.SQLite, sqldb.Postgres} {
		t.Run(dialect.String(), func(t *testing.T) {
			t.Parallel()
			mp := mailpittest.Start(t)
			opts := options()
			if dialect == sqldb.Postgres {
				opts.DatabaseURL = sqltest.Postgres(t)
			} else {
				opts.DataDir = t.TempDir()
			}
			ctx := context.Background()
			db, err := sqldb.Open(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			const total = 20
			write(t, db, notices(total)...)

			marker := filepath.Join(t.TempDir(), "holding")
			run := func(hangAt int) *exec.Cmd {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), "NOTIFY_TEST_CHILD=1", "NOTIFY_TEST_DATADIR="+opts.DataDir,
					"NOTIFY_TEST_DBURL="+opts.DatabaseURL, "NOTIFY_TEST_SMTP="+mp.SMTPAddr,
					"NOTIFY_TEST_MARKER="+marker, fmt.Sprintf("NOTIFY_TEST_HANG_AT=%d", hangAt))
				cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				return cmd
			}
			first := run(8)
			waitUntil(t, "the first notifier holds its eighth notice", func() bool {
				_, err := os.Stat(marker)
				return err == nil
			})
			if err := first.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			_ = first.Wait()
			if got := len(mp.WaitFor(t, 7, 10*time.Second)); got != 7 {
				t.Fatalf("%d mails before the kill, want 7", got)
			}
			second := run(0)
			defer func() { _ = second.Process.Kill(); _ = second.Wait() }()
			keysOnce(t, mp.WaitFor(t, total, 60*time.Second), total)
			outbox := &notify.Outbox{DB: db}
			for _, n := range notices(total) {
				got, _, err := outbox.Get(ctx, n.Key)
				if err != nil || got.State != notify.Sent {
					t.Errorf("%s: %v, %v", n.Key, got.State, err)
				}
			}
		})
	}
}

// child is the notifier process of TestKilledNotifierRestartedSendsEveryNoticeOnce: with
// NOTIFY_TEST_HANG_AT=k it stops, holding its claim, before sending its k-th mail.
func child() int {
	ctx := context.Background()
	db, err := sqldb.Open(ctx, sqldb.Options{Service: "notices", DataDir: os.Getenv("NOTIFY_TEST_DATADIR"), DatabaseURL: os.Getenv("NOTIFY_TEST_DBURL")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	n := notifier(db, os.Getenv("NOTIFY_TEST_SMTP"))
	var hangAt int
	fmt.Sscan(os.Getenv("NOTIFY_TEST_HANG_AT"), &hangAt)
	n.Mailer = &hanging{Mailer: n.Mailer, at: int64(hangAt), marker: os.Getenv("NOTIFY_TEST_MARKER")}
	n.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	n.Run(ctx)
	return 0
}

type hanging struct {
	notify.Mailer
	at     int64
	count  atomic.Int64
	marker string
}

func (h *hanging) Send(ctx context.Context, m notify.Mail) error {
	if h.count.Add(1) == h.at {
		_ = os.WriteFile(h.marker, []byte(m.Key), 0o600)
		select {}
	}
	return h.Mailer.Send(ctx, m)
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Every kind of notice has a subject and a body in all six languages, and every placeholder
// is filled.
func TestEveryNoticeInSixLanguages(t *testing.T) {
	t.Parallel()
	params := map[string]string{"organization": "O", "question": "Q", "askeddate": "2026-01-02", "n": "2", "decision": "GRANT",
		"ref": "R", "duedate": "2027-05-31", "state": "SUSPENDED", "event": "E", "startdate": "2027-03-01", "participant": "P",
		"title": "T", "meeting": "M", "reason": "why", "deadlinedate": "2028-01-20", "sessiondate": "2028-01-22",
		"category": "SPECIAL", "answer": "A", "position": "3"}
	for _, kind := range notify.Kinds() {
		seen := map[string]bool{}
		for _, lang := range locale.Languages {
			subject, body, err := notify.Render(notify.Notice{Kind: kind, Params: params, Link: "/x"}, lang, "https://portal")
			if err != nil {
				t.Fatal(err)
			}
			if subject == "" || strings.ContainsAny(subject+body, "{}") || !strings.Contains(body, "https://portal/x") {
				t.Errorf("%s in %s: %q / %q", kind, lang, subject, body)
			}
			if seen[subject] {
				t.Errorf("%s: %s repeats another language's subject", kind, lang)
			}
			seen[subject] = true
		}
	}
}

// With the production backoff (30 s doubling, 12 attempts), a relay down for a full minute by
// the notifier's clock loses nothing: every notice is still pending while it is down, and all
// are sent, once each, on the first retry after it is back. The relay is really down (its port
// refuses connections); only the minute is counted on a stepped clock.
func TestRelayDownForAMinuteWithProductionBackoff(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, options(), func(t *testing.T, open func() *sqldb.DB) {
		mp := mailpittest.Start(t)
		db := open()
		outbox := &notify.Outbox{DB: db}
		write(t, db, notices(5)...)
		mailer, err := notify.NewSMTP(notify.SMTPConfig{Addr: mp.SMTPAddr, TLS: "none", Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		clock := time.Now()
		n := &notify.Notifier{Outbox: outbox, Mailer: mailer, From: "liaison@un.example", PortalURL: "http://portal.test",
			Now: func() time.Time { return clock }}
		mp.Stop()
		down := clock
		for clock.Sub(down) <= time.Minute {
			if sent, err := n.SendDue(context.Background()); err != nil || sent != 0 {
				t.Fatalf("while the relay is down: %d sent, %v", sent, err)
			}
			clock = clock.Add(5 * time.Second)
		}
		for _, k := range notices(5) {
			got, _, err := outbox.Get(context.Background(), k.Key)
			if err != nil || got.State != notify.Pending || got.Attempts < 2 || got.LastError == "" {
				t.Fatalf("%s after a minute down: %+v, %v", k.Key, got, err)
			}
		}
		mp.Restart(t)
		sent := 0
		for sent < 5 && clock.Sub(down) < 10*time.Minute {
			k, err := n.SendDue(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			sent += k
			clock = clock.Add(5 * time.Second)
		}
		if sent != 5 {
			t.Fatalf("%d of 5 sent within ten minutes of the outage", sent)
		}
		keysOnce(t, mp.WaitFor(t, 5, 10*time.Second), 5)
	})
}

// Writing a notice whose key exists leaves a pending, sent or failed one alone and makes a
// cancelled one pending again; Cancel spares the key it is told to keep.
func TestEnqueueAndCancelByKey(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, options(), func(t *testing.T, open func() *sqldb.DB) {
		ctx := context.Background()
		db := open()
		o := &notify.Outbox{DB: db}
		ns := notices(3)
		write(t, db, ns...)
		if err := notify.Cancel(ctx, db, db.Dialect(), "app-1", notify.KindDecision, ns[0].Key); err != nil {
			t.Fatal(err)
		}
		state := func(k string) notify.State {
			n, _, err := o.Get(ctx, k)
			if err != nil {
				t.Fatal(err)
			}
			return n.State
		}
		if state(ns[0].Key) != notify.Pending || state(ns[1].Key) != notify.Cancelled {
			t.Fatalf("after cancel: %s %s", state(ns[0].Key), state(ns[1].Key))
		}
		if err := o.MarkSent(ctx, ns[0].Key, "x@example.org", time.Now()); err != nil {
			t.Fatal(err)
		}
		write(t, db, ns...)
		if state(ns[0].Key) != notify.Sent || state(ns[1].Key) != notify.Pending || state(ns[2].Key) != notify.Pending {
			t.Fatalf("after writing again: %s %s %s", state(ns[0].Key), state(ns[1].Key), state(ns[2].Key))
		}
	})
}

// The backlog counts the pending notices already due, and the dead letters apart.
func TestOutboxCounts(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, options(), func(t *testing.T, open func() *sqldb.DB) {
		ctx := context.Background()
		db := open()
		o := &notify.Outbox{DB: db}
		ns := notices(3)
		ns[2].Due = time.Now().Add(time.Hour)
		write(t, db, ns...)
		if err := o.MarkFailed(ctx, ns[0].Key, "relay refused"); err != nil {
			t.Fatal(err)
		}
		due, err1 := o.Count(ctx, notify.Pending, time.Now())
		failed, err2 := o.Count(ctx, notify.Failed, time.Now())
		if due != 1 || failed != 1 || err1 != nil || err2 != nil {
			t.Fatalf("due %d (%v), failed %d (%v)", due, err1, failed, err2)
		}
	})
}
