package decoder

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// TestAppendFrameSeed builds the seed article's two frames and gets the bytes
// the article shows.
func TestAppendFrameSeed(t *testing.T) {
	tests := []struct {
		name    string
		frame   Frame
		payload string
		want    string
	}{
		{"server text", Frame{Fin: true, Opcode: OpText, PayloadLength: 12}, "Hello, world",
			"810c48656c6c6f2c20776f726c64"},
		{"client masked", Frame{Fin: true, Opcode: OpText, Masked: true, MaskKey: Hex{0x95, 0x39, 0xff, 0xdd}, PayloadLength: 9}, "Good bye.",
			"818995 39ffddd25690b9b55b86b8bb"},
		{"16-bit length", Frame{Fin: true, Opcode: OpBinary, LengthBits: 16, PayloadLength: 3}, "abc",
			"827e0003616263"},
	}
	for _, tt := range tests {
		got := AppendFrame(nil, &tt.frame, []byte(tt.payload))
		want, _ := hex.DecodeString(string(bytes.ReplaceAll([]byte(tt.want), []byte(" "), nil)))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: got % x, want % x", tt.name, got, want)
		}
		r := DecodeBytes(got, Input{Kind: "binary"}, Options{})
		if len(r.Frames) != 1 || string(r.Messages[0].Data) != tt.payload {
			t.Errorf("%s: decodes back to %+v", tt.name, r.Messages)
		}
	}
}
