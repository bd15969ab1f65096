// Command bundle writes the page as it is published, from web/ into site/
// (`make build` runs it): the page's ES modules bundled by esbuild into a
// few files, so that a visit asks for about a dozen files instead of 42
// (each request costs the browser's processes CPU and, over HTTP/1.1's six
// connections, a round trip in turn), and every other file copied as it is.
//
// The sources stay plain ES modules, one concern a file, type-checked in
// web/. What bundling may not change is kept:
//   - the modules index.html runs (app.js, lang.js, early.js) and the ones
//     loaded by name when their feature is opened (web/lazy/, web/i18n/)
//     keep their names and places: they are esbuild's entry points;
//   - code two of them share goes into a chunk that both import, so a module
//     has one instance however it is reached (esbuild's code splitting);
//   - no identifier is renamed and nothing is inlined as text: the bundle has
//     no inline script for the page's policy to refuse;
//   - the browser's developer tools still show the sources as written, from
//     a source map beside each file (fetched by them only).
//
// index.html's marker comment becomes the list of the chunks its scripts
// import, to preload (<link rel="modulepreload">), so that they are fetched
// at once rather than a level of imports at a time.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// typesOnly holds JSDoc types only: the type checker reads it, no page does.
const typesOnly = "contract.js"

// Marker is the line of web/index.html that the preload list replaces.
const Marker = "<!-- modulepreload: written here by internal/bundle -->"

func main() {
	src := flag.String("src", "web", "the page's sources")
	out := flag.String("out", "site", "the folder to write the page to (emptied first)")
	flag.Parse()
	if err := build(*src, *out); err != nil {
		log.Fatalf("bundle: %v", err)
	}
}

// scriptSrc finds index.html's module scripts.
var scriptSrc = regexp.MustCompile(`<script type="module"[^>]*\ssrc="([^"]+)"`)

// build writes the page from src into out.
func build(src, out string) error {
	src, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	out, err = filepath.Abs(out)
	if err != nil {
		return err
	}
	if within(src, out) || within(out, src) {
		return fmt.Errorf("the output folder %s and the sources %s would overlap: choose another", out, src)
	}
	html, err := os.ReadFile(filepath.Join(src, "index.html"))
	if err != nil {
		return err
	}
	if !strings.Contains(string(html), Marker) {
		return fmt.Errorf("%s/index.html has no line %q to write the preload list at", src, Marker)
	}
	var scripts, entries []string
	for _, m := range scriptSrc.FindAllStringSubmatch(string(html), -1) {
		scripts = append(scripts, m[1])
		entries = append(entries, filepath.Join(src, m[1]))
	}
	if len(scripts) == 0 {
		return fmt.Errorf("%s/index.html runs no module script", src)
	}
	for _, dir := range []string{"lazy", "i18n"} {
		if _, err := os.Stat(filepath.Join(src, dir)); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(filepath.Join(src, dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".js") {
				entries = append(entries, p)
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	res := api.Build(api.BuildOptions{
		EntryPoints:   entries,
		Bundle:        true,
		Splitting:     true,
		Format:        api.FormatESModule,
		Outdir:        out,
		Outbase:       src,
		AbsWorkingDir: src,
		EntryNames:    "[dir]/[name]",
		ChunkNames:    "chunk-[hash]",
		// Whitespace and syntax only: the names stay the sources' own.
		MinifyWhitespace: true,
		MinifySyntax:     true,
		LegalComments:    api.LegalCommentsNone,
		Charset:          api.CharsetUTF8, // module scripts are read as UTF-8
		// A map beside each file, which only the browser's developer tools
		// fetch: they show the sources as written, comments included.
		Sourcemap: api.SourceMapLinked,
		Metafile:  true,
		Write:     true,
		LogLevel:  api.LogLevelSilent,
	})
	if w := messages(res.Warnings); w != "" {
		fmt.Fprintf(os.Stderr, "bundle: esbuild warns:%s\n", w)
	}
	if len(res.Errors) > 0 {
		return fmt.Errorf("esbuild:%s", messages(res.Errors))
	}
	meta, err := parseMeta(res.Metafile, src, out)
	if err != nil {
		return err
	}
	preload := meta.preloads(scripts)
	var links strings.Builder
	links.WriteString("<!-- the chunks the scripts import, fetched at once (written by internal/bundle) -->")
	for _, p := range preload {
		fmt.Fprintf(&links, "\n<link rel=\"modulepreload\" href=\"%s\">", p)
	}
	page := strings.Replace(string(html), Marker, links.String(), 1)
	if err := os.WriteFile(filepath.Join(out, "index.html"), []byte(page), 0o644); err != nil {
		return err
	}
	return copyRest(src, out, meta.inputs)
}

// within tells whether p is the folder dir or inside it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// messages writes esbuild's messages one a line, each with its place.
func messages(ms []api.Message) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("\n  ")
		if m.Location != nil {
			fmt.Fprintf(&b, "%s:%d:%d: ", m.Location.File, m.Location.Line, m.Location.Column)
		}
		b.WriteString(m.Text)
	}
	return b.String()
}

// copyRest copies every file of src that is not index.html or a module the
// bundle holds (the workers' classic scripts, the style, the wasm, the first
// view, the headers), keeping its place.
func copyRest(src, out string, bundled map[string]bool) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "index.html" || rel == typesOnly || bundled[rel] {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(out, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}
