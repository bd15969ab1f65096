package paste

import (
	"bytes"
	"strings"
	"testing"
)

// pasteSeeds are handshakes in the forms SplitHandshake knows, cut and bent.
var pasteSeeds = []string{
	"GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n" +
		"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64\n",
	"> GET / HTTP/1.1\n> Upgrade: websocket\n>\n< HTTP/1.1 101 Switching Protocols\n< Sec-WebSocket-Accept: x\n<\n{ [5 bytes data]\n810548656c6c6f\n",
	"General\nRequest URL: ws://a/\nResponse Headers\nsec-websocket-accept\ns3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nupgrade: websocket\nRequest Headers\nSec-WebSocket-Key:\ndGhlIHNhbXBsZSBub25jZQ==\n\n8100\n",
	"Upgrade: websocket\nSec-WebSocket-Key: x\n\ngQxIZWxsbywgd29ybGQ=",
	"\n\n \r\n\tGET / HTTP/1.1\nX: a\n b\n\tc\n\n\n\nHTTP/1.1 101\n\n",
	"HTTP/1.1 101\r\nX-Folded: a\r\n b\r\n c\r\n",
	"GET / HTTP/1.1\n\u00a0\n\u2028\nHTTP/1.1",
}

// FuzzSplitHandshake: any text splits without panic; what follows the
// handshake is the text from restOffset on; a request or response, when
// there is one, is text the paste held (its bytes, less curl's prefixes
// and DevTools' rewriting). (decoder's FuzzParseInput decodes the whole.)
func FuzzSplitHandshake(f *testing.F) {
	for _, s := range pasteSeeds {
		f.Add([]byte(s))
	}
	addTestdataSeeds(f)
	f.Fuzz(func(t *testing.T, text []byte) {
		req, resp, rest, off := SplitHandshake(text)
		if off < 0 || off > len(text) || !bytes.Equal(rest, text[off:]) {
			t.Fatalf("rest at %d of %d bytes does not match the text there", off, len(text))
		}
		if req == nil && resp == nil && off != 0 {
			t.Fatalf("no handshake, yet the rest starts at %d", off)
		}
		if (req != nil || resp != nil) && len(bytes.TrimSpace(text[:off])) == 0 && off < len(text) {
			t.Fatalf("a handshake found in nothing but white space: %q", text[:off])
		}
		if len(req)+len(resp) > 2*len(text)+8 {
			t.Fatalf("heads of %d+%d bytes from %d bytes of text", len(req), len(resp), len(text))
		}
	})
}

// TestSplitHandshakeLongHeads: heads longer than the window of line starts
// pasteLines keeps split where they end, in every form.
func TestSplitHandshakeLongHeads(t *testing.T) {
	many := strings.Repeat("X-A: b\n", 300)
	frames := "81 05 48 65 6c 6c 6f\n"
	for _, c := range []struct {
		name, text string
		req, resp  bool
	}{
		{"raw", "GET / HTTP/1.1\n" + many + "\n" + strings.Repeat("\n", 100) + "HTTP/1.1 101 OK\n" + many + "\n", true, true},
		{"curl", "> GET / HTTP/1.1\n" + strings.Repeat("> X-A: b\n", 300) + ">\n< HTTP/1.1 101 OK\n" + strings.Repeat("< X-A: b\n", 300) + "<\n", true, true},
		{"devtools", "Request Headers\nSec-WebSocket-Key: x\n" + many + "Response Headers\nSec-WebSocket-Accept: y\n" + many + "\n", true, true},
		{"blank lines first", strings.Repeat("\n \n", 500) + "GET / HTTP/1.1\n" + many + "\n", true, false},
	} {
		text := c.text + frames
		req, resp, rest, off := SplitHandshake([]byte(text))
		if (req != nil) != c.req || (resp != nil) != c.resp {
			t.Errorf("%s: request %v, response %v", c.name, req != nil, resp != nil)
		}
		if string(rest) != frames || off != len(text)-len(frames) {
			t.Errorf("%s: rest at %d is %.40q, want the frames at %d", c.name, off, rest, len(text)-len(frames))
		}
		if n := bytes.Count(req, []byte("X-A: b")); n != 300 {
			t.Errorf("%s: the request holds %d of the 300 headers", c.name, n)
		}
	}
}
