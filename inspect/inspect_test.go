package inspect

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// TestDumps decodes every dump in testdata/dumps, made by real tools (xxd,
// od, hexdump -C, base64, Python, tshark -x) from frames of real peers,
// and finds the very frame bytes in NAME.bytes.hex.
func TestDumps(t *testing.T) {
	files, _ := filepath.Glob("../testdata/dumps/*.txt")
	if len(files) < 20 {
		t.Fatalf("found %d dumps", len(files))
	}
	for _, name := range files {
		base := filepath.Base(name)
		t.Run(base, func(t *testing.T) {
			frame := base[:strings.Index(base, ".")]
			wantHex, err := os.ReadFile(filepath.Join("../testdata/dumps", frame+".bytes.hex"))
			if err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSpace(string(wantHex))
			text, _ := os.ReadFile(name)
			r := Decode(text, decoder.Options{})
			if len(r.Errors) > 0 || len(r.Frames) != 1 {
				t.Fatalf("%d frames, errors %v (input %+v)", len(r.Frames), r.Errors, r.Input)
			}
			f := &r.Frames[0]
			if got := hex.EncodeToString(decoder.Wire(f, -1)); got != want {
				t.Errorf("frame % .40s…, want %.40s…", got, want)
			}
			if len(f.Violations) > 0 {
				t.Errorf("violations %v", f.Violations)
			}
			if strings.Contains(base, "tshark-x") {
				if r.Input.Packet == nil || f.Offset != int64(r.Input.Packet.Offset) {
					t.Errorf("a tshark -x dump is a whole packet: input %+v, frame at %d", r.Input, f.Offset)
				}
			}
		})
	}
}

// TestCaptureByContent: a capture file is found from its bytes, not its name.
func TestCaptureByContent(t *testing.T) {
	b, err := os.ReadFile("../testdata/captures/a-websocketnode-chromium-seed-lo4.pcap")
	if err != nil {
		t.Fatal(err)
	}
	r := Decode(b, decoder.Options{})
	if r.Input.Kind != "pcap" || len(r.Connections) != 1 || len(r.Messages) < 2 {
		t.Fatalf("input %+v, %d connections, %d messages", r.Input, len(r.Connections), len(r.Messages))
	}
	if *r.Messages[0].Text != "Hello, world" || *r.Messages[1].Text != "Good bye." {
		t.Errorf("messages %q %q", *r.Messages[0].Text, *r.Messages[1].Text)
	}
}
