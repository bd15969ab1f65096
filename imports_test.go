package wsframe_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
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
