package inspect

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// sent is one message a real peer logged it sent (testdata/captures/NAME.sent.json).
type sent struct {
	From          string `json:"from"`
	Conn          int    `json:"conn"`
	Type          string `json:"type"`
	DataHex       string `json:"data_hex"`
	CloseCode     int    `json:"close_code"`
	CloseReason   string `json:"close_reason"`
	BeforeCapture bool   `json:"before_capture"`
}

var typeOpcode = map[string]decoder.Opcode{"text": decoder.OpText, "binary": decoder.OpBinary,
	"close": decoder.OpClose, "ping": decoder.OpPing, "pong": decoder.OpPong}

// TestRealPeers decodes every capture recorded from real peers and checks
// each message, reassembled and inflated, against what the peers logged
// they sent, per connection and side, in order.
func TestRealPeers(t *testing.T) {
	logs, _ := filepath.Glob("../testdata/captures/*.sent.json")
	if len(logs) < 7 {
		t.Fatalf("found %d capture logs", len(logs))
	}
	for _, logName := range logs {
		base := strings.TrimSuffix(logName, ".sent.json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			capName := findCapture(t, base)
			b, _ := os.ReadFile(capName)
			r := Decode(b, decoder.Options{})
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %v", r.Errors)
			}
			var want []sent
			raw, _ := os.ReadFile(logName)
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			// Connections in the order they appear; the log numbers them in
			// the order the server accepted them, which is the same.
			got := map[string][]string{}
			for i := range r.Messages {
				m := &r.Messages[i]
				key := fmt.Sprintf("%d/%s", *m.Connection, m.From)
				got[key] = append(got[key], describe(m.Opcode, m.Data, m.CloseCode, m.CloseReason))
				if m.Problem != "" || !m.Complete {
					t.Errorf("message %d: problem %q, complete %v", i, m.Problem, m.Complete)
				}
			}
			expect := map[string][]string{}
			for _, s := range want {
				if s.BeforeCapture {
					continue
				}
				data, _ := hex.DecodeString(s.DataHex)
				var code *int
				var reason *string
				if s.Type == "close" && s.CloseCode != 0 {
					code, reason = &s.CloseCode, &s.CloseReason
				}
				key := fmt.Sprintf("%d/%s", s.Conn, s.From)
				expect[key] = append(expect[key], describe(typeOpcode[s.Type], data, code, reason))
			}
			for key, list := range expect {
				if strings.Join(got[key], "\n") != strings.Join(list, "\n") {
					t.Errorf("connection/side %s:\n got %d messages: %.300q\nwant %d messages: %.300q", key, len(got[key]), got[key], len(list), list)
				}
			}
			for key := range got {
				if _, ok := expect[key]; !ok {
					t.Errorf("messages on %s, which the peers never sent: %q", key, got[key])
				}
			}
			for i := range r.Frames {
				if v := r.Frames[i].Violations; len(v) > 0 {
					t.Errorf("frame %d of a real peer breaks a rule: %v", i, v)
				}
			}
		})
	}
}

func describe(op decoder.Opcode, data []byte, code *int, reason *string) string {
	if op == decoder.OpClose && code != nil {
		return fmt.Sprintf("close %d %q", *code, *reason)
	}
	return fmt.Sprintf("%s %x", op, data)
}

func findCapture(t *testing.T, base string) string {
	for _, ext := range []string{".pcap", ".pcapng", ".cap"} {
		if _, err := os.Stat(base + ext); err == nil {
			return base + ext
		}
	}
	t.Fatalf("no capture file for %s", base)
	return ""
}

// TestAgreesWithTshark compares every frame with tshark's dissection of the
// same capture (saved as NAME.tshark.json when the capture was made): the
// packet that completed it, FIN, opcode and MASK.
func TestAgreesWithTshark(t *testing.T) {
	files, _ := filepath.Glob("../testdata/captures/*.tshark.json")
	for _, name := range files {
		base := strings.TrimSuffix(name, ".tshark.json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			b, _ := os.ReadFile(findCapture(t, base))
			r := Decode(b, decoder.Options{})
			var got []string
			for _, f := range r.Frames {
				got = append(got, fmt.Sprintf("packet %d: fin %v opcode %d mask %v", f.Packet, f.Fin, f.Opcode, f.Masked))
			}
			want := tsharkFrames(t, name)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("frames differ from tshark's\n got %d: %q\nwant %d: %q", len(got), got, len(want), want)
			}
		})
	}
}

