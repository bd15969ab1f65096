package detail_test

import (
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
)

// TestDeflateErrorSentence: a detail's deflate_error carries its
// sentence's id and params (the page's words), for data that is not
// DEFLATE and for a message in too many frames to list its blocks, its
// English the sentence's.
func TestDeflateErrorSentence(t *testing.T) {
	payload := func(int) []byte { return nil }
	for _, c := range []struct {
		name   string
		data   []byte
		frames int
		id     string
		param  string
	}{
		{"block type 3", []byte{0x07}, 1, "inflate.at", "why"},
		{"5000 frames", []byte{0x00}, 5000, "blocks.frames", "max"},
	} {
		f := &decoder.Frame{Index: 0, Payload: c.data, Rsv1: true, Message: 0}
		n := c.frames
		src := &detail.Source{Frame: f, Message: &decoder.Message{Compressed: true}, Payload: payload,
			MessageFrames: func() (int, func(j int) int) { return n, func(j int) int { return j } }}
		d := detail.Build(src, detail.Options{})
		if d.DeflateError == "" || d.DeflateErrorID != c.id || d.DeflateErrorParams[c.param] == nil {
			t.Errorf("%s: deflate_error %q, id %q, params %v; want id %q with %q", c.name, d.DeflateError, d.DeflateErrorID, d.DeflateErrorParams, c.id, c.param)
		}
	}
}
