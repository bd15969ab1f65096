package main

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// importRe finds a module's relative imports in esbuild's output, static
// (import … from"./x.js", import"./x.js") and dynamic (import("./x.js")).
var importRe = regexp.MustCompile(`import\s*(?:[\w*{}\s,$]*?from\s*)?\(?"(\.\.?/[^"]+)"`)

// staticRe finds only the static ones.
var staticRe = regexp.MustCompile(`(?:^|[;}\s])import\s*(?:[\w*{}\s,$]*?from\s*)?"(\.\.?/[^"]+)"`)

func imports(t *testing.T, out, file string, re *regexp.Regexp) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, file))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range re.FindAllStringSubmatch(string(data), -1) {
		got = append(got, path.Join(path.Dir(file), m[1]))
	}
	return got
}

// TestBundleOfThePage bundles the real web/ and reads what it wrote as a
// browser would: every import resolves to a written file, the preload list
// is exactly what the scripts import statically (followed to the end), the
// modules loaded by name keep their names, and no source module is left
// beside the bundle.
func TestBundleOfThePage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	if err := build("../../web", out); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(html), Marker) {
		t.Error("index.html still has the marker")
	}
	preloaded := map[string]bool{}
	for _, m := range regexp.MustCompile(`<link rel="modulepreload" href="([^"]+)">`).FindAllStringSubmatch(string(html), -1) {
		preloaded[m[1]] = true
	}
	// What the scripts import statically, followed to the end, read from the files.
	want := map[string]bool{}
	var follow func(string)
	follow = func(f string) {
		for _, im := range imports(t, out, f, staticRe) {
			if !want[im] {
				want[im] = true
				follow(im)
			}
		}
	}
	for _, s := range []string{"app.js", "lang.js", "early.js"} {
		follow(s)
	}
	for f := range want {
		if !preloaded[f] {
			t.Errorf("%s is imported on the first load but not preloaded", f)
		}
		if strings.HasPrefix(f, "lazy/") || strings.HasPrefix(f, "i18n/") {
			t.Errorf("%s is imported statically on the first load: it is meant to load when its feature is opened", f)
		}
	}
	for f := range preloaded {
		if !want[f] {
			t.Errorf("%s is preloaded but no first-load script imports it", f)
		}
	}
	if len(want) == 0 {
		t.Error("app.js imports nothing: the bundle's chunks were not found")
	}
	// Every import of every module written resolves to a file written.
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		for _, im := range imports(t, out, filepath.ToSlash(rel), importRe) {
			if _, err := os.Stat(filepath.Join(out, im)); err != nil {
				t.Errorf("%s imports %s, which was not written", rel, im)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"app.js", "lang.js", "early.js", "lazy/builder.js", "lazy/filter.js", "i18n/en.js", "i18n/ja.js", "i18n/full/ja.js", "worker.js", "reader.js", "style.css", "_headers"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s is missing from the page: %v", f, err)
		}
	}
	for _, f := range []string{"dom.js", "i18n.js", "capture.js", "contract.js"} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s was copied beside the bundle that holds it", f)
		}
	}
	// The developer tools find the sources as written, comments included.
	js, _ := os.ReadFile(filepath.Join(out, "app.js"))
	sm, err := os.ReadFile(filepath.Join(out, "app.js.map"))
	if !strings.HasSuffix(strings.TrimSpace(string(js)), "sourceMappingURL=app.js.map") || err != nil ||
		!strings.Contains(string(sm), "app.js: the page") {
		t.Errorf("app.js has no source map with its sources (%v)", err)
	}
	// The Japanese catalog keeps its text as UTF-8, not escapes.
	ja, _ := os.ReadFile(filepath.Join(out, "i18n/ja.js"))
	if !strings.Contains(string(ja), "フレーム") || strings.Contains(string(ja), `\u30`) {
		t.Error("i18n/ja.js holds escapes instead of its text")
	}
}

func TestBundleRefuses(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "web")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", `<script type="module" src="app.js"></script>`)
	write("app.js", `import { x } from './b.js'; console.log(x);`)
	write("b.js", `export const x = 1;`)
	if err := build(src, filepath.Join(dir, "site")); err == nil || !strings.Contains(err.Error(), "modulepreload: written here") {
		t.Errorf("no marker: got %v", err)
	}
	write("index.html", `<script type="module" src="app.js"></script>`+"\n"+Marker)
	for _, o := range []string{src, dir, filepath.Join(src, "site")} {
		if err := build(src, o); err == nil || !strings.Contains(err.Error(), "would overlap") {
			t.Errorf("out %s, src %s: got %v", o, src, err)
		}
	}
	write("app.js", `import { y } from './missing.js'; console.log(y);`)
	err := build(src, filepath.Join(dir, "site"))
	if err == nil || !strings.Contains(err.Error(), "app.js:1:") || !strings.Contains(err.Error(), "missing.js") {
		t.Errorf("a missing module: got %v", err)
	}
	write("app.js", `import { x } from './b.js'; console.log(x);`)
	if err := build(src, filepath.Join(dir, "site")); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "site", "index.html"))
	if strings.Contains(string(page), "modulepreload\" href") {
		t.Errorf("one module needs no preload: %s", page)
	}
}
