package inspect

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
)

// TestKitIsWhatAProgramCanDo: a kit's capabilities are its values. An
// empty kit (the page's first program) names what each input needs before
// decoding it and, asked anyway, decodes none of them; a kit with
// Capture and Conversation answers as Decode does, for a capture, a
// Follow TCP Stream and a dump of several packets alike.
func TestKitIsWhatAProgramCanDo(t *testing.T) {
	full := Kit{Capture: capture.Decode, Conversation: DecodeConversation}
	if got := (Kit{}).Caps(); len(got) != 0 {
		t.Errorf("an empty kit has %v", got)
	}
	if got := full.Caps(); !slices.Equal(got, []string{CapCapture, CapConversation}) {
		t.Errorf("a kit with Capture and Conversation has %v", got)
	}
	for _, c := range []struct {
		file string
		kind Kind
		need string
	}{
		{"../testdata/captures/a-websocketnode-chromium-seed-lo4.pcap", KindPcap, CapCapture},
		{"../testdata/dumps/streams/a-websocketnode-chromium-seed-lo4.s1.follow-hex.txt", KindFollow, CapConversation},
		{"../testdata/dumps/streams/a-websocketnode-chromium-seed-lo4.s1.tshark-x.txt", KindPackets, CapConversation},
	} {
		b, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		kind := Classify(b, "")
		if kind != c.kind {
			t.Fatalf("%s: kind %v, want %v", c.file, kind, c.kind)
		}
		if need, what := (Kit{}).Lacks(kind, decoder.Options{}); need != c.need || what == "" {
			t.Errorf("%s: an empty kit lacks %q (%q), want %q", c.file, need, what, c.need)
		}
		if need, _ := full.Lacks(kind, decoder.Options{}); need != "" {
			t.Errorf("%s: the full kit lacks %q", c.file, need)
		}
		want, _ := json.Marshal(Decode(b, decoder.Options{}))
		got, _ := json.Marshal(full.Decode(kind, b, decoder.Options{}))
		if string(got) != string(want) || !strings.Contains(string(got), `"frames":[{`) {
			t.Errorf("%s: the kit's decode differs from Decode's, or has no frames: %.200s", c.file, got)
		}
		r := (Kit{}).Decode(kind, b, decoder.Options{})
		if len(r.Frames) != 0 || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "full decoder") {
			t.Errorf("%s: an empty kit decoded it: %d frames, errors %v", c.file, len(r.Frames), r.Errors)
		}
	}
}
