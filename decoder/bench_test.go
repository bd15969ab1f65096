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
