package build

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/measure"
)

func ptr[T any](v T) *T { return &v }

func hexOf(t *testing.T, r *Result) string {
	t.Helper()
	return hex.EncodeToString(r.Hex)
}

// TestRFC6455_5_7 builds the examples of RFC 6455 section 5.7 and the seed
// article's client frame, byte for byte.
func TestRFC6455_5_7(t *testing.T) {
	long := strings.Repeat("a", 256)
	for _, c := range []struct {
		name  string
		specs []Spec
		want  string
	}{
		{"seed client frame", []Spec{{Text: ptr("Good bye."), MaskKey: "9539ffdd"}}, "81899539ffddd25690b9b55b86b8bb"},
		{"single-frame unmasked text", []Spec{{From: "server", Text: ptr("Hello")}}, "810548656c6c6f"},
		{"single-frame masked text", []Spec{{Text: ptr("Hello"), MaskKey: "37fa213d"}}, "818537fa213d7f9f4d5158"},
		{"fragmented unmasked text", []Spec{{From: "server", Text: ptr("Hello"), Fragment: 3}}, "010348656c80026c6f"},
		{"unmasked ping", []Spec{{From: "server", Opcode: ptr(9), Text: ptr("Hello")}}, "890548656c6c6f"},
		{"masked pong", []Spec{{Opcode: ptr(10), Text: ptr("Hello"), MaskKey: "37fa213d"}}, "8a8537fa213d7f9f4d5158"},
		{"256 bytes binary", []Spec{{From: "server", Opcode: ptr(2), Text: ptr(long)}}, "827e0100" + hex.EncodeToString([]byte(long))},
		{"close 1000", []Spec{{From: "server", Close: &Close{Code: ptr(1000), Reason: "bye"}}}, "880503e8627965"},
		{"empty close", []Spec{{From: "server", Close: &Close{}}}, "8800"},
		{"RFC 7692 7.2.3.1 compressed Hello", []Spec{{From: "server", Text: ptr("Hello"), Extension: "permessage-deflate"}}, "c107f248cdc9c90700"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Build(c.specs)
			if err != nil {
				t.Fatal(err)
			}
			if got := hexOf(t, r); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			for _, f := range r.Frames {
				if len(f.Violations) > 0 {
					t.Errorf("frame %d breaks %v", f.Index, f.Violations)
				}
			}
		})
	}
}

// TestBuild_64BitLength: a 65536-byte payload takes the 64-bit form
// (RFC 6455 5.7, "64KiB binary message").
func TestBuild_64BitLength(t *testing.T) {
	data := strings.Repeat("00", 65536)
	r, err := Build([]Spec{{From: "server", Hex: &data}})
	if err != nil {
		t.Fatal(err)
	}
	if got := hexOf(t, r)[:20]; got != "827f0000000000010000" {
		t.Errorf("header %s, want 827f0000000000010000", got)
	}
	if r.Frames[0].LengthBits != 64 || r.Frames[0].PayloadLength != 65536 {
		t.Errorf("decoded %d bits, length %d", r.Frames[0].LengthBits, r.Frames[0].PayloadLength)
	}
}

