package detail_test

import (
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// TestDetailFragmentsFlat: the detail of a fragment of one message of n
// fragments (pcapwrite.Fragments: frames 0 to n+1) lists at most
// detail.MaxMessageFrames of its message's frames (the first, the last and
// those around it) with message_frames_total, and its size and its allocations are
// the same for n, 2n and 4n fragments, from an index (the page's and the
// command's way for captures) and, in size, from a result.
func TestDetailFragmentsFlat(t *testing.T) {
	type measure struct{ size, allocs, bytes int }
	var got []measure
	for _, n := range []int{20000, 40000, 80000} {
		for _, c := range []struct {
			name    string
			deflate bool
		}{{"plain", false}, {"compressed", true}} {
			b := pcapwrite.Fragments(n, false, c.deflate)
			ix := decoder.NewIndex(0)
			open := func() io.Reader { return bytes.NewReader(b) }
			v := detail.NewIndexView(capture.DecodeIndexed(open, bytes.NewReader(b), int64(len(b)), decoder.Options{}, ix, nil), ix, false)
			whole := detail.NewView(capture.Decode(b, decoder.Options{}), nil)
			total := n + 2
			for _, i := range []int{0, 3, n/2 + 100, total - 1} {
				d, err := v.Detail(i, detail.Options{})
				if err != nil {
					t.Fatal(err)
				}
				m := d.Message
				if m == nil || len(m.Frames) != detail.MaxMessageFrames || d.MessageFramesTotal != total || !d.MessageFramesTruncated {
					t.Fatalf("%s, %d fragments, frame %d: %d frames listed of %d (cut %v)", c.name, n, i, len(m.Frames), d.MessageFramesTotal, d.MessageFramesTruncated)
				}
				if m.Frames[0] != 0 || m.Frames[len(m.Frames)-1] != total-1 || !contains(m.Frames, i) || !ascending(m.Frames) {
					t.Fatalf("%s, %d fragments, frame %d: listed %v", c.name, n, i, m.Frames)
				}
				if want := wantCuts(i, total); !equal(d.MessageFramesCutAt, want) {
					t.Errorf("%s, %d fragments, frame %d: cut at %v, want %v", c.name, n, i, d.MessageFramesCutAt, want)
				}
				if c.deflate && d.DeflateError == "" {
					t.Errorf("%s, %d fragments: the blocks of %d frames listed", c.name, n, total)
				}
				js, _ := json.Marshal(d)
				dw, err := whole.Detail(i, detail.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if jw, _ := json.Marshal(dw); !bytes.Equal(js, jw) {
					t.Errorf("%s, %d fragments, frame %d: the result's detail differs from the index's:\n%.300s\n%.300s", c.name, n, i, jw, js)
				}
				if i != n/2+100 || c.deflate {
					continue
				}
				allocs := testing.AllocsPerRun(5, func() { v.Detail(i, detail.Options{}) })
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				v.Detail(i, detail.Options{})
				runtime.ReadMemStats(&after)
				got = append(got, measure{len(js), int(allocs), int(after.TotalAlloc - before.TotalAlloc)})
			}
		}
	}
	t.Logf("detail of the middle fragment of 20k, 40k, 80k fragments: {JSON bytes, allocations, bytes allocated} %v", got)
	for _, g := range got[1:] {
		// The frame's own offset and packet gain a digit or two.
		if g.size > got[0].size+8 || g.allocs > got[0].allocs+2 || g.bytes > got[0].bytes+got[0].bytes/10 {
			t.Errorf("the detail grows with the fragments: %v", got)
		}
	}
}

func contains(list []int, x int) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

func ascending(list []int) bool {
	for j := 1; j < len(list); j++ {
		if list[j] <= list[j-1] {
			return false
		}
	}
	return true
}

// wantCuts is where the list of the frames of a message of total frames
// numbered 0 to total-1 leaves some out, in the detail of frame i.
func wantCuts(i, total int) []int {
	var cuts []int
	if i-24 > 8 {
		cuts = append(cuts, 8)
	}
	if max(i-24, 8)+48 < total-8 {
		cuts = append(cuts, 56)
	}
	return cuts
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for j := range a {
		if a[j] != b[j] {
			return false
		}
	}
	return true
}

// TestMessageRowFragmentsFlat: a row of the message list (View.MessageRange
// and View.Summary with brief rows, the page's rows("messages") and first
// rows) of one message of n fragments lists at most
// detail.MaxMessageFrames of its frames (its first 56 and its last 8, cut
// by the detail's rule) with frames_total, and has the same size for n,
// 2n and 4n fragments, from an index and from a result alike; the
// command's message (not brief) still lists them all.
func TestMessageRowFragmentsFlat(t *testing.T) {
	var sizes []int
	for _, n := range []int{20000, 40000, 80000} {
		b := pcapwrite.Fragments(n, false, false)
		ix := decoder.NewIndex(0)
		open := func() io.Reader { return bytes.NewReader(b) }
		indexed := detail.NewIndexView(capture.DecodeIndexed(open, bytes.NewReader(b), int64(len(b)), decoder.Options{}, ix, nil), ix, false)
		whole := detail.NewView(capture.Decode(b, decoder.Options{}), nil)
		total := n + 2
		var first []byte
		for _, v := range []*detail.View{indexed, whole} {
			rows, err := v.MessageRange(0, 1, 64, true)
			if err != nil {
				t.Fatal(err)
			}
			s, err := v.Summary(64, 100)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range []decoder.Message{rows[0], s.Messages[0]} {
				if len(m.Frames) != detail.MaxMessageFrames || int(m.FramesTotal) != total || !m.FramesTruncated {
					t.Fatalf("%d fragments: a row lists %d frames of %d (cut %v)", n, len(m.Frames), m.FramesTotal, m.FramesTruncated)
				}
				if m.Frames[0] != 0 || m.Frames[55] != 55 || m.Frames[56] != total-8 || m.Frames[63] != total-1 || !ascending(m.Frames) {
					t.Fatalf("%d fragments: a row lists %v", n, m.Frames)
				}
			}
			js, _ := json.Marshal(rows[0])
			if first == nil {
				first = js
			} else if !bytes.Equal(js, first) {
				t.Errorf("%d fragments: the result's row differs from the index's:\n%.300s\n%.300s", n, js, first)
			}
			m, err := v.Message(0, 64, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Frames) != total || m.FramesTruncated || m.FramesTotal != 0 {
				t.Fatalf("%d fragments: the command's message lists %d frames of %d (cut %v)", n, len(m.Frames), total, m.FramesTruncated)
			}
		}
		sizes = append(sizes, len(first))
	}
	t.Logf("a message row of 20k, 40k, 80k fragments: %v JSON bytes", sizes)
	for _, s := range sizes[1:] {
		// The last frames' numbers gain a digit.
		if s > sizes[0]+16 {
			t.Errorf("a message row grows with the fragments: %v", sizes)
		}
	}
}

// TestMessageRowWhole: a row of a message of at most
// detail.MaxMessageFrames frames lists them all and says no cut.
func TestMessageRowWhole(t *testing.T) {
	b := pcapwrite.Fragments(detail.MaxMessageFrames-2, false, false)
	v := detail.NewView(capture.Decode(b, decoder.Options{}), nil)
	rows, err := v.MessageRange(0, 1, 64, true)
	if err != nil {
		t.Fatal(err)
	}
	m := rows[0]
	if len(m.Frames) != detail.MaxMessageFrames || m.FramesTruncated || m.FramesTotal != 0 {
		t.Fatalf("a row of %d frames: %d listed, total %d, cut %v", detail.MaxMessageFrames, len(m.Frames), m.FramesTotal, m.FramesTruncated)
	}
}
