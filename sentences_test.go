package wsframe_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/internal/catalog"
)

// sentence is one id Go can emit through internal/msg, with its English.
type sentence struct {
	where   string   // file:line of a call that makes it
	english []string // the template, or the one and other forms
	plural  bool
}

// goSentences reads every call to msg.New and msg.Plural in the module's Go
// sources (tests left out): the id and the English are string literals there.
func goSentences(t *testing.T) map[string]sentence {
	t.Helper()
	out := map[string]sentence{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == filepath.Join("internal", "msg", "msg.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		// internal/jsontext, which msg's encoder imports, writes its
		// sentences as s.fail(offset, id, english, kv...) and said{ID, Message}.
		jsontext := filepath.Dir(path) == filepath.Join("internal", "jsontext")
		ast.Inspect(f, func(n ast.Node) bool {
			if cl, ok := n.(*ast.CompositeLit); ok && jsontext {
				if id, ok := cl.Type.(*ast.Ident); ok && id.Name == "said" {
					var fields [2]string
					for _, e := range cl.Elts {
						kv, ok := e.(*ast.KeyValueExpr)
						b, ok2 := kv.Value.(*ast.BasicLit)
						if !ok || !ok2 {
							continue
						}
						v, _ := strconv.Unquote(b.Value)
						if k, _ := kv.Key.(*ast.Ident); k != nil && k.Name == "ID" {
							fields[0] = v
						} else {
							fields[1] = v
						}
					}
					out[fields[0]] = sentence{where: fset.Position(cl.Pos()).String(), english: []string{fields[1]}}
				}
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if jsontext && sel.Sel.Name == "fail" && len(call.Args) >= 3 {
				// As msg.New, one argument on.
				call = &ast.CallExpr{Fun: &ast.SelectorExpr{X: ast.NewIdent("msg"), Sel: ast.NewIdent("New")}, Args: call.Args[1:], Lparen: call.Lparen}
				sel = call.Fun.(*ast.SelectorExpr)
			}
			if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "msg" || (sel.Sel.Name != "New" && sel.Sel.Name != "Plural") {
				return true
			}
			pos := fset.Position(call.Pos()).String()
			lit := func(i int) string {
				b, ok := call.Args[i].(*ast.BasicLit)
				if !ok || b.Kind != token.STRING {
					t.Errorf("%s: msg.%s's argument %d is not a string literal; the catalog test reads ids and English from the source", pos, sel.Sel.Name, i+1)
					return ""
				}
				s, _ := strconv.Unquote(b.Value)
				return s
			}
			s := sentence{where: pos}
			id := lit(0)
			first := 2
			if sel.Sel.Name == "New" {
				s.english = []string{lit(1)}
			} else {
				s.english, s.plural, first = []string{lit(2), lit(3)}, true, 4
			}
			// The params given, where they are written out (name, value
			// pairs, or a Params literal), are the template's; a Params
			// variable is checked against the catalogs only.
			keys, written := []string{}, true
			switch rest := call.Args[first:]; {
			case len(rest) == 1:
				cl, ok := rest[0].(*ast.CompositeLit)
				written = ok
				if !ok {
					break
				}
				for _, e := range cl.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if b, ok := kv.Key.(*ast.BasicLit); ok {
							k, _ := strconv.Unquote(b.Value)
							keys = append(keys, k)
						}
					}
				}
			case len(rest)%2 != 0:
				t.Errorf("%s: msg.%s has an odd number of name, value arguments", pos, sel.Sel.Name)
			default:
				for i := 0; i < len(rest); i += 2 {
					keys = append(keys, lit(first+i))
				}
			}
			if written {
				if s.plural {
					keys = append(keys, "n")
				}
				for _, e := range s.english {
					if got, want := names(e), sortJoin(keys); got != want {
						t.Errorf("%s: %q names {%s}; the call gives {%s}", pos, e, got, want)
					}
				}
			}
			if old, ok := out[id]; ok && !slices.Equal(old.english, s.english) {
				t.Errorf("%s: id %q has English %q; at %s it has %q (one id, one sentence)", pos, id, s.english, old.where, old.english)
			}
			out[id] = s
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	jsSentences(t, out)
	return out
}

// jsSaid is a call said('id', 'english', {params}) of the page's side of
// the decoder (web/worker.js, web/client.js): a sentence written like
// msg.New, its English once at the call.
var jsSaid = regexp.MustCompile(`\bsaid\('([a-z0-9.-]+)', '((?:[^'\\]|\\.)*)'(?:,\s*\{([^}]*)\})?\)`)

// jsSentences adds the sentences the page's worker and client write.
func jsSentences(t *testing.T, out map[string]sentence) {
	t.Helper()
	for _, f := range []string{"worker.js", "client.js"} {
		b, err := os.ReadFile(filepath.Join("web", f))
		if err != nil {
			t.Fatal(err)
		}
		calls := jsSaid.FindAllStringSubmatchIndex(string(b), -1)
		if len(calls) == 0 {
			t.Errorf("web/%s: no said() call found", f)
		}
		for _, m := range calls {
			s := string(b)
			id, english := s[m[2]:m[3]], s[m[4]:m[5]]
			var keys []string
			if m[6] >= 0 {
				for _, kv := range strings.Split(s[m[6]:m[7]], ",") {
					k, _, _ := strings.Cut(strings.TrimSpace(kv), ":")
					if k = strings.TrimSpace(k); k != "" {
						keys = append(keys, k)
					}
				}
			}
			where := fmt.Sprintf("web/%s:%d", f, strings.Count(s[:m[0]], "\n")+1)
			if got, want := names(english), sortJoin(keys); got != want {
				t.Errorf("%s: %q names {%s}; the call gives {%s}", where, english, got, want)
			}
			if old, ok := out[id]; ok && old.english[0] != english {
				t.Errorf("%s: id %q has English %q; at %s it has %q (one id, one sentence)", where, id, english, old.where, old.english)
			}
			out[id] = sentence{where: where, english: []string{english}}
		}
	}
}

// names lists the {name} places of a template, sorted, joined by commas.
func names(tmpl string) string { return catalog.Params(tmpl) }

func sortJoin(ns []string) string {
	ns = slices.Clone(ns)
	slices.Sort(ns)
	return strings.Join(slices.Compact(ns), ",")
}

// catalogTable reads one table of a catalog in web/i18n: its entries
// between "export NAME = {" (start) and "};".
func catalogTable(t *testing.T, lang, start string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("web", "i18n", filepath.FromSlash(lang)+".js"))
	if err != nil {
		t.Fatal(err)
	}
	table, ok := catalog.Table(string(b), start)
	if !ok {
		t.Fatalf("web/i18n/%s.js has no %q", lang, start)
	}
	return catalog.Entries(table)
}

// TestSentencesHaveWords checks that every sentence Go can emit
// (internal/msg) has words in each catalog but English, with the same
// parameters; that no catalog keeps words for an id Go no longer emits;
// and that English keeps no second copy of Go's words.
func TestSentencesHaveWords(t *testing.T) {
	gos := goSentences(t)
	if len(gos) == 0 {
		t.Fatal("no msg.New or msg.Plural call found")
	}
	for _, lang := range []string{"ja"} {
		// The first program's sentences in LANG.js, the full program's in
		// full/LANG.js (loaded with it).
		cat := catalogTable(t, lang, "export const sentences = {")
		for k, v := range catalogTable(t, "full/"+lang, "export const sentences = {") {
			if _, ok := cat[k]; ok {
				t.Errorf("web/i18n/%s.js and full/%s.js both have %q", lang, lang, k)
			}
			cat[k] = v
		}
		for id, s := range gos {
			want := ""
			for _, e := range s.english {
				want = sortJoin(append(strings.Split(want, ","), strings.Split(names(e), ",")...))
			}
			want = strings.TrimPrefix(want, ",")
			var forms []string
			if _, ok := cat[id+".one"]; ok && s.plural {
				forms = []string{id + ".one", id + ".other"}
			} else {
				forms = []string{id}
			}
			for _, k := range forms {
				text, ok := cat[k]
				if !ok {
					t.Errorf("web/i18n/%s.js sentences has no %q (English %q, %s)", lang, k, s.english, s.where)
					continue
				}
				// A language without plural forms may leave {n} out of a count it writes as a word.
				got := names(text)
				if s.plural && got != want && sortJoin(append(strings.Split(got, ","), "n")) == strings.TrimPrefix(want, ",") {
					got = want
				}
				if strings.TrimPrefix(got, ",") != want {
					t.Errorf("web/i18n/%s.js: %q names {%s}; Go's %q names {%s}", lang, k, got, s.english, want)
				}
			}
		}
		for k := range cat {
			if _, ok := gos[k]; ok {
				continue
			}
			id := strings.TrimSuffix(strings.TrimSuffix(k, ".one"), ".other")
			if s, ok := gos[id]; !ok || !s.plural {
				t.Errorf("web/i18n/%s.js sentences has %q, an id Go does not emit", lang, k)
			}
		}
	}
	en := catalogTable(t, "en", "export default {")
	for id := range gos {
		if _, ok := en[id]; ok {
			t.Errorf("web/i18n/en.js has %q, a sentence whose English is Go's own (%s)", id, gos[id].where)
		}
	}
}
