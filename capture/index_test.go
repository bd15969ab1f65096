package capture

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// indexed decodes b into an index and materializes every frame and
// message from it, reading the bytes again.
func indexed(t testing.TB, b []byte, opts decoder.Options) (*decoder.Result, *decoder.Index) {
	t.Helper()
	ix := decoder.NewIndex(0)
	r := DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, bytes.NewReader(b), int64(len(b)), opts, ix, nil)
	if err := ix.Result(r); err != nil {
		t.Fatalf("materializing: %v", err)
	}
	return r, ix
}

// testCaptures lists every capture the tests read: the real peers' and
// the synthetic ones.
func testCaptures(t *testing.T) []string {
	var names []string
	for _, pat := range []string{"../testdata/captures/*.pcap*", "testdata/*.pcap*"} {
		m, _ := filepath.Glob(pat)
		for _, n := range m {
			if filepath.Ext(n) != ".json" {
				names = append(names, n)
			}
		}
	}
	if len(names) < 20 {
		t.Fatalf("found %d captures", len(names))
	}
	return names
}

// TestIndexSameResult: a capture decoded into an index, every frame and
// message then read again from the file (payloads re-read, violations
// worked out again, compressed messages inflated from checkpoints), gives
// the very result the decoder makes in one pass.
func TestIndexSameResult(t *testing.T) {
	for _, name := range testCaptures(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			want := Decode(b, decoder.Options{})
			got, ix := indexed(t, b, decoder.Options{})
			wj, _ := json.MarshalIndent(want, "", " ")
			gj, _ := json.MarshalIndent(got, "", " ")
			if !bytes.Equal(wj, gj) {
				t.Errorf("the index gives another result:\n%s", firstDiff(wj, gj))
			}
			if len(want.Frames) > 0 {
				t.Logf("%d frames, index %d bytes", len(want.Frames), ix.Bytes())
			}
		})
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-300)
	return "want …" + string(a[from:min(len(a), i+200)]) + "\n got …" + string(b[from:min(len(b), i+200)])
}
