package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// meta is what the bundle needs of esbuild's metafile, its paths made
// relative to the output folder (outputs) and to the sources (inputs).
type meta struct {
	inputs map[string]bool // the sources the bundle holds
	// static maps an output file to the output files it imports statically.
	static map[string][]string
	// entry maps an entry point's source to its output file.
	entry map[string]string
}

// parseMeta reads esbuild's metafile, whose paths are relative to the
// working directory: esbuild ran in src and wrote into out.
func parseMeta(text, src, out string) (*meta, error) {
	var raw struct {
		Inputs  map[string]json.RawMessage `json:"inputs"`
		Outputs map[string]struct {
			EntryPoint string `json:"entryPoint"`
			Imports    []struct {
				Path string `json:"path"`
				Kind string `json:"kind"`
			} `json:"imports"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return nil, fmt.Errorf("esbuild's metafile: %v", err)
	}
	m := &meta{inputs: map[string]bool{}, static: map[string][]string{}, entry: map[string]string{}}
	for p := range raw.Inputs {
		m.inputs[filepath.ToSlash(filepath.Clean(p))] = true
	}
	rel := func(p string) string {
		r, err := filepath.Rel(out, filepath.Join(src, p))
		if err != nil {
			return p
		}
		return filepath.ToSlash(r)
	}
	for p, o := range raw.Outputs {
		if strings.HasSuffix(p, ".map") {
			continue
		}
		file := rel(p)
		for _, im := range o.Imports {
			if im.Kind == "import-statement" {
				m.static[file] = append(m.static[file], rel(im.Path))
			}
		}
		if o.EntryPoint != "" {
			m.entry[filepath.ToSlash(filepath.Clean(o.EntryPoint))] = file
		}
	}
	return m, nil
}

// preloads returns the output files that the scripts' outputs import
// statically, followed to the end, without the scripts themselves (the page
// asks for those by their <script> tags), in order.
func (m *meta) preloads(scripts []string) []string {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(out string) {
		for _, im := range m.static[out] {
			if !seen[im] {
				seen[im] = true
				visit(im)
			}
		}
	}
	for _, s := range scripts {
		visit(m.entry[path.Clean(s)])
	}
	for _, s := range scripts {
		delete(seen, m.entry[path.Clean(s)])
	}
	return slices.Sorted(maps.Keys(seen))
}
