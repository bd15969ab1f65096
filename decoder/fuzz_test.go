package decoder

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/wsframe/wsframe/internal/measure"
)

// addTestdataSeeds adds every golden input in testdata to the fuzz corpus,
// next to the files go test keeps in testdata/fuzz/FuzzX.
func addTestdataSeeds(f *testing.F, raw bool) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if raw {
			if data, _, _ := ParseInput(b, ""); len(data) > 0 {
				b = data
			}
		}
		f.Add(b)
	}
}

// FuzzParseInput: any text parses without panic, every error lies inside
// the text with a line and column, and no form yields more bytes than the
// text has characters.
func FuzzParseInput(f *testing.F) {
	addTestdataSeeds(f, false)
	f.Fuzz(func(t *testing.T, text []byte) {
		out, in, errs := ParseInput(text, "")
		if len(out) > len(text) || in.Bytes != int64(len(out)) {
			t.Fatalf("%d bytes out of %d of text (input %+v)", len(out), len(text), in)
		}
		for _, e := range errs {
			if e.Offset < 0 || e.Offset > int64(len(text)) || e.Line < 1 || e.Column < 1 || e.Message == "" {
				t.Fatalf("error out of place: %+v for %d bytes", e, len(text))
			}
		}
		// Decode too: a handshake split off, frames, messages. Frames lie
		// in the bytes decoded after the handshake, which Input counts.
		r := Decode(text, Options{})
		checkResult(t, r, r.Input.Bytes)
		checkIndexed(t, r, func(o Options) *Result { return Decode(text, o) }, Options{})
	})
}

// FuzzDecodeFrames: any bytes decode without panic; frames lie inside the
// input in order; every frame that arrived whole re-encodes to the very
// bytes it was read from.
func FuzzDecodeFrames(f *testing.F) {
	addTestdataSeeds(f, true)
	f.Add([]byte{0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, from := range []Side{"", Client, Server} {
			r := DecodeBytes(data, Input{}, Options{From: from})
			checkResult(t, r, int64(len(data)))
			decode := func(o Options) *Result { return DecodeBytes(data, Input{}, o) }
			checkIndexed(t, r, decode, Options{From: from})
			for _, ext := range []string{"permessage-deflate", "x-webkit-deflate-frame"} {
				e, _ := ParseExtension(ext)
				o := Options{From: from, Extension: e}
				checkIndexed(t, decode(o), decode, o)
			}
			for i := range r.Frames {
				fr := &r.Frames[i]
				if fr.Missing > 0 {
					continue
				}
				if got := Wire(fr, -1); !bytes.Equal(got, data[fr.Offset:fr.End()]) {
					t.Fatalf("frame %d re-encodes to % x, read from % x", i, got, data[fr.Offset:fr.End()])
				}
			}
		}
	})
}

// checkResult checks what holds for every result: frames in order inside
// the input, messages pointing at real frames, lists never nil.
func checkResult(t *testing.T, r *Result, size int64) {
	t.Helper()
	if r.Frames == nil || r.Messages == nil || r.Errors == nil || r.Connections == nil {
		t.Fatalf("a list is nil")
	}
	var prev int64
	for i := range r.Frames {
		fr := &r.Frames[i]
		if fr.Index != i || fr.Offset < prev || fr.Offset >= size {
			t.Fatalf("frame %d at %d (previous at %d, input %d bytes)", i, fr.Offset, prev, size)
		}
		if fr.Missing == 0 && fr.End() > size {
			t.Fatalf("frame %d ends at %d past the input's %d bytes", i, fr.End(), size)
		}
		if uint64(len(fr.Payload))+fr.Missing != fr.PayloadLength {
			t.Fatalf("frame %d: %d payload bytes + %d missing != length %d", i, len(fr.Payload), fr.Missing, fr.PayloadLength)
		}
		prev = fr.Offset
	}
	for i, m := range r.Messages {
		if m.Index != i || len(m.Frames) == 0 {
			t.Fatalf("message %d: index %d, frames %v", i, m.Index, m.Frames)
		}
		for _, fi := range m.Frames {
			if fi < 0 || fi >= len(r.Frames) || r.Frames[fi].Message != i {
				t.Fatalf("message %d lists frame %d, which does not point back", i, fi)
			}
		}
	}
}

// TestAllocationIsBounded: a header that claims a huge payload does not make
// the decoder allocate by the claim, only by the bytes there are.
func TestAllocationIsBounded(t *testing.T) {
	inputs := [][]byte{
		{0x82, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3},
		{0x82, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
		bytes.Repeat([]byte{0x82, 0x7e, 0xff, 0xff}, 1000),
		bytes.Repeat([]byte{0x89, 0x00}, 10000),
	}
	for i, in := range inputs {
		var r *Result
		got, _ := measure.Allocs(func() { r = DecodeBytes(in, Input{}, Options{}) })
		// The arena's first block, the bytes themselves a few times over,
		// and the result's records: nothing grows with a claimed length.
		limit := uint64(2*arenaBlock + 4*len(in) + 1024*len(r.Frames))
		if got > limit {
			t.Errorf("input %d (%d bytes, %d frames) allocated %d bytes, more than %d", i, len(in), len(r.Frames), got, limit)
		}
	}
}
