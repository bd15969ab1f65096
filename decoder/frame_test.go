package decoder

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// unhex reads hex as the RFC prints it: "0x81 0x05 0x48", "81 0c", "810c".
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	s = strings.NewReplacer("0x", "", " ", "", "\n", "", "\t", "").Replace(s)
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex in test: %v", err)
	}
	return b
}

// encodeFrame is a small test-only encoder, independent of appendHeader.
// lengthBits 0 picks the minimal encoding.
func encodeFrame(fin bool, rsv byte, op Opcode, key []byte, payload []byte, lengthBits int) []byte {
	b0 := byte(op) | rsv<<4
	if fin {
		b0 |= 0x80
	}
	var maskBit byte
	if key != nil {
		maskBit = 0x80
	}
	n := len(payload)
	if lengthBits == 0 {
		switch {
		case n <= 125:
			lengthBits = 7
		case n <= 0xFFFF:
			lengthBits = 16
		default:
			lengthBits = 64
		}
	}
	out := []byte{b0}
	switch lengthBits {
	case 7:
		out = append(out, maskBit|byte(n))
	case 16:
		out = append(out, maskBit|126, byte(n>>8), byte(n))
	default:
		out = append(out, maskBit|127)
		out = binary.BigEndian.AppendUint64(out, uint64(n))
	}
	out = append(out, key...)
	for i, c := range payload {
		if key != nil {
			c ^= key[i%4]
		}
		out = append(out, c)
	}
	return out
}

func decodeHex(t testing.TB, s string, opts Options) *Result {
	t.Helper()
	b := unhex(t, s)
	return DecodeBytes(b, Input{Kind: "hex", Bytes: int64(len(b))}, opts)
}

func violationIDs(vs []Violation) []string {
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	return ids
}

// TestExamples decodes the seed article's frames and the examples of
// RFC 6455 section 5.7, written as the RFC prints them.
func TestExamples(t *testing.T) {
	bin256 := bytes.Repeat([]byte{0xAB}, 256)
	bin64k := bytes.Repeat([]byte{0xCD}, 65536)
	tests := []struct {
		name     string
		hex      string
		frames   int
		messages []string // text of text messages, hex of others
		from     []Side
	}{
		{"seed server Hello, world", "81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64", 1, []string{"Hello, world"}, []Side{Server}},
		{"seed client Good bye.", "81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb", 1, []string{"Good bye."}, []Side{Client}},
		{"5.7 single-frame unmasked text", "0x81 0x05 0x48 0x65 0x6c 0x6c 0x6f", 1, []string{"Hello"}, []Side{Server}},
		{"5.7 single-frame masked text", "0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58", 1, []string{"Hello"}, []Side{Client}},
		{"5.7 fragmented unmasked text", "0x01 0x03 0x48 0x65 0x6c 0x80 0x02 0x6c 0x6f", 2, []string{"Hello"}, []Side{Server, Server}},
		{"5.7 unmasked ping, masked pong", "0x89 0x05 0x48 0x65 0x6c 0x6c 0x6f 0x8a 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58", 2,
			[]string{"48656c6c6f", "48656c6c6f"}, []Side{Server, Client}},
		{"5.7 256 bytes binary, 16-bit length", "0x82 0x7E 0x0100" + hex.EncodeToString(bin256), 1, []string{hex.EncodeToString(bin256)}, []Side{Server}},
		{"5.7 64KiB binary, 64-bit length", "0x82 0x7F 0x0000000000010000" + hex.EncodeToString(bin64k), 1, []string{hex.EncodeToString(bin64k)}, []Side{Server}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := decodeHex(t, tt.hex, Options{})
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %v", r.Errors)
			}
			if len(r.Frames) != tt.frames {
				t.Fatalf("got %d frames, want %d", len(r.Frames), tt.frames)
			}
			for i, f := range r.Frames {
				if len(f.Violations) > 0 {
					t.Errorf("frame %d: unexpected violations %v", i, f.Violations)
				}
				if f.From != tt.from[i] {
					t.Errorf("frame %d from %s, want %s", i, f.From, tt.from[i])
				}
			}
			var got []string
			for _, m := range r.Messages {
				if m.Text != nil {
					got = append(got, *m.Text)
				} else {
					got = append(got, hex.EncodeToString(m.Data))
				}
			}
			if !slices.Equal(got, tt.messages) {
				t.Errorf("messages = %.80q, want %.80q", got, tt.messages)
			}
		})
	}
}

