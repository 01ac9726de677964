package changestream_test

import (
	"context"
	"testing"

	"github.com/un-liaison/liaison/platform/changestream"
)

// A copy answers only while live; it keeps what the source answered unless a change or a reset
// overtook the answer; it stays within its limit, yet applies changes to what it holds.
func TestCopyKeepsOnlyTheNewestNewsWithinItsLimit(t *testing.T) {
	t.Parallel()
	c := &changestream.Copy[string]{Limit: 2}
	get := func(key string) (string, bool) {
		t.Helper()
		v, live, known := c.Get(key)
		return v, live && known
	}
	c.Keep("org-1", "looked up", c.Ticket())
	if _, ok := get("org-1"); ok {
		t.Fatal("a copy that is not live kept a lookup or answered")
	}
	c.SetLive(true)
	for _, key := range []string{"org-1", "org-2", "org-3"} {
		c.Keep(key, "looked up", c.Ticket())
	}
	if _, ok := get("org-3"); ok {
		t.Error("the key past the limit was remembered")
	}
	// A change for a remembered key still applies when the copy is full; one for a key it does
	// not hold moves the stream's position without being remembered.
	if !c.Apply(1, "org-1", "changed") || !c.Apply(2, "org-3", "changed") || c.After() != 2 {
		t.Fatalf("changes not applied; after %d", c.After())
	}
	if v, ok := get("org-1"); !ok || v != "changed" {
		t.Errorf("org-1 is %q after its change", v)
	}
	if _, ok := get("org-3"); ok {
		t.Error("a change made room past the limit")
	}
	if c.Apply(2, "org-1", "replayed") {
		t.Error("a change delivered again after a reconnect was applied again")
	}
	// A lookup overtaken by a change for the same key is not kept over the change.
	stale := c.Ticket()
	c.Apply(3, "org-2", "changed")
	c.Keep("org-2", "older lookup", stale)
	if v, _ := get("org-2"); v != "changed" {
		t.Errorf("an older lookup replaced a newer change: %q", v)
	}
	// After a reset nothing learnt before is kept, nor a lookup begun before it.
	before := c.Ticket()
	if err := c.Reset(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.Keep("org-1", "looked up before the reset", before)
	if _, ok := get("org-1"); ok || c.After() != 0 {
		t.Errorf("after a reset: org-1 still known, or stream resumes after %d", c.After())
	}
}
