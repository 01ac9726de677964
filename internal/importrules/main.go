// Command importrules checks the layering rules the services are built on, and fails with
// the offending import:
//
//   - a service imports nothing of the repository but itself, gen and platform (no other
//     service, no gateway, no portal);
//   - a service's domain imports only the standard library, its own domain packages and the
//     few text libraries named in domainLibraries;
//   - a service's application layer imports none of its adapters.
//
// The first rule holds for tests too, since a test's imports land in the module's go.mod; the
// layer rules hold for the code the service runs (an application test may wire real adapters).
//
// Run it from the repository root (make lint does): go run ./internal/importrules
package main

import (
	"bufio"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
)

// domainLibraries are the modules, outside the standard library, a domain may use: Unicode
// normalization and confusable folding for names.
var domainLibraries = []string{"golang.org/x/text", "github.com/mtibben/confusables"}

// violation is one import that breaks a rule.
type violation struct {
	file, imp, rule string
}

func (v violation) String() string { return fmt.Sprintf("%s: imports %s: %s", v.file, v.imp, v.rule) }

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	found, err := check(os.DirFS(root))
	if err != nil {
		fmt.Fprintln(os.Stderr, "importrules:", err)
		os.Exit(2)
	}
	for _, v := range found {
		fmt.Fprintln(os.Stderr, v)
	}
	if len(found) > 0 {
		fmt.Fprintf(os.Stderr, "importrules: %d import(s) break the layering rules\n", len(found))
		os.Exit(1)
	}
}

// check reads the Go files under services/ of the repository in fsys and returns every import
// that breaks a rule, in file order.
func check(fsys fs.FS) ([]violation, error) {
	module, err := modulePath(fsys)
	if err != nil {
		return nil, err
	}
	var found []violation
	fset := token.NewFileSet()
	err = fs.WalkDir(fsys, "services", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if base := d.Name(); base == "testdata" || base == "node_modules" || strings.HasPrefix(base, ".") && name != "." {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		parts := strings.Split(name, "/")
		if len(parts) < 3 {
			return nil
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, spec := range f.Imports {
			imp, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if rule := broken(module, parts[1], path.Dir(name), imp, strings.HasSuffix(name, "_test.go")); rule != "" {
				found = append(found, violation{file: name, imp: imp, rule: rule})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].file < found[j].file })
	return found, nil
}

// broken names the rule that importing imp from the package in dir (of service svc) breaks,
// or returns "". The layer rules leave tests alone.
func broken(module, svc, dir, imp string, test bool) string {
	own := module + "/services/" + svc
	if within(imp, module) && !within(imp, own) && !within(imp, module+"/gen") && !within(imp, module+"/platform") {
		return "a service imports no other part of the repository than itself, gen and platform"
	}
	if test {
		return ""
	}
	layer := strings.TrimPrefix(dir, "services/"+svc+"/")
	switch {
	case within(layer, "internal/domain"):
		if stdlib(imp) || within(imp, own+"/internal/domain") {
			return ""
		}
		for _, lib := range domainLibraries {
			if within(imp, lib) {
				return ""
			}
		}
		return "a domain imports only the standard library, its own domain and " + strings.Join(domainLibraries, ", ")
	case within(layer, "internal/app"):
		if within(imp, own+"/internal/adapters") {
			return "the application layer imports no adapter"
		}
	}
	return ""
}

// within reports whether the import path p is prefix or lies below it.
func within(p, prefix string) bool {
	return p == prefix || strings.HasPrefix(p, prefix+"/")
}

// stdlib reports whether p is a standard-library path: its first element has no dot.
func stdlib(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// modulePath reads the module path from the go.mod at the root of fsys.
func modulePath(fsys fs.FS) (string, error) {
	f, err := fsys.Open("go.mod")
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", errors.New("go.mod names no module")
}
