package checks

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/un-liaison/liaison/deploy/internal/policy"
)

// repoRoot is the repository, seen from this package.
const repoRoot = "../.."

// build is one `docker build` that deploy/images.sh runs.
type build struct {
	args   []string
	image  string // -t
	binary string // --build-arg BINARY=
}

// fakeDocker writes a docker stand-in that logs each call and answers `docker info` with
// infoExit, and returns a PATH holding it and the few tools the script uses.
func fakeDocker(t *testing.T, infoExit int) (pathDir, logFile string) {
	t.Helper()
	dir := t.TempDir()
	logFile = filepath.Join(dir, "calls")
	script := "#!/bin/sh\nprintf '%s\\0' \"$@\" >> " + logFile + "\nprintf '\\n' >> " + logFile + "\n" +
		"if [ \"$1\" = info ]; then exit " + strconv.Itoa(infoExit) + "; fi\nexit 0\n"
	if err := os.WriteFile(filepath.Join(dir, "docker"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	linkTools(t, dir)
	return dir, logFile
}

// linkTools gives a PATH directory the commands images.sh needs besides docker, so a test can
// control whether docker is found at all.
func linkTools(t *testing.T, dir string) {
	t.Helper()
	for _, tool := range []string{"sh", "dirname"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(p, filepath.Join(dir, tool)); err != nil {
			t.Fatal(err)
		}
	}
}

func runImages(t *testing.T, path string, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bash, append([]string{filepath.Join(deployDir, "images.sh")}, args...)...)
	cmd.Env = append([]string{"PATH=" + path, "HOME=" + t.TempDir()}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errb.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errb.String()
}

func recordedBuilds(t *testing.T, logFile string) []build {
	t.Helper()
	data, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	var builds []build
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		args := strings.Split(strings.TrimSuffix(sc.Text(), "\x00"), "\x00")
		if len(args) == 0 || args[0] != "build" {
			continue
		}
		b := build{args: args}
		for i, a := range args {
			if a == "-t" && i+1 < len(args) {
				b.image = args[i+1]
			}
			if v, ok := strings.CutPrefix(a, "BINARY="); ok {
				b.binary = v
			}
		}
		builds = append(builds, b)
	}
	return builds
}

// imageBuilds runs images.sh against a working stand-in engine and returns its builds.
func imageBuilds(t *testing.T, env []string, args ...string) []build {
	t.Helper()
	dir, log := fakeDocker(t, 0)
	code, _, stderr := runImages(t, dir, env, args...)
	if code != 0 {
		t.Fatalf("images.sh exited %d: %s", code, stderr)
	}
	return recordedBuilds(t, log)
}

func TestImagesBuildEveryBinary(t *testing.T) {
	builds := imageBuilds(t, nil)
	var names []string
	for _, b := range policy.Binaries {
		names = append(names, b.Name)
	}
	names = append(names, policy.DevImages...)
	if len(builds) != len(names) {
		t.Fatalf("images.sh ran %d builds, want one per binary and dev image %v", len(builds), names)
	}
	for _, b := range builds {
		name := strings.TrimSuffix(strings.TrimPrefix(b.image, "liaison/"), ":dev")
		if !slices.Contains(names, name) {
			t.Errorf("builds %q, which is no liaison binary", b.image)
		}
		want := []string{"build", "-f", "deploy/Dockerfile", "--build-arg", "BINARY=" + b.binary, "-t", "liaison/" + name + ":dev", "."}
		if !slices.Equal(b.args, want) {
			t.Errorf("docker %q, want docker %q", b.args, want)
		}
		if b.binary != "cmd/"+name && !strings.HasSuffix(b.binary, "/cmd/"+name) {
			t.Errorf("%s is built from %s, want a .../cmd/%s package", b.image, b.binary, name)
		}
		if _, err := os.Stat(filepath.Join(repoRoot, b.binary)); err != nil {
			t.Errorf("%s is built from %s, which does not exist: %v", b.image, b.binary, err)
		}
	}
}

func TestImagesTakeTagAndRegistry(t *testing.T) {
	for _, b := range imageBuilds(t, []string{"IMAGE_PREFIX=registry.example.org/liaison"}, "1.4.0") {
		if !regexp.MustCompile(`^registry\.example\.org/liaison/[a-z]+:1\.4\.0$`).MatchString(b.image) {
			t.Errorf("tagged %q, want registry.example.org/liaison/<name>:1.4.0", b.image)
		}
	}
}

func TestImagesFailLoudlyWithoutEngine(t *testing.T) {
	t.Run("engine-unreachable-2", func(t *testing.T) {
		dir, log := fakeDocker(t, 1)
		code, _, stderr := runImages(t, dir, nil)
		if code != 2 || !strings.Contains(stderr, "no Docker engine is reachable") {
			t.Fatalf("exit %d, stderr %q; want 2 and a message naming the missing engine", code, stderr)
		}
		if b := recordedBuilds(t, log); len(b) != 0 {
			t.Fatalf("ran %d builds without an engine", len(b))
		}
	})
	t.Run("no-docker-cli-2", func(t *testing.T) {
		dir := t.TempDir()
		linkTools(t, dir)
		code, _, stderr := runImages(t, dir, nil)
		if code != 2 || !strings.Contains(stderr, "docker CLI is not installed") {
			t.Fatalf("exit %d, stderr %q; want 2 and a message naming the missing CLI", code, stderr)
		}
	})
}

// TestDockerfileBuildsStaticNonRoot reads deploy/Dockerfile for what the manifests rely on: a
// static build, a distroless non-root base, uid 65532, the binary as entrypoint (so `args:
// [migrate]` runs `<service> migrate`) and the health probe at /healthprobe for compose.
func TestDockerfileBuildsStaticNonRoot(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(deployDir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	df := string(data)
	froms := regexp.MustCompile(`(?m)^FROM\s+(\S+)`).FindAllStringSubmatch(df, -1)
	if len(froms) < 2 {
		t.Fatalf("want a build stage and a runtime stage, got %d FROM lines", len(froms))
	}
	if final := froms[len(froms)-1][1]; !strings.HasPrefix(final, "gcr.io/distroless/static") || !strings.HasSuffix(final, ":nonroot") {
		t.Errorf("runtime base is %s, want gcr.io/distroless/static...:nonroot", final)
	}
	for _, want := range []string{"CGO_ENABLED=0", "ARG BINARY", `"./${BINARY}"`, "USER 65532:65532",
		`ENTRYPOINT ["/app"]`, "/healthprobe", "./cmd/healthprobe"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	ignore, err := os.ReadFile(filepath.Join(repoRoot, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(ignore), "\n") {
		line = strings.TrimSpace(line)
		for _, needed := range []string{"go.work", "go.mod", "go.sum", "deploy", ".go"} {
			if line != "" && !strings.HasPrefix(line, "#") && strings.Contains(line, needed) {
				t.Errorf(".dockerignore line %q would keep %s out of the build", line, needed)
			}
		}
	}
}

func TestPodsRunAsTheImageUser(t *testing.T) {
	for _, o := range overlays {
		objs := render(t, o.name)
		for _, b := range policy.Binaries {
			p, ok := policy.PodOf(objs, "Deployment", b.Name)
			if !ok {
				continue
			}
			sc := p.Spec.SecurityContext
			if sc == nil || sc.RunAsUser == nil || *sc.RunAsUser != 65532 || sc.RunAsGroup == nil || *sc.RunAsGroup != 65532 {
				t.Errorf("%s: %s should run as 65532:65532, the Dockerfile's USER", o.name, p.Ref())
			}
		}
	}
}
