//go:build !js || full

package inspect

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
	"github.com/wsframe/wsframe/internal/measure"
)

// TestConversationsIntoIndex: every text form of a conversation (tshark -x,
// Follow TCP Stream hex and raw, HAR), and pasted frames after a handshake,
// decoded into an index (the page's paste over 256 KiB) read back frame by
// frame and message by message as the same JSON as decoded whole, and so
// does the summary the page gets first.
func TestConversationsIntoIndex(t *testing.T) {
	const n = 300
	forms := append([]struct {
		name string
		make func(n int) []byte
	}{{"frames after a handshake", func(n int) []byte {
		var w strings.Builder
		w.WriteString("GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
		for i := range 2 * n {
			w.WriteString("81 05 48 65 6c 6c 6f\n")
			if i%7 == 0 {
				w.WriteString("89 00\n") // a ping between
			}
		}
		return []byte(w.String())
	}}}, textForms...)
	for _, form := range forms {
		t.Run(form.name, func(t *testing.T) {
			text := form.make(n)
			kind := Classify(text, "")
			whole := detail.NewView(everything.Decode(kind, text, decoder.Options{}), nil)
			ix := decoder.NewIndex(0)
			r := everything.Decode(kind, text, decoder.Options{Index: ix})
			if len(r.Frames) != 0 || len(r.Messages) != 0 {
				t.Fatalf("%s: %d frames and %d messages held in the result beside the index", kind.Name(), len(r.Frames), len(r.Messages))
			}
			indexed := detail.NewIndexView(r, ix, kind == KindHAR)
			if indexed.Frames() != whole.Frames() || indexed.Messages() != whole.Messages() || whole.Frames() < 2*n {
				t.Fatalf("%s: index %d frames, %d messages; whole %d, %d", kind.Name(), indexed.Frames(), indexed.Messages(), whole.Frames(), whole.Messages())
			}
			same := func(what string, a, b any) {
				t.Helper()
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				if !bytes.Equal(ja, jb) {
					t.Fatalf("%s differs:\nindex %.600s\nwhole %.600s", what, ja, jb)
				}
			}
			for _, cut := range []int{-1, 64} {
				fi, err := indexed.FrameRange(0, indexed.Frames(), cut)
				if err != nil {
					t.Fatal(err)
				}
				fw, _ := whole.FrameRange(0, whole.Frames(), cut)
				same("frames", fi, fw)
				mi, err := indexed.MessageRange(0, indexed.Messages(), cut, true)
				if err != nil {
					t.Fatal(err)
				}
				mw, _ := whole.MessageRange(0, whole.Messages(), cut, true)
				same("messages", mi, mw)
			}
			si, err := indexed.Summary(64, 100)
			if err != nil {
				t.Fatal(err)
			}
			sw, _ := whole.Summary(64, 100)
			same("summary", si, sw)
			last := indexed.Frames() - 1
			di, err := indexed.Detail(last, detail.Options{})
			if err != nil {
				t.Fatal(err)
			}
			dw, _ := whole.Detail(last, detail.Options{})
			same("the last frame's detail", di, dw)
		})
	}
}

// TestConversationsIntoIndexGrowth: into an index, what a conversation
// pasted as text allocates per frame stays the same at 1x, 2x and 4x (the
// text's own parsing), for every form, and what the index keeps is a few
// dozen bytes a frame (its records, and the frames' bytes when they are
// in no source: 22 bytes each here).
func TestConversationsIntoIndexGrowth(t *testing.T) {
	for _, form := range textForms {
		t.Run(form.name, func(t *testing.T) {
			var per [3]float64
			for k, n := range []int{2000, 4000, 8000} {
				text := form.make(n)
				kind := Classify(text, "")
				ix := decoder.NewIndex(0)
				var r *decoder.Result
				b, count := measure.Allocs(func() { r = everything.Decode(kind, text, decoder.Options{Index: ix}) })
				if ix.Frames() != 2*n {
					t.Fatalf("%d frames each way: %d indexed", n, ix.Frames())
				}
				per[k] = float64(count) / float64(2*n)
				// What stays is the index: records, and the bytes of a
				// conversation that are in no source (the text's lines).
				held := float64(ix.Bytes()) / float64(2*n)
				t.Logf("%d frames: %.2f allocations, %.0f bytes a frame; the index %.0f bytes a frame", 2*n, per[k], float64(b)/float64(2*n), held)
				if held > 96 {
					t.Errorf("%d frames: the index holds %.0f bytes a frame", 2*n, held)
				}
				runtime.KeepAlive(r)
			}
			if per[2] > 1.25*per[0]+0.1 {
				t.Errorf("allocations a frame grow with the count: %v", per)
			}
		})
	}
}

// everything is a kit with what inspect holds itself, as Decode uses.
var everything = Kit{Capture: capture.Decode, Conversation: DecodeConversation}
