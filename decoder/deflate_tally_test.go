package decoder

import (
	"bytes"
	"compress/flate"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wsframe/wsframe/internal/measure"
	"github.com/wsframe/wsframe/paste"
)

// record keeps what a sink is given that a count can say: per frame its
// violations, per message its length, problem and violations.
type record struct {
	counts         bool
	lines          []string
	counted, whole int
}

func (r *record) Counter() Counter {
	if r.counts {
		return Counting{}
	}
	return nil
}
func (r *record) Early() bool { return true }
func (r *record) Frame(f *Frame) {
	r.lines = append(r.lines, fmt.Sprintf("frame %d message %d: %v", f.Index, f.Message, f.Violations))
}
func (r *record) Message(m *Message) {
	if m.DataTruncated {
		r.counted++
	} else {
		r.whole++
	}
	r.lines = append(r.lines, fmt.Sprintf("message %d %s: length %d problem %q %v", m.Index, m.OpcodeName, m.Length, m.ProblemID, m.Violations))
}

// compressor writes messages as one sender under context takeover: each
// message's payload without the 00 00 ff ff its flush ends with.
type compressor struct {
	z bytes.Buffer
	w *flate.Writer
}

func newCompressor() *compressor {
	c := &compressor{}
	c.w, _ = flate.NewWriter(&c.z, flate.BestSpeed)
	return c
}

func (c *compressor) message(data []byte) []byte {
	c.z.Reset()
	c.w.Write(data)
	c.w.Flush()
	return bytes.Clone(bytes.TrimSuffix(c.z.Bytes(), []byte{0, 0, 0xff, 0xff}))
}

// final is data compressed and closed: its last block has BFINAL set,
// which RFC 7692 7.2.2 does not expect (the walker decides its end).
func final(data []byte) []byte {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestSpeed)
	w.Write(data)
	w.Close()
	return z.Bytes()
}

// TestCountingSinkSameAsWhole: a sink that counts (CountingSink, -stats)
// is told the same lengths, problems and violations of compressed
// messages as one given them whole, for messages longer than what the
// count holds: invalid UTF-8 past it, or in a sequence cut between two
// of its reads, a message cut short in a sequence, a window carried to
// the next message, a final block inside the payload (the walker's end),
// corrupt data, the inflate limit and a window the sender exceeds.
func TestCountingSinkSameAsWhole(t *testing.T) {
	big := []byte(strings.Repeat("héllo wörld ✓ ", 60000)) // 1 MB, runes of 1 to 3 bytes
	bad := func(at int) []byte {
		b := bytes.Clone(big)
		b[at] = 0xff
		return b
	}
	cutEnd := append(bytes.Clone(big), 0xe2, 0x9c) // ✓ without its last byte
	random := make([]byte, 600<<10)
	for i := range random {
		random[i] = byte(i*7919>>3 ^ i>>11)
	}
	// A block of the reserved type 3 after 1 MB of output.
	corrupt := append(newCompressor().message(big), 0x06, 0, 0)
	garbled := newCompressor().message(big)
	garbled[len(garbled)/2] ^= 0x55
	// Data whose own last bytes are the tail inflate appends: the walker
	// decides where it ends.
	tailed := append(bytes.Clone(big), inflateTail[:len(inflateTail)-len(endMarker)]...)
	cases := []struct {
		name  string
		ext   string
		limit int
		msgs  func() [][]byte // payloads, compressed
		text  bool
	}{
		{"valid text", "", 0, func() [][]byte { return [][]byte{newCompressor().message(big)} }, true},
		{"invalid past the buffer", "", 0, func() [][]byte { return [][]byte{newCompressor().message(bad(700001))} }, true},
		{"invalid at the start", "", 0, func() [][]byte { return [][]byte{newCompressor().message(bad(1))} }, true},
		{"cut in a sequence at the end", "", 0, func() [][]byte { return [][]byte{newCompressor().message(cutEnd)} }, true},
		{"binary", "", 0, func() [][]byte { return [][]byte{newCompressor().message(random)} }, false},
		{"window carried over", "", 0, func() [][]byte {
			c := newCompressor()
			return [][]byte{c.message(big), c.message(big[:200000]), c.message(bad(500000)), c.message([]byte("short"))}
		}, true},
		{"no context takeover", "permessage-deflate; server_no_context_takeover", 0, func() [][]byte {
			return [][]byte{newCompressor().message(big), newCompressor().message(big)}
		}, true},
		{"final block inside", "", 0, func() [][]byte {
			c := newCompressor()
			return [][]byte{final(big), c.message(big), final(bad(900000))}
		}, true},
		{"corrupt", "", 0, func() [][]byte { return [][]byte{corrupt, newCompressor().message(big)} }, true},
		{"garbled", "", 0, func() [][]byte { return [][]byte{garbled} }, true},
		{"ends with the tail", "", 0, func() [][]byte { return [][]byte{newCompressor().message(tailed)} }, false},
		{"past the limit", "", 512 << 10, func() [][]byte {
			return [][]byte{newCompressor().message(big), newCompressor().message(big[:300000])}
		}, true},
		{"window exceeded", "permessage-deflate; server_max_window_bits=9", 0, func() [][]byte {
			return [][]byte{newCompressor().message(big)}
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec := tc.ext
			if spec == "" {
				spec = "permessage-deflate"
			}
			ext, err := ParseExtension(spec)
			if err != nil {
				t.Fatal(err)
			}
			var in []byte
			b0 := byte(0xc2)
			if tc.text {
				b0 = 0xc1
			}
			for _, p := range tc.msgs() {
				in = appendFrame(in, b0, p)
			}
			var got [2]*record
			for k, counts := range []bool{false, true} {
				got[k] = &record{counts: counts}
				DecodeBytes(in, Input{}, Options{Sink: got[k], From: Server, Extension: ext, InflateLimit: tc.limit})
			}
			whole, counted := strings.Join(got[0].lines, "\n"), strings.Join(got[1].lines, "\n")
			if whole != counted {
				t.Errorf("given whole:\n%s\ncounted:\n%s", whole, counted)
			}
			if got[1].counted == 0 {
				t.Errorf("no message was counted rather than held:\n%s", counted)
			}
			t.Logf("%d counted, %d whole:\n%s", got[1].counted, got[1].whole, counted)
		})
	}
}

