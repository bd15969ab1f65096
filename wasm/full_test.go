//go:build js && full

package main

import (
	"slices"
	"testing"
)

// Every function the first program promises the full one (opNeeds) is
// there, and every capability such a function needs is in the full kit.
func TestFullProgramHasWhatTheFirstPromises(t *testing.T) {
	for name, c := range opNeeds {
		if fullOps[name] == nil {
			t.Errorf("the full program has no %s", name)
		}
		if !slices.Contains(kit.Caps(), c) {
			t.Errorf("%s needs %q; the full program's caps are %v", name, c, kit.Caps())
		}
	}
	if len(fullOps) != len(opNeeds) {
		t.Errorf("full functions %d, opNeeds %d: name every full function's capability in opNeeds", len(fullOps), len(opNeeds))
	}
}
