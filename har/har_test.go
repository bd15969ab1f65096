package har

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// TestChromiumHAR reads the HAR Chromium wrote (through playwright-core's
// recordHar) for a real exchange with a Node ws server under
// permessage-deflate (testdata/har/make.sh), and checks every message
// against what the server logged it sent and received; the handshake's
// checks all pass, and each reconstructed frame unmasks to its message.
func TestChromiumHAR(t *testing.T) {
	b, err := os.ReadFile("../testdata/har/ws-chromium-deflate.har")
	if err != nil {
		t.Fatal(err)
	}
	logb, err := os.ReadFile("../testdata/har/ws-chromium-deflate.peers.json")
	if err != nil {
		t.Fatal(err)
	}
	var peers []struct {
		From    string `json:"from"`
		Type    string `json:"type"`
		DataHex string `json:"data_hex"`
	}
	if err := json.Unmarshal(logb, &peers); err != nil {
		t.Fatal(err)
	}
	r := Decode(bytes.NewReader(b), decoder.Input{Kind: "har", Format: "har"}, decoder.Options{})
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %v", r.Errors)
	}
	if len(r.Connections) != 1 {
		t.Fatalf("%d connections", len(r.Connections))
	}
	hs := r.Connections[0].Handshake
	if hs == nil || !hs.AcceptValid || hs.Negotiated() == nil {
		t.Fatalf("handshake %+v", hs)
	}
	for _, c := range hs.Checks {
		if !c.Passed {
			t.Errorf("check %s failed: %s", c.ID, c.Message)
		}
	}
	if r.Input.Bytes != int64(len(b)) || !strings.Contains(r.Input.Note, "not frame bytes") {
		t.Errorf("input %+v", r.Input)
	}
	// The HAR keeps data messages only: the close is not in it.
	var want [2][]string
	for _, p := range peers {
		if p.Type == "close" {
			continue
		}
		want[side(p.From)] = append(want[side(p.From)], p.Type+" "+p.DataHex)
	}
	var got [2][]string
	for _, m := range r.Messages {
		got[side(string(m.From))] = append(got[side(string(m.From))], m.OpcodeName+" "+hex.EncodeToString(m.Data))
	}
	for s := range want {
		if len(want[s]) < 3 || fmt.Sprint(got[s]) != fmt.Sprint(want[s]) {
			t.Errorf("side %d: messages\n%v\nwant\n%v", s, got[s], want[s])
		}
	}
	for i := range r.Frames {
		f := &r.Frames[i]
		if !f.Reconstructed || f.Time == nil || len(f.Violations) > 0 || f.Masked != (f.From == decoder.Client) {
			t.Errorf("frame %d: reconstructed %v time %v masked %v from %s violations %v", i, f.Reconstructed, f.Time, f.Masked, f.From, f.Violations)
		}
		wire := decoder.Wire(f, -1)
		if want := f.HeaderLength + int(f.PayloadLength); len(wire) != want || f.LengthBits != LengthBits(int(f.PayloadLength)) {
			t.Errorf("frame %d: %d wire bytes, want %d", i, len(wire), want)
		}
	}
}

func side(from string) int {
	if from == "server" {
		return 1
	}
	return 0
}

