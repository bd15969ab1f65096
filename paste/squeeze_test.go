package paste

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSqueezedDumps reads the dumps hexdump -C, od and xxd -a made of
// the same bytes, each with a lone '*' for repeated lines, and finds the
// very bytes.
func TestSqueezedDumps(t *testing.T) {
	want, _ := os.ReadFile("testdata/squeeze/bytes.hex")
	files, _ := filepath.Glob("testdata/squeeze/*.txt")
	if len(files) != 4 || len(want) == 0 {
		t.Fatalf("%d dumps", len(files))
	}
	for _, f := range files {
		text, _ := os.ReadFile(f)
		if !strings.Contains(string(text), "\n*\n") {
			t.Fatalf("%s has no '*'", f)
		}
		b, format, errs := Parse(text, "")
		if len(errs) > 0 {
			t.Errorf("%s (%s): %v", f, format, errs)
			continue
		}
		if got := hex.EncodeToString(b); got != strings.TrimSpace(string(want)) {
			t.Errorf("%s (%s):\n got %s\nwant %s", f, format, got, want)
		}
	}
}

// TestSqueezeErrors: a '*' that cannot be followed is an error at its
// place, and one that would expand past maxSqueeze is refused without
// allocating it.
func TestSqueezeErrors(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"star first", "*\n00000010  00 01  |..|\n", "line 1, column 1 (byte 0): '*' repeats the line before it, and there is none"},
		{"memory bomb", "00000000  81 7f 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n10000000000\n",
			"line 2, column 1 (byte 79): '*' repeats the line before it up to offset 10000000000, 1099511627760 bytes; wsframe expands at most 16 MiB of a squeezed dump"},
		{"stars add up", "00000000  81 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n" +
			"00a00000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n01400000\n",
			"'*' repeats the line before it up to offset 01400000, 10485744 bytes; wsframe expands at most 16 MiB"},
		{"too large", "00000000  81 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\nffffffffffffffffff\n",
			"offset ffffffffffffffffff after '*' is too large to follow (more than 2^48)"},
		{"backwards", "00000010  81 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n00000008\n",
			"offset 00000008 after '*' is before the 16 bytes already read"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, _, errs := Parse([]byte(c.text), FormatHexdumpC)
			if len(errs) == 0 || !strings.Contains(errs[0].Error(), c.want) {
				t.Fatalf("errors %v, want %q", errs, c.want)
			}
			if len(b) > 11<<20 {
				t.Errorf("%d bytes", len(b))
			}
		})
	}
}
