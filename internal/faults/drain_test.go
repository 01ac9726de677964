//go:build faults

package faults

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/auth"
)

// outcome is one write of the load: when it ran and how it ended.
type outcome struct {
	start, end time.Time
	reply      reply
	id         string
}

// servedMargin is how long before SIGTERM a call must have been sent for it to have surely
// reached the service: far longer than a loopback hop through the gateway.
const servedMargin = 250 * time.Millisecond

// TestSIGTERMUnderLoadLosesNoAcknowledgedWrite stops the events service
// with SIGTERM while 8 clients register participants. Calls in flight when
// the signal arrives complete; later ones fail cleanly with 503; the service
// exits by itself; and after a restart every registration that was
// acknowledged is there.
func TestSIGTERMUnderLoadLosesNoAcknowledgedWrite(t *testing.T) {
	s := startSystem(t)
	officer := s.token("officer-1", "", auth.RoleOfficer)
	event := s.createMeeting(officer, "Forum on Financing for Development", false)
	org := s.organizations()[0]

	ctx, stop := context.WithCancel(t.Context())
	var (
		mu       sync.Mutex
		outcomes []outcome
		wg       sync.WaitGroup
	)
	for writer := range 8 {
		wg.Go(func() {
			for i := 0; ctx.Err() == nil; i++ {
				key := fmt.Sprintf("w%d-%d", writer, i)
				o := outcome{start: time.Now()}
				o.reply = s.call(context.Background(), "POST", "/v1/events/"+event+"/registrations?requestId="+key,
					officer, registration(org.ID, key+"@example.org"))
				o.end = time.Now()
				if o.reply.err == nil && o.reply.status == http.StatusOK {
					var reg struct {
						ID string `json:"id"`
					}
					o.reply.decode(t, &reg)
					o.id = reg.ID
				}
				mu.Lock()
				outcomes = append(outcomes, o)
				mu.Unlock()
				if o.reply.status == http.StatusServiceUnavailable {
					time.Sleep(50 * time.Millisecond) // a client backs off while the service restarts
				}
			}
		})
	}
	time.Sleep(1500 * time.Millisecond)
	sigterm := time.Now()
	if err := s.signal("events", syscall.SIGTERM, 15*time.Second); err != nil {
		t.Errorf("events after SIGTERM: %v (want a clean exit within the drain)", err)
	}
	exited := time.Now()
	t.Logf("events drained and exited %v after SIGTERM", exited.Sub(sigterm).Round(time.Millisecond))
	time.Sleep(500 * time.Millisecond)
	s.start("events")
	s.waitReady(60 * time.Second)
	time.Sleep(500 * time.Millisecond)
	stop()
	wg.Wait()

	acked := map[string]bool{}
	var inFlight, refused int
	for _, o := range outcomes {
		switch {
		case o.reply.err == nil && o.reply.status == http.StatusOK:
			acked[o.id] = true
			if o.start.Before(sigterm) && o.end.After(sigterm) {
				inFlight++
			}
		case o.reply.err == nil && o.reply.status == http.StatusServiceUnavailable:
			refused++
			// A call sent just before the signal may not have reached the service before it
			// stopped listening (it was still in the client or the gateway), and is rightly
			// refused; one sent well before the signal was being served and must complete.
			if o.start.Before(sigterm.Add(-servedMargin)) {
				t.Errorf("a call in flight at SIGTERM (sent %v before it) was cut off: %v", sigterm.Sub(o.start), o.reply)
			}
		default:
			t.Errorf("a write failed uncleanly (%v after start, SIGTERM at %v): %v",
				o.end.Sub(o.start), sigterm.Sub(o.start), o.reply)
		}
	}
	t.Logf("%d writes: %d acknowledged (%d of them in flight at SIGTERM), %d refused with 503",
		len(outcomes), len(acked), inFlight, refused)
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged")
	}
	stored := s.registrations(officer, event)
	for id := range acked {
		if !stored[id] {
			t.Errorf("acknowledged registration %s is missing after the restart", id)
		}
	}
}
