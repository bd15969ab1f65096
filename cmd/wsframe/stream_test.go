package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// TestCaptureJSONStreamed: -json of a capture, written frame by frame from
// the index, is byte for byte what encoding/json writes for the whole
// result, from a file and from standard input.
func TestCaptureJSONStreamed(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/captures/*.pcap*")
	more, _ := filepath.Glob("../../capture/testdata/*.pcap*")
	for _, name := range append(files, more...) {
		if filepath.Ext(name) == ".json" {
			continue
		}
		t.Run(filepath.Base(name), func(t *testing.T) {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			r := capture.Decode(b, kit.Options(decoder.Options{}))
			r.Messages = r.WithReadings(r.Messages, false) // as the command writes them
			enc.Encode(r)
			out, errOut, _ := runCLI(t, "", "-json", name)
			if out != want.String() {
				t.Fatalf("-json differs (stderr %s):\n%s", errOut, diffAt(want.String(), out))
			}
			in, _, _ := runCLI(t, string(b), "-json", "-")
			if in != want.String() {
				t.Fatalf("-json of standard input differs:\n%s", diffAt(want.String(), in))
			}
		})
	}
}

// TestCaptureConnFrame: -conn and -frame read what they show from the file.
func TestCaptureConnFrame(t *testing.T) {
	name := "../../testdata/captures/f-ws-ws-3conns-any-sll2.pcap"
	out, _, code := runCLI(t, "", "-color", "never", "-conn", "1", name)
	if code != 0 || !bytes.Contains([]byte(out), []byte("connection 1:")) || bytes.Contains([]byte(out), []byte("connection 0:")) {
		t.Fatalf("-conn 1 (exit %d):\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "-color", "never", "-frame", "3", name)
	if code != 0 || !bytes.Contains([]byte(out), []byte("frame 3")) {
		t.Fatalf("-frame 3 (exit %d):\n%s", code, out)
	}
	if _, errOut, code := runCLI(t, "", "-frame", "999", name); code != 2 || errOut == "" {
		t.Errorf("-frame 999: exit %d, %q", code, errOut)
	}
}

func diffAt(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "want …" + a[from:min(len(a), i+200)] + "\n got …" + b[from:min(len(b), i+200)]
}

// TestFragmentsJSONStreamed: a message of thousands of fragments, between
// pings, is written with its frame list a number at a time, the same JSON
// the whole result gives.
func TestFragmentsJSONStreamed(t *testing.T) {
	b := pcapwrite.Fragments(3000, true, false)
	name := filepath.Join(t.TempDir(), "fragments.pcap")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	r := capture.Decode(b, kit.Options(decoder.Options{}))
	r.Messages = r.WithReadings(r.Messages, false)
	enc.Encode(r)
	if n := len(r.Messages[len(r.Messages)-1].Frames); n != 3002 {
		t.Fatalf("the text message has %d frames", n)
	}
	out, errOut, _ := runCLI(t, "", "-json", name)
	if out != want.String() {
		t.Fatalf("-json differs (stderr %s):\n%s", errOut, diffAt(want.String(), out))
	}
}

// heapPeak is a writer that, every so many writes and at every large one,
// collects and notes the live heap: what writing holds, beside what was
// live before it began.
type heapPeak struct {
	writes int
	peak   uint64
}

func (h *heapPeak) Write(p []byte) (int, error) {
	h.writes++
	if h.writes%4096 == 0 || len(p) >= 32<<10 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		h.peak = max(h.peak, ms.HeapAlloc)
	}
	return len(p), nil
}

// TestJSONStreamHeapFlat: writing -json of a capture read into an index
// holds no more at 4x the fragments of one message than at 1x, pings
// between them or not: the message's frame list is read from the index as
// it is written, never made (what it held was 8 bytes a fragment for the
// list and about 17 for its text, twice over as the buffer grew).
func TestJSONStreamHeapFlat(t *testing.T) {
	for _, pings := range []bool{false, true} {
		var extra []uint64
		for _, n := range []int{10000, 20000, 40000} {
			b := pcapwrite.Fragments(n, pings, false)
			name := filepath.Join(t.TempDir(), "fragments.pcap")
			if err := os.WriteFile(name, b, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			ix := decoder.NewIndex(cliIndexBudget)
			open := func() io.Reader { return io.NewSectionReader(f, 0, int64(len(b))) }
			r := capture.DecodeIndexed(open, f, int64(len(b)), kit.Options(decoder.Options{}), ix, nil)
			l := newLists(r, ix, nil)
			b = nil
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			h := &heapPeak{peak: ms.HeapAlloc}
			if err := writeJSONStream(h, l); err != nil || l.err != nil {
				t.Fatal(err, l.err)
			}
			f.Close()
			extra = append(extra, h.peak-ms.HeapAlloc)
			runtime.KeepAlive(l)
		}
		t.Logf("pings %v: held while writing, 1x/2x/4x: %v bytes", pings, extra)
		if extra[2] > extra[0]+64<<10 {
			t.Errorf("pings %v: writing held %v bytes at 1x/2x/4x the fragments: it grows with them", pings, extra)
		}
	}
}

// TestRawFragmentsJSONThroughIndex: raw frame bytes and their hex, one
// message in 3,000 fragments read into an index (its frame list written
// from the index's packed array), give the -json they give decoded whole.
func TestRawFragmentsJSONThroughIndex(t *testing.T) {
	defer func(n int) { wholeInput = n }(wholeInput)
	raw := []byte{0x01, 0x01, 'h'}
	for range 3000 {
		raw = append(raw, 0x00, 0x00)
	}
	raw = append(raw, 0x80, 0x01, 'i')
	dir := t.TempDir()
	for _, in := range []struct{ name, data string }{{"frames.bin", string(raw)}, {"frames.txt", hex.EncodeToString(raw) + "\n"}} {
		name := filepath.Join(dir, in.name)
		if err := os.WriteFile(name, []byte(in.data), 0o644); err != nil {
			t.Fatal(err)
		}
		wholeInput = 1 << 20
		whole, _, _ := runCLI(t, "", "-json", name)
		wholeInput = 1 << 10
		indexed, errOut, _ := runCLI(t, "", "-json", name)
		if _, l, _ := decodeText(kit.Classify([]byte(in.data), ""), []byte(in.data), decoder.Options{}, config{}); l.ix == nil {
			t.Fatalf("%s: not read into an index", in.name)
		}
		if !bytes.Contains([]byte(whole), []byte("\n        3001\n")) {
			t.Fatalf("%s: the message does not list its 3,002 frames:\n%.400s", in.name, whole)
		}
		if indexed != whole {
			t.Errorf("%s: -json through the index differs (stderr %s):\n%s", in.name, errOut, diffAt(whole, indexed))
		}
	}
}
