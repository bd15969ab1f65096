package capture

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// recorder is a sink that writes what it gets as text: data as is, gaps as
// [gap N], and remembers the packet of each piece.
type recorder struct {
	out     strings.Builder
	packets []int
}

func (r *recorder) data(p []byte, at decoder.Mark) {
	r.out.Write(p)
	r.packets = append(r.packets, at.Packet)
}

func (r *recorder) gap(n int64, at decoder.Mark) {
	fmt.Fprintf(&r.out, "[gap %d]", n)
	r.packets = append(r.packets, at.Packet)
}

// seg is one TCP segment of a reassembly test and the stream expected
// after it. lost counts bytes after data that the snapshot cut. flush ends
// the stream before comparing.
type seg struct {
	seq   uint32
	syn   bool
	data  string
	lost  int
	flush bool
	want  string
}

func TestReassembly(t *testing.T) {
	const wrap = 0xfffffffc
	for _, tc := range []struct {
		name  string
		limit int
		segs  []seg
	}{
		{"in order", 0, []seg{
			{seq: 100, syn: true, want: ""},
			{seq: 101, data: "abc", want: "abc"},
			{seq: 104, data: "def", want: "abcdef"},
			{seq: 107, data: "", want: "abcdef"},
		}},
		{"no SYN: start at the first segment", 0, []seg{
			{seq: 5000, data: "xyz", want: "xyz"},
			{seq: 5003, data: "w", want: "xyzw"},
		}},
		{"data on the SYN", 0, []seg{
			{seq: 9, syn: true, data: "fast", want: "fast"},
			{seq: 14, data: "open", want: "fastopen"},
		}},
		{"reordered", 0, []seg{
			{seq: 0, syn: true, want: ""},
			{seq: 4, data: "def", want: ""},
			{seq: 7, data: "ghi", want: ""},
			{seq: 1, data: "abc", want: "abcdefghi"},
		}},
		{"reordered backwards", 0, []seg{
			{seq: 0, syn: true},
			{seq: 5, data: "e", want: ""},
			{seq: 4, data: "d", want: ""},
			{seq: 3, data: "c", want: ""},
			{seq: 2, data: "b", want: ""},
			{seq: 1, data: "a", want: "abcde"},
		}},
		{"duplicated", 0, []seg{
			{seq: 0, syn: true},
			{seq: 0, syn: true, want: ""},
			{seq: 1, data: "abc", want: "abc"},
			{seq: 1, data: "abc", want: "abc"},
			{seq: 4, data: "def", want: "abcdef"},
			{seq: 4, data: "def", want: "abcdef"},
		}},
		{"overlapping the delivered bytes", 0, []seg{
			{seq: 1, data: "abcd", want: "abcd"},
			{seq: 3, data: "cdef", want: "abcdef"},
			{seq: 2, data: "bcdefgh", want: "abcdefgh"},
		}},
		{"retransmitted with other content: the first bytes stay", 0, []seg{
			{seq: 1, data: "abcd", want: "abcd"},
			{seq: 1, data: "ABCDEF", want: "abcdEF"},
		}},
		{"held segments overlap: the first seen stay", 0, []seg{
			{seq: 1, data: "a", want: "a"},
			{seq: 5, data: "EFG", want: "a"},
			{seq: 3, data: "cdefghi", want: "a"},
			{seq: 8, data: "HIJK", want: "a"},
			{seq: 2, data: "b", want: "abcdEFGhiJK"},
		}},
		{"a held segment inside another", 0, []seg{
			{seq: 1, data: "a", want: "a"},
			{seq: 4, data: "D", want: "a"},
			{seq: 3, data: "cdef", want: "a"},
			{seq: 2, data: "b", want: "abcDef"},
		}},
		{"gap at the end", 0, []seg{
			{seq: 1, data: "abc", want: "abc"},
			{seq: 10, data: "jkl", want: "abc"},
			{flush: true, want: "abc[gap 6]jkl"},
		}},
		{"gap filled late is dropped", 0, []seg{
			{seq: 1, data: "abc", want: "abc"},
			{seq: 10, data: "jkl", want: "abc"},
			{flush: true, want: "abc[gap 6]jkl"},
			{seq: 4, data: "defghi", want: "abc[gap 6]jkl"},
		}},
		{"too much held: the gap is declared", 4, []seg{
			{seq: 1, data: "ab", want: "ab"},
			{seq: 5, data: "ef", want: "ab"},
			{seq: 9, data: "ijk", want: "ab[gap 2]ef"},
			{seq: 7, data: "gh", want: "ab[gap 2]efghijk"},
		}},
		{"bytes cut by the snapshot are a gap", 0, []seg{
			{seq: 1, data: "ab", lost: 3, want: "ab[gap 3]"},
			{seq: 6, data: "fg", want: "ab[gap 3]fg"},
			{seq: 3, data: "cde", want: "ab[gap 3]fg"},
		}},
		{"cut bytes held, then a retransmission of them", 0, []seg{
			{seq: 1, data: "a", want: "a"},
			{seq: 3, data: "c", lost: 2, want: "a"},
			{seq: 3, data: "cde", want: "a"},
			{seq: 2, data: "b", want: "abc[gap 2]"},
		}},
		{"sequence numbers wrap", 0, []seg{
			{seq: wrap - 1, syn: true, want: ""},
			{seq: wrap, data: "abcd", want: "abcd"},
			{seq: 0, data: "efgh", want: "abcdefgh"},
			{seq: 4, data: "ij", want: "abcdefghij"},
		}},
		{"reordered across the wrap", 0, []seg{
			{seq: wrap, data: "ab", want: "ab"},
			{seq: 2, data: "gh", want: "ab"},
			{seq: wrap + 2, data: "cdef", want: "abcdefgh"},
			{seq: wrap + 1, data: "XX", want: "abcdefgh"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rec recorder
			r := reassembler{out: &rec, limit: tc.limit}
			if r.limit == 0 {
				r.limit = DefaultMaxHeld
			}
			for i, s := range tc.segs {
				if s.flush {
					r.flush()
				} else {
					r.segment(s.seq, s.syn, []byte(s.data), s.lost, decoder.Mark{Packet: i + 1})
				}
				if got := rec.out.String(); got != s.want {
					t.Fatalf("after segment %d (seq %d %q): got %q, want %q", i+1, s.seq, s.data, got, s.want)
				}
			}
		})
	}
}

// TestReassemblyMarks checks that bytes released by a late segment are
// marked with that segment's packet.
func TestReassemblyMarks(t *testing.T) {
	var rec recorder
	r := reassembler{out: &rec, limit: DefaultMaxHeld}
	r.segment(1, false, []byte("a"), 0, decoder.Mark{Packet: 1})
	r.segment(3, false, []byte("c"), 0, decoder.Mark{Packet: 2})
	r.segment(2, false, []byte("b"), 0, decoder.Mark{Packet: 3})
	if fmt.Sprint(rec.packets) != "[1 3 3]" {
		t.Errorf("packets %v, want [1 3 3]", rec.packets)
	}
}
