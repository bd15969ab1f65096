//go:build !js

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// The frame builder (package build), the display filters (package filter)
// and TLS's cryptography (tlsdec/crypt) are the full program's: the first
// program, what a visit downloads, imports none of them: only the full
// program's files (kit_full.go, encode_js.go, filter.go) do.
func TestFirstProgramLeavesTheBuilderOut(t *testing.T) {
	for _, c := range []struct {
		tags string
		want bool
	}{{"", false}, {"full", true}} {
		cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "list", "-tags", c.tags, "-deps", ".")
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -tags %q: %v", c.tags, err)
		}
		for _, pkg := range []string{"build", "filter", "tlsdec/crypt"} {
			got := slices.Contains(strings.Fields(string(out)), "github.com/wsframe/wsframe/"+pkg)
			if got != c.want {
				t.Errorf("with -tags %q the wasm program links package %s: %v, want %v", c.tags, pkg, got, c.want)
			}
		}
	}
}
