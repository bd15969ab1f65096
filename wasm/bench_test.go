//go:build !js || full

package main

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// BenchmarkDecodeStream is the page's capture decode (decodeStream with the
// page's options for a file: 200 rows, 64-byte previews) on the bench capture's
// traffic, natively and, under GOOS=js, as wasm in node: its ns/frame beside
// the native figure is the wasm's cost per frame (issue 24 asks within 3x).
//
//	go test -run '^$' -bench DecodeStream ./wasm/
//	GOOS=js GOARCH=wasm go test -tags full -run '^$' -bench DecodeStream ./wasm/  (PATH with $(go env GOROOT)/lib/wasm)
//
// cpu-ns/frame is the process's CPU time (natively; under node the harness
// e2e/bench-wasm.mjs gives it for the wasm).
//
// BENCH_FILE=/tmp/wsframe-bench.pcap decodes that file instead (make
// bench-capture makes it), to put beside e2e/bench-wasm.mjs on the same file.
func BenchmarkDecodeStream(b *testing.B) {
	data, frames := pcapwrite.Benchmark(16 << 20)
	if name := os.Getenv("BENCH_FILE"); name != "" {
		var err error
		if data, err = os.ReadFile(name); err != nil {
			b.Fatal(err)
		}
		decodeStream(func() io.Reader { return bytes.NewReader(data) }, bytes.NewReader(data), int64(len(data)), options{Rows: 1}, nil)
		frames = view.Frames()
	}
	for _, o := range []struct {
		name string
		opts options
	}{{"page", options{Rows: 200, Preview: 64}}, {"count", options{Rows: 1, Preview: 64}}} {
		b.Run(o.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			cpu0 := cpuTime()
			for b.Loop() {
				out := decodeStream(func() io.Reader { return bytes.NewReader(data) }, bytes.NewReader(data), int64(len(data)), o.opts, nil)
				if !bytes.Contains([]byte(out), []byte(`"totals"`)) {
					b.Fatalf("no totals: %.200s", out)
				}
			}
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*frames), "ns/frame")
			// What one decode allocates (the summary's JSON, the index's
			// blocks), spread over its frames.
			b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/float64(b.N*frames), "allocs/frame")
			b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(b.N*frames), "B/frame")
			if cpu := cpuTime() - cpu0; cpu > 0 {
				// On a shared machine the CPU time is the steadier figure.
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*frames), "cpu-ns/frame")
			}
		})
	}
}

// cpuTime is the process's CPU time so far where it can be read (natively),
// else 0.
var cpuTime = func() time.Duration { return 0 }
