package idplogin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
)

// Client is one OAuth2 client registration in the provider's own admin API shape, kept as
// read so that every field the file declares reaches the provider unchanged.
type Client map[string]any

// ID is the registration's client_id.
func (c Client) ID() string { s, _ := c["client_id"].(string); return s }

// LoadClients reads a file of client registrations (a JSON array). Each must name its
// client_id, because registering it again must replace it rather than add a second one.
func LoadClients(path string) ([]Client, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var clients []Client
	if err := json.Unmarshal(raw, &clients); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, c := range clients {
		if c.ID() == "" {
			return nil, fmt.Errorf("%s: client %d has no client_id", path, i+1)
		}
	}
	return clients, nil
}

// signingKeySets are the provider's key sets for ID and access tokens. Made as ES256 before
// anyone asks, because the provider's own default is an RSA-4096 key made on first use, which
// stalls the first sign-in on a small machine.
var signingKeySets = []string{"hydra.openid.id-token", "hydra.jwt.access-token"}

// EnsureClients makes the provider hold exactly these registrations, replacing one that
// exists and creating one that does not, and gives it signing keys if it has none. Running it
// again changes nothing, so a stack may run it at every start and again after the provider
// restarted with an empty store.
func (a *App) EnsureClients(ctx context.Context, clients []Client) error {
	for _, set := range signingKeySets {
		status, err := a.send(ctx, http.MethodGet, "/admin/keys/"+set, nil)
		if err != nil {
			return err
		}
		if status == http.StatusNotFound {
			if status, err = a.send(ctx, http.MethodPost, "/admin/keys/"+set, map[string]string{"alg": "ES256", "use": "sig"}); err != nil {
				return err
			} else if status/100 != 2 {
				return fmt.Errorf("creating key set %s: %d", set, status)
			}
		}
	}
	for _, c := range clients {
		status, err := a.send(ctx, http.MethodPut, "/admin/clients/"+url.PathEscape(c.ID()), c)
		if err != nil {
			return err
		}
		if status == http.StatusNotFound {
			status, err = a.send(ctx, http.MethodPost, "/admin/clients", c)
			if err != nil {
				return err
			}
		}
		if status/100 != 2 {
			return fmt.Errorf("registering client %s: %d", c.ID(), status)
		}
	}
	return nil
}

// send makes one admin call whose answer matters only by its status; a transport failure is
// an error, and so is an answer outside 2xx and 404, with the provider's words in it.
func (a *App) send(ctx context.Context, method, path string, in any) (int, error) {
	var body io.Reader
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return 0, err
		}
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.admin+path, body)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusNotFound {
		return resp.StatusCode, errors.New(method + " " + path + ": " + resp.Status + ": " + string(raw))
	}
	return resp.StatusCode, nil
}