// TestHeaderBits reads headers written as bit strings in the layout of
// RFC 6455 section 5.2: FIN RSV1-3 opcode | MASK payload-len | ...
func TestHeaderBits(t *testing.T) {
	tests := []struct {
		name string
		bits string
		want Frame
	}{
		{"fin text len 0", "1 0 0 0 0001 | 0 0000000", Frame{Fin: true, Opcode: OpText, LengthBits: 7, HeaderLength: 2}},
		{"continuation no fin len 125", "0 0 0 0 0000 | 0 1111101", Frame{Opcode: OpContinuation, PayloadLength: 125, LengthBits: 7, HeaderLength: 2}},
		{"rsv bits", "1 1 1 1 0010 | 0 0000001", Frame{Fin: true, Rsv1: true, Rsv2: true, Rsv3: true, Opcode: OpBinary, PayloadLength: 1, LengthBits: 7, HeaderLength: 2}},
		{"16-bit 126", "1 0 0 0 0010 | 0 1111110 | 00000000 01111110", Frame{Fin: true, Opcode: OpBinary, PayloadLength: 126, LengthBits: 16, HeaderLength: 4}},
		{"16-bit 65535", "1 0 0 0 0010 | 0 1111110 | 11111111 11111111", Frame{Fin: true, Opcode: OpBinary, PayloadLength: 65535, LengthBits: 16, HeaderLength: 4}},
		{"64-bit 65536", "1 0 0 0 0010 | 0 1111111 | 00000000 00000000 00000000 00000000 00000000 00000001 00000000 00000000",
			Frame{Fin: true, Opcode: OpBinary, PayloadLength: 65536, LengthBits: 64, HeaderLength: 10}},
		{"64-bit top bit set", "1 0 0 0 0010 | 0 1111111 | 10000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000",
			Frame{Fin: true, Opcode: OpBinary, PayloadLength: 1 << 63, LengthBits: 64, HeaderLength: 10}},
		{"masked close", "1 0 0 0 1000 | 1 0000010 | 00000001 00000010 00000011 00000100",
			Frame{Fin: true, Opcode: OpClose, Masked: true, MaskKey: Hex{1, 2, 3, 4}, PayloadLength: 2, LengthBits: 7, HeaderLength: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bitsToBytes(t, tt.bits)
			var f Frame
			n, ok := readHeader(b, &f)
			if !ok || n != len(b) {
				t.Fatalf("readHeader = %d, %v; want %d, true", n, ok, len(b))
			}
			f.OpcodeName = ""
			if f.Fin != tt.want.Fin || f.Rsv1 != tt.want.Rsv1 || f.Rsv2 != tt.want.Rsv2 || f.Rsv3 != tt.want.Rsv3 ||
				f.Opcode != tt.want.Opcode || f.Masked != tt.want.Masked || !bytes.Equal(f.MaskKey, tt.want.MaskKey) ||
				f.PayloadLength != tt.want.PayloadLength || f.LengthBits != tt.want.LengthBits || f.HeaderLength != tt.want.HeaderLength {
				t.Errorf("got %+v\nwant %+v", f, tt.want)
			}
			if got := appendHeader(nil, &f); !bytes.Equal(got, b) {
				t.Errorf("re-encoded % x, want % x", got, b)
			}
			// Every shorter prefix is an incomplete header.
			for k := 0; k < len(b); k++ {
				var g Frame
				if _, ok := readHeader(b[:k], &g); ok {
					t.Errorf("readHeader of %d of %d bytes says complete", k, len(b))
				}
			}
		})
	}
}

