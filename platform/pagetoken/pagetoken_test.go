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
	c := ForService("registry")
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
		"other service":  func() error { return ForService("events").Decode(tok, "country=CH", &got) },
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

func TestAFilterStructBindsTheToken(t *testing.T) {
	type filter struct {
		Country string
		SDGs    []int
	}
	c := ForService("events")
	tok, err := c.Encode(filter{"CH", []int{3, 5}}, cursor{"geneva", "org_1"})
	if err != nil {
		t.Fatal(err)
	}
	var got cursor
	if err := c.Decode(tok, filter{"CH", []int{3, 5}}, &got); err != nil || got != (cursor{"geneva", "org_1"}) {
		t.Fatalf("round trip: %v %+v", err, got)
	}
	if err := c.Decode(tok, filter{"CH", []int{3}}, &got); !errors.Is(err, ErrInvalid) {
		t.Errorf("other filter: want ErrInvalid, got %v", err)
	}
}
