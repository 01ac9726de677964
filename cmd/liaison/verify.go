package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/statuscredential"
)

const verifyUsage = `usage: liaison verify --keys FILE|URL [--status-list auto|FILE|URL] [--at RFC3339] CREDENTIAL|-

Checks a status credential with nothing but the published keys: its ES256 signature, its type and
its validity period. With --status-list it also checks the revocation bit, in the status list the
credential names (auto) or in a copy kept earlier (FILE). Exit status 0 when the credential holds,
1 when it does not.
`

// runVerify checks a status credential offline, the way any verifier can:
// the keys from the well-known URL (or a copy of them), never a call to the
// accreditation service itself.
func runVerify(out io.Writer, in io.Reader, args []string) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), verifyUsage); fs.PrintDefaults() }
	keysFrom := fs.String("keys", "", "the JWKS: a file, or a URL such as https://HOST/.well-known/credential-keys.json")
	listFrom := fs.String("status-list", "", "check revocation: auto (the URI in the credential), a file or a URL; empty skips it")
	at := fs.String("at", "", "verify as of this RFC 3339 instant instead of now")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *keysFrom == "" || fs.NArg() != 1 {
		fs.Usage()
		return errors.New("give --keys and one credential (or - to read it from stdin)")
	}
	token := fs.Arg(0)
	if token == "-" {
		b, err := io.ReadAll(io.LimitReader(in, 1<<16))
		if err != nil {
			return err
		}
		token = string(b)
	}
	token = strings.TrimSpace(token)
	now := time.Now()
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			return fmt.Errorf("--at: %w", err)
		}
		now = t
	}
	raw, err := load(*keysFrom, "application/jwk-set+json")
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	keys, err := statuscredential.ParseKeySet(raw)
	if err != nil {
		return err
	}
	v, err := statuscredential.VerifyCredential(token, keys, now)
	if err != nil {
		return errRefused{err}
	}
	c := v.Claims
	s := c.VC.CredentialSubject
	fmt.Fprintf(out, "valid: signed by %s with key %s\n", c.Issuer, v.KeyID)
	fmt.Fprintf(out, "organization: %s (%s)\n", s.Name, s.ID)
	fmt.Fprintf(out, "status: %s %s, granted on %s by %s", s.ConsultativeStatus.State, s.ConsultativeStatus.Category,
		s.ConsultativeStatus.GrantedOn, s.ConsultativeStatus.DecisionSymbol)
	if s.ConsultativeStatus.NextReportDue != "" {
		fmt.Fprintf(out, ", next report due %s", s.ConsultativeStatus.NextReportDue)
	}
	fmt.Fprintf(out, "\nvalid from %s until %s (credential %s)\n", time.Unix(c.IssuedAt, 0).UTC().Format(time.RFC3339),
		time.Unix(c.Expiry, 0).UTC().Format(time.RFC3339), c.ID)
	if *listFrom == "" {
		fmt.Fprintln(out, "revocation: not checked (give --status-list auto)")
		return nil
	}
	src := *listFrom
	if src == "auto" {
		src = c.Status.StatusList.URI
	}
	body, err := load(src, statuscredential.StatusListMediaType)
	if err != nil {
		return fmt.Errorf("status list: %w", err)
	}
	list, err := statuscredential.VerifyStatusList(strings.TrimSpace(string(body)), keys, c.Status.StatusList.URI, now)
	if err != nil {
		return fmt.Errorf("status list: %w", err)
	}
	revoked, err := list.StatusList.Revoked(c.Status.StatusList.Index)
	if err != nil {
		return fmt.Errorf("status list: %w", err)
	}
	if revoked {
		return errRefused{errors.New("revoked: the organization's status has been suspended or withdrawn since")}
	}
	fmt.Fprintf(out, "revocation: not revoked (status list of %s)\n", time.Unix(list.IssuedAt, 0).UTC().Format(time.RFC3339))
	return nil
}

// errRefused is a credential that does not hold, as opposed to a failure to
// check it.
type errRefused struct{ err error }

func (e errRefused) Error() string { return "refused: " + e.err.Error() }
func (e errRefused) Unwrap() error { return e.err }

// load reads a file, or fetches a URL.
func load(src, accept string) ([]byte, error) {
	if !strings.HasPrefix(src, "http://") && !strings.HasPrefix(src, "https://") {
		return os.ReadFile(src)
	}
	req, err := http.NewRequest(http.MethodGet, src, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", accept)
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %d", src, resp.StatusCode)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 16<<20))
}
