package main

import (
	"bytes"
	"io"
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

// TestHoldForStats: -stats of text larger than wholeInput sets the soft
// limit to the text's size plus textHeadroom, at least statsFloor (the
// text is most of what it holds, and the heap would otherwise grow to
// twice it), unless GOMEMLIMIT set one.
func TestHoldForStats(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer func(n int) { wholeInput = n }(wholeInput)
	wholeInput = 64 << 10
	data := bigFrames()
	t.Setenv("GOMEMLIMIT", "")
	_, _, st := decodeText(kit.Classify(data, ""), data, decoder.Options{}, config{stats: true})
	if st == nil || st.frames < 1000 {
		t.Fatalf("-stats counted %+v", st)
	}
	if got, want := debug.SetMemoryLimit(-1), max(int64(len(data))+textHeadroom, statsFloor); got != want {
		t.Errorf("soft limit %d, want the text's %d bytes + %d, at least %d", got, len(data), textHeadroom, statsFloor)
	}
	holdForStats(30 << 20) // the text of tshark -x at the limit
	if got := debug.SetMemoryLimit(-1); got != 30<<20+textHeadroom {
		t.Errorf("30 MiB of text: soft limit %d", got)
	}
	// A capture or a HAR file is counted as it is read: the floor.
	debug.SetMemoryLimit(math.MaxInt64)
	name := filepath.Join(t.TempDir(), "bombs.pcap")
	if err := os.WriteFile(name, pcapwrite.Bombs(1, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, code := runCLI(t, "", "-stats", name); code != 0 || debug.SetMemoryLimit(-1) != statsFloor {
		t.Errorf("-stats of a capture: exit %d, soft limit %d", code, debug.SetMemoryLimit(-1))
	}
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	decodeText(kit.Classify(data, ""), data, decoder.Options{}, config{stats: true})
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, the limit became %d", got)
	}
}

// TestReadUpToOnce: text is read into one slice of its size, whether its
// size is known (a file) or not (a pipe, copied to a temporary file
// first): 8 MiB read allocates about 8 MiB, not twice that (pieces
// joined); a file that grows as it is read is read to its end (its rest
// appended); past the limit is an error naming it.
func TestReadUpToOnce(t *testing.T) {
	text := bytes.Repeat([]byte("81 05 68 65 6c 6c 6f\n"), 8<<20/21)
	for _, size := range []int64{int64(len(text)), -1, int64(len(text)) - 1000} {
		var got []byte
		var err error
		alloc, _ := measure.Allocs(func() { got, err = readUpTo(struct{ io.Reader }{bytes.NewReader(text)}, maxTextInput, size) })
		if err != nil || !bytes.Equal(got, text) {
			t.Fatalf("size %d: %d bytes, %v", size, len(got), err)
		}
		if size != int64(len(text))-1000 && alloc > uint64(len(text))*5/4 {
			t.Errorf("size %d: reading %d bytes allocated %d", size, len(text), alloc)
		}
	}
	for _, size := range []int64{int64(len(text)), -1, 100} {
		_, err := readUpTo(bytes.NewReader(text), len(text)-1, size)
		if err == nil || !strings.Contains(err.Error(), "is longer than the 7 MiB the command reads of it") {
			t.Errorf("size %d, past the limit: %v", size, err)
		}
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
