package decoder

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/internal/measure"
)

// checkLinear decodes make(n) and make(2n) and fails when doubling the
// input more than doubles the bytes or the allocations (with a little
// slack for slices that grow by doubling and the fixed cost of a decode),
// or when the text costs more than perByte times its size.
func checkLinear(t *testing.T, name string, make func(n int) []byte, n int, perByte float64) {
	t.Helper()
	small, large := make(n), make(2*n)
	b1, c1 := measure.Allocs(func() { Decode(small, Options{}) })
	b2, c2 := measure.Allocs(func() { Decode(large, Options{}) })
	t.Logf("%s: %d bytes of text: %d bytes in %d allocations; %d bytes: %d bytes in %d allocations",
		name, len(small), b1, c1, len(large), b2, c2)
	if float64(b2) > 2.5*float64(b1)+64<<10 {
		t.Errorf("%s: twice the text allocates %.1f times the bytes (%d, then %d)", name, float64(b2)/float64(b1), b1, b2)
	}
	if float64(c2) > 2.5*float64(c1)+200 {
		t.Errorf("%s: twice the text makes %.1f times the allocations (%d, then %d)", name, float64(c2)/float64(c1), c1, c2)
	}
	if limit := perByte*float64(len(large)) + 1<<20; float64(b2) > limit {
		t.Errorf("%s: %d bytes of text allocate %d bytes, more than %.0f", name, len(large), b2, limit)
	}
}

// TestPasteWorkIsLinear: what a paste costs grows with its size and no
// faster, and stays a small multiple of it, for the pastes that used to
// cost most: empty lines, hex lines with a typo, base64 with a bad
// character at the end, a handshake followed by many lines.
func TestPasteWorkIsLinear(t *testing.T) {
	frame := "81 05 48 65 6c 6c 6f"
	cases := []struct {
		name    string
		make    func(n int) []byte
		perByte float64
	}{
		// Nothing to keep: only the text (and the empty result) is allowed.
		{"newlines", func(n int) []byte { return bytes.Repeat([]byte("\n"), n) }, 0.1},
		{"blank lines of spaces", func(n int) []byte { return bytes.Repeat([]byte("  \r\n"), n/4) }, 0.1},
		// One big frame: the text's own cost, the payload kept once.
		{"hex with a typo at the end", func(n int) []byte {
			return []byte("82 7f 00 00 00 00 7f ff ff ff\n" + strings.Repeat("41 42\n", n/6) + "zz")
		}, 3},
		{"base64 with a bad character at the end", func(n int) []byte {
			frame := append([]byte{0x82, 0x7f, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff}, bytes.Repeat([]byte{0x41}, n*3/4)...)
			return []byte(base64.StdEncoding.EncodeToString(frame) + "*")
		}, 8}, // the frame's payload is kept whole (memory: issue 15)
		{"handshake, then blank lines", func(n int) []byte {
			return []byte("GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n" + strings.Repeat("\r\n", n/2))
		}, 0.5},
		{"one long header run", func(n int) []byte {
			return []byte("GET / HTTP/1.1\r\n" + strings.Repeat("X-A: b\r\n", n/8))
		}, 40}, // a header record a line
		// Frames are kept as records: linear, at most the records' size.
		{"hex lines of small frames with a typo", func(n int) []byte {
			lines := strings.Repeat(frame+"\n", n/(len(frame)+1))
			return []byte("8z\n" + lines)
		}, 60},
		{"xxd lines", func(n int) []byte {
			var b strings.Builder
			for off := 0; b.Len() < n; off += 16 {
				fmt.Fprintf(&b, "%08x: 8900 8900 8900 8900 8900 8900 8900 8900  ................\n", off)
			}
			return []byte(b.String())
		}, 60},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkLinear(t, c.name, c.make, 1<<20, c.perByte) })
	}
}
