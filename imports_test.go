package wsframe_test

import (
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestNoJSOutsideWasm fails if any package but wasm/ imports syscall/js or
// safejs: the decoder and capture code must stay pure Go, testable natively
// and usable by the command line.
func TestNoJSOutsideWasm(t *testing.T) {
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "wasm", "node_modules", "testdata", ".git":
				if path != "." {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == "syscall/js" || strings.HasPrefix(p, "github.com/hack-pad/safejs") {
				t.Errorf("%s imports %s; only wasm/ may touch JavaScript", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("checked only %d Go files; is the walk looking in the right place?", checked)
	}
}

// TestBuildTagsAreUsed fails if a Go file's //go:build line names a tag
// that no build passes: a tag renamed in the Makefile (tls became full)
// once left the TLS decryption tests out of every wasm run, silently. The
// tags a build passes are those after -tags in the Makefile; the others a
// line may name are GOOS and GOARCH values and Go's own (go1.N, unix, gc).
func TestBuildTagsAreUsed(t *testing.T) {
	mk, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{"unix": true, "gc": true, "gccgo": true, "cgo": true}
	for _, m := range regexp.MustCompile(`-tags[ =]([A-Za-z0-9_,]+)`).FindAllStringSubmatch(string(mk), -1) {
		for _, tag := range strings.Split(m[1], ",") {
			known[tag] = true
		}
	}
	if len(known) == 4 {
		t.Fatal("the Makefile passes no -tags; is the pattern still right?")
	}
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "tool", "dist", "list").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range strings.Fields(string(out)) {
		goos, goarch, _ := strings.Cut(pair, "/")
		known[goos], known[goarch] = true, true
	}
	tagged := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "node_modules", "testdata", ".git":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(line, "package ") {
				break
			}
			if !constraint.IsGoBuild(line) {
				continue
			}
			expr, err := constraint.Parse(line)
			if err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			tagged++
			expr.Eval(func(tag string) bool {
				if !known[tag] && !strings.HasPrefix(tag, "go1.") && !strings.HasPrefix(tag, "goexperiment.") {
					t.Errorf("%s: //go:build names the tag %q, which no build passes (no -tags in the Makefile names it); rename it or drop the tag", path, tag)
				}
				return false
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if tagged == 0 {
		t.Fatal("found no //go:build line; is the walk looking in the right place?")
	}
}
