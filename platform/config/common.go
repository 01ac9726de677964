// Package config reads each binary's settings from LIAISON_* environment
// variables into a typed struct, so that a bad value stops the process at
// start with a message naming the variable, and the running configuration can
// be printed with its secrets masked.
package config

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

// Common holds the settings every liaison binary shares. A binary embeds it
// in its own struct and adds what only it needs.
type Common struct {
	// DataDir is where the embedded databases and the dev signing key live.
	DataDir string `env:"LIAISON_DATA_DIR" envDefault:".data"`
	// DatabaseURL switches from embedded SQLite to PostgreSQL; each service
	// then keeps its tables in its own schema of that database.
	DatabaseURL string `env:"LIAISON_DATABASE_URL" secret:"true"`
	// DatabasePoolMode is "transaction" when DatabaseURL leads to a pooler in transaction
	// mode (PgBouncer): no session state is used, and each service's role must carry its
	// schema as search_path. Empty for a direct connection or session pooling.
	DatabasePoolMode string `env:"LIAISON_DATABASE_POOL_MODE"`
	// RedisURL switches the cache from in-process memory to Redis, which is
	// what lets several replicas share cached reads.
	RedisURL string `env:"LIAISON_REDIS_URL" secret:"true"`
	// Now pins the clock of the whole system (RFC 3339); empty is real time.
	Now string `env:"LIAISON_NOW"`

	LogLevel  string `env:"LIAISON_LOG_LEVEL" envDefault:"info"`
	LogFormat string `env:"LIAISON_LOG_FORMAT" envDefault:"json"`
	// ShutdownTimeout bounds how long in-flight calls may run after a stop
	// signal before they are cut off.
	ShutdownTimeout time.Duration `env:"LIAISON_SHUTDOWN_TIMEOUT" envDefault:"8s"`

	// Each service listens on its own address; the gateway and peer services
	// dial the same variables, so one setting moves both ends. A dialled
	// address may also be a gRPC target (dns:///registry:9001) or a
	// comma-separated list of replicas' host:port, which clients balance over.
	RegistryAddr      string `env:"LIAISON_REGISTRY_ADDR" envDefault:"127.0.0.1:9001"`
	AccreditationAddr string `env:"LIAISON_ACCREDITATION_ADDR" envDefault:"127.0.0.1:9002"`
	EventsAddr        string `env:"LIAISON_EVENTS_ADDR" envDefault:"127.0.0.1:9003"`
	HTTPAddr          string `env:"LIAISON_HTTP_ADDR" envDefault:"127.0.0.1:8080"`
	// GRPCMaxConnectionAge and GRPCMaxConnectionAgeGrace bound how long a client keeps one
	// connection to a service replica, so that load spreads when replicas are added; see
	// deploy/README.md for the numbers.
	GRPCMaxConnectionAge      time.Duration `env:"LIAISON_GRPC_MAX_CONNECTION_AGE" envDefault:"5m"`
	GRPCMaxConnectionAgeGrace time.Duration `env:"LIAISON_GRPC_MAX_CONNECTION_AGE_GRACE" envDefault:"1m"`
	// AdminAddr serves operational endpoints (metrics); empty keeps them off.
	AdminAddr string `env:"LIAISON_ADMIN_ADDR"`

	// JWKSURL is where production verifies tokens (OIDC); empty means the
	// dev signing key in DataDir is trusted instead, which needs DevMode.
	JWKSURL      string `env:"LIAISON_JWKS_URL"`
	OIDCIssuer   string `env:"LIAISON_OIDC_ISSUER" envDefault:"liaison-dev"`
	OIDCAudience string `env:"LIAISON_OIDC_AUDIENCE" envDefault:"liaison"`
	// Identity is dev mode, the process's own client registration, the
	// portal's, and which claims carry roles and organization (identity.go).
	Identity

	// CORSOrigins lists, comma-separated, the web origins whose pages may
	// call the REST edge from a browser (e.g. https://ngo.un.org); empty
	// allows none, "*" any.
	CORSOrigins string `env:"LIAISON_CORS_ORIGINS"`
	// TrustedProxies lists, comma-separated, the CIDRs of the proxies (the Ingress controller)
	// whose X-Forwarded-For the edge believes when it names a caller for rate limits; from
	// anyone else the header is ignored. Empty trusts no one.
	TrustedProxies string `env:"LIAISON_TRUSTED_PROXIES"`
	// RateLimits bound how fast each caller may send requests to the edge.
	RateLimits RateLimits `envPrefix:"LIAISON_RATE_"`
	// Streams bound each service's open watch streams per caller and per connection.
	Streams StreamLimits `envPrefix:"LIAISON_STREAMS_"`
}

