package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/config"
)

func TestLoadDefaults(t *testing.T) {
	t.Parallel()
	cfg, err := config.LoadFrom[config.Common](map[string]string{"LIAISON_DEV_MODE": "1"})
	if err != nil {
		t.Fatal(err)
	}
	want := config.Common{
		DataDir:                   ".data",
		LogLevel:                  "info",
		LogFormat:                 "json",
		ShutdownTimeout:           8 * time.Second,
		RegistryAddr:              "127.0.0.1:9001",
		AccreditationAddr:         "127.0.0.1:9002",
		EventsAddr:                "127.0.0.1:9003",
		HTTPAddr:                  "127.0.0.1:8080",
		GRPCMaxConnectionAge:      5 * time.Minute,
		GRPCMaxConnectionAgeGrace: time.Minute,
		OIDCIssuer:                "liaison-dev",
		OIDCAudience:              "liaison",
		Identity: config.Identity{
			DevMode: true, ClientScopes: "liaison.system", RolesClaim: "roles", OrgClaim: "org",
			ScopeRoles: "liaison.system=system",
		},
		RateLimits: config.RateLimits{
			AnonymousPerSecond: 20, AnonymousBurst: 40,
			UserPerSecond: 50, UserBurst: 100,
		},
		Streams: config.StreamLimits{PerCaller: 16, PerConnection: 32},
	}
	if cfg != want {
		t.Fatalf("defaults:\n got %+v\nwant %+v", cfg, want)
	}
}

func TestLoadReadsVariables(t *testing.T) {
	t.Parallel()
	cfg, err := config.LoadFrom[config.Common](map[string]string{
		"LIAISON_DATA_DIR":         "/srv/liaison",
		"LIAISON_DATABASE_URL":     "postgres://app:pw@db:5432/liaison",
		"LIAISON_NOW":              "2025-05-19T09:00:00Z",
		"LIAISON_LOG_FORMAT":       "text",
		"LIAISON_SHUTDOWN_TIMEOUT": "250ms",
		"LIAISON_REGISTRY_ADDR":    ":7001",
		"LIAISON_DEV_MODE":         "1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DataDir != "/srv/liaison" || cfg.DatabaseURL != "postgres://app:pw@db:5432/liaison" ||
		cfg.Now != "2025-05-19T09:00:00Z" || cfg.LogFormat != "text" ||
		cfg.ShutdownTimeout != 250*time.Millisecond || cfg.RegistryAddr != ":7001" {
		t.Fatalf("variables not applied: %+v", cfg)
	}
}

func TestLoadRejectsBadValuesNamingTheVariable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"unparsable-duration", map[string]string{"LIAISON_SHUTDOWN_TIMEOUT": "eight"}, "LIAISON_SHUTDOWN_TIMEOUT"},
		{"zero-duration", map[string]string{"LIAISON_SHUTDOWN_TIMEOUT": "0s"}, "LIAISON_SHUTDOWN_TIMEOUT"},
		{"unknown-log-level", map[string]string{"LIAISON_LOG_LEVEL": "verbose"}, "LIAISON_LOG_LEVEL"},
		{"unknown-log-format", map[string]string{"LIAISON_LOG_FORMAT": "xml"}, "LIAISON_LOG_FORMAT"},
		{"now-not-rfc3339", map[string]string{"LIAISON_NOW": "2025-05-19"}, "LIAISON_NOW"},
		{"addr-without-port", map[string]string{"LIAISON_EVENTS_ADDR": "localhost"}, "LIAISON_EVENTS_ADDR"},
		{"admin-addr-without-port", map[string]string{"LIAISON_ADMIN_ADDR": "0.0.0.0"}, "LIAISON_ADMIN_ADDR"},
		{"negative-rate", map[string]string{"LIAISON_RATE_USER_PER_SECOND": "-1"}, "LIAISON_RATE_USER_PER_SECOND"},
		{"rate-without-burst", map[string]string{"LIAISON_RATE_SYSTEM_PER_SECOND": "100"}, "LIAISON_RATE_SYSTEM_BURST"},
		{"neither-provider-nor-dev-mode", map[string]string{}, "LIAISON_DEV_MODE=1"},
		{"scope-role-not-a-pair", map[string]string{"LIAISON_DEV_MODE": "1", "LIAISON_SCOPE_ROLES": "badges"}, "LIAISON_SCOPE_ROLES"},
		{"client-without-secret", map[string]string{"LIAISON_DEV_MODE": "1", "LIAISON_OIDC_CLIENT_ID": "x"}, "LIAISON_OIDC_CLIENT_SECRET"},
		{"portal-client-without-redirect", map[string]string{"LIAISON_DEV_MODE": "1", "LIAISON_PORTAL_CLIENT_ID": "portal"}, "LIAISON_PORTAL_REDIRECT_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := config.LoadFrom[config.Common](tt.env)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one naming %s", err, tt.want)
			}
		})
	}
}

