package paste

import (
	"os"
	"path/filepath"
	"testing"
)

// addStreamSeeds adds the Follow TCP Stream and many-packet dumps tshark
// wrote (testdata/dumps/streams) to a fuzz corpus.
func addStreamSeeds(f *testing.F) {
	files, _ := filepath.Glob("../testdata/dumps/streams/*.txt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(b) < 16<<10 {
			f.Add(b)
		}
	}
}

// FuzzFollow: any text reads as a Follow TCP Stream without panic, with
// every error placed inside it, and no more bytes than it has characters.
func FuzzFollow(f *testing.F) {
	addStreamSeeds(f)
	f.Fuzz(func(t *testing.T, text []byte) {
		IsFollow(text)
		c, errs := ParseFollow(text)
		n := 0
		for _, s := range c.Segments {
			if s.Node != 0 && s.Node != 1 || len(s.Data) == 0 || s.Text < 0 || s.Text > len(text) {
				t.Fatalf("segment %+v", s)
			}
			n += len(s.Data)
		}
		if n > len(text) {
			t.Fatalf("%d bytes from %d of text", n, len(text))
		}
		for _, e := range errs {
			if e.Offset < 0 || e.Offset > int64(len(text)) || e.Line < 1 || e.Column < 1 || e.Message == "" {
				t.Fatalf("error out of place: %+v", e)
			}
		}
	})
}

// FuzzSplitPackets: the spans of a dump of many packets lie inside the
// text, in order, without overlapping.
func FuzzSplitPackets(f *testing.F) {
	addStreamSeeds(f)
	f.Fuzz(func(t *testing.T, text []byte) {
		last := 0
		for _, s := range SplitPackets(text) {
			if s.Start < last || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("span %+v after %d in %d bytes", s, last, len(text))
			}
			last = s.End
		}
	})
}
