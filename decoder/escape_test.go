package decoder

import (
	"encoding/json"
	"os"
	"testing"
)

// TestVisible: the shared vectors (web/dom.js passes the same ones), then
// bytes that are not UTF-8.
func TestVisible(t *testing.T) {
	b, err := os.ReadFile("testdata/visible.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ Cases [][2]string }
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Cases) < 10 {
		t.Fatalf("only %d cases", len(v.Cases))
	}
	for _, c := range v.Cases {
		if got := Visible(c[0]); got != c[1] {
			t.Errorf("Visible(%+q) = %q, want %q", c[0], got, c[1])
		}
	}
	for in, want := range map[string]string{
		"a\xffb":      `a\xffb`,
		"\x9b2J":      `\x9b2J`,
		"\xe2\x80":    `\xe2\x80`,
		"ok\xc3\xa9!": "ok\u00e9!",
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestVisibleLeavesNoControl: whatever goes in, nothing invisible comes out.
func TestVisibleLeavesNoControl(t *testing.T) {
	var all []rune
	for r := rune(0); r < 0x30000; r++ {
		all = append(all, r)
	}
	out := Visible(string(all) + "\xff\xfe")
	for _, r := range out {
		if Invisible(r) {
			t.Fatalf("%U left in the output", r)
		}
	}
}
