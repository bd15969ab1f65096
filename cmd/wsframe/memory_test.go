package main

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/wsframe/wsframe/decoder"
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
