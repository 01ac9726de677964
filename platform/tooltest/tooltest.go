// Package tooltest gives tests real servers. Binary finds those the repository pins as tools,
// each in a module of its own under tools/<name> (the OpenID provider, the mail server): the
// binary .bin/<name>-<version> that `make <name>` builds, built the same way when it is
// missing. Shared is the machine's server of a kind (PostgreSQL, Redis) or, when none answers,
// one throwaway server for the whole test binary.
package tooltest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// Binary returns .bin/<name>-<version> at the repository root, where version is the one
// tools/<name>/go.mod requires of module, whose main package is the server.
func Binary(t testing.TB, name, module string) string {
	t.Helper()
	root, err := repoRoot(name)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(root, "tools", name, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(module) + ` (v\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatalf("tooltest: tools/%s/go.mod names no %s version", name, module)
	}
	bin := filepath.Join(root, ".bin", name+"-"+string(m[1]))
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	t.Logf("tooltest: building %s (make %s); the first build takes minutes", bin, name)
	build := exec.Command("go", "build", "-o", bin, module)
	build.Dir = filepath.Join(root, "tools", name)
	build.Env = append(os.Environ(), "GOWORK=off", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("tooltest: building %s: %v\n%s", name, err, out)
	}
	return bin
}

// repoRoot is the nearest directory above the working directory that holds tools/<name>.
func repoRoot(name string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "tools", name, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("tooltest: no tools/%s above the working directory", name)
		}
		dir = parent
	}
}
