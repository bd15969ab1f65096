package decoder_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// TestLeanIndexSameRecords decodes captures into an index the lean way
// (lean.go) and the long way, and asks both indexes for everything:
// every frame and message read back, every frame's head, the result and
// the memory counted must be the same. The captures: every real peer's,
// the generated ones the benchmarks and browser tests use, and one made
// of what the lean way must leave to the long one (text that is not
// UTF-8, long masked text, fragments with a ping between them, RSV bits,
// an orphan continuation, frames after a close), cut into segments of
// 1448 bytes and of 5 (headers split across packets).
func TestLeanIndexSameRecords(t *testing.T) {
	type input struct {
		name string
		b    []byte
		lean bool // the lean way must take some frames
	}
	var ins []input
	files, _ := filepath.Glob("../testdata/captures/*.pcap*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, input{name: filepath.Base(f), b: b})
	}
	if len(files) < 10 {
		t.Fatalf("%d captures in testdata/captures; the real peers' captures are missing", len(files))
	}
	bench, _ := pcapwrite.Benchmark(1 << 20)
	text, _ := pcapwrite.BenchmarkOf(1<<20, decoder.OpText)
	ins = append(ins,
		input{"benchmark", bench, true},
		input{"benchmark-text", text, true},
		input{"tiny", pcapwrite.TinyFrames(3000), true},
		input{"many", pcapwrite.ManyFrames(3000, 500, 70000), true},
		input{"fragments-pings", pcapwrite.Fragments(300, true, false), false},
		input{"fragments-deflate", pcapwrite.Fragments(300, false, true), false},
		input{"mixed-1448", mixedCapture(1448), true},
		input{"mixed-5", mixedCapture(5), true},
		input{"binary-gaps", gappedCapture(1448, 41), true},
		input{"binary-cut", gappedCapture(1448, 0), true},
	)
	for _, in := range ins {
		for _, reader := range []decoder.Reader{decoder.Readings{}, nil} {
			long, longLeaned, _ := indexWay(t, in.b, wayLong, reader)
			short, leaned, _ := indexWay(t, in.b, wayLean, reader)
			run, runLeaned, ran := indexWay(t, in.b, wayRun, reader)
			if longLeaned != 0 {
				t.Fatalf("%s: the long way recorded %d frames the lean way", in.name, longLeaned)
			}
			if in.lean && (leaned == 0 || ran == 0) {
				t.Errorf("%s (reader %v): %d frames went the lean way, %d through its run: the test tests nothing", in.name, reader != nil, leaned, ran)
			}
			if runLeaned != leaned {
				t.Errorf("%s (reader %v): %d frames went the lean way with its run, %d without", in.name, reader != nil, runLeaned, leaned)
			}
			if long != short {
				t.Errorf("%s (reader %v, %d frames lean): the indexes differ\nlong: %.600s\nlean: %.600s", in.name, reader != nil, leaned, firstDiff(long, short), firstDiff(short, long))
			}
			if short != run {
				t.Errorf("%s (reader %v, %d frames through the run): the indexes differ\nlean: %.600s\nrun: %.600s", in.name, reader != nil, ran, firstDiff(short, run), firstDiff(run, short))
			}
		}
	}
}

// The ways into an index the tests compare: the long way alone, lean
// frame by frame (Stream.emit), and lean with its run (Index.leanRun).
const (
	wayLong = iota
	wayLean
	wayRun
)

// indexWay is indexOf the given way; it also returns how many frames went
// through the lean run.
func indexWay(t *testing.T, b []byte, way int, reader decoder.Reader) (string, int, int) {
	t.Helper()
	decoder.SetLeanRun(way == wayRun)
	defer decoder.SetLeanRun(true)
	var ran int
	out, leaned := indexWith(t, b, way != wayLong, reader, func(ix *decoder.Index) { ran = ix.Ran() })
	return out, leaned, ran
}

// indexOf decodes capture b into an index, the lean way or not, and
// writes out all that the index answers.
func indexOf(t *testing.T, b []byte, lean bool, reader decoder.Reader) (string, int) {
	t.Helper()
	return indexWith(t, b, lean, reader, nil)
}

// indexWith is indexOf, with then called on the index when it is made.
func indexWith(t *testing.T, b []byte, lean bool, reader decoder.Reader, then func(*decoder.Index)) (string, int) {
	t.Helper()
	decoder.SetLean(lean)
	defer decoder.SetLean(true)
	ix := decoder.NewIndex(0)
	r := capture.DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, bytes.NewReader(b), int64(len(b)), decoder.Options{Reader: reader}, ix, nil)
	if then != nil {
		then(ix)
	}
	var out strings.Builder
	enc := json.NewEncoder(&out)
	put := func(v any) {
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	put(r)
	put([]any{ix.Frames(), ix.Messages(), ix.Bytes(), ix.Full()})
	for i := range ix.Frames() {
		f, err := ix.Frame(i, -1)
		put(f)
		put(err)
		put(ix.Head(i))
	}
	for k := range ix.Messages() {
		m, err := ix.Message(k)
		put(m)
		put(err)
	}
	return out.String(), ix.Leaned()
}

