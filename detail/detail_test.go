package detail

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

func decode(t *testing.T, text string, ext string) (*decoder.Result, *decoder.Extension) {
	t.Helper()
	var e *decoder.Extension
	if ext != "" {
		var err error
		if e, err = decoder.ParseExtension(ext); err != nil {
			t.Fatal(err)
		}
	}
	return decoder.Decode([]byte(text), decoder.Options{Extension: e}), e
}

// TestCompressed: RSV1 means "compressed" where an extension is in force
// (a handshake's, or one declared for pasted frames) or the message was
// compressed; not otherwise.
func TestCompressed(t *testing.T) {
	for _, tt := range []struct {
		name, text, ext string
		want            bool
	}{
		{"no extension", decoder.SeedPaste, "", false},
		{"declared, message not compressed", decoder.SeedPaste, "permessage-deflate", true},
		{"RFC 7692 7.2.3.1", "c1 07 f2 48 cd c9 c9 07 00", "permessage-deflate", true},
		{"a handshake agrees", "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n" +
			"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n81 02 68 69", "", true},
	} {
		r, ext := decode(t, tt.text, tt.ext)
		src := FromResult(r, 0, ext)
		if got := Compressed(src); got != tt.want {
			t.Errorf("%s: Compressed = %v, want %v", tt.name, got, tt.want)
		}
		rsv1 := Build(src, Options{}).Fields[1]
		if strings.Contains(rsv1.Meaning, "compressed") != tt.want {
			t.Errorf("%s: the RSV1 field says %q", tt.name, rsv1.Meaning)
		}
	}
}

// TestDeflateView: a compressed message of two frames shows its frames'
// payloads joined as its DEFLATE data (RFC 7692 7.2.3.1, fragmented), on
// either frame.
func TestDeflateView(t *testing.T) {
	r, ext := decode(t, "41 03 f2 48 cd 80 04 c9 c9 07 00", "permessage-deflate")
	for i := range 2 {
		d := Build(FromResult(r, i, ext), Options{})
		if hex.EncodeToString(d.Compressed) != "f248cdc9c90700" || len(d.DeflateBlocks) == 0 || d.DeflateError != "" {
			t.Errorf("frame %d: compressed %x, blocks %v, error %q", i, d.Compressed, d.DeflateBlocks, d.DeflateError)
		}
	}
}

// TestLimits: the wire bytes and the unmask steps are capped as asked.
func TestLimits(t *testing.T) {
	r, _ := decode(t, decoder.SeedPaste, "")
	d := Build(FromResult(r, 1, nil), Options{MaxBytes: 4, Steps: 2, StepsFrom: 3})
	if hex.EncodeToString(d.Bytes) != "81899539ffddd25690b9" || !d.BytesTruncated || len(d.Steps) != 2 || d.Steps[0].I != 3 || d.StepsTotal != 9 {
		t.Errorf("bytes %x (truncated %v), steps %+v of %d", d.Bytes, d.BytesTruncated, d.Steps, d.StepsTotal)
	}
}
