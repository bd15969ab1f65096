package detail_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
	"github.com/wsframe/wsframe/tools/pcapwrite"
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

// TestViewMessageCap: a message read again from an index is cut to
// detail.MaxMessage in a frame's detail and read from that much in a list,
// the page's and the command's one cap; cut to a preview, a row says so.
func TestViewMessageCap(t *testing.T) {
	c := pcapwrite.NewConv("10.0.0.1:40000", "10.0.0.2:8080", time.Unix(1700000000, 0))
	c.Handshake().Send(true, []byte(decoder.SeedRequest)).Send(false, []byte(decoder.SeedResponse))
	big := decoder.Frame{Fin: true, Opcode: decoder.OpText, PayloadLength: 100 << 10, LengthBits: 64, HeaderLength: 10,
		Payload: bytes.Repeat([]byte("x"), 100<<10)}
	wire := decoder.Wire(&big, -1)
	for off := 0; off < len(wire); off += 1448 {
		c.Send(false, wire[off:min(off+1448, len(wire))])
	}
	b := pcapwrite.Pcap(binary.LittleEndian, false, pcapwrite.LinkEthernet, 65535, pcapwrite.Records(pcapwrite.LinkEthernet, c.Pkts, pcapwrite.LinkOpts{}))
	ix := decoder.NewIndex(0)
	open := func() io.Reader { return bytes.NewReader(b) }
	v := detail.NewIndexView(capture.DecodeIndexed(open, bytes.NewReader(b), int64(len(b)), decoder.Options{}, ix, nil), ix, false)
	if v.Frames() != 1 || v.Messages() != 1 {
		t.Fatalf("%d frames, %d messages", v.Frames(), v.Messages())
	}
	d, err := v.Detail(0, detail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m := d.Message; m == nil || len(m.Data) != detail.MaxMessage || !m.DataTruncated || m.Length != 100<<10 {
		t.Fatalf("the frame's message: %+v", d.Message)
	}
	if m, err := v.Message(0, 16, true); err != nil || len(m.Data) != 16 || !m.DataTruncated {
		t.Fatalf("a row: %v, %v", m, err)
	}
	if m, err := v.Message(0, -1, false); err != nil || len(m.Data) != 100<<10 || m.DataTruncated {
		t.Fatalf("the whole message: %v", err)
	}
	if on, _ := v.On("frames", 0); len(on) != 1 {
		t.Errorf("frames on connection 0: %v", on)
	}
	if on, err := v.On("packets", 0); err == nil || on != nil {
		t.Errorf("an unknown kind: %v, %v", on, err)
	}
}
