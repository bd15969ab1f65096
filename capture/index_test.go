package capture

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// indexed decodes b into an index and materializes every frame and
// message from it, reading the bytes again.
func indexed(t testing.TB, b []byte, opts decoder.Options) (*decoder.Result, *decoder.Index) {
	t.Helper()
	ix := decoder.NewIndex(0)
	r := DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, bytes.NewReader(b), int64(len(b)), opts, ix, nil)
	if err := ix.Result(r); err != nil {
		t.Fatalf("materializing: %v", err)
	}
	return r, ix
}

// testCaptures lists every capture the tests read: the real peers' and
// the synthetic ones.
func testCaptures(t *testing.T) []string {
	var names []string
	for _, pat := range []string{"../testdata/captures/*.pcap*", "testdata/*.pcap*"} {
		m, _ := filepath.Glob(pat)
		for _, n := range m {
			if filepath.Ext(n) != ".json" {
				names = append(names, n)
			}
		}
	}
	if len(names) < 20 {
		t.Fatalf("found %d captures", len(names))
	}
	return names
}

// TestIndexSameResult: a capture decoded into an index, every frame and
// message then read again from the file (payloads re-read, violations
// worked out again, compressed messages inflated from checkpoints), gives
// the very result the decoder makes in one pass.
func TestIndexSameResult(t *testing.T) {
	for _, name := range testCaptures(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			want := Decode(b, decoder.Options{})
			got, ix := indexed(t, b, decoder.Options{})
			wj, _ := json.MarshalIndent(want, "", " ")
			gj, _ := json.MarshalIndent(got, "", " ")
			if !bytes.Equal(wj, gj) {
				t.Errorf("the index gives another result:\n%s", firstDiff(wj, gj))
			}
			if len(want.Frames) > 0 {
				t.Logf("%d frames, index %d bytes", len(want.Frames), ix.Bytes())
			}
			// Rows cut to a preview read only that much, as Preview cuts.
			for _, n := range []int{1, 5, 64} {
				p := decoder.Preview(want, n)
				for i := range p.Frames {
					f, err := ix.Frame(i, n)
					if err != nil {
						t.Fatal(err)
					}
					if a, b := jsonOf(&p.Frames[i]), jsonOf(f); a != b {
						t.Fatalf("frame %d cut to %d:\nwant %s\n got %s", i, n, a, b)
					}
				}
				for k := range p.Messages {
					m, err := ix.MessagePreview(k, n)
					if err != nil {
						t.Fatal(err)
					}
					if a, b := jsonOf(&p.Messages[k]), jsonOf(m); a != b {
						t.Fatalf("message %d cut to %d:\nwant %s\n got %s", k, n, a, b)
					}
				}
			}
		})
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-300)
	return "want …" + string(a[from:min(len(a), i+200)]) + "\n got …" + string(b[from:min(len(b), i+200)])
}

// framesCapture makes a capture of one connection: the seed's handshake,
// then n frames each way as frame(i, client) gives them, sent in
// 1448-byte segments.
func framesCapture(n int, frame func(i int, client bool) []byte) []byte {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Handshake().
		Send(true, []byte(seedRequest)).Send(false, []byte(seedResponse))
	const mss = 1448
	var cli, srv []byte
	flush := func(force bool) {
		for len(cli) >= mss || force && len(cli) > 0 {
			k := min(mss, len(cli))
			c.Send(true, cli[:k])
			cli = cli[k:]
		}
		for len(srv) >= mss || force && len(srv) > 0 {
			k := min(mss, len(srv))
			c.Send(false, srv[:k])
			srv = srv[k:]
		}
	}
	for i := range n {
		cli = append(cli, frame(i, true)...)
		srv = append(srv, frame(i, false)...)
		flush(false)
	}
	flush(true)
	return writePcap(le, false, linkEthernet, 262144, records(linkEthernet, c.Pkts, linkOpts{}))
}

// tinyFrame is a text frame of a few bytes: "81 02 hi", masked for the client.
func tinyFrame(i int, client bool) []byte {
	if client {
		return []byte{0x81, 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2}
	}
	return []byte{0x81, 0x02, 'h', 'i'}
}

