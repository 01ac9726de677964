package checks

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
	"github.com/un-liaison/liaison/deploy/internal/policy"
)

// deployDir is deploy/, seen from this package.
const deployDir = ".."

// overlays are every environment an operator can apply, each with the rules only it must meet.
var overlays = []struct {
	name  string
	check func([]manifest.Object) []string
}{
	{"dev", policy.CheckDev},
	{"prod", policy.CheckProd},
}

var (
	renderOnce sync.Map // overlay name -> func() ([]manifest.Object, error)
)

// render builds an overlay once per test binary; the rules only read the objects, and a test
// that changes them works on its own copy (see mutated).
func render(t *testing.T, overlay string) []manifest.Object {
	t.Helper()
	f, _ := renderOnce.LoadOrStore(overlay, sync.OnceValues(func() ([]manifest.Object, error) {
		return manifest.Render(filepath.Join(deployDir, "k8s", "overlays", overlay))
	}))
	objs, err := f.(func() ([]manifest.Object, error))()
	if err != nil {
		t.Fatalf("render %s: %v", overlay, err)
	}
	return objs
}

func documentedSecrets(t *testing.T) map[policy.SecretRef]bool {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(deployDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	keys, err := policy.DocumentedSecretKeys(string(readme))
	if err != nil {
		t.Fatalf("deploy/README.md: %v", err)
	}
	return keys
}

func reportFindings(t *testing.T, what string, findings []string) {
	t.Helper()
	for _, f := range findings {
		t.Errorf("%s: %s", what, f)
	}
}

func TestOverlaysMeetEveryRule(t *testing.T) {
	documented := documentedSecrets(t)
	for _, o := range overlays {
		t.Run(o.name, func(t *testing.T) {
			t.Parallel()
			objs := render(t, o.name)
			reportFindings(t, o.name, policy.CheckAll(objs, documented))
			reportFindings(t, o.name, o.check(objs))
		})
	}
}