// firstDiff is a from where it first differs from b.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[max(0, i-200):]
}

// mixedCapture is one connection whose two sides send frames of every
// kind the lean way must tell apart, in segments of seg bytes.
func mixedCapture(seg int) []byte {
	cli, srv := mixedSides()
	return convCapture(cli, srv, seg)
}

// mixedSides is what mixedCapture's client and server send.
func mixedSides() (cli, srv []byte) {
	key := []byte{0x12, 0x34, 0x56, 0x78}
	frame := func(b0 byte, client bool, p []byte) []byte {
		f := decoder.Frame{Fin: b0&0x80 != 0, Rsv1: b0&0x40 != 0, Rsv2: b0&0x20 != 0, Rsv3: b0&0x10 != 0,
			Opcode: decoder.Opcode(b0 & 0x0f), Masked: client, PayloadLength: uint64(len(p)), Payload: p}
		switch {
		case len(p) < 126:
			f.LengthBits, f.HeaderLength = 7, 2
		case len(p) < 1<<16:
			f.LengthBits, f.HeaderLength = 16, 4
		default:
			f.LengthBits, f.HeaderLength = 64, 10
		}
		if client {
			f.MaskKey, f.HeaderLength = key, f.HeaderLength+4
		}
		return decoder.Wire(&f, -1)
	}
	long := bytes.Repeat([]byte("héllo "), 7000)          // 49 KB of text
	bad := append([]byte("not utf-8: "), 0xff, 0xfe, 'x') // invalid
	var sides [2][]byte
	for d, client := range []bool{true, false} {
		var w []byte
		add := func(b0 byte, p []byte) { w = append(w, frame(b0, client, p)...) }
		add(0x81, []byte("first"))
		add(0x82, []byte{1, 2, 3})
		add(0x81, []byte("plain text, ünïcödé"))
		add(0x81, long)
		add(0x81, bad)
		add(0x81, nil)
		add(0x82, bytes.Repeat([]byte{7}, 200<<10))
		add(0xc2, []byte("rsv1 without an extension"))
		add(0x92, []byte("rsv3"))
		add(0x01, []byte("frag"))
		add(0x89, []byte("ping"))
		add(0x80, []byte("ment"))
		add(0x80, []byte("orphan"))
		add(0x8a, nil)
		add(0x82, []byte("binary again"))
		add(0x8b, []byte("reserved control"))
		add(0x83, []byte("reserved data"))
		add(0x81, []byte("last before close"))
		add(0x88, append(binary.BigEndian.AppendUint16(nil, 1000), "bye"...))
		add(0x82, []byte("after the close"))
		add(0x81, []byte("text after the close"))
		sides[d] = w
	}
	return sides[0], sides[1]
}

// convCapture is a capture of the seed's handshake, then cli and srv sent
// by the client and the server in turns, in segments of seg bytes.
func convCapture(cli, srv []byte, seg int) []byte {
	sides := [2][]byte{cli, srv}
	c := pcapwrite.NewConv("10.0.0.1:40000", "10.0.0.2:8080", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	c.Seed()
	for off := 0; off < max(len(sides[0]), len(sides[1])); off += seg {
		for d, client := range []bool{true, false} {
			if off < len(sides[d]) {
				c.Send(client, sides[d][off:min(off+seg, len(sides[d]))])
			}
		}
	}
	return pcapwrite.Pcap(binary.LittleEndian, false, pcapwrite.LinkEthernet, 65535, pcapwrite.Records(pcapwrite.LinkEthernet, c.Pkts, pcapwrite.LinkOpts{}))
}

// FuzzLeanIndex: whatever two sides send, in segments of any size, the
// lean way and the long way give the same index (TestLeanIndexSameRecords).
func FuzzLeanIndex(f *testing.F) {
	cli, srv := mixedSides()
	f.Add(cli[:200], srv[:300], uint16(1448))
	f.Add(cli[:64], srv[:64], uint16(3))
	f.Add([]byte{0x82, 0x83, 1, 2, 3, 4, 5, 6, 7}, []byte{0x81, 0x02, 0xc3, 0xa9, 0x82, 0x00, 0x88, 0x02, 0x03, 0xe8, 0x82, 0x01, 0x00}, uint16(5))
	f.Fuzz(func(t *testing.T, cli, srv []byte, seg uint16) {
		if seg == 0 || len(cli)+len(srv) > 1<<16 {
			return
		}
		b := convCapture(cli, srv, int(seg))
		for _, reader := range []decoder.Reader{decoder.Readings{}, nil} {
			long, _, _ := indexWay(t, b, wayLong, reader)
			short, _, _ := indexWay(t, b, wayLean, reader)
			run, _, _ := indexWay(t, b, wayRun, reader)
			if long != short {
				t.Fatalf("reader %v: the indexes differ\nlong: %.600s\nlean: %.600s", reader != nil, firstDiff(long, short), firstDiff(short, long))
			}
			if short != run {
				t.Fatalf("reader %v: the indexes differ\nlean: %.600s\nrun: %.600s", reader != nil, firstDiff(short, run), firstDiff(run, short))
			}
		}
	})
}

// TestLeanShare: on the benchmark's capture (1 KiB binary frames) every
// frame goes the lean way, nearly all through the lean run, but, when
// messages are read, each connection's first, which chooses how its
// messages are read: a condition added to lean or to the run that turns
// it away from the common frame fails here.
func TestLeanShare(t *testing.T) {
	b, frames := pcapwrite.Benchmark(1 << 20)
	for _, c := range []struct {
		reader decoder.Reader
		long   int
	}{{decoder.Readings{}, 64}, {nil, 0}} {
		ix := decoder.NewIndex(0)
		capture.DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, bytes.NewReader(b), int64(len(b)), decoder.Options{Reader: c.reader}, ix, nil)
		if ix.Frames() != frames || ix.Leaned() != frames-c.long {
			t.Errorf("reader %v: %d frames, %d the lean way; want %d, %d", c.reader != nil, ix.Frames(), ix.Leaned(), frames, frames-c.long)
		}
		// All of them through the lean run, whole in a packet or passing
		// by, but each stream's first lean frame, whose header becomes
		// the one kept clean (two streams a connection): a frame the run
		// turns away costs the handful of calls a frame it saves.
		if want := ix.Leaned() - 2*64; ix.Ran() != want {
			t.Errorf("reader %v: %d of the %d lean frames went through the lean run; want %d", c.reader != nil, ix.Ran(), ix.Leaned(), want)
		}
	}
}

