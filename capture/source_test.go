package capture

import (
	"bytes"
	"io"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// countReads counts the Read calls made of it.
type countReads struct {
	r     io.Reader
	calls int
}

func (c *countReads) Read(p []byte) (int, error) {
	c.calls++
	return c.r.Read(p)
}

// TestSourceReadsLarge: a large capture read from a reader is read in
// pieces of about 4 MiB: in the page every Read is a FileReaderSync call
// with a cost of its own (120 MB took 1.8 s in 1 MiB calls, 1.2 s in 4 MiB
// ones).
func TestSourceReadsLarge(t *testing.T) {
	b, frames := pcapwrite.Benchmark(24 << 20)
	r := &countReads{r: bytes.NewReader(b)}
	res := DecodeReader(r, int64(len(b)), decoder.Options{Sink: nopSink{}}, nil)
	if len(res.Errors) > 0 || res.Connections[0].Frames == 0 {
		t.Fatalf("errors %v, %d frames expected", res.Errors, frames)
	}
	most := len(b)/(2*sourceChunk) + 2
	t.Logf("%d bytes in %d reads", len(b), r.calls)
	if r.calls > most {
		t.Errorf("%d bytes read in %d calls; want at most %d", len(b), r.calls, most)
	}
}

type nopSink struct{}

func (nopSink) Frame(*decoder.Frame)     {}
func (nopSink) Message(*decoder.Message) {}
