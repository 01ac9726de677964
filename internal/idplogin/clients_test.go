package idplogin_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/un-liaison/liaison/internal/idplogin"
	"github.com/un-liaison/liaison/internal/idptest"
)

// The stacks that run the provider (compose, the dev cluster) register deploy/identity's
// clients through EnsureClients at every start; this runs it on those very files.
func TestTheDeclaredClientsAreKeptAtTheProvider(t *testing.T) {
	p := idptest.Start(t, idptest.Options{})
	clients, err := idplogin.LoadClients("../../deploy/identity/clients.json")
	if err != nil {
		t.Fatal(err)
	}
	app := idplogin.New(p.AdminURL, nil)
	ctx := context.Background()
	if err := app.EnsureClients(ctx, clients); err != nil {
		t.Fatalf("first registration: %v", err)
	}
	// Again, with a changed name: the registration is replaced, not refused or doubled.
	var services idplogin.Client
	for _, c := range clients {
		if c.ID() == "liaison-services" {
			services = c
		}
	}
	if services == nil {
		t.Fatal("clients.json declares no liaison-services client")
	}
	services["client_name"] = "renamed"
	if err := app.EnsureClients(ctx, clients); err != nil {
		t.Fatalf("second registration: %v", err)
	}

	var got struct {
		Name string `json:"client_name"`
	}
	getJSON(t, p.AdminURL+"/admin/clients/liaison-services", &got)
	if got.Name != "renamed" {
		t.Errorf("client_name %q after the second registration, want renamed", got.Name)
	}
	var all []map[string]any
	getJSON(t, p.AdminURL+"/admin/clients", &all)
	if len(all) != len(clients) {
		t.Errorf("the provider holds %d clients, the file declares %d", len(all), len(clients))
	}

	// The services' client gets a token with the secret the stacks give it.
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"liaison.system"}, "audience": {idptest.Audience}}
	req, _ := http.NewRequest(http.MethodPost, p.PublicURL+"/oauth2/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("liaison-services", services["client_secret"].(string))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
		Scope       string `json:"scope"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("client-credentials grant: %s, %v", resp.Status, err)
	}
	if tok.AccessToken == "" || tok.Scope != "liaison.system" {
		t.Errorf("token %q with scope %q, want a token with liaison.system", tok.AccessToken, tok.Scope)
	}
	// ES256 signing keys were made up front.
	var keys struct {
		Keys []struct {
			Alg string `json:"alg"`
		} `json:"keys"`
	}
	getJSON(t, p.AdminURL+"/admin/keys/hydra.jwt.access-token", &keys)
	if len(keys.Keys) == 0 {
		t.Error("the access-token key set is empty")
	}
}

func TestAClientFileWithoutIDsIsRefused(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/clients.json"
	if err := writeFile(path, `[{"client_name": "no id"}]`); err != nil {
		t.Fatal(err)
	}
	if _, err := idplogin.LoadClients(path); err == nil || !strings.Contains(err.Error(), "client_id") {
		t.Errorf("got %v, want an error naming client_id", err)
	}
}

func getJSON(t *testing.T, u string, out any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

func writeFile(path, body string) error { return os.WriteFile(path, []byte(body), 0o600) }
