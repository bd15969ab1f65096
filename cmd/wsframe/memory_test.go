package main

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/measure"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// TestHoldToIndex: once input is read into an index, the collector's soft
// limit is what the index keeps plus indexHeadroom (so that writing -json
// does not let the heap double the index), unless GOMEMLIMIT set one.
func TestHoldToIndex(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer func(n int) { wholeInput = n }(wholeInput)
	wholeInput = 64 << 10
	data := bigFrames()
	t.Setenv("GOMEMLIMIT", "")
	_, l, _ := decodeText(kit.Classify(data, ""), data, decoder.Options{}, config{})
	if l.ix == nil {
		t.Fatal("the input was not read into an index")
	}
	if got, want := debug.SetMemoryLimit(-1), l.ix.Bytes()+indexHeadroom; got != want || l.ix.Bytes() < 100<<10 {
		t.Errorf("soft limit %d, want the index's %d bytes + %d", got, l.ix.Bytes(), indexHeadroom)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	decodeText(kit.Classify(data, ""), data, decoder.Options{}, config{})
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, the limit became %d", got)
	}
}

// TestStatsCountsInflated: -stats on compressed messages that inflate to
// 2, 4 and 8 MiB each allocates the same: it counts what they inflate to
// (decoder.CountingSink, with no Reader), never holding one (it held one
// whole, 103 MiB of memory for 130 messages of 32 MiB).
func TestStatsCountsInflated(t *testing.T) {
	var alloc [3]uint64
	for k, size := range []int{2 << 20, 4 << 20, 8 << 20} {
		name := filepath.Join(t.TempDir(), "bombs.pcap")
		if err := os.WriteFile(name, pcapwrite.Bombs(4, size), 0o644); err != nil {
			t.Fatal(err)
		}
		var out string
		var code int
		alloc[k], _ = measure.Allocs(func() { out, _, code = runCLI(t, "", "-stats", name) })
		if code != 0 || !strings.Contains(out, "messages:    4\n  binary                         4\n") || !strings.Contains(out, "violations:  0\n") {
			t.Fatalf("messages of %d bytes: exit %d\n%s", size, code, out)
		}
		t.Logf("4 messages of %d MiB: %.2f MiB allocated", size>>20, float64(alloc[k])/(1<<20))
	}
	if alloc[2] > alloc[0]+alloc[0]/4 {
		t.Errorf("what -stats allocates grows with what messages inflate to: %v", alloc)
	}
}
