//go:build js && !full

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// The first program decodes pastes and leaves capture files to the full
// one, saying so in a way the worker acts on.
func TestFirstProgramLeavesCapturesToTheFullOne(t *testing.T) {
	if len(prog.Caps()) != 0 || len(prog.ops) != 0 {
		t.Fatalf("the first program has capabilities %v and full functions %v", prog.Caps(), prog.ops)
	}
	if out := decodeText(decoder.SeedPaste, options{}); strings.Contains(out, `"needs"`) || !strings.Contains(out, `"frames"`) {
		t.Fatalf("a paste was not decoded by the first program: %.200s", out)
	}
	pcap, err := os.ReadFile("../testdata/captures/b-ws-chromium-deflate-lo4.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	out := decodeText(string(pcap), options{})
	if !strings.Contains(out, `"needs":"capture"`) {
		t.Fatalf("a capture pasted into the first program: %.200s, want an error with needs capture", out)
	}
}

// Pastes that are read as a whole conversation (Follow TCP Stream, many
// packets, a HAR or one of its entries) are left to the full program, so
// that the page shows them the same whichever program is loaded; a paste
// read as frames, a text column, a hint and a payload are the first
// program's own.
func TestFirstProgramLeavesConversationsToTheFullOne(t *testing.T) {
	files, _ := filepath.Glob("../testdata/dumps/streams/*.txt")
	files = append(files, "../testdata/har/ws-chromium-deflate.har")
	if len(files) < 10 {
		t.Fatalf("%d dumps", len(files))
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if out := decodeText(string(b), options{}); !strings.Contains(out, `"needs":"conversation"`) {
			t.Errorf("%s: %.200s, want an error with needs conversation", name, out)
		}
	}
	entry := `{"request": {"method": "GET", "url": "ws://h/", "headers": []}, "response": {"status": 101, "headers": []}, "_webSocketMessages": []}`
	if out := decodeText(entry, options{}); !strings.Contains(out, `"needs":"conversation"`) || !strings.Contains(out, "a HAR file or entry") {
		t.Errorf("a HAR entry: %.200s", out)
	}
	for _, c := range []struct{ in, want string }{
		{"00000000 81 05 48 65 6c 6c 6f   >..Hello<\n00000007\n", `"frames":[{`},
		{`{"type":"chat"}`, `"id":"payload-json"`},
		{"Hello", `"kind":"payload"`}, // with as_payload below
	} {
		o := options{}
		if c.in == "Hello" {
			o.AsPayload = "text"
		}
		if out := decodeText(c.in, o); strings.Contains(out, `"needs"`) || !strings.Contains(out, c.want) {
			t.Errorf("%q: %.300s, want %s", c.in, out, c.want)
		}
	}
}

// The first program links no reader: a paste whose messages may read as an
// application protocol goes to the full one, which reads it; a paste no
// reader takes is answered here, as the full one would answer it.
func TestFirstProgramLeavesReadingsToTheFullOne(t *testing.T) {
	for _, tt := range []struct {
		name, paste, protocol string
		full                  bool
	}{
		{"seed exchange", decoder.SeedPaste, "", false},
		{"RFC 6455 5.7 Hello", "81 05 48 65 6c 6c 6f", "", false},
		{"JSON text", "81 07 7b 22 61 22 3a 31 7d", "", true},
		{"MessagePack binary", "82 04 81 a1 61 01", "", true},
		{"Socket.IO 0.9 text, no handshake", "81 0b 35 3a 3a 3a 7b 22 61 22 3a 31 7d", "", false},
		{"Socket.IO 0.9 text, the menu says socket.io", "81 0b 35 3a 3a 3a 7b 22 61 22 3a 31 7d", "socket.io", true},
		{"the seed, the menu says json", decoder.SeedPaste, "json", true},
		{"JSON text, the menu says none", "81 07 7b 22 61 22 3a 31 7d", "none", false},
	} {
		out := decodeText(tt.paste, options{Protocol: tt.protocol})
		if got := strings.Contains(out, `"needs":"read"`); got != tt.full {
			t.Errorf("%s: needs read %v, want %v: %.200s", tt.name, got, tt.full, out)
		}
		if !tt.full && (strings.Contains(out, `"reading"`) || !strings.Contains(out, `"frames"`)) {
			t.Errorf("%s: the first program's answer: %.200s", tt.name, out)
		}
	}
	if view != nil {
		// the last paste was answered here; one left to the full program leaves nothing behind
		if out := decodeText("81 07 7b 22 61 22 3a 31 7d", options{}); !strings.Contains(out, `"needs"`) || view != nil {
			t.Errorf("a paste left to the full program left a result behind: %.200s", out)
		}
	}
}
