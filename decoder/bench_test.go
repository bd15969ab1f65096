package decoder

import (
	"bytes"
	"testing"
)

// BenchmarkDecodeMasked decodes a multi-megabyte stream of 1 KB masked text
// frames: header parsing, unmasking, message reassembly and the UTF-8
// check, with no per-byte detail. Reported in MB/s of input.
func BenchmarkDecodeMasked(b *testing.B) {
	payload := bytes.Repeat([]byte("wsframe "), 128) // 1 KB of text
	frame := encodeFrame(true, 0, OpText, []byte{0x95, 0x39, 0xff, 0xdd}, payload, 0)
	stream := bytes.Repeat(frame, 8<<20/len(frame))
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	for b.Loop() {
		r := DecodeBytes(stream, Input{}, Options{})
		if len(r.Frames) == 0 {
			b.Fatal("no frames")
		}
	}
}

// BenchmarkDecodePasteHex parses a large pasted xxd dump into bytes.
func BenchmarkParseInputXxd(b *testing.B) {
	var text bytes.Buffer
	data := bytes.Repeat([]byte("0123456789abcdef"), 1<<14)
	for i := 0; i < len(data); i += 16 {
		text.WriteString("00000000: 3031 3233 3435 3637 3839 6162 6364 6566  0123456789abcdef\n")
	}
	b.SetBytes(int64(text.Len()))
	for b.Loop() {
		out, _, errs := ParseInput(text.Bytes(), "")
		if len(errs) > 0 || len(out) != len(data) {
			b.Fatalf("%d bytes, errors %v", len(out), errs)
		}
	}
}