// kiloFrame is a 1 KB binary frame, as the bench capture has.
func kiloFrame(i int, client bool) []byte {
	p := bytes.Repeat([]byte{byte(i)}, 1024)
	if client {
		return append([]byte{0x82, 0xfe, 4, 0, 0, 0, 0, 0}, p...)
	}
	return append([]byte{0x82, 0x7e, 4, 0}, p...)
}

// maxIndexBytesPerFrame is the bound of issue 15: at most 64 bytes a frame,
// everything the index keeps counted (records, frame lists, segment maps).
const maxIndexBytesPerFrame = 64

// TestIndexBytesPerFrame measures the index's memory per frame on
// generated captures and fails past the bound.
func TestIndexBytesPerFrame(t *testing.T) {
	for _, c := range []struct {
		name  string
		n     int
		frame func(int, bool) []byte
	}{{"tiny", 50000, tinyFrame}, {"1KB", 5000, kiloFrame}} {
		b := framesCapture(c.n, c.frame)
		_, ix := indexed(t, b, decoder.Options{})
		if ix.Frames() != 2*c.n {
			t.Fatalf("%s: %d frames, want %d", c.name, ix.Frames(), 2*c.n)
		}
		per := float64(ix.Bytes()) / float64(ix.Frames())
		t.Logf("%s frames: %.1f index bytes a frame (%d frames, %d bytes of capture)", c.name, per, ix.Frames(), len(b))
		if per > maxIndexBytesPerFrame {
			t.Errorf("%s frames: the index takes %.1f bytes a frame, more than %d", c.name, per, maxIndexBytesPerFrame)
		}
	}
	// Fragments count as frames: one message of many costs no more.
	for _, c := range fragmentCases {
		b := pcapwrite.Fragments(100000, c.pings, c.deflate)
		ix := decoder.NewIndex(0)
		DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, bytes.NewReader(b), int64(len(b)), decoder.Options{}, ix, nil)
		if want := c.frames(100000); ix.Frames() != want {
			t.Fatalf("%s: %d frames, want %d", c.name, ix.Frames(), want)
		}
		per := float64(ix.Bytes()) / float64(ix.Frames())
		t.Logf("%s frames: %.1f index bytes a frame (%d frames, %d bytes of capture)", c.name, per, ix.Frames(), len(b))
		if per > maxIndexBytesPerFrame {
			t.Errorf("%s frames: the index takes %.1f bytes a frame, more than %d", c.name, per, maxIndexBytesPerFrame)
		}
	}
}

// BenchmarkIndex reports the index's bytes per frame (counted, and as the
// heap grew) and the decode speed on captures of tiny frames, 1 KB frames
// and one message in many fragments (alone, between pings, compressed).
func BenchmarkIndex(b *testing.B) {
	for _, c := range []struct {
		name string
		make func() []byte
	}{
		{"tiny", func() []byte { return framesCapture(200000, tinyFrame) }},
		{"1KB", func() []byte { return framesCapture(20000, kiloFrame) }},
		{"fragments", func() []byte { return pcapwrite.Fragments(400000, false, false) }},
		{"fragments-pings", func() []byte { return pcapwrite.Fragments(200000, true, false) }},
		{"fragments-deflate", func() []byte { return pcapwrite.Fragments(400000, false, true) }},
	} {
		data := c.make()
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			var ix *decoder.Index
			var heap uint64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				ix = decoder.NewIndex(0)
				DecodeIndexed(func() io.Reader { return bytes.NewReader(data) }, bytes.NewReader(data), int64(len(data)), decoder.Options{}, ix, nil)
				runtime.GC()
				runtime.ReadMemStats(&after)
				heap = after.HeapAlloc - before.HeapAlloc
			}
			runtime.KeepAlive(ix)
			b.ReportMetric(float64(ix.Bytes())/float64(ix.Frames()), "bytes/frame")
			b.ReportMetric(float64(heap)/float64(ix.Frames()), "heap-bytes/frame")
		})
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestIndexBudgetStops: a capture whose index would pass its budget is read
// as far as it fits; the result says where and why (stopped, and the same
// sentence in errors), and every frame read before is there, whole.
func TestIndexBudgetStops(t *testing.T) {
	b := framesCapture(50000, tinyFrame)
	full := Decode(b, decoder.Options{})
	ix := decoder.NewIndex(1 << 20)
	r := DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, bytes.NewReader(b), int64(len(b)), decoder.Options{}, ix, nil)
	if r.Stopped == nil {
		t.Fatalf("a 1 MiB budget read all %d frames (%d index bytes)", ix.Frames(), ix.Bytes())
	}
	s := r.Stopped
	if s.Offset <= 0 || s.Offset >= int64(len(b)) || s.Bytes != int64(len(b)) || !strings.Contains(s.Reason, "memory budget of 1 MiB") {
		t.Errorf("stopped = %+v (file of %d bytes)", s, len(b))
	}
	if len(r.Errors) != 1 || r.Errors[0].Offset != s.Offset || !strings.Contains(r.Errors[0].Message, s.Reason) {
		t.Errorf("errors = %+v", r.Errors)
	}
	n := ix.Frames()
	if n == 0 || n >= len(full.Frames) || ix.Bytes() > 1<<20+64<<10 {
		t.Fatalf("%d of %d frames, %d index bytes", n, len(full.Frames), ix.Bytes())
	}
	for _, i := range []int{0, n / 2, n - 1} {
		f, err := ix.Frame(i, -1)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := jsonOf(&full.Frames[i]), jsonOf(f); a != b {
			t.Errorf("frame %d:\nwant %s\n got %s", i, a, b)
		}
	}
	t.Logf("stopped at byte %d of %d after %d frames: %s", s.Offset, len(b), n, s.Reason)
}

