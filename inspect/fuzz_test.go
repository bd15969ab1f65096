package inspect

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// FuzzPackets: any text given as a dump of many packets reads without
// panic, as a capture or not at all, with errors inside the text.
func FuzzPackets(f *testing.F) {
	files, _ := filepath.Glob("../testdata/dumps/streams/*tshark-x.txt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		r, ok := decodePackets(text, decoder.Options{})
		if !ok {
			return
		}
		if r.Input.Packets < 2 {
			t.Fatalf("%d packets", r.Input.Packets)
		}
		for _, e := range r.Errors {
			if e.Offset < 0 || e.Offset > int64(len(text)) {
				t.Fatalf("error out of place: %+v in %d bytes", e, len(text))
			}
		}
	})
}
