package inspect

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/paste"
)

// TestStreamDumps decodes the whole conversations tshark wrote from the
// captures in testdata/captures (testdata/dumps/make.sh): Follow TCP Stream
// as a hex dump and as raw hex, and tshark -x of every packet of the
// connection. Each must give the very frames and messages the capture
// itself gives for that connection, directions and handshake included.
func TestStreamDumps(t *testing.T) {
	files, _ := filepath.Glob("../testdata/dumps/streams/*.txt")
	if len(files) < 8 {
		t.Fatalf("found %d stream dumps", len(files))
	}
	for _, name := range files {
		base := filepath.Base(name)
		t.Run(base, func(t *testing.T) {
			text, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			got := Decode(text, decoder.Options{})
			checkAgainstCapture(t, base, got)
			if strings.Contains(base, "follow-hex") {
				// Wireshark's own Follow TCP Stream window indents the second
				// node with four spaces and has no header.
				var gui bytes.Buffer
				for _, line := range strings.SplitAfter(string(text), "\n") {
					if line == "" || line[0] != '\t' && (line[0] < '0' || line[0] > '9') && (line[0] < 'A' || line[0] > 'F') {
						continue
					}
					gui.WriteString(strings.Replace(line, "\t", "    ", 1))
				}
				r := Decode(gui.Bytes(), decoder.Options{})
				if r.Input.Format != paste.FormatFollowHex {
					t.Fatalf("Wireshark's form read as %q", r.Input.Format)
				}
				compareFrames(t, got, r)
			}
		})
	}
}

// checkAgainstCapture compares r, one connection's dump, with the capture
// it came from (named by the start of base).
func checkAgainstCapture(t *testing.T, base string, r *decoder.Result) {
	t.Helper()
	capName := base[:strings.Index(base, ".s")]
	matches, _ := filepath.Glob("../testdata/captures/" + capName + ".pcap*")
	if len(matches) == 0 {
		t.Fatalf("no capture for %s", base)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	want := capture.Decode(b, decoder.Options{})
	if len(r.Errors) > 0 || r.Errors == nil {
		t.Fatalf("errors: %v (a list, never null)", r.Errors)
	}
	if len(r.Connections) != 1 {
		t.Fatalf("%d connections, want 1 (input %+v)", len(r.Connections), r.Input)
	}
	c := r.Connections[0]
	id := -1
	for _, wc := range want.Connections {
		if wc.Client == c.Client && wc.Server == c.Server {
			id = wc.ID
		}
	}
	if id < 0 {
		t.Fatalf("connection %s ⇄ %s is not in the capture", c.Client, c.Server)
	}
	wc := want.Connections[id]
	if (c.Handshake == nil) != (wc.Handshake == nil) || c.Handshake != nil && c.Handshake.Accept != wc.Handshake.Accept {
		t.Errorf("handshake %+v, want %+v", c.Handshake, wc.Handshake)
	}
	if c.Handshake != nil && !c.Handshake.AcceptValid {
		t.Errorf("accept not valid")
	}
	var one decoder.Result
	for _, f := range want.Frames {
		if *f.Connection == id {
			one.Frames = append(one.Frames, f)
		}
	}
	for _, m := range want.Messages {
		if *m.Connection == id {
			one.Messages = append(one.Messages, m)
		}
	}
	if len(one.Frames) == 0 {
		t.Fatal("the capture has no frames on this connection")
	}
	compareFrames(t, &one, r)
}

// compareFrames checks that got has want's frames and messages, in order.
func compareFrames(t *testing.T, want, got *decoder.Result) {
	t.Helper()
	if len(got.Frames) != len(want.Frames) || len(got.Messages) != len(want.Messages) {
		t.Fatalf("%d frames and %d messages, want %d and %d", len(got.Frames), len(got.Messages), len(want.Frames), len(want.Messages))
	}
	for i := range want.Frames {
		w, g := &want.Frames[i], &got.Frames[i]
		if g.From != w.From || g.Opcode != w.Opcode || g.Fin != w.Fin || g.Rsv1 != w.Rsv1 || g.Masked != w.Masked ||
			!bytes.Equal(g.MaskKey, w.MaskKey) || !bytes.Equal(g.Payload, w.Payload) || g.Offset != w.Offset || len(g.Violations) != len(w.Violations) {
			t.Errorf("frame %d: %s %s fin %v offset %d payload %.16x…, want %s %s fin %v offset %d payload %.16x…",
				i, g.From, g.OpcodeName, g.Fin, g.Offset, []byte(g.Payload), w.From, w.OpcodeName, w.Fin, w.Offset, []byte(w.Payload))
		}
	}
	for i := range want.Messages {
		w, g := &want.Messages[i], &got.Messages[i]
		if g.From != w.From || !bytes.Equal(g.Data, w.Data) || g.Compressed != w.Compressed {
			t.Errorf("message %d: %s %q, want %s %q", i, g.From, g.Data, w.From, w.Data)
		}
	}
}