// TestPastedEntry: one entry copied out of a HAR file reads alone, with
// errors placed in it.
func TestPastedEntry(t *testing.T) {
	b, _ := os.ReadFile("../testdata/har/ws-chromium-deflate.har")
	var h struct {
		Log struct {
			Entries []json.RawMessage `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	var entry []byte
	for _, e := range h.Log.Entries {
		if bytes.Contains(e, []byte("_webSocketMessages")) {
			entry = e
		}
	}
	if !Detect(entry) {
		t.Fatal("a pasted entry is not detected")
	}
	r := Decode(bytes.NewReader(entry), decoder.Input{Kind: "har"}, decoder.Options{})
	if len(r.Errors) > 0 || len(r.Connections) != 1 || len(r.Messages) != 7 {
		t.Fatalf("errors %v, %d connections, %d messages", r.Errors, len(r.Connections), len(r.Messages))
	}
	// Cut short: what came before the cut is kept, the error says where.
	cut := entry[:len(entry)*3/4]
	r = Decode(bytes.NewReader(cut), decoder.Input{Kind: "har"}, decoder.Options{})
	if len(r.Errors) != 1 || r.Errors[0].Offset != int64(len(cut)) || len(r.Messages) == 0 {
		t.Fatalf("cut entry of %d bytes: errors %v, %d messages", len(cut), r.Errors, len(r.Messages))
	}
}

// TestEntryOrder: messages listed before the request and response (a
// tool may write an entry's members in any order) still come after the
// entry, and non-WebSocket entries are skipped.
func TestEntryOrder(t *testing.T) {
	in := `{"log":{"version":"1.2","entries":[
	{"request":{"method":"GET","url":"http://x/","headers":[]},"response":{"status":200,"content":{"text":"<html>…"}}},
	{"_webSocketMessages":[{"type":"send","time":1700000000.5,"opcode":1,"data":"hi"},
	  {"type":"receive","time":1700000000.75,"opcode":2,"data":"gQw="}],
	 "request":{"method":"GET","url":"ws://x/s","httpVersion":"HTTP/1.1","headers":[
	   {"name":"Host","value":"x"},{"name":"Upgrade","value":"websocket"},{"name":"Connection","value":"Upgrade"},
	   {"name":"Sec-WebSocket-Key","value":"dGhlIHNhbXBsZSBub25jZQ=="},{"name":"Sec-WebSocket-Version","value":"13"}]},
	 "response":{"status":101,"statusText":"Switching Protocols","httpVersion":"HTTP/1.1","headers":[
	   {"name":"Upgrade","value":"websocket"},{"name":"Connection","value":"Upgrade"},
	   {"name":"Sec-WebSocket-Accept","value":"s3pPLMBiTxaQ9kYGzzhZRbK+xOo="}]}}]}}`
	r := Decode(strings.NewReader(in), decoder.Input{Kind: "har"}, decoder.Options{})
	if len(r.Errors) > 0 || len(r.Connections) != 1 || len(r.Messages) != 2 {
		t.Fatalf("errors %v, %d connections, %d messages", r.Errors, len(r.Connections), len(r.Messages))
	}
	if hs := r.Connections[0].Handshake; !hs.AcceptValid {
		t.Errorf("the RFC 6455 1.3 example key and accept: %+v", hs.Checks)
	}
	if m := r.Messages[1]; m.From != decoder.Server || hex.EncodeToString(m.Data) != "810c" {
		t.Errorf("message 1: %s %x", m.From, []byte(m.Data))
	}
	if f := r.Frames[0]; f.Time == nil || f.Time.Time().UnixMilli() != 1700000000500 {
		t.Errorf("DevTools times are seconds: %v", f.Time)
	}
}

// bigHAR generates a HAR of about size bytes as it is read: page entries
// with large bodies, and one WebSocket entry with many messages.
type bigHAR struct {
	size, done int64
	buf        []byte
	state      int
	n          int
}

func (g *bigHAR) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		switch {
		case g.state == 0:
			g.buf = []byte(`{"log":{"version":"1.2","entries":[`)
			g.state = 1
		case g.state == 1 && g.done < g.size/2:
			g.buf = fmt.Appendf(nil, `{"request":{"method":"GET","url":"http://x/%d","headers":[]},"response":{"status":200,"content":{"text":"%s"}}},`,
				g.n, strings.Repeat("a", 1<<20))
			g.n++
		case g.state == 1:
			g.buf = []byte(`{"request":{"method":"GET","url":"ws://x/","headers":[]},"response":{"status":101,"headers":[]},"_webSocketMessages":[`)
			g.state = 2
		case g.state == 2 && g.done < g.size:
			g.buf = fmt.Appendf(nil, `{"type":"receive","time":%d,"opcode":1,"data":"%s"},`, 1700000000000+g.n, strings.Repeat("m", 4000))
			g.n++
		case g.state == 2:
			g.buf = []byte(`{"type":"send","time":1,"opcode":1,"data":"end"}]}]}}`)
			g.state = 3
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	g.done += int64(n)
	return n, nil
}

type countingHandler struct {
	entries, messages int
	peak              uint64
}

func (c *countingHandler) Entry(*Entry) { c.entries++ }
func (c *countingHandler) Message(*Message) {
	c.messages++
	if c.messages%2000 == 0 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		c.peak = max(c.peak, ms.HeapInuse)
	}
}

// TestStreamsLargeHAR reads a generated 100 MB HAR without holding it:
// the heap stays small while every message is handed over.
func TestStreamsLargeHAR(t *testing.T) {
	size := int64(100 << 20)
	if testing.Short() || runtime.GOOS == "js" {
		size = 2 << 20 // WebAssembly under Node reads slower
	}
	g := &bigHAR{size: size}
	var h countingHandler
	if err := Read(g, &h); err != nil {
		t.Fatal(err)
	}
	if h.entries != 1 || h.messages < int(size/2/4100) {
		t.Fatalf("%d entries, %d messages", h.entries, h.messages)
	}
	if h.peak > 32<<20 {
		t.Errorf("heap in use reached %d MB reading a %d MB HAR", h.peak>>20, size>>20)
	}
	t.Logf("%d MB read, %d messages, heap in use at most %.1f MB", g.done>>20, h.messages, float64(h.peak)/(1<<20))
}

// hugeBody generates a HAR whose first entry is a page with a body of
// size bytes (one JSON string, escapes and all), then a WebSocket entry
// with one message.
type hugeBody struct {
	size, done int64
	buf        []byte
	state      int
}

func (g *hugeBody) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		switch {
		case g.state == 0:
			g.buf = []byte(`{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"http://x/","headers":[]},"response":{"status":200,"content":{"text":"`)
			g.state = 1
		case g.state == 1 && g.done < g.size:
			g.buf = []byte(strings.Repeat(`abc\"\\\u00e9 `, 4096))
		case g.state == 1:
			g.buf = []byte(`"}}},{"request":{"method":"GET","url":"ws://x/","headers":[]},"response":{"status":101,"headers":[]},"_webSocketMessages":[{"type":"receive","time":1,"opcode":1,"data":"after the body"}]}]}}`)
			g.state = 2
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	g.done += int64(n)
	return n, nil
}

type keptMessages struct {
	countingHandler
	texts []string
}

func (k *keptMessages) Message(m *Message) { k.texts = append(k.texts, string(m.Data)) }

// TestSkipsHugeBody: a page entry whose body is longer than the scanner's
// token limit (100 MB; it failed the whole file, "string longer than
// 67108864 bytes", losing the WebSocket entry after it) is skipped in
// small memory, and the WebSocket entry after it is read.
func TestSkipsHugeBody(t *testing.T) {
	size := int64(100 << 20)
	if testing.Short() || runtime.GOOS == "js" {
		size = 4 << 20
	}
	g := &hugeBody{size: size}
	var h keptMessages
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := Read(g, &h); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if len(h.texts) != 1 || h.texts[0] != "after the body" {
		t.Fatalf("messages %q", h.texts)
	}
	// Garbage not yet collected counts in HeapInuse, so the bound leaves
	// room for it; a body held whole would be 100 MB.
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 32<<20 {
		t.Errorf("skipping a %d MB body left %d MB in use", size>>20, grew>>20)
	}
	// A body cut short is still an error, at its place.
	cut := &hugeBody{size: 1 << 20}
	b, _ := io.ReadAll(cut)
	err := Read(bytes.NewReader(b[:1<<20]), &keptMessages{})
	if err == nil || !strings.Contains(err.Error(), "unexpected end of input inside a string that starts at byte 137") {
		t.Errorf("cut body: %v", err)
	}
}

// TestMadeUpKeysSameEveryRun: a HAR never kept a client frame's masking
// key, so one is made up from the message's place in the file; the same
// file gives the same keys in every run (of the command, of the page), so
// that two outputs can be compared. The keys below are what this file
// gave when the salt was fixed: a key that changes between runs fails here
// in the run after.
func TestMadeUpKeysSameEveryRun(t *testing.T) {
	b, err := os.ReadFile("../testdata/har/ws-chromium-deflate.har")
	if err != nil {
		t.Fatal(err)
	}
	r := Decode(bytes.NewReader(b), decoder.Input{Kind: "har", Format: "har"}, decoder.Options{})
	var keys []string
	for _, f := range r.Frames {
		if f.Masked {
			keys = append(keys, hex.EncodeToString(f.MaskKey))
		}
	}
	got := strings.Join(keys, " ")
	t.Logf("keys: %s", got)
	if want := "71b8a882 b344eb9f 4515e301 e221d8e2"; got != want {
		t.Errorf("made-up keys %q, want %q (the same in every run)", got, want)
	}
}