// fragmentCases are the hostile inputs of one message in many fragments
// (pcapwrite.Fragments): alone, between pings, compressed.
var fragmentCases = []fragmentCase{{"fragments", false, false}, {"fragments and pings", true, false}, {"compressed fragments", false, true}}

type fragmentCase struct {
	name           string
	pings, deflate bool
}

// frames is how many frames pcapwrite.Fragments(n, ...) holds.
func (c fragmentCase) frames(n int) int {
	if c.pings {
		return 2*n + 2
	}
	return n + 2
}

// TestIndexFragments: one message in many fragments, alone, between pings
// or compressed, reads back from the index as the decoder made it (each
// fragment numbered with its message, the message's data whole), and a
// million of them cost what a million frames cost.
func TestIndexFragments(t *testing.T) {
	for _, c := range fragmentCases {
		t.Run(c.name, func(t *testing.T) {
			b := pcapwrite.Fragments(300, c.pings, c.deflate)
			want := Decode(b, decoder.Options{})
			got, _ := indexed(t, b, decoder.Options{})
			if a, b := jsonOf(want), jsonOf(got); a != b {
				t.Fatalf("the index gives another result:\n%s", firstDiff([]byte(a), []byte(b)))
			}
			// The pings are messages 0 to 299, each ended before the text.
			n := len(want.Messages)
			if c.pings && n != 301 || !c.pings && n != 1 {
				t.Fatalf("%d messages", n)
			}
			m := &want.Messages[n-1]
			if m.Text == nil || *m.Text != "hi" || len(m.Frames) != 302 || m.Compressed != c.deflate {
				t.Fatalf("the text message = %s", jsonOf(m))
			}
		})
	}
	b := pcapwrite.Fragments(1000000, false, false)
	ix := decoder.NewIndex(0)
	DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, bytes.NewReader(b), int64(len(b)), decoder.Options{}, ix, nil)
	if ix.Frames() != 1000002 || ix.Messages() != 1 {
		t.Fatalf("%d frames, %d messages", ix.Frames(), ix.Messages())
	}
	for _, i := range []int{0, 500000, 1000001} {
		f, err := ix.Frame(i, -1)
		if err != nil || f.Message != 0 {
			t.Fatalf("frame %d: %v, message %d", i, err, f.Message)
		}
	}
	m, err := ix.Message(0)
	if err != nil || m.Text == nil || *m.Text != "hi" || len(m.Frames) != 1000002 || !m.Complete {
		t.Fatalf("message 0: %v %s", err, jsonOf(&decoder.Message{Index: m.Index, Text: m.Text, Complete: m.Complete}))
	}
	if per := float64(ix.Bytes()) / float64(ix.Frames()); per > maxIndexBytesPerFrame {
		t.Errorf("a million fragments: %.1f index bytes a frame", per)
	}
}
