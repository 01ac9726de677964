package auth_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/un-liaison/liaison/platform/auth"
)

func TestRequestsToTheIssuerGoWhereTheProviderIsReachable(t *testing.T) {
	t.Parallel()
	provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "provider "+r.URL.RequestURI()+" host "+r.Host)
	}))
	defer provider.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "other "+r.URL.RequestURI())
	}))
	defer other.Close()

	// The issuer's name resolves nowhere here, as a browser-facing address inside a container does not.
	client, err := auth.ProviderClient("http://login.invalid:4444/", provider.URL)
	if err != nil {
		t.Fatal(err)
	}
	get := func(u string) string {
		t.Helper()
		resp, err := client.Get(u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	want := "provider /.well-known/openid-configuration?x=1 host " + provider.Listener.Addr().String()
	if got := get("http://login.invalid:4444/.well-known/openid-configuration?x=1"); got != want {
		t.Errorf("request to the issuer answered %q, want %q", got, want)
	}
	if got := get(other.URL + "/keys"); got != "other /keys" {
		t.Errorf("request to another host answered %q: it must not be rerouted", got)
	}
}

func TestAProviderRouteThatIsNoURLIsRefused(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"login:4444", "ftp://login", "http://"} {
		if _, err := auth.ProviderClient("http://127.0.0.1:4444/", bad); err == nil {
			t.Errorf("provider URL %q accepted", bad)
		}
	}
	if c, err := auth.ProviderClient("http://127.0.0.1:4444/", ""); err != nil || c.Transport != nil {
		t.Errorf("no provider URL: want a plain client, got %v, %v", c, err)
	}
}
