package decoder

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand"
	"strings"
	"testing"
)

// inflateStep is one payload given to an inflater, and what it must give.
type inflateStep struct {
	payload string // hex as RFC 7692 prints it
	want    string // inflated text, when ok
	kind    *inflateKind
}

func kindOf(k inflateKind) *inflateKind { return &k }

// The examples of RFC 7692 section 7.2.3, then the same bytes under other
// agreements. Each row is one direction of a connection.
var inflateTests = []struct {
	name   string
	answer string // the server's Sec-WebSocket-Extensions answer
	from   Side
	steps  []inflateStep
}{
	{"7692 7.2.3.1 a message compressed in one block", "permessage-deflate", Server, []inflateStep{
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
	}},
	{"7692 7.2.3.1 the same message in two fragments, joined", "permessage-deflate", Server, []inflateStep{
		// Frames "0x41 0x03 0xf2 0x48 0xcd" and "0x80 0x04 0xc9 0xc9 0x07 0x00":
		// the decoder joins the payloads before inflating.
		{payload: "0xf2 0x48 0xcd" + "0xc9 0xc9 0x07 0x00", want: "Hello"},
	}},
	{"7692 7.2.3.2 sharing the LZ77 sliding window", "permessage-deflate", Server, []inflateStep{
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
		{payload: "0xf2 0x00 0x11 0x00 0x00", want: "Hello"},
	}},
	{"7692 7.2.3.2 without context takeover each message stands alone", "permessage-deflate; server_no_context_takeover", Server, []inflateStep{
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
		{payload: "0xf2 0x00 0x11 0x00 0x00", kind: kindOf(inflateWindowLost)},
	}},
	{"7692 7.2.3.2 client_no_context_takeover leaves the server's window alone", "permessage-deflate; client_no_context_takeover", Server, []inflateStep{
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
		{payload: "0xf2 0x00 0x11 0x00 0x00", want: "Hello"},
	}},
	{"7692 7.2.3.2 client_no_context_takeover resets the client's window", "permessage-deflate; client_no_context_takeover", Client, []inflateStep{
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
		{payload: "0xf2 0x00 0x11 0x00 0x00", kind: kindOf(inflateWindowLost)},
	}},
	{"7692 7.2.3.2 capture started mid-connection", "permessage-deflate", Client, []inflateStep{
		{payload: "0xf2 0x00 0x11 0x00 0x00", kind: kindOf(inflateWindowLost)},
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
		{payload: "0xf2 0x00 0x11 0x00 0x00", want: "Hello"},
	}},
	{"7692 7.2.3.3 a block with no compression", "permessage-deflate", Server, []inflateStep{
		{payload: "0x00 0x05 0x00 0xfa 0xff 0x48 0x65 0x6c 0x6c 0x6f 0x00", want: "Hello"},
	}},
	{"7692 7.2.3.4 a block with BFINAL set", "permessage-deflate", Server, []inflateStep{
		{payload: "0xf3 0x48 0xcd 0xc9 0xc9 0x07 0x00 0x00", want: "Hello"},
		{payload: "0xf2 0x00 0x11 0x00 0x00", want: "Hello"},
	}},
	{"7692 7.2.3.5 two blocks in one message", "permessage-deflate", Server, []inflateStep{
		{payload: "0xf2 0x48 0x05 0x00 0x00 0x00 0xff 0xff 0xca 0xc9 0xc9 0x07 0x00", want: "Hello"},
	}},
	{"7692 7.2.3.6 an empty fragment", "permessage-deflate", Server, []inflateStep{
		{payload: "0x00", want: ""},
		{payload: "", kind: kindOf(inflateCorrupt)}, // not even a block header
	}},
	{"7692 7.2.2 corrupt data", "permessage-deflate", Server, []inflateStep{
		{payload: "0xff 0xff 0xff 0xff", kind: kindOf(inflateCorrupt)},
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
	}},
	{"7692 7.2.2 a payload cut inside a block is not completed by the tail", "permessage-deflate", Server, []inflateStep{
		{payload: "63 38 78 61", kind: kindOf(inflateCorrupt)},              // "c8xa", found by FuzzInflate
		{payload: "0x01 0x11 0x00 0xee 0xff", kind: kindOf(inflateCorrupt)}, // a final stored block as long as the tail
	}},
	{"7692 7.2.2 a failed message loses the window it would have added", "permessage-deflate", Server, []inflateStep{
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
		{payload: "0xf2 0x48 0xcd", kind: kindOf(inflateCorrupt)}, // cut short
		{payload: "0xf2 0x00 0x11 0x00 0x00", kind: kindOf(inflateWindowLost)},
		{payload: "0x00 0x05 0x00 0xfa 0xff 0x48 0x65 0x6c 0x6c 0x6f 0x00", want: "Hello"},
		{payload: "0xf2 0x00 0x11 0x00 0x00", want: "Hello"},
	}},
	{"deflate-frame: x-webkit-deflate-frame keeps the window from frame to frame", "x-webkit-deflate-frame", Server, []inflateStep{
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
		{payload: "0xf2 0x00 0x11 0x00 0x00", want: "Hello"},
	}},
	{"deflate-frame: no_context_takeover in the answer binds the client", "deflate-frame; no_context_takeover", Client, []inflateStep{
		{payload: "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", want: "Hello"},
		{payload: "0xf2 0x00 0x11 0x00 0x00", kind: kindOf(inflateWindowLost)},
	}},
}

