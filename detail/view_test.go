package detail_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
)

// TestViewIndexEqualsResult: a capture's view answers the same whether
// its frames and messages are in the result or in an index read again
// from the file (the page's and the command's way for captures): every
// frame and message, cut to a preview and whole, with their readings, the
// indexes per connection, the summary and each frame's detail.
func TestViewIndexEqualsResult(t *testing.T) {
	files, _ := filepath.Glob("../testdata/captures/*.pcap*")
	if len(files) < 10 {
		t.Fatalf("%d captures", len(files))
	}
	js := func(v any, err error) string {
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		opts := decoder.Options{Reader: decoder.Readings{}}
		whole := detail.NewView(capture.Decode(b, opts), nil)
		ix := decoder.NewIndex(0)
		open := func() io.Reader { return bytes.NewReader(b) }
		indexed := detail.NewIndexView(capture.DecodeIndexed(open, bytes.NewReader(b), int64(len(b)), opts, ix, nil), ix, false)
		if !indexed.Indexed() || whole.Indexed() || whole.Frames() != indexed.Frames() || whole.Messages() != indexed.Messages() {
			t.Fatalf("%s: %d/%d frames, %d/%d messages", name, whole.Frames(), indexed.Frames(), whole.Messages(), indexed.Messages())
		}
		for _, cut := range []int{-1, 16} {
			if a, b := js(whole.FrameRange(0, 1<<30, cut)), js(indexed.FrameRange(0, 1<<30, cut)); a != b {
				t.Errorf("%s: frames cut to %d differ:\n%.300s\n%.300s", name, cut, a, b)
			}
			if a, b := js(whole.MessageRange(0, 1<<30, cut, false)), js(indexed.MessageRange(0, 1<<30, cut, false)); a != b {
				t.Errorf("%s: messages cut to %d differ:\n%.300s\n%.300s", name, cut, a, b)
			}
		}
		for c := range len(whole.Result().Connections) {
			if a, b := js(whole.On("messages", c)), js(indexed.On("messages", c)); a != b {
				t.Errorf("%s: messages on connection %d: %s, %s", name, c, a, b)
			}
		}
		for i := range min(whole.Frames(), 5) {
			if a, b := js(whole.Detail(i, detail.Options{})), js(indexed.Detail(i, detail.Options{})); a != b {
				t.Errorf("%s: frame %d in detail differs:\n%.300s\n%.300s", name, i, a, b)
			}
		}
		if _, err := whole.Frame(whole.Frames(), -1); err == nil {
			t.Errorf("%s: a frame past the last one", name)
		}
	}
}