func bitsToBytes(t *testing.T, s string) []byte {
	t.Helper()
	var out []byte
	var cur byte
	n := 0
	for _, c := range s {
		switch c {
		case '0', '1':
			cur = cur<<1 | byte(c-'0')
			n++
			if n == 8 {
				out = append(out, cur)
				cur, n = 0, 0
			}
		case ' ', '|':
		default:
			t.Fatalf("bad bit string %q", s)
		}
	}
	if n != 0 {
		t.Fatalf("bit string %q is not whole bytes", s)
	}
	return out
}

// TestLengthBoundaries round-trips payloads at the edges of the three
// length encodings, masked and not.
func TestLengthBoundaries(t *testing.T) {
	key := []byte{0x12, 0x34, 0x56, 0x78}
	for _, n := range []int{0, 1, 124, 125, 126, 127, 65534, 65535, 65536, 65537} {
		for _, k := range [][]byte{nil, key} {
			payload := make([]byte, n)
			for i := range payload {
				payload[i] = byte(i * 7)
			}
			wire := encodeFrame(true, 0, OpBinary, k, payload, 0)
			r := DecodeBytes(wire, Input{}, Options{})
			if len(r.Frames) != 1 {
				t.Fatalf("n=%d: %d frames", n, len(r.Frames))
			}
			f := &r.Frames[0]
			if f.PayloadLength != uint64(n) || !bytes.Equal(f.Payload, payload) || len(f.Violations) != 0 {
				t.Errorf("n=%d masked=%v: length %d, payload equal %v, violations %v", n, k != nil, f.PayloadLength, bytes.Equal(f.Payload, payload), f.Violations)
			}
			if got := Wire(f, -1); !bytes.Equal(got, wire) {
				t.Errorf("n=%d masked=%v: Wire does not give back the input", n, k != nil)
			}
		}
	}
}

