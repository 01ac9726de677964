package pagetoken

import (
	"errors"
	"testing"
)

type cursor struct {
	Name string
	ID   string
}

func TestTokenRoundTripsAndRefusesTampering(t *testing.T) {
	c := New([]byte("k"))
	tok, err := c.Encode("country=CH", cursor{"geneva", "org_1"})
	if err != nil {
		t.Fatal(err)
	}
	var got cursor
	if err := c.Decode(tok, "country=CH", &got); err != nil || got != (cursor{"geneva", "org_1"}) {
		t.Fatalf("round trip: %v %+v", err, got)
	}
	cases := map[string]func() error{
		"other filters":  func() error { return c.Decode(tok, "country=FR", &got) },
		"other key":      func() error { return New([]byte("x")).Decode(tok, "country=CH", &got) },
		"truncated":      func() error { return c.Decode(tok[:len(tok)-3], "country=CH", &got) },
		"not base64":     func() error { return c.Decode("%%%", "country=CH", &got) },
		"altered cursor": func() error { return c.Decode(flip(tok), "country=CH", &got) },
	}
	for name, decode := range cases {
		if err := decode(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: want ErrInvalid, got %v", name, err)
		}
	}
}

func flip(s string) string {
	b := []byte(s)
	if b[5] == 'A' {
		b[5] = 'B'
	} else {
		b[5] = 'A'
	}
	return string(b)
}
