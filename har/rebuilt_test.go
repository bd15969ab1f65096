package har

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// TestDecodeIndexed: the real HAR decoded into an index gives, frame by
// frame and message by message, what Decode gives, every frame built again
// from the file (same made-up masking keys).
func TestDecodeIndexed(t *testing.T) {
	b, err := os.ReadFile("../testdata/har/ws-chromium-deflate.har")
	if err != nil {
		t.Fatal(err)
	}
	in := decoder.Input{Kind: "har", Format: "har"}
	want := Decode(bytes.NewReader(b), in, decoder.Options{})
	ix := decoder.NewIndex(0)
	got := DecodeIndexed(bytes.NewReader(b), bytes.NewReader(b), in, decoder.Options{Index: ix})
	if ix.Frames() != len(want.Frames) || ix.Messages() != len(want.Messages) || len(got.Frames) != 0 || len(want.Frames) != 7 {
		t.Fatalf("index: %d frames, %d messages; Decode: %d, %d", ix.Frames(), ix.Messages(), len(want.Frames), len(want.Messages))
	}
	for i := range want.Frames {
		f, err := ix.Frame(i, -1)
		if err != nil {
			t.Fatal(err)
		}
		w := want.Frames[i]
		if !bytes.Equal(f.Payload, w.Payload) || !bytes.Equal(f.MaskKey, w.MaskKey) || f.Opcode != w.Opcode || *f.Time != *w.Time || f.From != w.From {
			t.Errorf("frame %d: %+v, want %+v", i, f, w)
		}
	}
	for k := range want.Messages {
		m, err := ix.Message(k)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(m.Text, want.Messages[k].Text) || !bytes.Equal(m.Data, want.Messages[k].Data) {
			t.Errorf("message %d: %v, want %v", k, m.Text, want.Messages[k].Text)
		}
	}
	if got.Input.Note != want.Input.Note || len(got.Connections) != 1 || got.Connections[0].Handshake == nil {
		t.Errorf("result: %+v", got.Input)
	}
}

// TestIndexedLargeHAR: a generated HAR of 16 MB in an index costs it a few
// dozen bytes per message, not the messages; its last frame is built again
// from the file.
func TestIndexedLargeHAR(t *testing.T) {
	size := int64(16 << 20)
	name := filepath.Join(t.TempDir(), "big.har")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, &bigHAR{size: size}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ix := decoder.NewIndex(0)
	res := DecodeIndexed(io.NewSectionReader(r, 0, 1<<62), r, decoder.Input{Kind: "har"}, decoder.Options{Index: ix})
	n := ix.Frames()
	if n < int(size/2/4100) || len(res.Errors) > 0 {
		t.Fatalf("%d frames, errors %v", n, res.Errors)
	}
	if ix.Bytes() > int64(n)*128 {
		t.Errorf("the index holds %d bytes for %d frames of 4000 bytes", ix.Bytes(), n)
	}
	last, err := ix.Frame(n-2, -1) // the last receive; then "end"
	if err != nil {
		t.Fatal(err)
	}
	if string(last.Payload) != strings.Repeat("m", 4000) {
		t.Errorf("frame %d: %d bytes %.20q", n-2, len(last.Payload), last.Payload)
	}
	t.Logf("%d MB, %d frames, index %d bytes", size>>20, n, ix.Bytes())
}
