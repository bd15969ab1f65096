package paste

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// addTestdataSeeds adds decoder's golden pastes and the squeezed dumps to
// a fuzz corpus, next to the files go test keeps in testdata/fuzz/FuzzX.
func addTestdataSeeds(f *testing.F) {
	files, _ := filepath.Glob("../decoder/testdata/*.txt")
	more, _ := filepath.Glob("testdata/squeeze/*.txt")
	for _, name := range append(files, more...) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzParse: any text parses without panic, every error lies inside the
// text with a line and column, and no form yields more bytes than the
// text has characters. (decoder's FuzzParseInput decodes what it yields.)
func FuzzParse(f *testing.F) {
	addTestdataSeeds(f)
	f.Fuzz(func(t *testing.T, text []byte) {
		out, format, errs := Parse(text, "")
		if len(out) > len(text) || format == "" {
			t.Fatalf("%d bytes out of %d of text (form %q)", len(out), len(text), format)
		}
		for _, e := range errs {
			if e.Offset < 0 || e.Offset > int64(len(text)) || e.Line < 1 || e.Column < 1 || e.Message == "" {
				t.Fatalf("error out of place: %+v for %d bytes", e, len(text))
			}
		}
	})
}

// TestPlaceErrorsInAnyOrder: errors given out of order are each placed on
// their own line and column, in one pass.
func TestPlaceErrorsInAnyOrder(t *testing.T) {
	text := []byte("ab\ncd\r\n\nxyz")
	errs := []Error{{Offset: 9}, {Offset: 0}, {Offset: 4}, {Offset: 11}, {Offset: 3}, {Offset: 7}, {Offset: 99}}
	want := [][2]int{{4, 2}, {1, 1}, {2, 2}, {4, 4}, {2, 1}, {3, 1}, {4, 4}}
	Place(text, errs)
	for i, e := range errs {
		if [2]int{e.Line, e.Column} != want[i] {
			t.Errorf("offset %d: line %d column %d, want %v", e.Offset, e.Line, e.Column, want[i])
		}
	}
}

// BenchmarkParseXxd parses a large pasted xxd dump into bytes.
func BenchmarkParseXxd(b *testing.B) {
	var text bytes.Buffer
	data := bytes.Repeat([]byte("0123456789abcdef"), 1<<14)
	for i := 0; i < len(data); i += 16 {
		text.WriteString("00000000: 3031 3233 3435 3637 3839 6162 6364 6566  0123456789abcdef\n")
	}
	b.SetBytes(int64(text.Len()))
	for b.Loop() {
		out, _, errs := Parse(text.Bytes(), "")
		if len(errs) > 0 || len(out) != len(data) {
			b.Fatalf("%d bytes, errors %v", len(out), errs)
		}
	}
}
