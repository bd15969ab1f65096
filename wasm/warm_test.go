//go:build !js || full

package main

import (
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
	if len(r.Connections) != 8 {
		t.Fatalf("%d connections, want 8", len(r.Connections))
	}
	if len(r.Frames) < 800 {
		t.Fatalf("%d frames in 1 MiB, want about a thousand", len(r.Frames))
	}
	for _, f := range r.Frames {
		if len(f.Violations) != 0 || f.PayloadLength != 1024 {
			t.Fatalf("frame %d: %d bytes, violations %v", f.Index, f.PayloadLength, f.Violations)
		}
	}
	for _, c := range r.Connections {
		if len(c.Gaps) != 0 {
			t.Fatalf("connection %d has gaps %v", c.ID, c.Gaps)
		}
	}
}
