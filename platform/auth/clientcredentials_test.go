package auth_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/un-liaison/liaison/platform/auth"
)

func TestClientCredentialsRefusesWhatCannotWork(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]auth.ClientCredentialsConfig{
		"no secret":           {ClientID: "events", Issuer: "https://id.un.example"},
		"no endpoint to find": {ClientID: "events", ClientSecret: "s"},
	} {
		if _, err := auth.ClientCredentials(c); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// A discovery document that names another issuer is not trusted with the process's secret.
func TestClientCredentialsTrustOnlyTheConfiguredIssuer(t *testing.T) {
	t.Parallel()
	var tokenCalls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/.well-known/openid-configuration"):
			_ = json.NewEncoder(w).Encode(map[string]string{"issuer": "https://elsewhere.example", "token_endpoint": "http://" + r.Host + "/token"})
		default:
			tokenCalls++
			http.Error(w, "no", http.StatusTeapot)
		}
	}))
	defer srv.Close()
	creds, err := auth.ClientCredentials(auth.ClientCredentialsConfig{ClientID: "events", ClientSecret: "s", Issuer: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := creds(context.Background()); err == nil || !strings.Contains(err.Error(), "does not describe") {
		t.Fatalf("err = %v, want the discovery refused", err)
	}
	if tokenCalls != 0 {
		t.Errorf("the secret was sent to a token endpoint of another issuer")
	}
}