// tsharkFrames reads tshark's JSON (one packet a line) into the same lines.
func tsharkFrames(t *testing.T, name string) []string {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := bytes.TrimSuffix(bytes.TrimSpace(sc.Bytes()), []byte(","))
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var p struct {
			Source struct {
				Layers map[string][]string `json:"layers"`
			} `json:"_source"`
		}
		if err := json.Unmarshal(line, &p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		l := p.Source.Layers
		for i := range l["websocket.opcode"] {
			out = append(out, fmt.Sprintf("packet %s: fin %v opcode %s mask %v",
				l["frame.number"][0], l["websocket.fin"][i] == "1", l["websocket.opcode"][i], l["websocket.mask"][i] == "1"))
		}
	}
	return out
}

// TestRewrittenCaptures: real captures rewritten by testdata/peers/rewrite
// (data segments reordered, retransmitted, or cut into overlapping pieces)
// decode to the very messages of their originals, with no gap and no error.
func TestRewrittenCaptures(t *testing.T) {
	var files []string
	for _, mode := range []string{"reordered", "duplicate", "overlap"} {
		m, _ := filepath.Glob("../testdata/captures/*." + mode + ".pcap")
		files = append(files, m...)
	}
	if len(files) < 3 {
		t.Fatalf("found %d rewritten captures", len(files))
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			dir, file := filepath.Split(name)
			base := dir + file[:strings.Index(file, ".")] + ".pcap"
			got := messagesOf(t, name)
			want := messagesOf(t, base)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("messages differ from %s\n got %q\nwant %q", filepath.Base(base), got, want)
			}
		})
	}
}

// messagesOf decodes a capture and lists its messages per connection and
// side, in order, as "0/client text 48656c6c6f".
func messagesOf(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r := Decode(b, decoder.Options{})
	if len(r.Errors) > 0 || len(r.Messages) == 0 {
		t.Fatalf("%s: %d messages, errors %v", name, len(r.Messages), r.Errors)
	}
	for _, c := range r.Connections {
		if len(c.Gaps) > 0 {
			t.Errorf("%s: gaps %+v", name, c.Gaps)
		}
	}
	per := map[string][]string{}
	var keys []string
	for _, m := range r.Messages {
		k := fmt.Sprintf("%d/%s", *m.Connection, m.From)
		if _, ok := per[k]; !ok {
			keys = append(keys, k)
		}
		per[k] = append(per[k], fmt.Sprintf("%s %s %x", k, m.OpcodeName, []byte(m.Data)))
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, per[k]...)
	}
	return out
}

// TestDroppedSegment: a capture with a data segment left out (made by
// testdata/peers/rewrite -mode drop) reports the gap, decodes what follows
// it, and refuses to inflate a message that refers back into the bytes it
// never saw rather than inflating it against the wrong window.
func TestDroppedSegment(t *testing.T) {
	for _, tt := range []struct {
		name              string
		gapBytes, missing int64 // bytes in the gap; messages lost with them
		refused           int   // messages that cannot be inflated for it
	}{
		{"h-socketio-node-lo4", 15, 1, 0},
		{"e-ws-pywebsockets-nocontext-window9-lo4", 12, 1, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			orig := decodeFile(t, "../testdata/captures/"+tt.name+".pcap")
			r := decodeFile(t, "../testdata/captures/"+tt.name+".drop.pcap")
			gaps := r.Connections[0].Gaps
			if len(gaps) != 1 || gaps[0].Bytes != tt.gapBytes || gaps[0].From != decoder.Client {
				t.Fatalf("gaps %+v", gaps)
			}
			if int64(len(orig.Messages)-len(r.Messages)) != tt.missing {
				t.Errorf("%d messages, the original has %d", len(r.Messages), len(orig.Messages))
			}
			refused := 0
			for _, m := range r.Messages {
				if m.Problem != "" {
					refused++
					if !strings.Contains(m.Problem, "never captured") {
						t.Errorf("message %d: problem %q does not say why", m.Index, m.Problem)
					}
				}
			}
			if refused != tt.refused {
				t.Errorf("%d messages refused, want %d", refused, tt.refused)
			}
			// Everything else is as the peers sent it: the last client
			// message decodes after the gap.
			lastOf := func(r *decoder.Result) string {
				for i := len(r.Messages) - 1; i >= 0; i-- {
					if m := r.Messages[i]; m.From == decoder.Client && m.Opcode != decoder.OpClose {
						return fmt.Sprintf("%x", []byte(m.Data))
					}
				}
				return ""
			}
			if lastOf(r) != lastOf(orig) {
				t.Errorf("the client's last message differs after the gap")
			}
		})
	}
}

func decodeFile(t *testing.T, name string) *decoder.Result {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return Decode(b, decoder.Options{})
}
