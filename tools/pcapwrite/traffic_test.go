package pcapwrite_test

import (
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// TestGenerated: the generated captures decode to the frames they promise.
func TestGenerated(t *testing.T) {
	b, frames := pcapwrite.Benchmark(1 << 20)
	r := capture.Decode(b, decoder.Options{})
	if len(r.Frames) != frames || len(r.Errors) > 0 || len(r.Connections) != 64 {
		t.Errorf("Benchmark: %d frames (want %d), %d connections, errors %v", len(r.Frames), frames, len(r.Connections), r.Errors)
	}
	r = capture.Decode(pcapwrite.ManyFrames(5000, 2000, 1<<16), decoder.Options{})
	if len(r.Frames) != 5000 || len(r.Errors) > 0 || r.Messages[4999].Text == nil || *r.Messages[4999].Text != "frame 4999" {
		t.Fatalf("ManyFrames: %d frames, errors %v", len(r.Frames), r.Errors)
	}
	if f := r.Frames[1999]; f.Opcode != decoder.OpBinary || f.PayloadLength != 1<<16 || len(f.Violations) > 0 {
		t.Errorf("ManyFrames: frame 1999 is %+v", f)
	}
}

// TestHostile: the memory tests' captures decode to the frames and
// messages they say, the bombs inflating to their size.
func TestHostile(t *testing.T) {
	r := capture.Decode(pcapwrite.EmptyFrames(5000), decoder.Options{})
	if len(r.Errors) != 0 || len(r.Frames) != 5000 || r.Frames[4999].Opcode != decoder.OpText || r.Frames[4999].PayloadLength != 0 {
		t.Fatalf("tiny: %d frames, errors %v", len(r.Frames), r.Errors)
	}
	r = capture.Decode(pcapwrite.Bombs(3, 1<<20), decoder.Options{InflateLimit: 2 << 20})
	if len(r.Errors) != 0 || len(r.Messages) != 3 || r.Messages[2].Length != 1<<20 || !r.Messages[2].Compressed {
		t.Fatalf("bombs: %d messages, errors %v", len(r.Messages), r.Errors)
	}
}