// TestBuild_FragmentsWithPing: RFC 6455 5.4: a control frame may come
// between the fragments of a message; the decoder reads four frames, the
// text message whole and the ping as its own message.
func TestBuild_FragmentsWithPing(t *testing.T) {
	r, err := Build([]Spec{{Text: ptr("Hello, world"), Fragment: 4, PingBetween: "are you there", MaskKey: "01020304"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Frames) != 4 {
		t.Fatalf("%d frames, want 4: %s", len(r.Frames), r.Paste)
	}
	ops := []decoder.Opcode{decoder.OpText, decoder.OpPing, decoder.OpContinuation, decoder.OpContinuation}
	fins := []bool{false, true, false, true}
	for i, f := range r.Frames {
		if f.Opcode != ops[i] || f.Fin != fins[i] || len(f.Violations) > 0 {
			t.Errorf("frame %d: opcode %v fin %v violations %v", i, f.Opcode, f.Fin, f.Violations)
		}
	}
	var got []string
	for _, m := range r.Messages {
		got = append(got, m.OpcodeName+" "+string(m.Data))
	}
	if strings.Join(got, "|") != "ping are you there|text Hello, world" {
		t.Errorf("messages %q", got)
	}
	if strings.Count(r.Paste, "\n") != 3 {
		t.Errorf("paste has not one frame a line: %q", r.Paste)
	}
}

// TestBuild_ContextTakeover: RFC 7692 7.2.3.2: under context takeover the
// second of two equal messages refers back into the first and is shorter;
// under no_context_takeover it is compressed afresh. The decoder's own
// inflater reads every message back.
func TestBuild_ContextTakeover(t *testing.T) {
	text := "The quick brown fox jumps over the lazy dog, again and again."
	for _, c := range []struct {
		ext     string
		shorter bool
	}{
		{"permessage-deflate", true},
		{"permessage-deflate; client_no_context_takeover", false},
	} {
		r, err := Build([]Spec{{Text: &text, Extension: c.ext}, {Text: &text}, {Opcode: ptr(2), Text: &text}})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Messages) != 3 {
			t.Fatalf("%s: %d messages", c.ext, len(r.Messages))
		}
		for _, m := range r.Messages {
			if !m.Compressed || !bytes.Equal(m.Data, []byte(text)) || m.Problem != "" {
				t.Errorf("%s: message %d compressed %v data %q problem %q", c.ext, m.Index, m.Compressed, m.Data, m.Problem)
			}
		}
		a, b := r.Frames[0].PayloadLength, r.Frames[1].PayloadLength
		if (b < a) != c.shorter {
			t.Errorf("%s: first message %d bytes, second %d", c.ext, a, b)
		}
		if !r.Frames[0].Rsv1 || len(r.Frames[0].Violations) > 0 {
			t.Errorf("%s: frame 0 rsv1 %v violations %v", c.ext, r.Frames[0].Rsv1, r.Frames[0].Violations)
		}
	}
}

// TestBuild_Broken: frames that break the RFC on purpose are built, and
// the decoder names what they break.
func TestBuild_Broken(t *testing.T) {
	for _, c := range []struct {
		name string
		spec Spec
		want string // a violation id
	}{
		{"5.1 unmasked client frame", Spec{Text: ptr("hi"), Mask: ptr(false)}, "client-unmasked"},
		{"5.1 masked server frame", Spec{From: "server", Text: ptr("hi")}, ""},
		{"5.1 masked server frame, mask set", Spec{From: "server", Text: ptr("hi"), Mask: ptr(true)}, "server-masked"},
		{"5.2 RSV2 without extension", Spec{Text: ptr("hi"), Rsv2: ptr(true)}, "rsv-without-extension"},
		{"5.2 reserved opcode", Spec{Text: ptr("hi"), Opcode: ptr(0xB)}, "reserved-opcode"},
		{"5.2 16-bit length for 5 bytes", Spec{Text: ptr("Hello"), LengthBits: 16}, "non-minimal-length"},
		{"5.2 64-bit length for 5 bytes", Spec{Text: ptr("Hello"), LengthBits: 64}, "non-minimal-length"},
		{"5.2 64-bit length top bit", Spec{Text: ptr("x"), LengthBits: 64, PayloadLength: ptr(uint64(1) << 63)}, "length-top-bit-set"},
		{"5.2 length beyond the data", Spec{Text: ptr("Hello"), PayloadLength: ptr(uint64(9))}, "truncated"},
		{"5.4 continuation first", Spec{Text: ptr("hi"), Opcode: ptr(0)}, "continuation-without-message"},
		{"5.5 fragmented ping", Spec{Text: ptr("ping ping"), Opcode: ptr(9), Fragment: 4}, "control-fragmented"},
		{"5.5 long ping", Spec{Text: ptr(strings.Repeat("p", 126)), Opcode: ptr(9)}, "control-too-long"},
		{"5.5.1 one-byte close", Spec{Hex: ptr("03"), Opcode: ptr(8)}, "close-payload-one-byte"},
		{"7.4 close code 1005 sent", Spec{Close: &Close{Code: ptr(1005)}}, "close-code-invalid"},
		{"8.1 text not UTF-8", Spec{Hex: ptr("c3 28"), Opcode: ptr(1)}, "text-invalid-utf8"},
		{"7692 6.1 compressed ping", Spec{Text: ptr("hi"), Opcode: ptr(9), Compress: ptr(true), Extension: "permessage-deflate"}, "rsv1-on-control"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Build([]Spec{c.spec})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, f := range r.Frames {
				for _, v := range f.Violations {
					ids = append(ids, v.ID)
				}
			}
			for _, m := range r.Messages {
				for _, v := range m.Violations {
					ids = append(ids, v.ID)
				}
			}
			got := strings.Join(ids, " ")
			if c.want == "" && c.spec.Mask == nil && c.spec.From == "server" {
				if got != "" {
					t.Errorf("a server frame is unmasked by default; got %s", got)
				}
				return
			}
			if !strings.Contains(" "+got+" ", " "+c.want+" ") {
				t.Errorf("violations %q, want %s (%s)", got, c.want, r.Paste)
			}
		})
	}
}

