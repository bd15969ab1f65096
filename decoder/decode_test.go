package decoder

import (
	"encoding/hex"
	"slices"
	"strings"
	"testing"
)

// TestCompressedFrames decodes RFC 7692 section 7.2.3's frames: with the
// extension negotiated they inflate, without it RSV1 breaks RFC 6455.
func TestCompressedFrames(t *testing.T) {
	pmd, err := ParseExtension("permessage-deflate")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		hex  string
		want []string
	}{
		{"7.2.3.1 a message compressed", "0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", []string{"Hello"}},
		{"7.2.3.1 fragmented", "0x41 0x03 0xf2 0x48 0xcd 0x80 0x04 0xc9 0xc9 0x07 0x00", []string{"Hello"}},
		{"7.2.3.2 sharing the window", "0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00 0xc1 0x05 0xf2 0x00 0x11 0x00 0x00", []string{"Hello", "Hello"}},
		{"7.2.3.3 a stored block", "0xc1 0x0b 0x00 0x05 0x00 0xfa 0xff 0x48 0x65 0x6c 0x6c 0x6f 0x00", []string{"Hello"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := decodeHex(t, tt.hex, Options{Extension: pmd})
			var got []string
			for _, m := range r.Messages {
				if !m.Compressed || m.Text == nil || m.Problem != "" {
					t.Fatalf("message %+v", m)
				}
				got = append(got, *m.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("messages %q, want %q", got, tt.want)
			}
			for _, f := range r.Frames {
				if len(f.Violations) > 0 {
					t.Errorf("violations %v", f.Violations)
				}
			}
			r = decodeHex(t, tt.hex, Options{})
			if ids := violationIDs(r.Frames[0].Violations); !slices.Contains(ids, "rsv-without-extension") {
				t.Errorf("without the extension: violations %v", ids)
			}
		})
	}
}

// TestInflateProblems: a message that cannot be inflated is reported with
// its reason, and corrupt data also breaks a rule.
func TestInflateProblems(t *testing.T) {
	pmd, _ := ParseExtension("permessage-deflate")
	// A back-reference to bytes never seen (as when a capture starts
	// mid-connection): the second message of 7.2.3.2 alone.
	r := decodeHex(t, "0xc1 0x05 0xf2 0x00 0x11 0x00 0x00", Options{Extension: pmd})
	if m := r.Messages[0]; m.Problem == "" || m.Text != nil {
		t.Errorf("message %+v", m)
	}
	// Corrupt DEFLATE (a reserved block type).
	r = decodeHex(t, "0xc1 0x02 0xff 0xff", Options{Extension: pmd})
	if ids := violationIDs(r.Frames[0].Violations); !slices.Contains(ids, "inflate-failed") || r.Messages[0].Problem == "" {
		t.Errorf("violations %v, problem %q", ids, r.Messages[0].Problem)
	}
	// A bomb stops at the limit.
	r = decodeHex(t, "0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", Options{Extension: pmd, InflateLimit: 3})
	if m := r.Messages[0]; !strings.Contains(m.Problem, "limit") {
		t.Errorf("problem %q", m.Problem)
	}
}

// TestPastedHandshake applies a handshake pasted before the frames.
func TestPastedHandshake(t *testing.T) {
	text := "GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n" +
		"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n" +
		"c1 07 f2 48 cd c9 c9 07 00\n"
	r := Decode([]byte(text), Options{})
	if r.Handshake == nil || !r.Handshake.AcceptValid || r.Handshake.Negotiated() == nil {
		t.Fatalf("handshake %+v", r.Handshake)
	}
	if len(r.Messages) != 1 || r.Messages[0].Text == nil || *r.Messages[0].Text != "Hello" {
		t.Fatalf("messages %+v, errors %v", r.Messages, r.Errors)
	}
	if r.Frames[0].Offset != 0 {
		t.Errorf("frame offset %d: offsets count in the frame bytes", r.Frames[0].Offset)
	}
	// An error after the handshake is placed in the whole text.
	r = Decode([]byte(strings.Replace(text, "c1 07", "c1 g7", 1)), Options{})
	if len(r.Errors) == 0 || r.Errors[0].Line != 15 {
		t.Errorf("errors %+v", r.Errors)
	}
}

// TestDecodeBinary takes raw bytes as they are.
func TestDecodeBinary(t *testing.T) {
	b, _ := hex.DecodeString("810c48656c6c6f2c20776f726c64" + "81899539ffddd25690b9b55b86b8bb")
	r := Decode(b, Options{})
	if r.Input.Kind != "binary" || len(r.Frames) != 2 || *r.Messages[1].Text != "Good bye." {
		t.Errorf("input %+v, %d frames", r.Input, len(r.Frames))
	}
}
