package build

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// python is Debian's interpreter, which has python3-websockets (make deps
// installs it); another python3 on PATH may not.
const python = "/usr/bin/python3"

// runPeer runs testdata/websockets_peer.py with req and decodes its answer.
// Without Python's websockets the test is skipped, unless
// WSFRAME_REQUIRE_PEERS is set (make test sets it) and then it fails.
func runPeer(t *testing.T, req, resp any) {
	t.Helper()
	if err := exec.Command(python, "-c", "import websockets").Run(); err != nil {
		if os.Getenv("WSFRAME_REQUIRE_PEERS") != "" {
			t.Fatalf("%s cannot import websockets (%v): run make deps (apt-get install python3-websockets)", python, err)
		}
		t.Skipf("no Python websockets at %s (%v); make deps installs it", python, err)
	}
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "testdata/websockets_peer.py")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("websockets_peer.py: %v\n%s", err, stderr.Bytes())
	}
	if err := json.Unmarshal(out, resp); err != nil {
		t.Fatalf("websockets_peer.py answered %q: %v", out, err)
	}
}

type peerFrame struct {
	Opcode int    `json:"opcode"`
	Data   string `json:"data"`
	Fin    bool   `json:"fin"`
	Rsv1   bool   `json:"rsv1"`
	Rsv2   bool   `json:"rsv2"`
	Rsv3   bool   `json:"rsv3"`
	Key    string `json:"key,omitempty"`
}

// TestPeerWebsockets_Frames: a table of frames built here and serialized
// by Python's websockets, compared byte for byte. websockets always picks
// the shortest length encoding, so only those forms are compared.
func TestPeerWebsockets_Frames(t *testing.T) {
	data := func(n int) string { return strings.Repeat("Hi, ", n/4+1)[:n] }
	specs := []Spec{
		{Text: ptr("Good bye."), MaskKey: "9539ffdd"},
		{From: "server", Text: ptr("Hello, world")},
		{From: "server", Text: ptr(""), Fin: ptr(false)},
		{Hex: ptr("00 ff 10 80"), MaskKey: "00000000"},
		{From: "server", Opcode: ptr(0), Text: ptr("lo"), Fin: ptr(true)},
		{Opcode: ptr(9), Text: ptr("ping"), MaskKey: "deadbeef"},
		{From: "server", Opcode: ptr(10), Text: ptr("pong")},
		{From: "server", Close: &Close{Code: ptr(1000), Reason: "bye"}},
		{Close: &Close{Code: ptr(4000), Reason: "é ünïcode"}, MaskKey: "12345678"},
		{From: "server", Close: &Close{}},
		{From: "server", Text: ptr(data(125))},
		{Text: ptr(data(126)), MaskKey: "a1b2c3d4"},
		{From: "server", Opcode: ptr(2), Text: ptr(data(65535))},
		{Text: ptr(data(65536)), MaskKey: "ffffffff"},
		{From: "server", Text: ptr(data(70000)), Rsv1: ptr(true), Rsv2: ptr(true), Rsv3: ptr(true)},
		{Text: ptr("x"), Rsv2: ptr(true), MaskKey: "01010101"},
	}
	var req struct {
		Frames []peerFrame `json:"frames"`
	}
	var want []string
	for _, s := range specs {
		r, err := Build([]Spec{s})
		if err != nil {
			t.Fatal(err)
		}
		f := r.Frames[0]
		req.Frames = append(req.Frames, peerFrame{Opcode: int(f.Opcode), Data: hex.EncodeToString(f.Payload), Fin: f.Fin,
			Rsv1: f.Rsv1, Rsv2: f.Rsv2, Rsv3: f.Rsv3, Key: hex.EncodeToString(f.MaskKey)})
		want = append(want, hex.EncodeToString(r.Hex))
	}
	var resp struct{ Frames []string }
	runPeer(t, req, &resp)
	if len(resp.Frames) != len(want) {
		t.Fatalf("websockets made %d frames, want %d", len(resp.Frames), len(want))
	}
	for i := range want {
		if resp.Frames[i] != want[i] {
			t.Errorf("frame %d (%+v):\nwsframe    %.80s\nwebsockets %.80s", i, specs[i], want[i], resp.Frames[i])
		}
	}
}

// TestPeerWebsockets_Deflate: RFC 7692 with and without context takeover.
// zlib and compress/flate choose different codes, so the bytes differ;
// instead each side inflates the other's: websockets reads the payloads
// the builder compressed, and the decoder's inflater reads websockets'.
func TestPeerWebsockets_Deflate(t *testing.T) {
	texts := []string{"Hello", "Hello", strings.Repeat("WebSocket frames, ", 40), "", "Hello, Hello, Hello"}
	type deflateReq struct {
		NoContextTakeover bool `json:"no_context_takeover"`
		Messages          []struct {
			Opcode int    `json:"opcode"`
			Data   string `json:"data"`
		} `json:"messages"`
		Ours []string `json:"ours"`
	}
	var req struct {
		Deflate []deflateReq `json:"deflate"`
	}
	exts := []string{"permessage-deflate", "permessage-deflate; client_no_context_takeover; server_no_context_takeover"}
	for i, ext := range exts {
		d := deflateReq{NoContextTakeover: i == 1}
		var specs []Spec
		for _, s := range texts {
			specs = append(specs, Spec{Text: ptr(s), Extension: ext})
			d.Messages = append(d.Messages, struct {
				Opcode int    `json:"opcode"`
				Data   string `json:"data"`
			}{1, hex.EncodeToString([]byte(s))})
		}
		r, err := Build(specs)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Frames {
			d.Ours = append(d.Ours, hex.EncodeToString(f.Payload))
		}
		req.Deflate = append(req.Deflate, d)
	}
	var resp struct {
		Deflate []struct {
			Wire     []string
			Inflated []string
		}
	}
	runPeer(t, req, &resp)
	for i, ext := range exts {
		got := resp.Deflate[i]
		for j, s := range texts {
			if got.Inflated[j] != hex.EncodeToString([]byte(s)) {
				t.Errorf("%s: websockets inflates our message %d to %q, want %q", ext, j, got.Inflated[j], s)
			}
		}
		wire, err := hex.DecodeString(strings.Join(got.Wire, ""))
		if err != nil {
			t.Fatal(err)
		}
		e, _ := decoder.ParseExtension(ext)
		res := decoder.DecodeBytes(wire, decoder.Input{Kind: "binary"}, decoder.Options{From: decoder.Server, Extension: e})
		if len(res.Messages) != len(texts) {
			t.Fatalf("%s: %d messages from websockets, want %d", ext, len(res.Messages), len(texts))
		}
		for j, m := range res.Messages {
			if !m.Compressed || string(m.Data) != texts[j] || m.Problem != "" {
				t.Errorf("%s: websockets' message %d inflates to %q (compressed %v, %s)", ext, j, m.Data, m.Compressed, m.Problem)
			}
		}
	}
}