func TestInflate(t *testing.T) {
	for _, tt := range inflateTests {
		t.Run(tt.name, func(t *testing.T) {
			ext, err := ParseExtension(tt.answer)
			if err != nil || ext == nil {
				t.Fatalf("ParseExtension(%q) = %v, %v", tt.answer, ext, err)
			}
			f := newInflater(ext, tt.from)
			for i, st := range tt.steps {
				got, err := f.inflate(unhex(t, st.payload), DefaultInflateLimit)
				if st.kind != nil {
					var ie *inflateError
					if !errors.As(err, &ie) || ie.Kind != *st.kind {
						t.Fatalf("payload %d (%s): got %q, %v; want a %v error", i, st.payload, got, err, *st.kind)
					}
					if got != nil {
						t.Errorf("payload %d: output %q returned with error %v", i, got, err)
					}
					continue
				}
				if err != nil || string(got) != st.want {
					t.Fatalf("payload %d (%s): got %q, %v; want %q", i, st.payload, got, err, st.want)
				}
			}
		})
	}
}

// The error messages say what was found, where, and why the window is gone.
func TestInflateMessages(t *testing.T) {
	f := newInflater(&Extension{Name: "permessage-deflate"}, Client)
	_, err := f.inflate(unhex(t, "f2 00 11 00 00"), DefaultInflateLimit)
	want := "bit 11 (byte 1) of the compressed data: a back-reference reaches 5 bytes back, 4 before the start of this data, where 0 bytes of earlier output are known; none of the client's earlier output was seen: did the capture start mid-connection? without that window this cannot be inflated"
	if err == nil || err.Error() != want {
		t.Errorf("mid-connection:\n got %v\nwant %s", err, want)
	}

	f = newInflater(&Extension{Name: "permessage-deflate"}, Server)
	f.inflate(unhex(t, "f2 48 cd"), DefaultInflateLimit)
	_, err = f.inflate(unhex(t, "f2 00 11 00 00"), DefaultInflateLimit)
	if err == nil || !strings.Contains(err.Error(), "because its compressed payload 1 could not be inflated") {
		t.Errorf("after a failure: got %v", err)
	}

	f = newInflater(&Extension{Name: "permessage-deflate"}, Server)
	_, err = f.inflate(unhex(t, "07"), DefaultInflateLimit)
	if err == nil || !strings.Contains(err.Error(), "block type 3 (BTYPE 11) is reserved") {
		t.Errorf("reserved block: got %v", err)
	}
}

// RFC 7692 7.1.2: a back-reference farther than max_window_bits allow is
// the sender's fault; the data is returned with the error.
func TestInflateWindowBits(t *testing.T) {
	text := bytes.Repeat([]byte("0123456789abcdef"), 8) // 128 bytes
	rnd := rand.New(rand.NewSource(1))
	noise := make([]byte, 600)
	for i := range noise {
		noise[i] = byte('a' + rnd.Intn(26))
	}
	msg := append(append(append([]byte(nil), text...), noise...), text...) // text again 728 bytes later
	payload := compressSync(t, msg)
	for _, tt := range []struct {
		answer string
		want   *inflateKind
	}{
		{"permessage-deflate", nil},
		{"permessage-deflate; server_max_window_bits=10", nil},
		{"permessage-deflate; server_max_window_bits=9", kindOf(inflateWindowExceeded)},
		{"permessage-deflate; client_max_window_bits=9", nil}, // binds the client only
	} {
		ext, err := ParseExtension(tt.answer)
		if err != nil {
			t.Fatal(err)
		}
		got, err := newInflater(ext, Server).inflate(payload, DefaultInflateLimit)
		if !bytes.Equal(got, msg) {
			t.Errorf("%s: output differs (%d bytes, %v)", tt.answer, len(got), err)
		}
		var ie *inflateError
		switch {
		case tt.want == nil && err != nil:
			t.Errorf("%s: unexpected error %v", tt.answer, err)
		case tt.want != nil && (!errors.As(err, &ie) || ie.Kind != *tt.want):
			t.Errorf("%s: got %v, want a %v error", tt.answer, err, *tt.want)
		case tt.want != nil && !strings.Contains(err.Error(), "server_max_window_bits=9"):
			t.Errorf("%s: the error should name the parameter: %v", tt.answer, err)
		}
	}
}

