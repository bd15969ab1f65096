//go:build !js || full

package main

import (
	"slices"
	"testing"
)

// Every function the first program promises the full one (opNeeds) is
// there, and every capability such a function needs is in the full kit.
func TestFullProgramHasWhatTheFirstPromises(t *testing.T) {
	for name, c := range opNeeds {
		if prog.ops[name] == nil {
			t.Errorf("the full program has no %s", name)
		}
		if !slices.Contains(prog.Caps(), c) {
			t.Errorf("%s needs %q; the full program's caps are %v", name, c, prog.Caps())
		}
	}
	if len(prog.ops) != len(opNeeds) {
		t.Errorf("full functions %d, opNeeds %d: name every full function's capability in opNeeds", len(prog.ops), len(opNeeds))
	}
}
