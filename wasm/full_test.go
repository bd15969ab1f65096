//go:build js && wasm && full

package main

import "testing"

// Every function the first program promises the full one (laterNames) is
// there.
func TestFullProgramHasWhatTheFirstPromises(t *testing.T) {
	if !fullProgram {
		t.Fatal("fullProgram is false in the full build")
	}
	for _, name := range laterNames {
		if fullOps[name] == nil {
			t.Errorf("the full program has no %s", name)
		}
	}
	if len(fullOps) != len(laterNames) {
		t.Errorf("full functions %d, laterNames %d: list every full function in laterNames", len(fullOps), len(laterNames))
	}
}