// gatewayConfig is the shape a binary's own config takes.
type gatewayConfig struct {
	config.Common
	RateLimit   int    `env:"LIAISON_RATE_LIMIT" envDefault:"50"`
	UpstreamKey string `env:"LIAISON_UPSTREAM_KEY" secret:"true"`
	Limits      struct {
		Burst int `env:"BURST" envDefault:"5"`
	} `envPrefix:"LIAISON_LIMITS_"`
}

func TestLoadEmbeddedCommonAndOwnFields(t *testing.T) {
	t.Parallel()
	cfg, err := config.LoadFrom[gatewayConfig](map[string]string{
		"LIAISON_RATE_LIMIT":   "7",
		"LIAISON_LIMITS_BURST": "9",
		"LIAISON_DEV_MODE":     "1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.RateLimit != 7 || cfg.Limits.Burst != 9 || cfg.HTTPAddr != "127.0.0.1:8080" {
		t.Fatalf("got %+v", cfg)
	}
	// Validate is promoted from Common, so the embedded rules still apply.
	if _, err := config.LoadFrom[gatewayConfig](map[string]string{"LIAISON_LOG_FORMAT": "yaml"}); err == nil {
		t.Fatal("embedded Common.Validate was not applied")
	}
	_, err = config.LoadFrom[gatewayConfig](map[string]string{"LIAISON_RATE_LIMIT": "many"})
	if err == nil || !strings.Contains(err.Error(), "LIAISON_RATE_LIMIT") {
		t.Fatalf("error = %v, want one naming LIAISON_RATE_LIMIT", err)
	}
}

func TestFieldsListsEveryVariableWithSecretsMasked(t *testing.T) {
	t.Parallel()
	cfg, err := config.LoadFrom[gatewayConfig](map[string]string{
		"LIAISON_DATABASE_URL":       "postgres://app:s3cret@db.internal:5432/liaison?sslmode=require&password=s3cret",
		"LIAISON_REDIS_URL":          "redis://:s3cret@cache:6379/0",
		"LIAISON_UPSTREAM_KEY":       "s3cret",
		"LIAISON_DEV_MODE":           "1",
		"LIAISON_OIDC_CLIENT_ID":     "badge-office",
		"LIAISON_OIDC_CLIENT_SECRET": "s3cret",
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var order []string
	for _, f := range config.Fields(&cfg) {
		got[f.Name] = f.Value
		order = append(order, f.Name)
		if strings.Contains(f.Value, "s3cret") {
			t.Errorf("%s leaks the secret: %q", f.Name, f.Value)
		}
	}
	want := map[string]string{
		"LIAISON_DATA_DIR":           ".data",
		"LIAISON_DATABASE_URL":       "postgres://***@db.internal:5432/liaison",
		"LIAISON_REDIS_URL":          "redis://***@cache:6379/0",
		"LIAISON_SHUTDOWN_TIMEOUT":   "8s",
		"LIAISON_ADMIN_ADDR":         "",
		"LIAISON_UPSTREAM_KEY":       "***",
		"LIAISON_LIMITS_BURST":       "5",
		"LIAISON_RATE_LIMIT":         "50",
		"LIAISON_OIDC_CLIENT_SECRET": "***",
	}
	for name, value := range want {
		if v, ok := got[name]; !ok || v != value {
			t.Errorf("%s = %q (listed: %v), want %q", name, v, ok, value)
		}
	}
	if len(order) != 44 {
		t.Errorf("listed %d variables, want 44: %v", len(order), order)
	}
	if order[0] != "LIAISON_DATA_DIR" {
		t.Errorf("variables not in declaration order: %v", order)
	}
}

func TestMask(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"postgres://db:5432/liaison", "postgres://db:5432/liaison"},
		{"postgres://user:pw@db:5432/liaison?sslmode=disable", "postgres://***@db:5432/liaison"},
		{"redis://user@cache:6379", "redis://***@cache:6379"},
		{"host=db user=app password=pw", "***"},
		{"not a url", "***"},
	}
	for _, tt := range tests {
		if got := config.Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReplicaListsAreAcceptedAsDialledAddresses(t *testing.T) {
	t.Parallel()
	if _, err := config.LoadFrom[config.Common](map[string]string{
		"LIAISON_DEV_MODE":           "1",
		"LIAISON_ACCREDITATION_ADDR": "127.0.0.1:9002,127.0.0.1:9012",
	}); err != nil {
		t.Fatalf("a list of replicas was refused: %v", err)
	}
	if _, err := config.LoadFrom[config.Common](map[string]string{
		"LIAISON_DEV_MODE":           "1",
		"LIAISON_ACCREDITATION_ADDR": "127.0.0.1:9002,nowhere",
	}); err == nil {
		t.Fatal("a list with an element that is no host:port was accepted")
	}
}
