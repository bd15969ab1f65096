// Command counts measures the structure of the repository, for the
// README's "For contributors" section (make counts): the build-tag
// expressions and the files that carry them, the flags by which Go and JS
// tell the two wasm programs apart, the exported names of each Go package,
// and the largest files. It reads the source only; run it from the
// repository's root.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

func main() {
	var goFiles, sources []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "testdata", "bin":
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(path, ".go"):
			goFiles = append(goFiles, path)
			sources = append(sources, path)
		case strings.HasSuffix(path, ".js") && !strings.HasSuffix(path, "wasm_exec.js") && !strings.HasPrefix(path, "web/i18n/"):
			sources = append(sources, path)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "counts:", err)
		os.Exit(1)
	}
	tags(goFiles)
	exported(goFiles)
	largest(sources)
}

// tags prints each //go:build expression with the files that carry it.
func tags(files []string) {
	by := map[string][]string{}
	tagged := 0
	for _, f := range files {
		if line := buildLine(f); line != "" {
			by[line] = append(by[line], f)
			tagged++
		}
	}
	exprs := make([]string, 0, len(by))
	for e := range by {
		exprs = append(exprs, e)
	}
	sort.Strings(exprs)
	fmt.Printf("build tags: %d expressions in %d of %d Go files\n", len(exprs), tagged, len(files))
	for _, e := range exprs {
		fmt.Printf("  %-22s %2d  %s\n", e, len(by[e]), strings.Join(by[e], " "))
	}
	// A name ending in _js.go (or _linux_test.go ...) is a constraint too,
	// Go's own: listed so that none hides.
	named := map[string][]string{}
	for _, f := range files {
		if suffix := nameConstraint(f); suffix != "" {
			named[suffix] = append(named[suffix], f)
		}
	}
	suffixes := make([]string, 0, len(named))
	for s := range named {
		suffixes = append(suffixes, s)
	}
	sort.Strings(suffixes)
	for _, s := range suffixes {
		fmt.Printf("  by name _%-15s %2d  %s\n", s, len(named[s]), strings.Join(named[s], " "))
	}
}

// nameConstraint is the GOOS or GOARCH a file's name restricts it to
// ("js" for main_js.go and x_js_test.go), "" for none.
func nameConstraint(path string) string {
	name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".go"), "_test")
	parts := strings.Split(name, "_")
	if len(parts) < 2 {
		return ""
	}
	switch last := parts[len(parts)-1]; last {
	case "js", "wasm", "linux", "darwin", "windows", "freebsd", "netbsd", "openbsd", "plan9", "wasip1",
		"amd64", "arm64", "386", "arm":
		return last
	}
	return ""
}

// buildLine is a file's //go:build expression, "" when it has none.
func buildLine(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "package ") {
			break
		}
		if constraint.IsGoBuild(line) {
			if x, err := constraint.Parse(line); err == nil {
				return x.String()
			}
		}
	}
	return ""
}

// exported prints the exported names (types, functions, methods, constants
// and variables at the top level) of each package, tests left out.
func exported(files []string) {
	count := map[string]int{}
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil || f.Name.Name == "main" {
			continue
		}
		pkg := filepath.Dir(path)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() && (d.Recv == nil || exportedRecv(d.Recv)) {
					count[pkg]++
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							count[pkg]++
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								count[pkg]++
							}
						}
					}
				}
			}
		}
	}
	pkgs := make([]string, 0, len(count))
	total := 0
	for p, n := range count {
		pkgs = append(pkgs, p)
		total += n
	}
	sort.Slice(pkgs, func(i, j int) bool {
		return count[pkgs[i]] > count[pkgs[j]] || count[pkgs[i]] == count[pkgs[j]] && pkgs[i] < pkgs[j]
	})
	fmt.Printf("exported names: %d in %d packages\n", total, len(pkgs))
	for _, p := range pkgs {
		fmt.Printf("  %-22s %4d\n", p, count[p])
	}
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(fl *ast.FieldList) bool {
	t := fl.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.IsExported()
		default:
			return false
		}
	}
}

// jsFlag matches what the worker reads of Go to tell the programs apart.
var jsFlag = regexp.MustCompile(`wsframeGo\.(caps|full|later|tls)\b`)

// largest prints the ten longest Go and JS files, in lines, and the JS
// flags the worker reads.
func largest(files []string) {
	type file struct {
		path  string
		lines int
	}
	var all []file
	flags := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		all = append(all, file{f, strings.Count(string(b), "\n")})
		if strings.HasSuffix(f, ".js") {
			for _, m := range jsFlag.FindAllStringSubmatch(string(b), -1) {
				flags[m[1]] = true
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].lines > all[j].lines })
	fmt.Printf("largest files (lines):\n")
	for _, f := range all[:min(10, len(all))] {
		fmt.Printf("  %5d  %s\n", f.lines, f.path)
	}
	names := make([]string, 0, len(flags))
	for n := range flags {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Printf("JS flags read of wsframeGo: %d (%s)\n", len(names), strings.Join(names, ", "))
}
