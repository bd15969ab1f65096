package inspect

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/har"
	"github.com/wsframe/wsframe/internal/msg"
)

// messages is a Handler that keeps a HAR's messages.
type messages []*har.Message

func (m *messages) Entry(*har.Entry)       {}
func (m *messages) Message(x *har.Message) { *m = append(*m, x) }

// TestDevToolsPayloads pastes the message payloads Chromium recorded in
// the real HAR (what DevTools shows in its Messages pane: text as it is,
// binary as base64) as if they were frames: each gets a hint saying it
// looks like a payload, and shown as one it gives the message back.
func TestDevToolsPayloads(t *testing.T) {
	f, err := os.Open("../testdata/har/ws-chromium-deflate.har")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ms messages
	if err := har.Read(f, &ms); err != nil {
		t.Fatal(err)
	}
	if len(ms) < 6 {
		t.Fatalf("%d messages", len(ms))
	}
	for i, m := range ms {
		paste := m.Data
		wantHint, as := "payload-text", "text"
		switch {
		case m.Opcode == 2:
			paste = []byte(base64.StdEncoding.EncodeToString(m.Data)) // as DevTools shows it
			wantHint, as = "payload-base64", "binary"
		case m.Data[0] == '{':
			wantHint = "payload-json"
		}
		r := Decode(paste, decoder.Options{})
		if r.Hint == nil || r.Hint.ID != wantHint {
			t.Errorf("message %d (%.30s): hint %+v, want %s", i, paste, r.Hint, wantHint)
			continue
		}
		if !contains(r.Hint.Offers, as) {
			t.Errorf("message %d: offers %v, want %s", i, r.Hint.Offers, as)
		}
		p := Decode(paste, decoder.Options{AsPayload: as})
		if len(p.Errors) > 0 || len(p.Messages) != 1 || !bytes.Equal(p.Messages[0].Data, m.Data) || !p.Frames[0].Reconstructed || p.Hint != nil {
			t.Errorf("message %d as %s: errors %v, %d messages, hint %v", i, as, p.Errors, len(p.Messages), p.Hint)
		}
	}
}

// TestHints: the cases, and no hint on anything that reads as
// frames, broken ones included.
func TestHints(t *testing.T) {
	for _, c := range []struct{ paste, want string }{
		{"Hello", "payload-text"},
		{`{"type":"chat","text":"hi"}`, "payload-json"},
		{`[1,2,{"a":null}]`, "payload-json"},
		{"AAECAwQFBgcICQ==", "payload-base64"},
		{"Hello world, how are you?", "payload-text"},
		{"ff ff ff ff", "not-frames"},
		{"01 02 03 04 05 06 07", "not-frames"},
		{"81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64", ""},
		{"81 0c 4g", ""}, // a typo in hex: its error is enough
		{"{0x81, 0x00}", ""},
		{"gQxIZWxsbywgd29ybGQ=", ""},
		{"  \n", ""},
	} {
		r := Decode([]byte(c.paste), decoder.Options{})
		got := ""
		if r.Hint != nil {
			got = r.Hint.ID
		}
		if got != c.want {
			t.Errorf("%q: hint %q, want %q", c.paste, got, c.want)
		}
	}
	files, _ := filepath.Glob("../decoder/testdata/*.txt")
	more, _ := filepath.Glob("../testdata/dumps/*.txt")
	for _, name := range append(files, more...) {
		b, _ := os.ReadFile(name)
		if r := Decode(b, decoder.Options{}); r.Hint != nil {
			t.Errorf("%s: hint %+v", name, r.Hint)
		}
	}
}

// TestHintSentences: a hint's message is a sentence (internal/msg) with
// the id "hint." and the hint's id, and why (the rules a frame breaks, or
// why none) a sentence inside it; the English is the message, unchanged.
func TestHintSentences(t *testing.T) {
	for _, c := range []struct{ paste, whyID, message string }{
		{"ff ff ff ff", "hint.why.no-header", "These bytes do not read as WebSocket frames (not one whole frame header). They may be a message's payload rather than a frame."},
		{"01 02 03 04 05 06 07", "hint.rules", ""},
		{"AAECAwQFBgcICQ==", "hint.rules", "This looks like a binary message payload in base64, as DevTools shows binary messages, not frame bytes (read as frames, frame 0 breaks 1 rule: a continuation with no message to continue)."},
		{"Hello", "", "This looks like a text message payload as DevTools shows it, not frame bytes: it reads as words, not as hex or base64."},
	} {
		h := Decode([]byte(c.paste), decoder.Options{}).Hint
		if h == nil {
			t.Errorf("%q: no hint", c.paste)
			continue
		}
		if h.Text.ID != "hint."+h.ID || h.Text.Message != h.Message {
			t.Errorf("%q: text %+v, want id hint.%s and the message %q", c.paste, h.Text, h.ID, h.Message)
		}
		if c.message != "" && h.Message != c.message {
			t.Errorf("%q: message %q\nwant %q", c.paste, h.Message, c.message)
		}
		why, _ := h.Text.Params["why"].(msg.Text)
		if why.ID != c.whyID {
			t.Errorf("%q: why %+v, want the sentence %q", c.paste, h.Text.Params["why"], c.whyID)
		}
		if c.whyID == "hint.rules" {
			// The sentence says the rules in words; the hint's params keep
			// their ids, for programs and the page's own words.
			ids, _ := h.Params["rules"].(string)
			var said []string
			for _, id := range strings.Split(ids, ", ") {
				said = append(said, ruleWord(id))
			}
			if why.Params["n"] != h.Params["n"] || why.Params["rules"] != strings.Join(said, ", ") || strings.Contains(ids, " a ") {
				t.Errorf("%q: why's params %v, the hint's %v", c.paste, why.Params, h.Params)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestBrokenOnPurpose: a frame built to break rules (the builder's ping
// with FIN 0, RSV2 and a 16-bit length) chains as a frame, so it gets no
// "may be a payload" hint; bytes that do not chain get it, saying the
// rules in words, never their ids.
func TestBrokenOnPurpose(t *testing.T) {
	r := Decode([]byte("29 7e 00 05 68 65 6c 6c 6f"), decoder.Options{})
	if r.Hint != nil || len(r.Frames) != 1 || len(r.Frames[0].Violations) < 3 {
		t.Errorf("broken on purpose: hint %+v, %d frames", r.Hint, len(r.Frames))
	}
	r = Decode([]byte("29 7e 00 09 68 65 6c 6c 6f"), decoder.Options{}) // its length runs past the end
	if r.Hint == nil || r.Hint.ID != "not-frames" {
		t.Fatalf("hint %+v", r.Hint)
	}
	want := "frame 0 breaks 4 rules: a fragmented control frame, an RSV bit no extension defines, a length not in its shortest form, a length past the end of the input"
	if !bytes.Contains([]byte(r.Hint.Message), []byte(want)) || r.Hint.Params["rules"] != "control-fragmented, rsv-without-extension, non-minimal-length, truncated" {
		t.Errorf("hint %q %v", r.Hint.Message, r.Hint.Params)
	}
	for _, id := range bytes.Fields([]byte(headerRuleIDs)) {
		if ruleWord(string(id)) == string(id) {
			t.Errorf("rule %s has no words", id)
		}
	}
}
