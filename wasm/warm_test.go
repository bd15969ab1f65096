//go:build !js || full

package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
)

// TestWarmCaptureDecodes checks that the warm-up's capture takes the
// capture path whole: every connection upgraded, every frame clean, none
// lost to a gap, so that the code a person's file runs is what warms.
func TestWarmCaptureDecodes(t *testing.T) {
	data := warmCapture(1 << 20)
	r := capture.Decode(data, decoder.Options{})
	if len(r.Errors) != 0 {
		t.Fatalf("warm-up capture: %v", r.Errors)
	}
	if len(r.Connections) != 64 {
		t.Fatalf("%d connections, want 64", len(r.Connections))
	}
	if len(r.Frames) < 2500 {
		t.Fatalf("%d frames in 1 MiB, want about three thousand (mostly small ones)", len(r.Frames))
	}
	sizes := map[uint64]bool{}
	text := 0
	for _, f := range r.Frames {
		if len(f.Violations) != 0 || !f.Fin {
			t.Fatalf("frame %d: violations %v", f.Index, f.Violations)
		}
		sizes[f.PayloadLength] = true
		if f.Opcode == decoder.OpText {
			text++
		}
	}
	for _, n := range warmSizes {
		if !sizes[uint64(n)] {
			t.Errorf("no frame of %d bytes; the sizes were %v", n, sizes)
		}
	}
	if text == 0 || text == len(r.Frames) {
		t.Errorf("%d text frames of %d, want text and binary", text, len(r.Frames))
	}
	if len(r.Messages) != len(r.Frames) {
		t.Errorf("%d messages of %d frames, want one each", len(r.Messages), len(r.Frames))
	}
	for _, c := range r.Connections {
		if len(c.Gaps) != 0 {
			t.Fatalf("connection %d has gaps %v", c.ID, c.Gaps)
		}
	}
}

// TestWarmForgets checks that the warm-up leaves nothing behind: no last
// decode for rows or frame to answer from, so that the page's lists never
// show the generated traffic.
func TestWarmForgets(t *testing.T) {
	if got := warmUp(); len(got) < warmSize || !bytes.Equal(got, warmCapture(warmSize)) {
		t.Fatalf("warm() returned %d bytes, want its capture of %d (which the worker decodes again as a file)", len(got), warmSize)
	}
	if view != nil {
		t.Fatal("the warm-up's decode is still the last one")
	}
	if got := rows("frames", 0, 1, options{}); !strings.Contains(got, "nothing has been decoded yet") {
		t.Fatalf("rows after warm() = %s, want the error that nothing was decoded", got)
	}
}
