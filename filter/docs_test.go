package filter_test

import (
	"flag"
	"os"
	"slices"
	"testing"

	"github.com/wsframe/wsframe/filter"
	"github.com/wsframe/wsframe/reading"
)

var update = flag.Bool("update", false, "rewrite docs/filters.md from the field table")

// TestDocs: docs/filters.md is what the field table writes.
func TestDocs(t *testing.T) {
	const path = "../docs/filters.md"
	want := filter.Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is not what the field table writes; run go test ./filter -run TestDocs -update", path)
	}
}

// TestExamples: every field's example in the table parses and tests its
// field.
func TestExamples(t *testing.T) {
	for _, f := range filter.Fields() {
		p, err := filter.Parse(f.Example)
		if err != nil {
			t.Errorf("%s: example %q: %v", f.Name, f.Example, err)
			continue
		}
		found := false
		for _, n := range p.Fields() {
			found = found || n == f.Name
		}
		if !found {
			t.Errorf("%s: example %q does not test it", f.Name, f.Example)
		}
	}
}

// TestReadingProtocols: every protocol a reading's field names is one of
// package reading's table, so that a renamed protocol breaks here, not
// silently in a filter that never matches.
func TestReadingProtocols(t *testing.T) {
	for _, f := range filter.Fields() {
		for _, p := range f.Protocols {
			if !slices.Contains(reading.Protocols, p) {
				t.Errorf("%s names protocol %q; package reading has %v", f.Name, p, reading.Protocols)
			}
		}
	}
}