// compressSync compresses msg the way RFC 7692 7.2.1 says: a sync flush,
// then the 00 00 ff ff at the end removed.
func compressSync(t testing.TB, msg []byte) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(msg)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	if !bytes.HasSuffix(out, syncTail) {
		t.Fatalf("flush did not end in 00 00 ff ff: % x", out)
	}
	return out[:len(out)-4]
}

// Messages bigger than the window, in a row, keep inflating: the window
// carried is the last 32 KiB.
func TestInflateLongConversation(t *testing.T) {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, 6)
	f := newInflater(&Extension{Name: "permessage-deflate"}, Client)
	rnd := rand.New(rand.NewSource(2))
	var prev []byte
	for i := 0; i < 40; i++ {
		n := rnd.Intn(50000)
		msg := make([]byte, n)
		for j := range msg {
			if len(prev) > 0 && rnd.Intn(3) == 0 {
				msg[j] = prev[rnd.Intn(len(prev))]
			} else {
				msg[j] = byte('a' + rnd.Intn(8))
			}
		}
		b.Reset()
		w.Write(msg)
		w.Flush()
		payload := bytes.TrimSuffix(b.Bytes(), syncTail)
		got, err := f.inflate(payload, DefaultInflateLimit)
		if err != nil || !bytes.Equal(got, msg) {
			t.Fatalf("message %d (%d bytes): %v", i, n, err)
		}
		prev = msg
	}
}

// bomb builds a dynamic-Huffman block whose literal/length code gives
// symbol 285 (length 258) a 1-bit code and whose only distance code is 1
// bit long, so that after one literal zero every 2 bits of zeros copy 258
// more bytes (RFC 1951 3.2.5-3.2.7): n bytes of body inflate to about
// 1032n bytes. With end set the block ends with an end-of-block code.
func bomb(n int, end bool) []byte {
	var bw bitWriter
	bw.bits(0, 1)  // BFINAL 0
	bw.bits(2, 2)  // BTYPE 10: dynamic
	bw.bits(29, 5) // HLIT: 286 codes
	bw.bits(0, 5)  // HDIST: 1 code
	bw.bits(14, 4) // HCLEN: 18 code length codes
	// Code length code lengths in RFC 1951's order 16 17 18 0 8 7 9 6 10 5
	// 11 4 12 3 13 2 14 1: 18, 0, 1 and 2 get 2 bits each.
	for _, l := range []int{0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2} {
		bw.bits(l, 3)
	}
	// Their codes: 0 -> 00, 1 -> 01, 2 -> 10, 18 -> 11.
	sym2, sym18, sym1 := func() { bw.code(2, 2) }, func(run int) { bw.code(3, 2); bw.bits(run-11, 7) }, func() { bw.code(1, 2) }
	sym2()                               // literal 0: 2 bits
	sym18(138)                           // literals 1-138: none
	sym18(117)                           // literals 139-255: none
	sym2()                               // 256, end of block: 2 bits
	sym18(28)                            // 257-284: none
	sym1()                               // 285, length 258: 1 bit
	sym1()                               // distance code 0 (distance 1): 1 bit
	bw.code(2, 2)                        // literal 0 (code 10)
	body := bytes.Repeat([]byte{0}, n-1) // matches: 285 (code 0) with distance 0 (code 0)
	for range 4 * len(body) {
		bw.code(0, 1)
		bw.code(0, 1)
	}
	if end {
		bw.code(3, 2) // 256 (code 11)
		bw.bits(0, 3) // the header of the empty stored block a sync flush writes
	}
	return bw.flush()
}

type bitWriter struct {
	out  []byte
	acc  uint64
	nacc int
}

