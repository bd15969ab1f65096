//go:build js && wasm && !full

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// The first program decodes pastes and leaves capture files to the full
// one, saying so in a way the worker acts on.
func TestFirstProgramLeavesCapturesToTheFullOne(t *testing.T) {
	if fullProgram || len(fullOps) != 0 {
		t.Fatalf("the first program has full functions: %v", fullOps)
	}
	if out := decodeText(decoder.SeedPaste, options{}); strings.Contains(out, `"needs"`) || !strings.Contains(out, `"frames"`) {
		t.Fatalf("a paste was not decoded by the first program: %.200s", out)
	}
	pcap, err := os.ReadFile("../testdata/captures/b-ws-chromium-deflate-lo4.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	out := decodeText(string(pcap), options{})
	if !strings.Contains(out, `"needs":"full"`) {
		t.Fatalf("a capture pasted into the first program: %.200s, want an error with needs full", out)
	}
}
