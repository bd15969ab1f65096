package filter_test

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/filter"
	"github.com/wsframe/wsframe/internal/pcapwrite"
)

// benchMB is the size of the generated capture the benchmarks filter: 64
// connections of 1 KiB text frames both ways (pcapwrite.BenchmarkOf).
const benchMB = 64

var bench struct {
	once sync.Once
	size int64
	ix   *decoder.Index
	r    *decoder.Result
}

// opened is the benchmark capture read into an index, as the page holds a
// file it has opened; the filter then reads frames again from it.
func opened(b *testing.B) (*decoder.Index, *decoder.Result, int64) {
	bench.once.Do(func() {
		data, _ := pcapwrite.BenchmarkOf(benchMB<<20, decoder.OpText)
		bench.size = int64(len(data))
		bench.ix = decoder.NewIndex(0)
		bench.r = capture.DecodeIndexed(func() io.Reader { return bytes.NewReader(data) }, bytes.NewReader(data), bench.size, decoder.Options{}, bench.ix, nil)
	})
	return bench.ix, bench.r, bench.size
}

func runBench(b *testing.B, expr string, perByte bool) {
	ix, r, size := opened(b)
	f, err := filter.Parse(expr)
	if err != nil {
		b.Fatal(err)
	}
	if perByte {
		b.SetBytes(size)
	}
	b.ResetTimer()
	var n int
	for range b.N {
		frames, _, err := filter.Run(f, filter.FromIndex(ix, r), nil)
		if err != nil {
			b.Fatal(err)
		}
		n = len(frames)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(ix.Frames()), "ns/frame")
	b.ReportMetric(float64(n), "matches")
}

// BenchmarkTextContains: text contains "…" over every message of the
// capture, each read again from the file (MB/s of the capture).
func BenchmarkTextContains(b *testing.B) { runBench(b, `text contains "not in any message"`, true) }

// BenchmarkHeaderOnly: a filter of the frames' records only, after open.
func BenchmarkHeaderOnly(b *testing.B) {
	runBench(b, "opcode == text and dir == server and fin and not rsv1", false)
}