// TestViolations gives one frame sequence per rule and the ids it must raise.
func TestViolations(t *testing.T) {
	key := []byte{1, 2, 3, 4}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	tests := []struct {
		name string
		in   []byte
		opts Options
		want [][]string // violation ids per frame
	}{
		{"client-unmasked", encodeFrame(true, 0, OpText, nil, []byte("hi"), 0), Options{From: Client}, [][]string{{"client-unmasked"}}},
		{"server-masked", encodeFrame(true, 0, OpText, key, []byte("hi"), 0), Options{From: Server}, [][]string{{"server-masked"}}},
		{"control-too-long", encodeFrame(true, 0, OpPing, nil, make([]byte, 126), 0), Options{}, [][]string{{"control-too-long"}}},
		{"control-fragmented", encodeFrame(false, 0, OpPing, nil, nil, 0), Options{}, [][]string{{"control-fragmented"}}},
		{"rsv-without-extension", encodeFrame(true, 4, OpText, nil, []byte("x"), 0), Options{}, [][]string{{"rsv-without-extension"}}},
		{"rsv2 and rsv3", encodeFrame(true, 3, OpText, nil, []byte("x"), 0), Options{}, [][]string{{"rsv-without-extension", "rsv-without-extension"}}},
		{"reserved-opcode 3", encodeFrame(true, 0, 3, nil, nil, 0), Options{}, [][]string{{"reserved-opcode"}}},
		{"reserved-opcode 0xB", encodeFrame(true, 0, 0xB, nil, nil, 0), Options{}, [][]string{{"reserved-opcode"}}},
		{"continuation-without-message", encodeFrame(true, 0, OpContinuation, nil, []byte("x"), 0), Options{}, [][]string{{"continuation-without-message"}}},
		{"data-during-fragmented-message", cat(encodeFrame(false, 0, OpText, nil, []byte("a"), 0), encodeFrame(true, 0, OpBinary, nil, []byte("b"), 0)),
			Options{}, [][]string{nil, {"data-during-fragmented-message"}}},
		{"non-minimal 16", encodeFrame(true, 0, OpBinary, nil, make([]byte, 5), 16), Options{}, [][]string{{"non-minimal-length"}}},
		{"non-minimal 64", encodeFrame(true, 0, OpBinary, nil, make([]byte, 300), 64), Options{}, [][]string{{"non-minimal-length"}}},
		{"length-top-bit-set", unhex(t, "82 7f 80 00 00 00 00 00 00 00"), Options{}, [][]string{{"length-top-bit-set", "truncated"}}},
		{"close-payload-one-byte", encodeFrame(true, 0, OpClose, nil, []byte{3}, 0), Options{}, [][]string{{"close-payload-one-byte"}}},
		{"close-code-invalid 1005", encodeFrame(true, 0, OpClose, nil, []byte{0x03, 0xED}, 0), Options{}, [][]string{{"close-code-invalid"}}},
		{"close-code-invalid 999", encodeFrame(true, 0, OpClose, nil, []byte{0x03, 0xE7}, 0), Options{}, [][]string{{"close-code-invalid"}}},
		{"close-code-invalid 2000", encodeFrame(true, 0, OpClose, nil, []byte{0x07, 0xD0}, 0), Options{}, [][]string{{"close-code-invalid"}}},
		{"close 4000 is fine", encodeFrame(true, 0, OpClose, nil, []byte{0x0F, 0xA0, 'o', 'k'}, 0), Options{}, [][]string{nil}},
		{"close-reason-invalid-utf8", encodeFrame(true, 0, OpClose, nil, []byte{0x03, 0xE8, 0xff}, 0), Options{}, [][]string{{"close-reason-invalid-utf8"}}},
		{"text-invalid-utf8", encodeFrame(true, 0, OpText, nil, []byte{'a', 0xc3}, 0), Options{}, [][]string{{"text-invalid-utf8"}}},
		{"utf-8 split across fragments is fine", cat(encodeFrame(false, 0, OpText, nil, []byte{'a', 0xc3}, 0), encodeFrame(true, 0, OpContinuation, nil, []byte{0xa9}, 0)),
			Options{}, [][]string{nil, nil}},
		{"ping between fragments is fine", cat(encodeFrame(false, 0, OpText, nil, []byte("a"), 0), encodeFrame(true, 0, OpPing, nil, nil, 0),
			encodeFrame(true, 0, OpContinuation, nil, []byte("b"), 0)), Options{}, [][]string{nil, nil, nil}},
		{"frame-after-close", cat(encodeFrame(true, 0, OpClose, nil, []byte{0x03, 0xE8}, 0), encodeFrame(true, 0, OpText, nil, []byte("late"), 0)),
			Options{}, [][]string{nil, {"frame-after-close"}}},
		{"truncated", unhex(t, "81 0c 48 65"), Options{}, [][]string{{"truncated"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := DecodeBytes(tt.in, Input{}, tt.opts)
			if len(r.Frames) != len(tt.want) {
				t.Fatalf("got %d frames, want %d (errors %v)", len(r.Frames), len(tt.want), r.Errors)
			}
			for i, f := range r.Frames {
				got := violationIDs(f.Violations)
				if !slices.Equal(got, tt.want[i]) && !(len(got) == 0 && len(tt.want[i]) == 0) {
					t.Errorf("frame %d violations = %v, want %v", i, got, tt.want[i])
				}
				for _, v := range f.Violations {
					if v.RFC == "" || v.Field == "" || v.Message == "" {
						t.Errorf("violation %+v lacks its RFC section, field or message", v)
					}
				}
			}
		})
	}
}

// TestTruncatedFrame reports a cut frame as far as it goes.
func TestTruncatedFrame(t *testing.T) {
	r := decodeHex(t, "81 0c 48 65 6c", Options{})
	if len(r.Frames) != 1 {
		t.Fatalf("%d frames", len(r.Frames))
	}
	f := r.Frames[0]
	if f.PayloadLength != 12 || f.Missing != 9 || string(f.Payload) != "Hel" || !f.Fin || f.Opcode != OpText {
		t.Errorf("truncated frame = %+v", f)
	}
	if len(r.Messages) != 1 || r.Messages[0].Complete {
		t.Errorf("the message of a truncated frame should be reported incomplete: %+v", r.Messages)
	}
	// A cut header is an error with its offset.
	r = decodeHex(t, "81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 fe 00", Options{})
	if len(r.Frames) != 1 || len(r.Errors) != 1 || r.Errors[0].Offset != 14 {
		t.Errorf("frames %d, errors %+v; want 1 frame and an error at byte 14", len(r.Frames), r.Errors)
	}
}

// TestCloseFrame reads a close frame's code, name and reason.
func TestCloseFrame(t *testing.T) {
	r := DecodeBytes(encodeFrame(true, 0, OpClose, []byte{9, 8, 7, 6}, append([]byte{0x03, 0xE8}, "bye"...), 0), Input{}, Options{})
	m := r.Messages[0]
	if m.CloseCode == nil || *m.CloseCode != 1000 || m.CloseName != "Normal Closure" || m.CloseReason == nil || *m.CloseReason != "bye" {
		t.Errorf("close message = %+v", m)
	}
	for code, name := range map[int]string{1001: "Going Away", 1011: "Internal Error", 1015: "TLS Handshake", 3000: "registered for libraries and frameworks", 4000: "private use"} {
		if got := closeCodeName(code); got != name {
			t.Errorf("closeCodeName(%d) = %q, want %q", code, got, name)
		}
	}
}

// TestStreamPieces feeds a stream byte by byte and in odd pieces; the
// result must equal a decode of the whole.
func TestStreamPieces(t *testing.T) {
	var in []byte
	key := []byte{0xde, 0xad, 0xbe, 0xef}
	for i, n := range []int{0, 5, 125, 126, 300, 70000} {
		k := key
		if i%2 == 0 {
			k = nil
		}
		in = append(in, encodeFrame(i != 2, 0, OpBinary, k, bytes.Repeat([]byte{byte(i)}, n), 0)...)
		if i == 2 {
			in = append(in, encodeFrame(true, 0, OpContinuation, k, []byte("end"), 0)...)
		}
	}
	whole := DecodeBytes(in, Input{}, Options{})
	for _, size := range []int{1, 2, 3, 7, 13, 1000, 1448} {
		s := NewSession(Input{}, Options{})
		st := s.NewStream(-1, "", nil, 0)
		for i := 0; i < len(in); i += size {
			st.Write(in[i:min(i+size, len(in))], Mark{})
		}
		st.Close(Mark{})
		r := s.Result()
		if len(r.Frames) != len(whole.Frames) || len(r.Messages) != len(whole.Messages) {
			t.Fatalf("pieces of %d: %d frames %d messages, want %d %d", size, len(r.Frames), len(r.Messages), len(whole.Frames), len(whole.Messages))
		}
		for i := range r.Frames {
			a, b := r.Frames[i], whole.Frames[i]
			if a.Offset != b.Offset || !bytes.Equal(a.Payload, b.Payload) {
				t.Errorf("pieces of %d: frame %d differs", size, i)
			}
		}
	}
}

// TestGap reports the frame a gap cuts and resumes after it.
func TestGap(t *testing.T) {
	a := encodeFrame(true, 0, OpBinary, nil, bytes.Repeat([]byte{1}, 100), 0)
	b := encodeFrame(true, 0, OpText, nil, []byte("after"), 0)
	s := NewSession(Input{}, Options{})
	st := s.NewStream(-1, Server, nil, 0)
	st.Write(a[:40], Mark{Packet: 1})
	st.Gap(30, Mark{Packet: 2}) // inside frame a's payload
	st.Write(a[70:], Mark{Packet: 3})
	st.Write(b, Mark{Packet: 4})
	st.Close(Mark{})
	r := s.Result()
	if len(r.Frames) != 2 {
		t.Fatalf("got %d frames, want 2", len(r.Frames))
	}
	if r.Frames[0].Missing != 62 || !slices.Contains(violationIDs(r.Frames[0].Violations), "truncated") {
		t.Errorf("frame 0 = missing %d, violations %v", r.Frames[0].Missing, r.Frames[0].Violations)
	}
	if r.Frames[1].Offset != int64(len(a)) || string(r.Frames[1].Payload) != "after" {
		t.Errorf("frame 1 at %d = %q", r.Frames[1].Offset, r.Frames[1].Payload)
	}
	// A gap that swallows a frame boundary: decoding resumes at the next
	// segment that reads as whole frames.
	s = NewSession(Input{}, Options{})
	st = s.NewStream(-1, Server, nil, 0)
	st.Write(a[:10], Mark{})
	st.Gap(int64(len(a)-10+3), Mark{})
	st.Write(b[3:], Mark{})           // the rest of a cut frame: skipped
	st.Write(append(b, b...), Mark{}) // whole frames again
	st.Close(Mark{})
	r = s.Result()
	if len(r.Frames) != 3 || string(r.Frames[2].Payload) != "after" {
		t.Errorf("after a lost boundary got %d frames", len(r.Frames))
	}
}

// TestLengthNearMaxUint64 keeps a 64-bit length close to 2^64 from wrapping
// around when the header length is added to it.
func TestLengthNearMaxUint64(t *testing.T) {
	r := decodeHex(t, "82 7f ff ff ff ff ff ff ff f7 01 02 03 04 05 06 07 08 09 0a", Options{})
	if len(r.Frames) != 1 {
		t.Fatalf("%d frames", len(r.Frames))
	}
	f := r.Frames[0]
	if f.PayloadLength != 0xfffffffffffffff7 || len(f.Payload) != 10 || f.Missing != f.PayloadLength-10 {
		t.Errorf("length %d, %d payload bytes, %d missing", f.PayloadLength, len(f.Payload), f.Missing)
	}
}

// TestKeepBytes: past the budget, frames and messages keep previews only,
// and a frame named in KeepFrames keeps its bytes whatever the budget.
func TestKeepBytes(t *testing.T) {
	var in []byte
	for i := range 10 {
		in = append(in, encodeFrame(true, 0, OpText, []byte{1, 2, 3, 4}, bytes.Repeat([]byte{'a' + byte(i)}, 1000), 0)...)
	}
	r := DecodeBytes(in, Input{}, Options{KeepBytes: 4500, KeepFrames: []int{7}})
	for i, f := range r.Frames {
		m := r.Messages[f.Message]
		kept := i < 2 || i == 7 // each frame and its message count 2000 bytes
		if kept != !f.PayloadTruncated || kept != !m.DataTruncated || m.Length != 1000 || f.PayloadLength != 1000 {
			t.Errorf("frame %d: truncated %v/%v, kept %v", i, f.PayloadTruncated, m.DataTruncated, kept)
		}
		if !kept && (len(f.Payload) != previewBytes || len(*m.Text) != previewBytes || (*m.Text)[0] != 'a'+byte(i)) {
			t.Errorf("frame %d: preview of %d bytes, text %.10q", i, len(f.Payload), *m.Text)
		}
	}
}

// TestHeaderRulesKept: a stream tests the header rules once for a run of
// frames with the same clean header (headerRules); every frame still gets
// the violations its header shows when tested on its own, whatever came
// before it.
func TestHeaderRulesKept(t *testing.T) {
	key := []byte{1, 2, 3, 4}
	var in []byte
	clean := encodeFrame(true, 0, OpText, key, []byte("hi"), 0)
	for _, f := range [][]byte{
		clean, clean,
		encodeFrame(true, 0, OpText, nil, []byte("hi"), 0), // client-unmasked
		clean,
		encodeFrame(true, 0b010, OpText, key, []byte("hi"), 0), // RSV2 without an extension
		encodeFrame(true, 0b010, OpText, key, []byte("hi"), 0),
		clean,
		encodeFrame(false, 0, OpPing, key, nil, 0), // control-fragmented
		clean, clean,
	} {
		in = append(in, f...)
	}
	s := NewSession(Input{}, Options{})
	st := s.NewStream(-1, Client, nil, 0)
	st.Write(in, Mark{})
	st.Close(Mark{})
	r := s.Result()
	if len(r.Frames) != 10 {
		t.Fatalf("%d frames, want 10", len(r.Frames))
	}
	broken := 0
	for i, f := range r.Frames {
		g := f
		g.Violations = nil
		checkHeader(&g, 0)
		checkSide(&g)
		var got []string
		for _, v := range f.Violations {
			for _, w := range g.Violations {
				if v.ID == w.ID && v.Field == w.Field {
					got = append(got, v.ID)
				}
			}
		}
		if len(got) != len(g.Violations) {
			t.Errorf("frame %d: header violations %v, tested alone %v", i, got, g.Violations)
		}
		broken += len(g.Violations)
	}
	if broken != 4 {
		t.Errorf("%d header violations in all, want 4 (unmasked, RSV2 twice, fragmented ping)", broken)
	}
}

// TestHeaderRulesKeptEveryLength: headerRules keeps a clean header's
// outcome across frames whose lengths differ within a class
// (lengthClass); for headers of every opcode, RSV bit, mask bit and length
// form, at the edges of each rule's lengths, in an order that puts each
// after every other, each frame gets exactly the violations it has when
// tested alone.
func TestHeaderRulesKeptEveryLength(t *testing.T) {
	var heads [][]byte
	lengths := []struct {
		b1   byte
		ext  []byte
		name string
	}{
		{0, nil, "7-bit 0"}, {5, nil, "7-bit 5"}, {125, nil, "7-bit 125"},
		{126, []byte{0, 5}, "16-bit 5"}, {126, []byte{0, 125}, "16-bit 125"}, {126, []byte{0, 126}, "16-bit 126"}, {126, []byte{0xff, 0xff}, "16-bit 65535"},
		{127, []byte{0, 0, 0, 0, 0, 0, 0, 5}, "64-bit 5"}, {127, []byte{0, 0, 0, 0, 0, 0, 0, 126}, "64-bit 126"},
		{127, []byte{0, 0, 0, 0, 0, 0, 0xff, 0xff}, "64-bit 65535"}, {127, []byte{0, 0, 0, 0, 0, 1, 0, 0}, "64-bit 65536"},
		{127, []byte{0x7f, 0, 0, 0, 0, 0, 0, 0}, "64-bit large"}, {127, []byte{0x80, 0, 0, 0, 0, 0, 0, 0}, "64-bit top bit"},
	}
	for _, b0 := range []byte{0x81, 0x82, 0x80, 0x01, 0x89, 0x88, 0x09, 0x83, 0x8b, 0xc1, 0xa2, 0x91} {
		for _, l := range lengths {
			for _, masked := range []bool{false, true} {
				h := []byte{b0, l.b1}
				if masked {
					h[1] |= 0x80
				}
				h = append(h, l.ext...)
				if masked {
					h = append(h, 1, 2, 3, 4)
				}
				heads = append(heads, h)
			}
		}
	}
	for _, ext := range []*Extension{nil, {Name: "permessage-deflate"}} {
		for _, from := range []Side{Client, Server, ""} {
			s := NewSession(Input{}, Options{})
			st := s.NewStream(-1, from, ext, 0)
			// Every header after every other: i, then each j after it.
			for i := range heads {
				for _, h := range [][]byte{heads[i], heads[(i*7+3)%len(heads)], heads[i], heads[(i+1)%len(heads)]} {
					var f Frame
					if _, ok := readHeader(h, &f); !ok {
						t.Fatalf("% x: not a whole header", h)
					}
					f.From = st.sender(f.Masked)
					g := f
					st.headerRules(&f)
					checkHeader(&g, rsvAllowed(ext))
					if from != "" {
						checkSide(&g)
					}
					if fmt.Sprint(f.Violations) != fmt.Sprint(g.Violations) {
						t.Fatalf("ext %v, from %q, header % x: violations %v after the stream's others, %v alone", ext != nil, from, h, f.Violations, g.Violations)
					}
				}
			}
		}
	}
}
