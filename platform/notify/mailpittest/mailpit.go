// Package mailpittest runs a real SMTP server for tests: Mailpit, built into .bin by
// `make mailpit` (or here, the first time), started as a throwaway process on free loopback
// ports with its messages in a temporary database, and read back through its HTTP API. Import it
// from tests only.
package mailpittest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/un-liaison/liaison/platform/tooltest"
)

// Server is one Mailpit process.
type Server struct {
	// SMTPAddr is where to send mail (any user name and password are accepted).
	SMTPAddr string
	// APIURL is the HTTP API and web view.
	APIURL string
	// Roots trusts the server's certificate, with WithSTARTTLS; nil otherwise.
	Roots *x509.CertPool

	bin, db string
	args    []string
	mu      sync.Mutex
	cmd     *exec.Cmd
}

// Option changes how the server runs.
type Option func(t testing.TB, s *Server)

// WithSTARTTLS makes the server require STARTTLS, with a certificate for 127.0.0.1 made for
// the test (trusted by Server.Roots), as a real relay does.
func WithSTARTTLS() Option {
	return func(t testing.TB, s *Server) {
		t.Helper()
		dir := t.TempDir()
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
			IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			t.Fatal(err)
		}
		keyDER, err := x509.MarshalECPrivateKey(key)
		if err != nil {
			t.Fatal(err)
		}
		certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
		if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
			t.Fatal(err)
		}
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		s.Roots = x509.NewCertPool()
		s.Roots.AddCert(cert)
		s.args = append(s.args, "--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile, "--smtp-require-starttls")
	}
}

// Start runs Mailpit until the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{
		SMTPAddr: freeAddr(t), APIURL: "http://" + freeAddr(t),
		bin: tooltest.Binary(t, "mailpit", "github.com/axllent/mailpit"), db: filepath.Join(t.TempDir(), "mailpit.db"),
	}
	for _, o := range opts {
		o(t, s)
	}
	s.start(t)
	t.Cleanup(s.stop)
	return s
}

func (s *Server) start(t testing.TB) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	args := []string{"--smtp", s.SMTPAddr, "--listen", s.APIURL[len("http://"):],
		"--database", s.db, "--smtp-auth-accept-any", "--max", "5000", "--quiet"}
	if s.Roots == nil {
		args = append(args, "--smtp-auth-allow-insecure")
	}
	args = append(args, s.args...)
	cmd := exec.Command(s.bin, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("mailpittest: starting %s: %v", s.bin, err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(s.APIURL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				if c, err := net.Dial("tcp", s.SMTPAddr); err == nil {
					c.Close()
					return
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpittest: Mailpit did not answer on %s within 30 s", s.APIURL)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *Server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// Stop ends the server, as a relay that went down; Restart brings it back on the same ports
// with the messages it had.
func (s *Server) Stop() { s.stop() }

// Restart starts the server again after Stop.
func (s *Server) Restart(t testing.TB) { s.start(t) }

// Message is one mail as Mailpit received it.
type Message struct {
	ID        string
	MessageID string
	To        []string
	Subject   string
	Text      string
	// Language is the Content-Language header; Notice the X-Liaison-Notice header.
	Language, Notice string
}

// Messages reads every message received, oldest first.
func (s *Server) Messages(t testing.TB) []Message {
	t.Helper()
	var list struct {
		Messages []struct {
			ID        string
			MessageID string
			To        []struct{ Address string }
			Subject   string
		} `json:"messages"`
	}
	s.get(t, "/api/v1/messages?limit=5000", &list)
	out := make([]Message, 0, len(list.Messages))
	for i := len(list.Messages) - 1; i >= 0; i-- {
		m := list.Messages[i]
		msg := Message{ID: m.ID, MessageID: m.MessageID, Subject: m.Subject}
		for _, to := range m.To {
			msg.To = append(msg.To, to.Address)
		}
		var full struct{ Text string }
		s.get(t, "/api/v1/message/"+m.ID, &full)
		msg.Text = full.Text
		var headers map[string][]string
		s.get(t, "/api/v1/message/"+m.ID+"/headers", &headers)
		if v := headers["Content-Language"]; len(v) > 0 {
			msg.Language = v[0]
		}
		if v := headers["X-Liaison-Notice"]; len(v) > 0 {
			msg.Notice = v[0]
		}
		out = append(out, msg)
	}
	return out
}

// WaitFor waits until at least n messages arrived and returns them all.
func (s *Server) WaitFor(t testing.TB, n int, within time.Duration) []Message {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		msgs := s.Messages(t)
		if len(msgs) >= n {
			return msgs
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpittest: %d messages after %s, want %d", len(msgs), within, n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *Server) get(t testing.TB, path string, out any) {
	t.Helper()
	resp, err := http.Get(s.APIURL + path)
	if err != nil {
		t.Fatalf("mailpittest: GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpittest: GET %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("mailpittest: GET %s: %v", path, err)
	}
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