// RateLimits are the edge's per-caller request rates: a sustained rate per
// second and a burst a caller may send at once. A rate of 0 means unlimited.
// Anonymous callers are counted per client address, signed-in ones per token
// subject; system callers (other UN systems) have their own, by default
// unlimited, allowance because they batch on everyone's behalf.
type RateLimits struct {
	AnonymousPerSecond int `env:"ANONYMOUS_PER_SECOND" envDefault:"20"`
	AnonymousBurst     int `env:"ANONYMOUS_BURST" envDefault:"40"`
	UserPerSecond      int `env:"USER_PER_SECOND" envDefault:"50"`
	UserBurst          int `env:"USER_BURST" envDefault:"100"`
	SystemPerSecond    int `env:"SYSTEM_PER_SECOND" envDefault:"0"`
	SystemBurst        int `env:"SYSTEM_BURST" envDefault:"0"`
}

// Validate rejects values that parse but cannot work. Load calls it; a binary
// that defines its own Validate on a struct embedding Common should call
// Common.Validate from it.
func (c Common) Validate() error {
	var errs []error
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("LIAISON_LOG_LEVEL=%q: want one of debug, info, warn, error", c.LogLevel))
	}
	switch c.LogFormat {
	case "json", "text":
	default:
		errs = append(errs, fmt.Errorf("LIAISON_LOG_FORMAT=%q: want json or text", c.LogFormat))
	}
	if c.Now != "" {
		if _, err := time.Parse(time.RFC3339Nano, c.Now); err != nil {
			errs = append(errs, fmt.Errorf("LIAISON_NOW=%q: want an RFC 3339 instant such as 2025-05-19T09:00:00Z", c.Now))
		}
	}
	if c.GRPCMaxConnectionAge <= 0 || c.GRPCMaxConnectionAgeGrace <= 0 {
		errs = append(errs, fmt.Errorf("LIAISON_GRPC_MAX_CONNECTION_AGE=%s, LIAISON_GRPC_MAX_CONNECTION_AGE_GRACE=%s: both must be positive",
			c.GRPCMaxConnectionAge, c.GRPCMaxConnectionAgeGrace))
	}
	if c.DatabasePoolMode != "" && c.DatabasePoolMode != "session" && c.DatabasePoolMode != "transaction" {
		errs = append(errs, fmt.Errorf("LIAISON_DATABASE_POOL_MODE=%q: want session, transaction or nothing", c.DatabasePoolMode))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("LIAISON_SHUTDOWN_TIMEOUT=%s: must be positive", c.ShutdownTimeout))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("LIAISON_DATA_DIR: must not be empty"))
	}
	addrs := []struct{ name, value string }{
		{"LIAISON_REGISTRY_ADDR", c.RegistryAddr},
		{"LIAISON_ACCREDITATION_ADDR", c.AccreditationAddr},
		{"LIAISON_EVENTS_ADDR", c.EventsAddr},
		{"LIAISON_HTTP_ADDR", c.HTTPAddr},
		{"LIAISON_ADMIN_ADDR", c.AdminAddr},
	}
	for _, a := range addrs {
		if a.value == "" && a.name == "LIAISON_ADMIN_ADDR" {
			continue
		}
		for _, one := range strings.Split(a.value, ",") {
			if _, _, err := net.SplitHostPort(one); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: want host:port", a.name, a.value))
				break
			}
		}
	}
	errs = append(errs, c.RateLimits.validate()...)
	errs = append(errs, c.validateIdentity()...)
	return errors.Join(errs...)
}

func (r RateLimits) validate() []error {
	var errs []error
	tiers := []struct {
		name        string
		rate, burst int
	}{
		{"ANONYMOUS", r.AnonymousPerSecond, r.AnonymousBurst},
		{"USER", r.UserPerSecond, r.UserBurst},
		{"SYSTEM", r.SystemPerSecond, r.SystemBurst},
	}
	for _, t := range tiers {
		switch {
		case t.rate < 0:
			errs = append(errs, fmt.Errorf("LIAISON_RATE_%s_PER_SECOND=%d: want 0 (unlimited) or more", t.name, t.rate))
		case t.rate > 0 && t.burst < 1:
			errs = append(errs, fmt.Errorf("LIAISON_RATE_%s_BURST=%d: a limited caller needs a burst of at least 1", t.name, t.burst))
		}
	}
	return errs
}