// TestCountingSinkHoldsNoMessage: into a counting sink, what decoding
// allocates stays the same as the messages inflate to 2 and 4 times as
// much (1, 2, 4 MiB each): their bytes are counted, not held; a sink
// given them whole allocated their size (TestSinkInflatesIntoOneBuffer).
func TestCountingSinkHoldsNoMessage(t *testing.T) {
	ext, err := ParseExtension("permessage-deflate")
	if err != nil {
		t.Fatal(err)
	}
	var alloc [3]uint64
	for k, size := range []int{1 << 20, 2 << 20, 4 << 20} {
		c := newCompressor()
		var in []byte
		for range 4 {
			in = appendFrame(in, 0xc1, c.message(bytes.Repeat([]byte("ab"), size/2)))
		}
		sink := &lengthCount{}
		alloc[k], _ = measure.Allocs(func() {
			DecodeBytes(in, Input{}, Options{Sink: sink, From: Server, Extension: ext})
		})
		if sink.messages != 4 || sink.total != 4*size {
			t.Fatalf("%d messages of %d bytes: %d counted, %d bytes in all", 4, size, sink.messages, sink.total)
		}
		t.Logf("4 messages of %d MiB counted: %.2f MiB allocated", size>>20, float64(alloc[k])/(1<<20))
	}
	if alloc[2] > alloc[0]+alloc[0]/4 {
		t.Errorf("what counting allocates grows with what messages inflate to: %v", alloc)
	}
	if alloc[2] > 2<<20 {
		t.Errorf("counting 4 messages of 4 MiB allocated %d bytes", alloc[2])
	}
}

type lengthCount struct{ messages, total int }

func (*lengthCount) Counter() Counter { return Counting{} }
func (*lengthCount) Frame(*Frame)     {}
func (s *lengthCount) Message(m *Message) {
	if m.DataTruncated && len(m.Data) == 0 && m.Problem == "" && len(m.Violations) == 0 {
		s.messages++
		s.total += m.Length
	}
}

