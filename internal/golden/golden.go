// Package golden compares what a test produced with a file kept in
// testdata, and rewrites the file instead when the tests run with -update:
//
//	go test ./decoder -update    # then read the diff before committing
package golden

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

// Update is the -update flag: rewrite golden files rather than compare.
var Update = flag.Bool("update", false, "rewrite the golden files in testdata instead of comparing with them")

// Check compares got with the file at path. With -update it writes got
// there first, so the comparison passes and git shows what changed.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update makes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it; then read the diff):\n%s", path, got)
	}
}
