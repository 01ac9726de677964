package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
)

// runToken prints a JWT signed with the dev key under LIAISON_DATA_DIR, for trying the API
// with curl or grpcurl as an NGO user, an officer or another UN system. It works only in dev
// mode (LIAISON_DEV_MODE=1): elsewhere no service trusts the dev key.
func runToken(out io.Writer, args []string) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	role := fs.String("role", "", "role(s), comma-separated: ngo, officer, committee, system, admin")
	org := fs.String("org", "", "organization id an ngo user acts for (leave it out for a user who has yet to register the organization)")
	sub := fs.String("sub", "", "subject (defaults to dev-<role>)")
	ttl := fs.Duration("ttl", time.Hour, "how long the token stays valid")
	if err := fs.Parse(args); err != nil {
		return err
	}
	roles, err := parseRoles(*role)
	if err != nil {
		return err
	}
	if *ttl <= 0 {
		return errors.New("--ttl must be positive")
	}
	subject := *sub
	if subject == "" {
		subject = "dev-" + strings.ReplaceAll(*role, ",", "-")
	}

	cfg, err := config.Load[config.Common]()
	if err != nil {
		return err
	}
	if !cfg.DevMode || cfg.JWKSURL != "" {
		return errors.New("the token command signs with the dev key, which only a system in dev mode trusts: " +
			"set LIAISON_DEV_MODE=1 (as `liaison dev` does), or get a token from the identity provider")
	}
	clk, err := clock.FromConfig(cfg.Now)
	if err != nil {
		return err
	}
	key, err := auth.LoadOrCreateDevKey(cfg.DataDir)
	if err != nil {
		return err
	}
	claims := auth.Claims{Roles: roles, Org: *org}
	claims.Subject = subject
	claims.Issuer = cfg.OIDCIssuer
	claims.Audience = jwt.ClaimStrings{cfg.OIDCAudience}
	tok, err := auth.IssueDevToken(key, claims, *ttl, clk.Now())
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, tok)
	return err
}

func parseRoles(s string) ([]auth.Role, error) {
	if s == "" {
		return nil, errors.New("--role is required (ngo, officer, committee, system or admin)")
	}
	var roles []auth.Role
	for _, r := range strings.Split(s, ",") {
		role, err := auth.ParseRole(strings.TrimSpace(r))
		if err != nil {
			return nil, err
		}
		roles = append(roles, role)
	}
	return roles, nil
}