// TestUTF8CheckInPieces: utf8Check given bytes in pieces of every size
// finds what utf8.Valid and firstInvalidUTF8 find on them joined.
func TestUTF8CheckInPieces(t *testing.T) {
	inputs := [][]byte{
		[]byte("plain ascii"),
		[]byte("héllo ✓ 𝄞 end"),
		[]byte("héllo \xff ✓"),
		[]byte("✓✓\xe2\x9c"),     // cut at the end
		[]byte("a\xe0\x80\x80b"), // overlong
		[]byte("𝄞\xf0\x9d\x84"),  // a four-byte sequence cut
		[]byte("\xed\xa0\x80 surrogate"),
		[]byte("\x9c starts with a continuation"),
		{},
	}
	for _, in := range inputs {
		want := -1
		if !utf8.Valid(in) {
			want = firstInvalidUTF8(in)
		}
		for size := 1; size <= len(in)+1; size++ {
			c := newUTF8Check()
			for i := 0; i < len(in); i += size {
				c.write(in[i:min(i+size, len(in))])
			}
			if got := c.end(); got != want {
				t.Errorf("%q in pieces of %d: %d, want %d", in, size, got, want)
			}
		}
	}
}

// TestCountingSinkKeepsNoHandshake: a decode into a counting sink keeps
// its connections (their count is asked) but not their handshakes, a
// few KB each of parsed heads and checks (200,000 HAR entries held 1.6
// GB of them for -stats); into any other sink they stay.
func TestCountingSinkKeepsNoHandshake(t *testing.T) {
	c := &paste.Conversation{Segments: []paste.Segment{
		{Node: 0, Data: []byte(SeedRequest)},
		{Node: 1, Data: []byte(SeedResponse)},
		{Node: 1, Data: []byte{0x81, 0x02, 'h', 'i'}},
	}}
	for _, counts := range []bool{false, true} {
		sink := &record{counts: counts}
		r := DecodeConversation(c, Input{}, Options{Sink: sink})
		if len(r.Connections) != 1 || len(sink.lines) != 2 {
			t.Fatalf("counts %v: %d connections, given %q", counts, len(r.Connections), sink.lines)
		}
		if kept := r.Connections[0].Handshake != nil; kept == counts {
			t.Errorf("counts %v: handshake kept %v", counts, kept)
		}
	}
}

// handshakeTaker is a sink that takes the handshakes (HandshakeSink),
// keeping in the result what keep returns.
type handshakeTaker struct {
	record
	ids    []int
	checks []int
	keep   *Handshake
}

func (h *handshakeTaker) Handshake(id int, hs *Handshake) *Handshake {
	h.ids = append(h.ids, id)
	h.checks = append(h.checks, len(hs.Checks))
	return h.keep
}

// TestHandshakeSinkTakesHandshakes: a HandshakeSink is given each
// connection's whole handshake, with its id, as the connection is added,
// and the result keeps in its place what the sink returns (nil, or a
// lean one), while the frames and messages are decided as before.
func TestHandshakeSinkTakesHandshakes(t *testing.T) {
	c := &paste.Conversation{Segments: []paste.Segment{
		{Node: 0, Data: []byte(SeedRequest)},
		{Node: 1, Data: []byte(SeedResponse)},
		{Node: 1, Data: []byte{0x81, 0x02, 'h', 'i'}},
	}}
	lean := &Handshake{Subprotocol: "chat"}
	for _, keep := range []*Handshake{nil, lean} {
		sink := &handshakeTaker{keep: keep}
		r := DecodeConversation(c, Input{}, Options{Sink: sink})
		if len(r.Connections) != 1 || len(sink.lines) != 2 {
			t.Fatalf("keep %v: %d connections, given %q", keep, len(r.Connections), sink.lines)
		}
		if len(sink.ids) != 1 || sink.ids[0] != r.Connections[0].ID || sink.checks[0] == 0 {
			t.Errorf("keep %v: handshakes given for %v with %v checks, want connection %d's with its checks", keep, sink.ids, sink.checks, r.Connections[0].ID)
		}
		if r.Connections[0].Handshake != keep {
			t.Errorf("keep %v: the result kept %v", keep, r.Connections[0].Handshake)
		}
	}
}
