package decoder

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestAppendJSONMatchesEncodingJSON: the small encoder the page uses writes
// the very bytes encoding/json writes, for every golden input.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, name := range files {
		text, _ := os.ReadFile(name)
		r := Decode(text, Options{})
		checkSameJSON(t, name, r)
		checkSameJSON(t, name+" preview", Preview(r, 3))
	}
	at := time.Date(2012, 12, 15, 0, 36, 0, 123456789, time.UTC)
	seven := 7
	checkSameJSON(t, "capture-like", &Result{
		Frames:      []Frame{{Time: &at, Packet: 3, Connection: &seven, MaskKey: Hex{1, 2, 3, 4}}},
		Connections: []Connection{{Gaps: []Gap{{From: Client, Bytes: 5}}}},
	})
	checkSameJSON(t, "odd strings", map[string]any{
		"html": "<img src=x onerror=alert(1)>&", "ctl": "\x00\x01\t\n\r\x1f\x7f", "bad": "a\xffb\xc3", "seps": "\u2028\u2029",
		"quote": `"\`, "emoji": "😀", "float": 1.5, "neg": -3, "bytes": []byte{1, 2, 3, 4, 5}, "nil": nil,
		"steps": []UnmaskStep{{I: 1, Masked: 0xd2, Char: "G"}}, "fields": []Field{{Name: "websocket.fin"}},
	})
}

// FuzzAppendJSON compares the two encoders on whatever the decoder makes of
// arbitrary input.
func FuzzAppendJSON(f *testing.F) {
	addTestdataSeeds(f, false)
	f.Fuzz(func(t *testing.T, text []byte) {
		checkSameJSON(t, "fuzz", Decode(text, Options{}))
	})
}

func checkSameJSON(t *testing.T, name string, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendJSON(nil, v); !bytes.Equal(got, want) {
		t.Errorf("%s: AppendJSON differs from encoding/json\n got: %s\nwant: %s", name, got, want)
	}
}