// bits writes v in n bits, least significant first (RFC 1951 3.1.1).
func (w *bitWriter) bits(v, n int) {
	w.acc |= uint64(v) << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

// code writes a Huffman code of n bits, most significant first.
func (w *bitWriter) code(c, n int) {
	for i := n - 1; i >= 0; i-- {
		w.bits(c>>i&1, 1)
	}
}

func (w *bitWriter) flush() []byte {
	if w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
	}
	return w.out
}

func TestBombBuilder(t *testing.T) {
	b := bomb(3, true)                            // 1 literal + 8 matches
	final := []byte{0x01, 0x00, 0x00, 0xff, 0xff} // an empty final stored block
	got, err := io.ReadAll(flate.NewReader(io.MultiReader(bytes.NewReader(b), bytes.NewReader(syncTail), bytes.NewReader(final))))
	if err != nil || len(got) != 1+8*258 {
		t.Fatalf("compress/flate reads the bomb as %d bytes, %v; want %d", len(got), err, 1+8*258)
	}
}

// A kilobyte that inflates to a megabyte, and four megabytes that would
// inflate to four gigabytes, stop at a 1 MiB cap.
func TestInflateBomb(t *testing.T) {
	const limit = 1 << 20
	for _, n := range []int{1 << 10, 4 << 20} {
		data := bomb(n, false)
		out, err := newInflater(&Extension{Name: "permessage-deflate"}, Server).inflate(data, limit)
		var ie *inflateError
		if !errors.As(err, &ie) || ie.Kind != inflateTooBig || out != nil {
			t.Fatalf("%d bytes: got %d bytes, %v; want an inflateTooBig error", len(data), len(out), err)
		}
		if want := "inflated data passes the 1 MiB limit; raise it with -inflate-limit"; err.Error() != want {
			t.Errorf("got %q, want %q", err, want)
		}
		blocks, err := DeflateBlocks(data, limit)
		if !errors.As(err, &ie) || ie.Kind != inflateTooBig || len(blocks) != 1 || blocks[0].Output != limit+1-1+1 && blocks[0].Output <= limit {
			t.Errorf("DeflateBlocks: %+v, %v", blocks, err)
		}
	}
}

// readCapped reads no more than limit+1 bytes from an endless source.
func TestReadCappedStops(t *testing.T) {
	src := &countingZeros{}
	out, err := readCapped(src, 1<<20, 10, nil)
	if out != nil || err != errPastMax {
		t.Fatalf("got %d bytes, %v", len(out), err)
	}
	if src.n > 1<<20+1 {
		t.Errorf("read %d bytes from the source; want at most %d", src.n, 1<<20+1)
	}
}

type countingZeros struct{ n int }

func (c *countingZeros) Read(p []byte) (int, error) {
	clear(p)
	c.n += len(p)
	return len(p), nil
}