// gappedCapture is a connection whose two sides send 10 KiB binary frames
// in segments of seg bytes, every skip-th segment never captured (none
// when 0), the last segment of each side missing too: frames cut by gaps
// and by the end of the capture while their payload was passing by.
func gappedCapture(seg, skip int) []byte {
	var sides [2][]byte
	for d, client := range []bool{true, false} {
		for i := range 40 {
			p := bytes.Repeat([]byte{byte(i)}, 10<<10) // above passMin: its payload passes by
			f := decoder.Frame{Fin: true, Opcode: decoder.OpBinary, PayloadLength: 10 << 10, Payload: p, LengthBits: 16, HeaderLength: 4}
			if client {
				f.Masked, f.MaskKey, f.HeaderLength = true, []byte{9, 8, 7, 6}, 8
			}
			sides[d] = append(sides[d], decoder.Wire(&f, -1)...)
		}
	}
	c := pcapwrite.NewConv("10.0.0.1:40000", "10.0.0.2:8080", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	c.Seed()
	for n, off := 0, 0; off < len(sides[0]); off += seg {
		for d, client := range []bool{true, false} {
			end := min(off+seg, len(sides[d]))
			n++
			if skip > 0 && n%skip == 0 || end == len(sides[d]) {
				if client { // never captured: the sequence moves on
					c.Cseq += uint32(end - off)
				} else {
					c.Sseq += uint32(end - off)
				}
				continue
			}
			c.Send(client, sides[d][off:end])
		}
	}
	return pcapwrite.Pcap(binary.LittleEndian, false, pcapwrite.LinkEthernet, 65535, pcapwrite.Records(pcapwrite.LinkEthernet, c.Pkts, pcapwrite.LinkOpts{}))
}

// TestLeanPassesLargeFrames: a large binary frame that goes into an index
// the lean way is never held: its payload passes by as it comes
// (Stream.passes), so what the decode allocates does not grow with the
// frame. Two frames of 8 MiB, then of 16 MiB, each way: the long way
// holds each whole, twice.
func TestLeanPassesLargeFrames(t *testing.T) {
	alloc := func(size int, lean bool) uint64 {
		b := pcapwrite.ManyFrames(10, 5, size) // frames 4 and 9 of size bytes
		decoder.SetLean(lean)
		defer decoder.SetLean(true)
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		ix := decoder.NewIndex(0)
		capture.DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, bytes.NewReader(b), int64(len(b)), decoder.Options{Reader: decoder.Readings{}}, ix, nil)
		runtime.ReadMemStats(&m1)
		if ix.Frames() != 10 {
			t.Fatalf("%d frames, want 10", ix.Frames())
		}
		return m1.TotalAlloc - m0.TotalAlloc
	}
	a8, a16 := alloc(8<<20, true), alloc(16<<20, true)
	long := alloc(16<<20, false)
	if a16 > 8<<20 || a16 > a8+(2<<20) {
		t.Errorf("the lean way allocated %d KiB for 8 MiB frames, %d KiB for 16 MiB ones: it grows with the frames", a8>>10, a16>>10)
	}
	if long < 32<<20 {
		t.Errorf("the long way allocated %d KiB for two 16 MiB frames: the test measures nothing", long>>10)
	}
}
