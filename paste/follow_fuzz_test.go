package paste

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// addStreamSeeds adds the Follow TCP Stream and many-packet dumps tshark
// wrote (testdata/dumps/streams) to a fuzz corpus.
func addStreamSeeds(f *testing.F) {
	files, _ := filepath.Glob("../testdata/dumps/streams/*.txt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(b) < 16<<10 {
			f.Add(b)
		}
	}
}

// FuzzFollow: any text reads as a Follow TCP Stream without panic, with
// every error placed inside it, and no more bytes than it has characters.
func FuzzFollow(f *testing.F) {
	addStreamSeeds(f)
	f.Fuzz(func(t *testing.T, text []byte) {
		IsFollow(text)
		c, errs := ParseFollow(text)
		n := 0
		for _, s := range c.Segments {
			if s.Node != 0 && s.Node != 1 || len(s.Data) == 0 || s.Text < 0 || s.Text > len(text) {
				t.Fatalf("segment %+v", s)
			}
			n += len(s.Data)
		}
		if n > len(text) {
			t.Fatalf("%d bytes from %d of text", n, len(text))
		}
		for _, e := range errs {
			if e.Offset < 0 || e.Offset > int64(len(text)) || e.Line < 1 || e.Column < 1 || e.Message == "" {
				t.Fatalf("error out of place: %+v", e)
			}
		}
		samePieces(t, text, c, errs)
	})
}

// samePieces checks that FollowPieces hands over, node by node, the bytes
// of ParseFollow's segments c, with its form, ends and errors.
func samePieces(t *testing.T, text []byte, c *Conversation, errs []Error) {
	t.Helper()
	var want, got [2][]byte
	for _, s := range c.Segments {
		want[s.Node] = append(want[s.Node], s.Data...)
	}
	var order []int // the node of each piece, runs joined
	format, nodes, perrs := FollowPieces(text, func(node int, b []byte) {
		got[node] = append(got[node], b...)
		if len(order) == 0 || order[len(order)-1] != node {
			order = append(order, node)
		}
	})
	for n := range want {
		if !bytes.Equal(got[n], want[n]) {
			t.Fatalf("node %d: pieces % x, segments % x", n, got[n], want[n])
		}
	}
	var runs []int
	for _, s := range c.Segments {
		if len(runs) == 0 || runs[len(runs)-1] != s.Node {
			runs = append(runs, s.Node)
		}
	}
	if !slices.Equal(order, runs) || format != c.Format || nodes != c.Nodes || !reflect.DeepEqual(perrs, errs) {
		t.Fatalf("pieces: turns %v, %s, %q, %v; segments: turns %v, %s, %q, %v", order, format, nodes, perrs, runs, c.Format, c.Nodes, errs)
	}
}

// TestFollowPieces: every Follow TCP Stream tshark wrote reads the same
// in pieces as whole (samePieces), and into pieces allocates nothing a
// line.
func TestFollowPieces(t *testing.T) {
	files, _ := filepath.Glob("../testdata/dumps/streams/*.txt")
	seen := 0
	for _, name := range files {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !IsFollow(text) {
			continue
		}
		seen++
		c, errs := ParseFollow(text)
		if len(c.Segments) == 0 {
			t.Errorf("%s: no segments", name)
		}
		samePieces(t, text, c, errs)
	}
	if seen == 0 {
		t.Fatal("no Follow TCP Stream in testdata/dumps/streams")
	}
	// 1x, 4x the segments, in either form: the same allocations.
	for _, dump := range []bool{false, true} {
		var allocs [2]float64
		for k, n := range []int{1000, 4000} {
			var b bytes.Buffer
			b.WriteString("Follow: tcp,raw\nNode 0: 10.0.0.1:1\nNode 1: 10.0.0.2:2\n")
			for i := range n {
				if i%2 == 1 {
					b.WriteByte('\t')
				}
				if dump {
					fmt.Fprintf(&b, "%08x  81 05 68 65 6c 6c 6f                               ..hello\n", 7*(i/2))
				} else {
					b.WriteString("81056865" + "6c6c6f\n")
				}
			}
			text := b.Bytes()
			allocs[k] = testing.AllocsPerRun(3, func() { FollowPieces(text, func(int, []byte) {}) })
		}
		if allocs[1] > allocs[0]+2 {
			t.Errorf("dump %v: 1000 and 4000 segments read in pieces allocate %v times", dump, allocs)
		}
	}
}

// FuzzSplitPackets: the spans of a dump of many packets lie inside the
// text, in order, without overlapping.
func FuzzSplitPackets(f *testing.F) {
	addStreamSeeds(f)
	f.Fuzz(func(t *testing.T, text []byte) {
		last := 0
		for _, s := range SplitPackets(text) {
			if s.Start < last || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("span %+v after %d in %d bytes", s, last, len(text))
			}
			last = s.End
		}
	})
}
