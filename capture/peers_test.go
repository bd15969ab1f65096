package capture

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// A few real-peer captures are copied from the top-level testdata/captures
// (see its README for the peers and the commands that recorded them), each
// with what the peers logged they sent (NAME.sent.json) and tshark's view
// (NAME.tshark.json).

type sentMessage struct {
	From          decoder.Side `json:"from"`
	Conn          int          `json:"conn"`
	Type          string       `json:"type"`
	DataHex       string       `json:"data_hex"`
	BeforeCapture bool         `json:"before_capture"`
}

type tsharkPacket struct {
	Source struct {
		Layers map[string][]string `json:"layers"`
	} `json:"_source"`
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestPeers checks the real-peer captures against what the peers sent and
// against tshark: each connection carries, per side, the messages sent in
// the order sent, and every frame sits in the packet tshark puts it in, with
// tshark's opcode and masking key.
func TestPeers(t *testing.T) {
	logs, _ := filepath.Glob("testdata/*.sent.json")
	if len(logs) == 0 {
		t.Fatal("no real-peer captures in capture/testdata; they are committed, is the checkout whole?")
	}
	for _, log := range logs {
		base := strings.TrimSuffix(log, ".sent.json")
		name := filepath.Base(base)
		t.Run(name, func(t *testing.T) {
			capPath := base + ".pcap"
			if _, err := os.Stat(capPath); err != nil {
				capPath = base + ".pcapng"
			}
			b, err := os.ReadFile(capPath)
			if err != nil {
				t.Fatal(err)
			}
			r := Decode(b, decoder.Options{})
			if len(r.Errors) != 0 {
				t.Errorf("errors: %v", r.Errors)
			}

			var sent []sentMessage
			readJSON(t, log, &sent)
			want := map[string][]string{}
			for _, m := range sent {
				if !m.BeforeCapture {
					k := fmt.Sprintf("%d/%s", m.Conn, m.From)
					want[k] = append(want[k], m.DataHex)
				}
			}
			got := map[string][]string{}
			for _, m := range r.Messages {
				k := fmt.Sprintf("%d/%s", *m.Connection, m.From)
				got[k] = append(got[k], hex.EncodeToString(m.Data))
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("messages per connection and side:\n got %v\nwant %v", got, want)
			}

			var packets []tsharkPacket
			readJSON(t, base+".tshark.json", &packets)
			var tshark []string
			for _, p := range packets {
				l := p.Source.Layers
				keys := l["websocket.masking_key"]
				for i, op := range l["websocket.opcode"] {
					key := ""
					if l["websocket.mask"][i] == "1" {
						key, keys = keys[0], keys[1:]
					}
					tshark = append(tshark, fmt.Sprintf("packet %s opcode %s key %q", l["frame.number"][0], op, key))
				}
			}
			var mine []string
			for _, f := range r.Frames {
				mine = append(mine, fmt.Sprintf("packet %d opcode %d key %q", f.Packet, f.Opcode, hex.EncodeToString(f.MaskKey)))
			}
			if strings.Join(mine, "\n") != strings.Join(tshark, "\n") {
				t.Errorf("frames:\n%s\ntshark:\n%s", strings.Join(mine, "\n"), strings.Join(tshark, "\n"))
			}
		})
	}
}