// TestBuild_Errors: specs that cannot be built say which field and why.
func TestBuild_Errors(t *testing.T) {
	for _, c := range []struct {
		specs []Spec
		want  string
	}{
		{[]Spec{{}}, "no payload"},
		{[]Spec{{Text: ptr("a"), Hex: ptr("00")}}, "one payload"},
		{[]Spec{{Hex: ptr("0g")}}, `hex: column 2: "g" is not a hex digit`},
		{[]Spec{{Hex: ptr("123")}}, "hex: column 3: the last byte has one hex digit"},
		{[]Spec{{Text: ptr("a"), MaskKey: "0102"}}, "mask_key: a masking key is 4 bytes"},
		{[]Spec{{Text: ptr("a"), Opcode: ptr(16)}}, "opcode 16"},
		{[]Spec{{Text: ptr(strings.Repeat("a", 126)), LengthBits: 7}}, "length_bits 7"},
		{[]Spec{{Text: ptr(strings.Repeat("a", 65536)), LengthBits: 16}}, "length_bits 16"},
		{[]Spec{{Text: ptr("a"), LengthBits: 32}}, "length_bits 32: use 7, 16 or 64"},
		{[]Spec{{Text: ptr("a"), From: "proxy"}}, `from is "proxy"`},
		{[]Spec{{Text: ptr("a"), PingBetween: true}}, "ping_between needs a fragmented message"},
		{[]Spec{{Text: ptr("a"), PingBetween: 3.0}}, "ping_between is 3"},
		{[]Spec{{Close: &Close{Reason: "x"}}}, "a reason needs a code"},
		{[]Spec{{Close: &Close{Code: ptr(70000)}}}, "does not fit in 16 bits"},
		{[]Spec{{Text: ptr("a"), Extension: "permessage-deflate; bogus"}}, "extension:"},
		{[]Spec{{Text: ptr("a"), Extension: "x-webkit-deflate-frame"}}, "permessage-deflate only"},
		{[]Spec{{Text: ptr("a"), Compress: ptr(true)}}, "compress needs an extension"},
		{[]Spec{{Text: ptr("a")}, {Text: ptr("b"), From: "server"}}, "spec 2: from is server"},
		{[]Spec{{Text: ptr("a"), Extension: "permessage-deflate"}, {Text: ptr("b"), Extension: "permessage-deflate; server_no_context_takeover"}}, "spec 2: extension"},
		{nil, "nothing to build"},
	} {
		_, err := Build(c.specs)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want it to say %q", err, c.want)
		}
	}
}

// TestBuild_Caps: a spec that would make more frames or bytes than one
// build holds is refused before anything is built, saying the limit and
// what to change ({"text": 1 MiB, "fragment": 1} took 706 MB before).
func TestBuild_Caps(t *testing.T) {
	mib := strings.Repeat("a", 1<<20)
	many := make([]Spec, MaxFrames+1)
	for i := range many {
		many[i] = Spec{Text: ptr("a")}
	}
	for _, c := range []struct {
		specs []Spec
		want  string
	}{
		{[]Spec{{Text: &mib, Fragment: 1}}, "fragment 1: 1048576 bytes of payload in pieces of 1 would make 1048576 frames; one build makes at most 10000 frames: set fragment to 105 bytes or more"},
		{[]Spec{{Text: ptr(strings.Repeat("a", MaxBytes+1))}}, "one build makes at most 16777216 bytes of frames (16 MiB)"},
		{[]Spec{{Text: &mib}, {Text: ptr(strings.Repeat("b", MaxBytes-1<<20))}}, "spec 2: the payload is 15728640 bytes; one build makes at most 16777216 bytes"},
		{many, "spec 10001: this message's 1 frame would bring the build to 10001 frames; one build makes at most 10000 frames: build fewer messages"},
	} {
		var err error
		alloc, _ := measure.Allocs(func() { _, err = Build(c.specs) })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v,\nwant it to say %q", err, c.want)
		}
		if alloc > 64<<20 {
			t.Errorf("refusing %.60q… allocated %d bytes", err, alloc)
		}
	}
	// Right at the limits it builds.
	r, err := Build([]Spec{{Text: ptr(strings.Repeat("a", MaxFrames)), Fragment: 1}})
	if err != nil || len(r.Frames) != MaxFrames {
		t.Fatalf("%d frames of one byte: %v", MaxFrames, err)
	}
}

// TestBuild_RandomKey: without a key every frame gets a fresh one.
func TestBuild_RandomKey(t *testing.T) {
	r, err := Build([]Spec{{Text: ptr("abcdefgh"), Fragment: 1}})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, f := range r.Frames {
		if !f.Masked || len(f.MaskKey) != 4 || string(f.Payload) != string("abcdefgh"[f.Index]) {
			t.Fatalf("frame %d: masked %v key %x payload %q", f.Index, f.Masked, f.MaskKey, f.Payload)
		}
		keys[hex.EncodeToString(f.MaskKey)] = true
	}
	if len(keys) < 6 {
		t.Errorf("8 frames share %d keys; each should get a fresh one", len(keys))
	}
}

func TestParseHex(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "",
		"81 0c":              "810c",
		"0x81, 0x0C":         "810c",
		"81:0c-48\n65\r\n6c": "810c48656c",
	} {
		got, err := ParseHex(in)
		if err != nil || hex.EncodeToString(got) != want {
			t.Errorf("ParseHex(%q) = %x, %v; want %s", in, got, err, want)
		}
	}
}
