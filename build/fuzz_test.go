package build

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParseHex: any text reads without panic, to at most half its length
// in bytes, and an error names a column inside the text.
func FuzzParseHex(f *testing.F) {
	for _, s := range []string{"81 0c", "0x81, 0x0c", "8", "zz", "81:0c-48\n65", "0x", "0xx1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseHex(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "column ") {
				t.Fatalf("error without a column: %v", err)
			}
			return
		}
		if len(b) > len(s)/2 {
			t.Fatalf("%d bytes from %d characters", len(b), len(s))
		}
	})
}

// FuzzBuild: any spec builds or fails with an error, never panics, and
// what it builds decodes to the payload it was given.
func FuzzBuild(f *testing.F) {
	f.Add(byte(0x81), "Good bye.", "9539ffdd", uint8(0), uint8(0), false, "")
	f.Add(byte(0x01), "Hello, world", "", uint8(16), uint8(3), true, "permessage-deflate")
	f.Add(byte(0xFB), "", "random", uint8(64), uint8(1), true, "permessage-deflate; client_no_context_takeover")
	f.Fuzz(func(t *testing.T, b0 byte, text, key string, bits, frag uint8, ping bool, ext string) {
		s := Spec{
			Fin: ptr(b0&0x80 != 0), Rsv1: ptr(b0&0x40 != 0), Rsv2: ptr(b0&0x20 != 0), Rsv3: ptr(b0&0x10 != 0),
			Opcode: ptr(int(b0 & 0x0F)), MaskKey: key, Text: &text, LengthBits: int(bits), Fragment: int(frag), Extension: ext,
		}
		if ping {
			s.PingBetween = true
		}
		r, err := Build([]Spec{s})
		if err != nil {
			return
		}
		if len(r.Frames) == 0 && len(r.Hex) > 0 {
			t.Fatalf("%d bytes built, no frame decoded", len(r.Hex))
		}
		if ext == "" {
			var got []byte
			for _, f := range r.Frames {
				if !ping || f.Index != 1 {
					got = append(got, f.Payload...)
				}
			}
			if !bytes.Equal(got, []byte(text)) {
				t.Fatalf("payload %q back, %q built", got, text)
			}
		}
	})
}
