package main

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
)

// bigFrames writes more than wholeInput of frames of every kind: text,
// masked binary, a message in fragments with a ping between, a broken
// frame (RSV2 without an extension), a close; as raw bytes.
func bigFrames() []byte {
	var b []byte
	for i := 0; len(b) <= wholeInput; i++ {
		b = append(b, 0x81, 0x05, 'h', 'e', 'l', 'l', byte('a'+i%26))
		b = append(b, 0x82, 0x83, 1, 2, 3, 4, 0, 0, 0)
		b = append(b, 0x01, 0x01, 'a', 0x89, 0x00, 0x00, 0x01, 'b', 0x80, 0x01, 'c')
		if i%1000 == 7 {
			b = append(b, 0xa1, 0x00) // RSV2 set: breaks a rule
		}
	}
	return append(b, 0x88, 0x02, 0x03, 0xe8)
}

// TestLargeTextThroughIndex: text and raw frame bytes larger than
// wholeInput are read into an index (or counted, for -stats), and the
// command prints what it printed from the whole result, byte for byte.
func TestLargeTextThroughIndex(t *testing.T) {
	defer func(n int) { wholeInput = n }(wholeInput)
	wholeInput = 64 << 10
	raw := bigFrames()
	var text strings.Builder
	for off := 0; off < len(raw); off += 32 {
		text.WriteString(hex.EncodeToString(raw[off:min(off+32, len(raw))]))
		text.WriteByte('\n')
	}
	for _, in := range []struct {
		name string
		data string
	}{{"raw", string(raw)}, {"hex", text.String()}} {
		if _, l, _ := decodeText([]byte(in.data), decoder.Options{}, config{}); l.ix == nil {
			t.Fatalf("%s: %d bytes were not read into an index", in.name, len(in.data))
		}
		if _, _, st := decodeText([]byte(in.data), decoder.Options{}, config{stats: true}); st == nil {
			t.Fatalf("%s: -stats did not count as it decoded", in.name)
		}
		whole := inspect.Decode([]byte(in.data), decoder.Options{})
		whole.Messages = whole.WithReadings(whole.Messages, false)
		if len(whole.Frames) < 10000 || len(whole.Errors) > 0 {
			t.Fatalf("%s: %d frames, errors %v", in.name, len(whole.Frames), whole.Errors)
		}
		var want bytes.Buffer
		if err := writeJSON(&want, whole); err != nil {
			t.Fatal(err)
		}
		got, errOut, code := runCLI(t, in.data, "-json")
		if code != 0 || errOut != "" {
			t.Fatalf("%s -json: exit %d, %s", in.name, code, errOut)
		}
		if got != want.String() {
			t.Fatalf("%s -json through the index differs:\n%s", in.name, firstDiffText(want.String(), got))
		}
		var wantStats bytes.Buffer
		writeStats(&wantStats, whole, nil)
		gotStats, _, code := runCLI(t, in.data, "-stats")
		if code != 0 || gotStats != wantStats.String() {
			t.Errorf("%s -stats: exit %d\n%s\nwant\n%s", in.name, code, gotStats, wantStats.String())
		}
		// Frame 4 ("b", between the ping and "c") with its message.
		gotFrame, _, _ := runCLI(t, in.data, "-frame", "4", "-json")
		if !strings.Contains(gotFrame, `"index": 4`) || !strings.Contains(gotFrame, `"text": "abc"`) {
			t.Errorf("%s -frame 4 -json: %.300s", in.name, gotFrame)
		}
	}
}

func firstDiffText(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-300)
	return "want …" + a[from:min(len(a), i+200)] + "\n got …" + b[from:min(len(b), i+200)]
}
