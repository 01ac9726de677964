package main

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

const mod = "module example.org/repo\n\ngo 1.26.0\n"

func file(imports ...string) *fstest.MapFile {
	var b strings.Builder
	b.WriteString("package p\n\nimport (\n")
	for _, imp := range imports {
		b.WriteString("\t_ \"" + imp + "\"\n")
	}
	b.WriteString(")\n")
	return &fstest.MapFile{Data: []byte(b.String())}
}

// TestTheTreeKeepsTheRules runs the check over this repository, as make lint does.
func TestTheTreeKeepsTheRules(t *testing.T) {
	found, err := check(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range found {
		t.Error(v)
	}
}

// TestEachRuleNamesTheOffendingImport adds one import that breaks each rule to a tree that keeps
// them, and expects exactly those imports back.
func TestEachRuleNamesTheOffendingImport(t *testing.T) {
	clean := fstest.MapFS{
		"go.mod": {Data: []byte(mod)},
		"services/a/a.go": file("context", "example.org/repo/gen/x/v1", "example.org/repo/platform/service",
			"example.org/repo/services/a/internal/app"),
		"services/a/internal/domain/d.go": file("errors", "example.org/repo/services/a/internal/domain/names",
			"golang.org/x/text/unicode/norm", "github.com/mtibben/confusables"),
		"services/a/internal/app/app.go":      file("example.org/repo/services/a/internal/domain"),
		"services/a/internal/app/app_test.go": file("example.org/repo/services/a/internal/adapters/sqlstore"),
		"services/b/b.go":                     file("example.org/repo/services/b/internal/app"),
	}
	found, err := check(clean)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 0 {
		t.Fatalf("a tree that keeps the rules: got %v", found)
	}

	broken := fstest.MapFS{}
	for name, f := range clean {
		broken[name] = f
	}
	broken["services/a/leak_test.go"] = file("example.org/repo/services/b")
	broken["services/b/internal/adapters/x.go"] = file("example.org/repo/gateway")
	broken["services/a/internal/domain/io.go"] = file("google.golang.org/grpc/codes")
	broken["services/b/internal/app/store.go"] = file("example.org/repo/services/b/internal/adapters/sqlstore")
	found, err = check(broken)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"services/a/leak_test.go":           "example.org/repo/services/b",
		"services/b/internal/adapters/x.go": "example.org/repo/gateway",
		"services/a/internal/domain/io.go":  "google.golang.org/grpc/codes",
		"services/b/internal/app/store.go":  "example.org/repo/services/b/internal/adapters/sqlstore",
	}
	if len(found) != len(want) {
		t.Fatalf("got %d violations, want %d: %v", len(found), len(want), found)
	}
	for _, v := range found {
		if want[v.file] != v.imp {
			t.Errorf("unexpected %v", v)
		}
		if !strings.Contains(v.String(), v.imp) {
			t.Errorf("%q does not name the import", v)
		}
	}
}
