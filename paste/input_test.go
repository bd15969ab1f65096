package paste

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// seedHex is the seed article's two frames back to back.
const seedHex = "810c48656c6c6f2c20776f726c64" + "81899539ffddd25690b9b55b86b8bb"

// TestInputForms parses the seed's bytes in every paste form, each written
// the way its tool writes it.
func TestInputForms(t *testing.T) {
	tests := []struct {
		format string
		text   string
	}{
		{FormatHex, "81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb"},
		{FormatHex, seedHex},
		{FormatHex, strings.ToUpper(seedHex)},
		{FormatHex, "81:0c:48:65:6c:6c:6f:2c:20:77:6f:72:6c:64:81:89:95:39:ff:dd:d2:56:90:b9:b5:5b:86:b8:bb"},
		{FormatHex, "81-0c-48-65-6c-6c-6f-2c-20-77-6f-72-6c-64-81-89-95-39-ff-dd-d2-56-90-b9-b5-5b-86-b8-bb"},
		{FormatHex, "0x81 0x0c 0x48 0x65 0x6c 0x6c 0x6f 0x2c 0x20 0x77 0x6f 0x72 0x6c 0x64\n0x81 0x89 0x95 0x39 0xff 0xdd 0xd2 0x56 0x90 0xb9 0xb5 0x5b 0x86 0xb8 0xbb"},
		{FormatHex, "810c48656c6c6f2c20776f726c64\r\n81899539ffddd25690b9b55b86b8bb\r\n"},
		{FormatXxd, "00000000: 810c 4865 6c6c 6f2c 2077 6f72 6c64 8189  ..Hello, world..\n" +
			"00000010: 9539 ffdd d256 90b9 b55b 86b8 bb        .9...V...[...\n"},
		{FormatHexdumpC, "00000000  81 0c 48 65 6c 6c 6f 2c  20 77 6f 72 6c 64 81 89  |..Hello, world..|\n" +
			"00000010  95 39 ff dd d2 56 90 b9  b5 5b 86 b8 bb           |.9...V...[...|\n0000001d\n"},
		{FormatOd, "000000 81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 89\n000010 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb\n00001d\n"},
		{FormatWireshark, "0000   81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 89   ..Hello, world..\n" +
			"0010   95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb            .9...V...[...\n"},
		{FormatWireshark, "0000  81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 89   ..Hello, world..\n" +
			"0010  95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb            .9...V...[...\n"},
		{FormatCArray, "char packet_bytes[] = {\n  0x81, 0x0c, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x2c,\n  0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x81, 0x89,\n" +
			"  0x95, 0x39, 0xff, 0xdd, 0xd2, 0x56, 0x90, 0xb9,\n  0xb5, 0x5b, 0x86, 0xb8, 0xbb\n};"},
		{FormatCArray, "[]byte{0x81, 0x0c, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x2c, 0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x81, 0x89, 0x95, 0x39, 0xff, 0xdd, 0xd2, 0x56, 0x90, 0xb9, 0xb5, 0x5b, 0x86, 0xb8, 0xbb}"},
		{FormatCArray, "[]byte{129, 12, 72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100, 129, 137, 149, 57, 255, 221, 210, 86, 144, 185, 181, 91, 134, 184, 187}"},
		{FormatEscaped, `"\x81\x0c\x48\x65\x6c\x6c\x6f\x2c\x20\x77\x6f\x72\x6c\x64\x81\x89\x95\x39\xff\xdd\xd2\x56\x90\xb9\xb5\x5b\x86\xb8\xbb"`},
		{FormatEscaped, `\x81\x0c\x48\x65\x6c\x6c\x6f\x2c\x20\x77\x6f\x72\x6c\x64\x81\x89\x95\x39\xff\xdd\xd2\x56\x90\xb9\xb5\x5b\x86\xb8\xbb`},
		{FormatEscaped, "\"\\x81\\x0cHello, world\"\n\"\\x81\\x89\\x959\\xff\\xdd\\xd2V\\x90\\xb9\\xb5[\\x86\\xb8\\xbb\""},
		{FormatPython, `b'\x81\x0cHello, world\x81\x89\x959\xff\xdd\xd2V\x90\xb9\xb5[\x86\xb8\xbb'`},
		{FormatBase64, "gQxIZWxsbywgd29ybGSBiZU5/93SVpC5tVuGuLs="},
		{FormatBase64, "gQxIZWxsbywgd29y\nbGSBiZU5/93SVpC5\ntVuGuLs=\n"},
		{FormatBase64URL, "gQxIZWxsbywgd29ybGSBiZU5_93SVpC5tVuGuLs"},
	}
	want, _ := hex.DecodeString(seedHex)
	for _, tt := range tests {
		name := tt.format + ":" + strings.SplitN(tt.text, "\n", 2)[0]
		t.Run(name, func(t *testing.T) {
			if got := DetectFormat([]byte(tt.text)); got != tt.format {
				t.Errorf("DetectFormat = %q, want %q", got, tt.format)
			}
			got, format, errs := Parse([]byte(tt.text), "")
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("got  % x\nwant % x", got, want)
			}
			if format != tt.format {
				t.Errorf("format = %q, want %q", format, tt.format)
			}
		})
	}
}

