package checks

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/un-liaison/liaison/deploy/internal/policy"
)

// The binaries' own sources, outside tests and test helpers, name the LIAISON_* variables they
// read; every one of them must be one the manifests may set, or a deployment could not
// configure it.
func TestEveryVariableTheBinariesReadIsAccepted(t *testing.T) {
	variable := regexp.MustCompile(`"(LIAISON_[A-Z0-9_]*[A-Z0-9])"`)
	found := map[string]string{}
	for _, root := range []string{"platform", "gateway", "portal", "services"} {
		err := filepath.WalkDir(filepath.Join(deployDir, "..", root), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (strings.HasSuffix(d.Name(), "test") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range variable.FindAllStringSubmatch(string(src), -1) {
				found[m[1]] = path
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(found) < 20 {
		t.Fatalf("found only %d variables in the binaries' sources; is the walk looking in the right place?", len(found))
	}
	for name, where := range found {
		if !slices.Contains(policy.KnownEnv, name) {
			t.Errorf("%s (read in %s) is refused by the manifest checks", name, where)
		}
	}
}
