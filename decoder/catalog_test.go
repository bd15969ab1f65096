package decoder

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// catalogKeys reads the keys of one of the page's catalogs (web/i18n/*.js):
// one "key: 'text'," or "'key': 'text'," a line.
func catalogKeys(t *testing.T, lang string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "web", "i18n", lang+".js"))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	re := regexp.MustCompile(`(?m)^\s+(?:'([^']+)'|([A-Za-z_][\w]*)):\s`)
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		keys[m[1]+m[2]] = true
	}
	if len(keys) < 100 {
		t.Fatalf("%s.js: only %d keys read; has its layout changed?", lang, len(keys))
	}
	return keys
}

// checkIDs finds every handshake check id the decoder can emit: the ID of
// each Check literal in the package's source.
func checkIDs(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if id, ok := lit.Type.(*ast.Ident); !ok || id.Name != "Check" {
				return true
			}
			for _, e := range lit.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "ID" {
					if s, ok := kv.Value.(*ast.BasicLit); ok && s.Kind == token.STRING {
						v, _ := strconv.Unquote(s.Value)
						seen[v] = true
					}
				}
			}
			return true
		})
	}
	var ids []string
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) < 10 {
		t.Fatalf("found only %d handshake check ids: %v", len(ids), ids)
	}
	return ids
}

// TestCatalogsCoverEveryID checks that the page can explain, in every
// language, each violation and handshake check the decoder can emit, by
// its id (the page falls back to Go's English message only for an id its
// catalog lacks), and each close code the decoder names.
func TestCatalogsCoverEveryID(t *testing.T) {
	var want []string
	for _, r := range Rules() {
		want = append(want, "viol."+r.ID)
	}
	for _, id := range checkIDs(t) {
		want = append(want, "check."+id)
	}
	for code := 1000; code <= 1015; code++ {
		want = append(want, "close."+strconv.Itoa(code))
	}
	for o := Opcode(0); o < 16; o++ {
		if !o.IsReserved() {
			want = append(want, "opcode."+strconv.Itoa(int(o)), "field.websocket.opcode."+strconv.Itoa(int(o)))
		}
	}
	for _, lang := range []string{"en", "ja"} {
		keys := catalogKeys(t, lang)
		for _, k := range want {
			if !keys[k] {
				t.Errorf("web/i18n/%s.js has no %q", lang, k)
			}
		}
	}
}
