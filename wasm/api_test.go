//go:build !js || full

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
)

// These tests run natively and, with `make test-wasm`, as wasm under node.

// TestDecodeIsTheContract: decode() returns the bytes of the decoder's
// golden JSON, which `wsframe -json` is checked against too.
func TestDecodeIsTheContract(t *testing.T) {
	text, err := os.ReadFile("../decoder/testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../decoder/testdata/seed.json")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	json.Compact(&b, want)
	if got := decodeText(string(text), options{}); got != b.String() {
		t.Errorf("decode() = %s\nwant %s", got, b.String())
	}
}

// TestFrameDetail returns the field table and unmask steps of the seed's
// client frame.
func TestFrameDetail(t *testing.T) {
	decodeText("81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb", options{Preview: 4})
	var d struct {
		Frame struct {
			Payload string `json:"payload"`
		} `json:"frame"`
		Bytes  string `json:"bytes"`
		Fields []struct {
			Name      string `json:"name"`
			BitOffset int    `json:"bit_offset"`
			BitLength int    `json:"bit_length"`
		} `json:"fields"`
		Steps []struct {
			Result int    `json:"result"`
			Char   string `json:"char"`
		} `json:"steps"`
		StepsTotal int `json:"steps_total"`
		Message    struct {
			Text string `json:"text"`
		} `json:"message"`
	}
	if err := json.Unmarshal([]byte(frame(1, options{Steps: 4})), &d); err != nil {
		t.Fatal(err)
	}
	if d.Bytes != "81899539ffddd25690b9b55b86b8bb" || d.Frame.Payload != "476f6f64206279652e" {
		t.Errorf("bytes %s, payload %s (the detail carries the whole frame, not the preview)", d.Bytes, d.Frame.Payload)
	}
	var names []string
	for _, f := range d.Fields {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "websocket.fin websocket.rsv1 websocket.rsv2 websocket.rsv3 websocket.opcode websocket.mask websocket.payload_length websocket.masking_key websocket.payload" {
		t.Errorf("fields = %s", got)
	}
	if last := d.Fields[len(d.Fields)-1]; last.BitOffset != 48 || last.BitLength != 72 {
		t.Errorf("payload field at bit %d, %d bits", last.BitOffset, last.BitLength)
	}
	if len(d.Steps) != 4 || d.StepsTotal != 9 || d.Steps[0].Char != "G" || d.Message.Text != "Good bye." {
		t.Errorf("steps %+v of %d, message %q", d.Steps, d.StepsTotal, d.Message.Text)
	}
}

// TestPreviewCutsPayloads keeps summaries small.
func TestPreviewCutsPayloads(t *testing.T) {
	out := decodeText("81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64", options{Preview: 2})
	if !strings.Contains(out, `"payload":"4865"`) || !strings.Contains(out, `"payload_truncated":true`) || !strings.Contains(out, `"text":"He"`) {
		t.Errorf("preview result: %s", out)
	}
}

// TestErrorsAreJSON: bad calls answer with {"error": ...}, never a panic.
func TestErrorsAreJSON(t *testing.T) {
	for name, out := range map[string]string{
		"bad from":      decodeText("81 00", options{From: "middle"}),
		"bad extension": decodeText("81 00", options{Extension: "permessage-deflate; client_max_window_bits=99"}),
		"no frame":      frame(99, options{}),
		"panic caught":  guard(func() string { panic("boom") }),
	} {
		var e apiError
		if err := json.Unmarshal([]byte(out), &e); err != nil || e.Error.Message == "" {
			t.Errorf("%s: %s", name, out)
		}
	}
}

// TestStreamAndRows decodes a real capture read piece by piece, lists only
// the first rows with totals, and fetches the rest with rows().
func TestStreamAndRows(t *testing.T) {
	b, err := os.ReadFile("../testdata/captures/d-gorilla-ws-fragments-lengths-lo4.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	var calls []int64
	open := func() io.Reader { return &oneByteAtATimeAfter{b: b, n: 100} }
	out := decodeStream(open, bytes.NewReader(b), int64(len(b)), options{Rows: 5, Preview: 8}, func(done int64) { calls = append(calls, done) })
	var r struct {
		Input  struct{ Kind string }
		Frames []struct {
			Index            int
			Payload          string
			PayloadTruncated bool `json:"payload_truncated"`
		}
		Totals struct{ Frames, Messages int }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Input.Kind != "pcapng" || len(r.Frames) != 5 || r.Totals.Frames != 31 {
		t.Fatalf("kind %s, %d frames listed of %d", r.Input.Kind, len(r.Frames), r.Totals.Frames)
	}
	if len(calls) == 0 || calls[len(calls)-1] != int64(len(b)) {
		t.Errorf("progress calls %v; the last should be the file size %d", calls, len(b))
	}
	var more []struct {
		Index   int
		Payload string
	}
	if err := json.Unmarshal([]byte(rows("frames", 29, 10, options{Preview: 4})), &more); err != nil {
		t.Fatal(err)
	}
	if len(more) != 2 || more[0].Index != 29 || len(more[0].Payload) > 8 {
		t.Errorf("rows(frames, 29, 10) = %+v", more)
	}
	var e apiError
	if json.Unmarshal([]byte(rows("packets", 0, 1, options{})), &e); e.Error.Message == "" {
		t.Errorf("rows of an unknown kind should be an error")
	}
}

// TestStreamText takes a dropped text file of pasted frames too.
func TestStreamText(t *testing.T) {
	text := "81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb"
	out := decodeStream(func() io.Reader { return strings.NewReader(text) }, nil, int64(len(text)), options{}, nil)
	if !strings.Contains(out, `"text":"Good bye."`) {
		t.Errorf("decodeStream of text: %s", out)
	}
}

// oneByteAtATimeAfter reads n bytes at once, then one byte a call: short
// reads must not change the result.
type oneByteAtATimeAfter struct {
	b []byte
	n int
}

func (r *oneByteAtATimeAfter) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	k := 1
	if r.n > 0 {
		k, r.n = min(r.n, len(p)), 0
	}
	k = copy(p[:min(k, len(p))], r.b)
	r.b = r.b[k:]
	return k, nil
}

// TestRereadFromFile: a streamed capture keeps no payload; opening a frame
// reads its bytes from the file again (ReadAt), without decoding the file
// a second time.
func TestRereadFromFile(t *testing.T) {
	b, err := os.ReadFile("../testdata/captures/d-gorilla-ws-fragments-lengths-lo4.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	opens := 0
	open := func() io.Reader { opens++; return bytes.NewReader(b) }
	at := &countingReaderAt{r: bytes.NewReader(b)}
	out := decodeStream(open, at, int64(len(b)), options{Preview: 64}, nil)
	var r struct {
		Frames []struct {
			PayloadLength    int  `json:"payload_length"`
			PayloadTruncated bool `json:"payload_truncated"`
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	big := -1
	for i, f := range r.Frames {
		if f.PayloadLength == 65536 && f.PayloadTruncated {
			big = i
			break
		}
	}
	if big < 0 {
		t.Fatalf("no 64 KiB frame was cut to a preview: %+v", r.Frames)
	}
	read := at.n
	var d struct {
		Frame struct {
			Payload          string `json:"payload"`
			PayloadTruncated bool   `json:"payload_truncated"`
		} `json:"frame"`
	}
	if err := json.Unmarshal([]byte(frame(big, options{})), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Frame.Payload) != 2*65536 || d.Frame.PayloadTruncated || opens != 1 || at.n-read < 65536 {
		t.Errorf("opened frame %d: %d hex digits, truncated %v, file opened %d times, %d bytes read again",
			big, len(d.Frame.Payload), d.Frame.PayloadTruncated, opens, at.n-read)
	}
}

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r io.ReaderAt
	n int
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += n
	return n, err
}

// TestIndex lists the frames and messages of one connection.
func TestIndex(t *testing.T) {
	b, err := os.ReadFile("../testdata/captures/f-ws-ws-3conns-any-sll2.pcap")
	if err != nil {
		t.Fatal(err)
	}
	decodeCaptureBytes(b, options{})
	var frames, messages []int
	json.Unmarshal([]byte(index("frames", 1)), &frames)
	json.Unmarshal([]byte(index("messages", 2)), &messages)
	if len(frames) != 8 || len(messages) != 8 {
		t.Fatalf("connection 1: %d frames, connection 2: %d messages; want 8 and 8", len(frames), len(messages))
	}
	for _, i := range frames {
		if f, err := view.Frame(i, 1); err != nil || f.Connection == nil || *f.Connection != 1 {
			t.Errorf("frame %d is not on connection 1", i)
		}
	}
	if out := index("frames", 9); out != "[]" {
		t.Errorf("an unknown connection lists %s", out)
	}
}

// TestStreamHAR: a dropped HAR streams into an index like a capture, its
// frames reconstructed (listed with a preview, opened whole with the same
// made-up key); a budget too small for it stops keeping messages and says
// so.
func TestStreamHAR(t *testing.T) {
	b, err := os.ReadFile("../testdata/har/ws-chromium-deflate.har")
	if err != nil {
		t.Fatal(err)
	}
	open := func() io.Reader { return &oneByteAtATimeAfter{b: b, n: 300} }
	out := decodeStream(open, bytes.NewReader(b), int64(len(b)), options{Preview: 8}, nil)
	var r struct {
		Input  struct{ Kind, Note string }
		Frames []struct {
			MaskKey          string `json:"mask_key"`
			PayloadLength    int    `json:"payload_length"`
			PayloadTruncated bool   `json:"payload_truncated"`
			Time             string
			Reconstructed    bool
		}
		Stopped *struct{ Reason string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Input.Kind != "har" || len(r.Frames) != 7 || !r.Frames[0].Reconstructed || r.Input.Note == "" || r.Frames[0].Time == "" || r.Stopped != nil {
		t.Fatalf("%s: %+v", out[:min(len(out), 300)], r.Input)
	}
	if view == nil || !view.Indexed() {
		t.Fatal("the HAR was not read into an index")
	}
	cut := -1
	for i, f := range r.Frames {
		if f.PayloadTruncated && f.MaskKey != "" {
			cut = i
		}
	}
	if cut < 0 {
		t.Fatal("no client frame was cut to a preview")
	}
	var d struct {
		Frame struct {
			MaskKey          string `json:"mask_key"`
			Payload          string
			PayloadTruncated bool `json:"payload_truncated"`
			Reconstructed    bool
		}
	}
	if err := json.Unmarshal([]byte(frame(cut, options{})), &d); err != nil {
		t.Fatal(err)
	}
	if d.Frame.PayloadTruncated || len(d.Frame.Payload) != 2*r.Frames[cut].PayloadLength || d.Frame.MaskKey != r.Frames[cut].MaskKey || !d.Frame.Reconstructed {
		t.Errorf("frame %d opened: truncated %v, key %s (listed %s), reconstructed %v", cut, d.Frame.PayloadTruncated, d.Frame.MaskKey, r.Frames[cut].MaskKey, d.Frame.Reconstructed)
	}
	// A budget the first frames fill.
	out = decodeStream(open, bytes.NewReader(b), int64(len(b)), options{Budget: 200}, nil)
	r.Stopped, r.Frames = nil, nil
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Stopped == nil || !strings.Contains(r.Stopped.Reason, "memory budget") || len(r.Frames) >= 7 {
		t.Errorf("budget 200: %d frames, stopped %+v", len(r.Frames), r.Stopped)
	}
	// The page's as_payload option.
	var p struct {
		Input    struct{ Kind string }
		Messages []struct{ Text string }
	}
	json.Unmarshal([]byte(decodeText("Hello", options{AsPayload: "text"})), &p)
	if p.Input.Kind != "payload" || len(p.Messages) != 1 || p.Messages[0].Text != "Hello" {
		t.Errorf("as_payload text: %+v", p)
	}
}

// TestFrameIsTheCommandsFrame: `wsframe -frame N -json` prints the very
// object frame(N) returns, on the seed, a pasted handshake with
// permessage-deflate and a capture of compressed messages. (Natively only:
// it builds and runs the command.)
func TestFrameIsTheCommandsFrame(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("runs the command, which wasm cannot")
	}
	bin := filepath.Join(t.TempDir(), "wsframe")
	if out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "../cmd/wsframe").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tt := range []struct {
		file    string
		capture bool
		extra   []string
		opts    options
	}{
		{"../decoder/testdata/seed.txt", false, nil, options{}},
		{"../decoder/testdata/handshake-deflate.txt", false, nil, options{}},
		{"../decoder/testdata/fragmented-ping-close.txt", false, []string{"-extension", "permessage-deflate"}, options{Extension: "permessage-deflate"}},
		{"../testdata/captures/b-ws-chromium-deflate-lo4.pcapng", true, nil, options{}},
	} {
		in, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		var sum string
		if tt.capture {
			sum = decodeCaptureBytes(in, tt.opts)
		} else {
			sum = decodeText(string(in), tt.opts)
		}
		var r struct {
			Frames []struct {
				Rsv1 bool `json:"rsv1"`
			} `json:"frames"`
		}
		if err := json.Unmarshal([]byte(sum), &r); err != nil || len(r.Frames) == 0 {
			t.Fatalf("%s: %v, %d frames", tt.file, err, len(r.Frames))
		}
		compressed := 0
		for i := 0; i < len(r.Frames) && i < 12; i++ {
			page := frame(i, options{})
			args := append([]string{"-json", "-frame", strconv.Itoa(i)}, tt.extra...)
			out, err := exec.Command(bin, append(args, tt.file)...).Output()
			if err != nil {
				t.Fatalf("%s frame %d: wsframe %v: %v", tt.file, i, args, err)
			}
			var cli bytes.Buffer
			if err := json.Compact(&cli, out); err != nil {
				t.Fatal(err)
			}
			if cli.String() != page {
				t.Errorf("%s frame %d: the command prints\n%s\nthe page's frame(%d) returns\n%s", tt.file, i, cli.String(), i, page)
			}
			if strings.Contains(page, `"deflate_blocks"`) {
				compressed++
			}
		}
		if strings.Contains(tt.file, "deflate") && compressed == 0 {
			t.Errorf("%s: no frame showed its DEFLATE blocks", tt.file)
		}
	}
}

// TestReadingsOnlyWhereMayRead: the page's first program answers a paste
// only when Result.MayRead is false. For every real capture (and so every
// reader: Socket.IO, MQTT, GraphQL, STOMP, SignalR, MessagePack, CBOR,
// zlib), what gets a reading in the full program is claimed by MayRead,
// and the same bytes pasted as frames would be too.
func TestReadingsOnlyWhereMayRead(t *testing.T) {
	files, _ := filepath.Glob("../testdata/captures/r-*.pcap")
	if len(files) == 0 {
		t.Fatal("no r-* captures")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := prog.Decode(inspect.KindPcap, b, decoderOptionsOrFatal(t, options{}))
		n := 0
		for _, m := range r.WithReadings(r.Messages, true) {
			if m.Reading != nil {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: no reading", f)
		}
		if !r.MayRead() {
			t.Errorf("%s: %d readings, but MayRead is false", f, n)
		}
	}
}

func decoderOptionsOrFatal(t *testing.T, o options) decoder.Options {
	t.Helper()
	d, err := decoderOptions(o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestMQTTJoinedAsMessagesAreMade: an MQTT connection's packets are joined
// from each message's bytes as the message is made, so a streamed capture
// that keeps only previews of its payloads (KeepBytes) lists the same
// packets as one that keeps everything.
func TestMQTTJoinedAsMessagesAreMade(t *testing.T) {
	b, err := os.ReadFile("../testdata/captures/r-mqtt5-mosquitto-lo4.pcap") // one message of 80 bytes
	if err != nil {
		t.Fatal(err)
	}
	whole := prog.Decode(inspect.KindPcap, b, prog.Options(decoder.Options{}))
	cut := prog.Decode(inspect.KindPcap, b, prog.Options(decoder.Options{KeepBytes: 1}))
	if len(whole.Connections) != 1 || whole.Connections[0].App == nil || len(cut.Connections) != 1 || cut.Connections[0].App == nil {
		t.Fatalf("no MQTT app: %+v / %+v", whole.Connections, cut.Connections)
	}
	w, c := whole.Connections[0].App, cut.Connections[0].App
	if len(w.Packets) != 21 || len(c.Packets) != len(w.Packets) {
		t.Fatalf("%d packets kept whole, %d with previews; want 21 both (mosquitto's log)", len(w.Packets), len(c.Packets))
	}
	truncated := 0
	for _, m := range cut.Messages {
		if m.DataTruncated {
			truncated++
		}
	}
	if truncated == 0 {
		t.Fatal("KeepBytes 1 cut no message: the test tests nothing")
	}
	for i := range w.Packets {
		if w.Packets[i].Summary != c.Packets[i].Summary {
			t.Errorf("packet %d: %q kept whole, %q with previews", i, w.Packets[i].Summary, c.Packets[i].Summary)
		}
	}
}

// TestBriefHandshakes: with handshakes "brief", a summary cuts every
// connection's handshake but the first's to its outcome, flagged brief,
// and handshake(connection) answers the whole one, the same as a summary
// without the option lists; another value of the option is an error.
func TestBriefHandshakes(t *testing.T) {
	b, err := os.ReadFile("../testdata/captures/f-ws-ws-3conns-any-sll2.pcap")
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Connections []struct {
			ID        int
			Handshake map[string]json.RawMessage
		}
	}
	decodeAs := func(o options) (string, summary) {
		open := func() io.Reader { return bytes.NewReader(b) }
		out := decodeStream(open, bytes.NewReader(b), int64(len(b)), o, nil)
		var s summary
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatal(err)
		}
		return out, s
	}
	wholeOut, whole := decodeAs(options{Preview: 64})
	briefOut, brief := decodeAs(options{Preview: 64, Handshakes: "brief"})
	if len(brief.Connections) != 3 || len(whole.Connections) != 3 {
		t.Fatalf("%d and %d connections; want 3", len(brief.Connections), len(whole.Connections))
	}
	if len(briefOut) >= len(wholeOut) {
		t.Errorf("the brief answer is %d bytes, the whole one %d", len(briefOut), len(wholeOut))
	}
	for i, c := range brief.Connections {
		hs := c.Handshake
		if hs == nil || string(hs["accept_valid"]) != "true" || string(hs["key"]) != string(whole.Connections[i].Handshake["key"]) {
			t.Errorf("connection %d: handshake %v; want its key and accept_valid", c.ID, hs)
			continue
		}
		_, cut := hs["brief"]
		_, request := hs["request"]
		if i == 0 && (cut || !request) || i > 0 && (!cut || request || string(hs["checks"]) != "null") {
			t.Errorf("connection %d (listed %d): brief %v, request %v, checks %s", c.ID, i, cut, request, hs["checks"])
		}
		// asked whole: the same bytes as the summary without the option
		got := handshake(c.ID)
		want, err := json.Marshal(whole.Connections[i].Handshake)
		if err != nil {
			t.Fatal(err)
		}
		var a, w any
		json.Unmarshal([]byte(got), &a)
		json.Unmarshal(want, &w)
		if !reflect.DeepEqual(a, w) {
			t.Errorf("handshake(%d) = %.200s…; want %.200s…", c.ID, got, want)
		}
	}
	var e apiError
	if json.Unmarshal([]byte(handshake(7)), &e); !strings.Contains(e.Error.Message, "no connection 7") {
		t.Errorf("handshake(7) of 3 connections: %+v", e)
	}
	if out, _ := decodeAs(options{Handshakes: "short"}); !strings.Contains(out, `handshakes is \"short\"`) {
		t.Errorf("handshakes short: %s", out)
	}
}
