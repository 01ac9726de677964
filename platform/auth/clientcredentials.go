package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"google.golang.org/grpc/metadata"
)

// renewBefore is how long before its expiry a process's own token is replaced, so a call
// never leaves with a token that runs out on the way and a stream never reconnects with one.
const renewBefore = 30 * time.Second

// ClientCredentialsConfig is a process's registration with the identity provider.
type ClientCredentialsConfig struct {
	ClientID, ClientSecret string
	// TokenURL is the token endpoint; empty discovers it from Issuer.
	TokenURL string
	Issuer   string
	// Audience is asked for, so the token is one the liaison services accept.
	Audience string
	Scopes   []string
	// Client makes the discovery and token requests (default: a 10-second client).
	Client *http.Client
}

// ClientCredentials returns what a process adds to a call it makes on its own behalf: a bearer
// token obtained with the OAuth2 client-credentials grant, kept until shortly before it expires
// and then renewed. Nothing is fetched until the first call, so a provider that is down at start
// delays the calls that need it rather than the whole process, and every call retries.
func ClientCredentials(c ClientCredentialsConfig) (func(context.Context) (context.Context, error), error) {
	if c.ClientID == "" || c.ClientSecret == "" {
		return nil, errors.New("auth: client credentials need LIAISON_OIDC_CLIENT_ID and LIAISON_OIDC_CLIENT_SECRET")
	}
	if c.TokenURL == "" && c.Issuer == "" {
		return nil, errors.New("auth: client credentials need LIAISON_OIDC_TOKEN_URL or LIAISON_OIDC_ISSUER to find the token endpoint")
	}
	if c.Client == nil {
		c.Client = &http.Client{Timeout: 10 * time.Second}
	}
	src := &grantSource{cfg: c}
	tokens := oauth2.ReuseTokenSourceWithExpiry(nil, src, renewBefore)
	return func(ctx context.Context) (context.Context, error) {
		tok, err := tokens.Token()
		if err != nil {
			return ctx, fmt.Errorf("auth: own token for %s: %w", c.ClientID, err)
		}
		return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok.AccessToken), nil
	}, nil
}

// grantSource asks the provider for a new token every time; ReuseTokenSourceWithExpiry in front
// of it decides when that is needed.
type grantSource struct {
	cfg ClientCredentialsConfig

	mu       sync.Mutex
	tokenURL string
}

func (s *grantSource) Token() (*oauth2.Token, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*s.cfg.Client.Timeout)
	defer cancel()
	ctx = context.WithValue(ctx, oauth2.HTTPClient, s.cfg.Client)
	tokenURL, err := s.endpoint(ctx)
	if err != nil {
		return nil, err
	}
	cc := clientcredentials.Config{
		ClientID:     s.cfg.ClientID,
		ClientSecret: s.cfg.ClientSecret,
		TokenURL:     tokenURL,
		Scopes:       s.cfg.Scopes,
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	if s.cfg.Audience != "" {
		cc.EndpointParams = map[string][]string{"audience": {s.cfg.Audience}}
	}
	return cc.Token(ctx)
}

// endpoint is the configured token URL or the one the issuer's discovery document names,
// read once it has been read successfully.
func (s *grantSource) endpoint(ctx context.Context) (string, error) {
	if s.cfg.TokenURL != "" {
		return s.cfg.TokenURL, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokenURL != "" {
		return s.tokenURL, nil
	}
	doc, err := Discover(ctx, s.cfg.Client, s.cfg.Issuer)
	if err != nil {
		return "", err
	}
	s.tokenURL = doc.TokenEndpoint
	return s.tokenURL, nil
}

// Discovery is the part of an OpenID provider's discovery document liaison uses.
type Discovery struct {
	Issuer                string `json:"issuer"`
	AuthorizationEndpoint string `json:"authorization_endpoint"`
	TokenEndpoint         string `json:"token_endpoint"`
	EndSessionEndpoint    string `json:"end_session_endpoint"`
	JWKSURI               string `json:"jwks_uri"`
}

// Discover reads issuer's /.well-known/openid-configuration and checks that it describes issuer.
func Discover(ctx context.Context, client *http.Client, issuer string) (Discovery, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(issuer, "/")+"/.well-known/openid-configuration", nil)
	if err != nil {
		return Discovery{}, fmt.Errorf("oidc discovery: %w", err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return Discovery{}, fmt.Errorf("oidc discovery: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Discovery{}, fmt.Errorf("oidc discovery: %s", resp.Status)
	}
	var doc Discovery
	if err := json.NewDecoder(http.MaxBytesReader(nil, resp.Body, 1<<20)).Decode(&doc); err != nil {
		return Discovery{}, fmt.Errorf("oidc discovery: %w", err)
	}
	if strings.TrimSuffix(doc.Issuer, "/") != strings.TrimSuffix(issuer, "/") || doc.TokenEndpoint == "" {
		return Discovery{}, fmt.Errorf("oidc discovery: the document at %s does not describe issuer %s", issuer, issuer)
	}
	return doc, nil
}