// TestInputErrors places each error where the marker ‸ stands in the
// input (the marker itself is removed before parsing).
func TestInputErrors(t *testing.T) {
	tests := []struct {
		text    string
		format  string
		message string
		bytes   string // what still decodes
	}{
		{"81 0c 48 ‸g5 65", "", "'g' is not a hex digit", "810c4865"},
		{"81 0c\n48 65\n6c ‸zz 6c", "", "'z' is not a hex digit", "810c48656c6c"},
		{"81 0c ‸4 86", "", "'4' is a lone hex digit", "810c86"},
		{"81 0c ‸4", "", "odd number of hex digits", "810c"},
		{"00000000: 810c 4865  ..He\n00000004: 6c‸Zc  lo\n", FormatXxd, "'Z' is not a hex digit", "810c48656c"},
		{"{0x81, ‸0x1ff}", FormatCArray, "\"0x1ff\" is not a byte value", "81"},
		{`"\x81‸\q"`, FormatEscaped, `\q is not an escape`, "81"},
		{`"\x81‸\x8"`, FormatEscaped, `\x must be followed by two hex digits`, "81"},
		{"gQxI‸!ZWxs", FormatBase64, "'!' is not a base64 character", "810c48656c6c"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			at := strings.Index(tt.text, "‸")
			text := strings.Replace(tt.text, "‸", "", 1)
			got, _, errs := Parse([]byte(text), tt.format)
			if len(errs) == 0 {
				t.Fatalf("no error; want %q", tt.message)
			}
			e := errs[0]
			if e.Offset != int64(at) {
				t.Errorf("error at byte %d, want %d: %v", e.Offset, at, e)
			}
			wantLine := 1 + strings.Count(text[:at], "\n")
			wantCol := at - strings.LastIndex(text[:at], "\n")
			if e.Line != wantLine || e.Column != wantCol {
				t.Errorf("error at line %d column %d, want %d, %d", e.Line, e.Column, wantLine, wantCol)
			}
			if !strings.Contains(e.Message, tt.message) {
				t.Errorf("message %q does not say %q", e.Message, tt.message)
			}
			if hex.EncodeToString(got) != tt.bytes {
				t.Errorf("decoded %x, want %s (what can be read is kept)", got, tt.bytes)
			}
		})
	}
}

// TestErrorText formats an error with its place, as the command line prints it.
func TestErrorText(t *testing.T) {
	_, _, errs := Parse([]byte("81 0c\n48 6g"), "")
	if len(errs) != 1 || errs[0].Error() != "line 2, column 5 (byte 10): 'g' is not a hex digit" {
		t.Errorf("errors = %v", errs)
	}
}

// TestManyErrorsAreBounded keeps a paste of garbage from producing a
// garbage-sized error list.
func TestManyErrorsAreBounded(t *testing.T) {
	_, _, errs := Parse(bytes.Repeat([]byte("zz "), 10000), FormatHex)
	if len(errs) != maxInputErrors+1 || !strings.Contains(errs[len(errs)-1].Message, "more problems") {
		t.Errorf("got %d errors, last %v", len(errs), errs[len(errs)-1])
	}
}

// TestHexParseAllocations: a hex paste's bytes are made in one allocation
// whatever its size (a doubling slice made 22, 26 and 28 at these sizes), and hold
// at most half its characters.
func TestHexParseAllocations(t *testing.T) {
	var counts []float64
	for _, lines := range []int{10_000, 20_000, 40_000} {
		text := []byte(strings.Repeat("81 05 48 65 6c 6c 6f\n", lines))
		counts = append(counts, testing.AllocsPerRun(3, func() { Parse(text, FormatHex) }))
		out, _, _ := Parse(text, FormatHex)
		if len(out) != 7*lines || cap(out) > len(text)/2 {
			t.Fatalf("%d lines: %d bytes (cap %d) from %d characters", lines, len(out), cap(out), len(text))
		}
	}
	if counts[0] != counts[1] || counts[1] != counts[2] || counts[0] > 2 {
		t.Fatalf("allocations at 10,000, 20,000 and 40,000 lines: %v; want the same few", counts)
	}
}