func TestDeflateBlocksRFC7692(t *testing.T) {
	for _, tt := range []struct {
		name    string
		payload string
		want    []DeflateBlock
	}{
		{"7692 7.2.3.1", "0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00", []DeflateBlock{
			{Index: 0, BitOffset: 0, Bits: 50, Type: 1, TypeName: "fixed Huffman", Literals: 5, Output: 5},
			{Index: 1, BitOffset: 50, Bits: 3 + 3 + 32, Type: 0, TypeName: "stored", Tail: true},
		}},
		{"7692 7.2.3.2 second message", "0xf2 0x00 0x11 0x00 0x00", []DeflateBlock{
			// 'H', then length 4 (code 258) at distance 5 (code 4, 1 extra bit), then end of block.
			{Index: 0, BitOffset: 0, Bits: 3 + 8 + 7 + 5 + 1 + 7, Type: 1, TypeName: "fixed Huffman", Literals: 1, Matches: 1, Output: 5, MaxDistance: 5, EarlierRefs: 1},
			{Index: 1, BitOffset: 31, Bits: 3 + 6 + 32, Type: 0, TypeName: "stored", Tail: true},
		}},
		{"7692 7.2.3.3", "0x00 0x05 0x00 0xfa 0xff 0x48 0x65 0x6c 0x6c 0x6f 0x00", []DeflateBlock{
			{Index: 0, BitOffset: 0, Bits: 80, Type: 0, TypeName: "stored", Len: 5, Literals: 5, Output: 5},
			{Index: 1, BitOffset: 80, Bits: 40, Type: 0, TypeName: "stored", Tail: true},
		}},
		{"7692 7.2.3.4", "0xf3 0x48 0xcd 0xc9 0xc9 0x07 0x00 0x00", []DeflateBlock{
			{Index: 0, BitOffset: 0, Bits: 50, Final: true, Type: 1, TypeName: "fixed Huffman", Literals: 5, Output: 5},
		}},
		{"7692 7.2.3.5", "0xf2 0x48 0x05 0x00 0x00 0x00 0xff 0xff 0xca 0xc9 0xc9 0x07 0x00", []DeflateBlock{
			{Index: 0, BitOffset: 0, Bits: 3 + 8 + 8 + 7, Type: 1, TypeName: "fixed Huffman", Literals: 2, Output: 2},
			{Index: 1, BitOffset: 26, Bits: 3 + 3 + 32, Type: 0, TypeName: "stored"},
			{Index: 2, BitOffset: 64, Bits: 3 + 24 + 7, Type: 1, TypeName: "fixed Huffman", Literals: 3, Output: 3},
			{Index: 3, BitOffset: 98, Bits: 3 + 3 + 32, Type: 0, TypeName: "stored", Tail: true},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DeflateBlocks(unhex(t, tt.payload), 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d blocks %+v, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("block %d:\n got %+v\nwant %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// The walker agrees with compress/flate on the output size of real
// compressed data at every level, and the bomb's dynamic header reads back.
func TestDeflateBlocksAgainstFlate(t *testing.T) {
	rnd := rand.New(rand.NewSource(3))
	for level := flate.HuffmanOnly; level <= flate.BestCompression; level++ {
		msg := make([]byte, 70000)
		for i := range msg {
			msg[i] = "abcdefgh  \n"[rnd.Intn(11)]
		}
		payload := compressSync(t, msg)
		blocks, err := DeflateBlocks(payload, 0)
		if err != nil {
			t.Fatalf("level %d: %v", level, err)
		}
		total := 0
		for _, b := range blocks {
			total += b.Output
		}
		if total != len(msg) {
			t.Errorf("level %d: blocks produce %d bytes, want %d", level, total, len(msg))
		}
	}
	blocks, err := DeflateBlocks(bomb(3, true), 0)
	if err != nil || blocks[0].HLit != 286 || blocks[0].HDist != 1 || blocks[0].HCLen != 18 || blocks[0].Matches != 8 || blocks[0].Literals != 1 {
		t.Errorf("bomb header: %+v, %v", blocks, err)
	}
}

func TestDeflateBlocksErrors(t *testing.T) {
	for _, tt := range []struct{ payload, want string }{
		{"07", "bit 0 (byte 0) of the compressed data: block type 3 (BTYPE 11) is reserved; this is not DEFLATE data here"},
		{"00 05 00 00 00 48", "bit 8 (byte 1) of the compressed data: stored block LEN 0005 and NLEN 0000 do not match; NLEN must be LEN's one's complement"},
		{"", "bit 0 (byte 0) of the compressed data: the payload is empty, but a compressed one holds at least a block header: an empty message compresses to 00 (RFC 7692 7.2.3.6)"},
		{"00 0a 00 f5 ff 48", "the data ends inside a stored block; is the message cut short?"},
	} {
		_, err := DeflateBlocks(unhex(t, tt.payload), 0)
		if err == nil || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s", tt.payload, err, tt.want)
		}
	}
}

func FuzzInflate(f *testing.F) {
	for _, tt := range inflateTests {
		for _, st := range tt.steps {
			f.Add(unhex(f, st.payload), unhex(f, "f2 00 11 00 00"))
		}
	}
	f.Add(bomb(64, true), []byte{0})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		for _, ext := range []*Extension{{Name: "permessage-deflate"}, {Name: "permessage-deflate", ServerMaxWindowBits: 8}} {
			in := newInflater(ext, Server)
			for _, p := range [][]byte{a, b} {
				out, err := in.inflate(p, 1<<16)
				if len(out) > 1<<16 {
					t.Fatalf("output of %d bytes passes the limit", len(out))
				}
				var ie *inflateError
				if err != nil && !errors.As(err, &ie) {
					t.Fatalf("error of type %T: %v", err, err)
				}
				blocks, berr := DeflateBlocks(p, 1<<16)
				total := 0
				for _, bl := range blocks {
					total += bl.Output
				}
				// Whatever inflates, the walker reads to the same size.
				if err == nil && ext.ServerMaxWindowBits == 0 && in.count == 1 && (berr != nil || total != len(out)) {
					t.Fatalf("inflated %d bytes, but the walker counts %d (%v)", len(out), total, berr)
				}
			}
		}
	})
}
