package app

import (
	"strings"
	"testing"
)

// FuzzPageToken feeds arbitrary strings to the page-token decoder, which
// reads what any caller sends: it must refuse them without panicking, and a
// token it issued must decode to its cursor under the same filter only.
//
// A plain `go test` runs the seeds; search for more with
//
//	go test -run '^$' -fuzz '^FuzzPageToken$' -fuzztime 10m ./internal/app/
func FuzzPageToken(f *testing.F) {
	issued := encodePageToken(Cursor{Key: 42, ID: "evt_1", Seq: 7}, EventFilter{Organizer: "climate"})
	for _, seed := range []string{"", issued, issued[:len(issued)-1], "not-base64!", "AAAA", "eyJjIjp7fSwiZiI6IiJ9"} {
		f.Add(seed, int64(1), "evt_x", int64(2), "climate")
	}
	f.Fuzz(func(t *testing.T, tok string, key int64, id string, seq int64, query string) {
		filter := EventFilter{Organizer: query}
		if c, err := decodePageToken(tok, filter); err == nil && tok != "" && c == nil {
			t.Fatalf("token %q accepted without a cursor", tok)
		}
		// Cursor ids are the service's own, always valid UTF-8; JSON would
		// replace anything else.
		want := Cursor{Key: key, ID: strings.ToValidUTF8(id, "?"), Seq: seq}
		tok = encodePageToken(want, filter)
		got, err := decodePageToken(tok, filter)
		if err != nil || got == nil || *got != want {
			t.Fatalf("round trip of %+v: %+v, %v", want, got, err)
		}
		if _, err := decodePageToken(tok, EventFilter{Organizer: query + "x"}); err == nil {
			t.Fatalf("a token for organizer %q was accepted for another filter", query)
		}
	})
}
