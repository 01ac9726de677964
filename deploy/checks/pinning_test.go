package checks

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
	"github.com/un-liaison/liaison/deploy/internal/policy"
)

// copyTree copies src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		return os.WriteFile(filepath.Join(dst, rel), b, info.Mode())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// deploy/pin-images.sh is how images are pinned and bumped: run on a copy of deploy/ against a
// stand-in registry client, it leaves every third-party image of both overlays, the compose file
// and the Dockerfile pinned as name:tag@sha256:..., and a second run changes nothing.
func TestPinImagesPinsEveryThirdPartyImage(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"k8s", "identity", "compose", "Dockerfile", "pin-images.sh"} {
		copyTree(t, filepath.Join(deployDir, p), filepath.Join(dir, p))
	}
	bin := t.TempDir()
	digest := "sha256:" + strings.Repeat("5e", 32)
	if err := os.WriteFile(filepath.Join(bin, "crane"), []byte("#!/bin/sh\necho "+digest+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	run := func() string {
		cmd := exec.Command("bash", filepath.Join(dir, "pin-images.sh"))
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("pin-images.sh: %v\n%s", err, out)
		}
		return string(out)
	}
	run()
	for _, overlay := range []string{"dev", "prod"} {
		objs, err := manifest.Render(filepath.Join(dir, "k8s", "overlays", overlay))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range policy.CheckImagesPinned(objs) {
			t.Errorf("%s after pinning: %s", overlay, f)
		}
	}
	for _, f := range []string{"compose/compose.yaml", "Dockerfile"} {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		for line := range strings.SplitSeq(string(b), "\n") {
			l := strings.TrimSpace(line)
			if (strings.HasPrefix(l, "image:") || strings.HasPrefix(l, "FROM") || strings.HasPrefix(l, "ARG GO_IMAGE=")) &&
				!strings.Contains(l, "liaison/") && !strings.Contains(l, "${") && !strings.Contains(l, "@"+digest) {
				t.Errorf("%s: %q is not pinned", f, l)
			}
		}
	}
	if again := run(); strings.Contains(again, "->") {
		t.Errorf("a second run moved digests again:\n%s", again)
	}
}

// The rule bites on what an operator might write: an image by tag alone.
func TestUnpinnedImagesFail(t *testing.T) {
	got := policy.CheckImagesPinned(render(t, "dev"))
	if !containsFinding(got, `"jaegertracing/jaeger:2.9.0" is not pinned`) {
		t.Fatalf("the dev overlay's Jaeger by tag alone passed: %v", got)
	}
}
