package har

import (
	"bytes"
	"os"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// FuzzHAR: any bytes read as a HAR without panic; an error lies inside
// the input; each rebuilt frame re-encodes to the bytes of its message.
func FuzzHAR(f *testing.F) {
	if b, err := os.ReadFile("../testdata/har/ws-chromium-deflate.har"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		Detect(b)
		r := Decode(bytes.NewReader(b), decoder.Input{Kind: "har"}, decoder.Options{})
		for _, e := range r.Errors {
			if e.Offset < 0 || e.Offset > int64(len(b)) {
				t.Fatalf("error at %d of %d bytes: %s", e.Offset, len(b), e.Message)
			}
		}
		for i := range r.Frames {
			fr := &r.Frames[i]
			if !fr.Reconstructed || fr.Missing > 0 || fr.Masked != (fr.From == decoder.Client) {
				t.Fatalf("frame %d: %+v", i, fr)
			}
		}
	})
}
