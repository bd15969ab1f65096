package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
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
		if _, l, _ := decodeText(kit.Classify([]byte(in.data), ""), []byte(in.data), decoder.Options{}, config{}); !l.Indexed() {
			t.Fatalf("%s: %d bytes were not read into an index", in.name, len(in.data))
		}
		if _, _, st := decodeText(kit.Classify([]byte(in.data), ""), []byte(in.data), decoder.Options{}, config{stats: true}); st == nil {
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

// TestLargeHARStreams: a HAR file larger than wholeInput is read as it
// streams, into an index whose frames are rebuilt from the file (or
// counted, for -stats), and the command prints what it printed from the
// whole result, byte for byte.
func TestLargeHARStreams(t *testing.T) {
	defer func(n int) { wholeInput = n }(wholeInput)
	wholeInput = 64 << 10
	var b strings.Builder
	b.WriteString(`{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"http://x/","headers":[]},"response":{"status":200,"content":{"text":"` + strings.Repeat("body ", 20000) + `"}}},`)
	b.WriteString(`{"request":{"method":"GET","url":"ws://x/chat","headers":[{"name":"Upgrade","value":"websocket"},{"name":"Sec-WebSocket-Key","value":"dGhlIHNhbXBsZSBub25jZQ=="}]},"response":{"status":101,"headers":[{"name":"Sec-WebSocket-Accept","value":"s3pPLMBiTxaQ9kYGzzhZRbK+xOo="}]},"_webSocketMessages":[`)
	for i := range 3000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"send","time":%d.25,"opcode":1,"data":"hello %d"},{"type":"receive","time":%d.5,"opcode":2,"data":"AAEC"}`, 1700000000+i, i, 1700000000+i)
	}
	b.WriteString(`]}]}}`)
	data := b.String()
	name := filepath.Join(t.TempDir(), "big.har")
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	sameAsWhole(t, "a streamed HAR", data, 6000, func(flag string) (string, string, int) { return runCLI(t, "", flag, name) })
	if view, _, _ := runCLI(t, "", "-frame", "2", name); !strings.Contains(view, "hello 1") || !strings.Contains(view, "masked, reconstructed, 7 bytes") {
		t.Errorf("-frame 2: %s", view)
	}
}

// followRaw writes Wireshark's Follow TCP Stream (raw) of the seed's
// handshake and n messages each way, the server's turns indented.
func followRaw(n int) string {
	var w strings.Builder
	w.WriteString("\n===================================================================\nFollow: tcp,raw\nFilter: tcp.stream eq 0\nNode 0: 10.0.0.1:40000\nNode 1: 10.0.0.2:8080\n")
	w.WriteString(hex.EncodeToString([]byte(decoder.SeedRequest)) + "\n\t" + hex.EncodeToString([]byte(decoder.SeedResponse)) + "\n")
	for i := range n {
		text := fmt.Sprintf("message %d", i)
		w.WriteString("\t" + hex.EncodeToString(append([]byte{0x81, byte(len(text))}, text...)) + "\n")
		masked := []byte(text)
		for k := range masked {
			masked[k] ^= byte(1 + k%4) // the key 01 02 03 04
		}
		w.WriteString(hex.EncodeToString(append([]byte{0x81, 0x80 | byte(len(text)), 1, 2, 3, 4}, masked...)) + "\n")
	}
	w.WriteString("===================================================================\n")
	return w.String()
}

// TestLargeConversationTextThroughIndex: Follow TCP Stream text larger
// than wholeInput is read into an index (its bytes copied once to the
// index's store) or counted for -stats, and the command prints what it
// printed from the whole result, byte for byte.
func TestLargeConversationTextThroughIndex(t *testing.T) {
	defer func(n int) { wholeInput = n }(wholeInput)
	wholeInput = 64 << 10
	data := followRaw(3000)
	kind := kit.Classify([]byte(data), "")
	if kind != inspect.KindFollow || len(data) <= wholeInput {
		t.Fatalf("%d bytes of %s", len(data), kind.Name())
	}
	if _, l, _ := decodeText(kind, []byte(data), decoder.Options{}, config{}); !l.Indexed() {
		t.Fatalf("%d bytes of Follow TCP Stream were not read into an index", len(data))
	}
	sameAsWhole(t, "Follow TCP Stream through the index", data, 6000, func(flag string) (string, string, int) { return runCLI(t, data, flag) })
	if view, _, _ := runCLI(t, data, "-frame", "5999"); !strings.Contains(view, "message 2999") {
		t.Errorf("-frame 5999: %s", view)
	}
}

// sameAsWhole checks that the command's -json and -stats of input (run
// runs the command with one flag) print what the whole decode of data
// prints, byte for byte, and that the whole decode has frames frames.
func sameAsWhole(t *testing.T, what, data string, frames int, run func(flag string) (out, errOut string, code int)) {
	t.Helper()
	whole := inspect.Decode([]byte(data), decoder.Options{})
	whole.Messages = whole.WithReadings(whole.Messages, false)
	if len(whole.Frames) != frames || len(whole.Errors) > 0 {
		t.Fatalf("%d frames, errors %v", len(whole.Frames), whole.Errors)
	}
	var want bytes.Buffer
	if err := writeJSON(&want, whole); err != nil {
		t.Fatal(err)
	}
	got, errOut, code := run("-json")
	if code != 0 || errOut != "" {
		t.Fatalf("-json: exit %d, %s", code, errOut)
	}
	if got != want.String() {
		t.Fatalf("-json of %s differs:\n%s", what, firstDiffText(want.String(), got))
	}
	var wantStats bytes.Buffer
	writeStats(&wantStats, whole, nil)
	if gotStats, _, code := run("-stats"); code != 0 || gotStats != wantStats.String() {
		t.Errorf("-stats: exit %d\n%s\nwant\n%s", code, gotStats, wantStats.String())
	}
}
