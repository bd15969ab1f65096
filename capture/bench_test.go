package capture

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tlsdec/crypt"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

var (
	benchOnce    sync.Once
	benchCapture []byte
	benchFrames  int
)

// benchmarkCapture builds a capture of about 70 MB (pcapwrite.Benchmark):
// 64 connections, 1 KB frames each way in 1448-byte segments.
func benchmarkCapture() ([]byte, int) {
	benchOnce.Do(func() { benchCapture, benchFrames = pcapwrite.Benchmark(70 << 20) })
	return benchCapture, benchFrames
}

func BenchmarkDecode(b *testing.B) {
	capture, frames := benchmarkCapture()
	b.SetBytes(int64(len(capture)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := Decode(capture, decoder.Options{})
		if len(r.Frames) != frames || len(r.Errors) != 0 {
			b.Fatalf("%d frames, errors %v; want %d", len(r.Frames), r.Errors, frames)
		}
	}
}

func BenchmarkDecodeReader(b *testing.B) {
	capture, frames := benchmarkCapture()
	b.SetBytes(int64(len(capture)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := DecodeReader(bytes.NewReader(capture), int64(len(capture)), decoder.Options{}, nil)
		if len(r.Frames) != frames {
			b.Fatalf("%d frames, want %d", len(r.Frames), frames)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*frames), "ns/frame")
}

// BenchmarkDecodeIndexed is the page's and the command's way with a
// capture file: read through a reader into an index (DecodeIndexed), the
// frames' records kept, their bytes not.
func BenchmarkDecodeIndexed(b *testing.B) {
	capture, frames := benchmarkCapture()
	b.SetBytes(int64(len(capture)))
	b.ReportAllocs()
	open := func() io.Reader { return bytes.NewReader(capture) }
	for b.Loop() {
		ix := decoder.NewIndex(0)
		DecodeIndexed(open, bytes.NewReader(capture), int64(len(capture)), decoder.Options{}, ix, nil)
		if ix.Frames() != frames {
			b.Fatalf("%d frames, want %d", ix.Frames(), frames)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*frames), "ns/frame")
}

// BenchmarkDecodeIndexedFile is BenchmarkDecodeIndexed on a capture file
// named by WSFRAME_BENCH_FILE (go run ./tools/benchcapture makes one), with
// the page's options (TLS decryption and readings linked in, as in the
// full program): natively, and as wasm without any JavaScript around the
// decode, so that the two can be put side by side (issue 24):
//
//	WSFRAME_BENCH_FILE=/tmp/wsframe-bench.pcap go test -run '^$' -bench DecodeIndexedFile -benchtime 6x ./capture/
//	WSFRAME_BENCH_FILE=/tmp/wsframe-bench.pcap PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test -run '^$' -bench DecodeIndexedFile -benchtime 6x ./capture/
//
// The file is read into memory first; each decode starts after a
// collection, so that one's garbage is not the next one's work.
func BenchmarkDecodeIndexedFile(b *testing.B) {
	name := os.Getenv("WSFRAME_BENCH_FILE")
	if name == "" {
		b.Skip("set WSFRAME_BENCH_FILE to a capture file")
	}
	capture, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	opts := decoder.Options{Decrypt: crypt.TLS, Reader: decoder.Readings{}}
	b.SetBytes(int64(len(capture)))
	b.ReportAllocs()
	frames := 0
	var spent time.Duration
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		t0 := time.Now()
		ix := decoder.NewIndex(0)
		DecodeIndexed(func() io.Reader { return bytes.NewReader(capture) }, bytes.NewReader(capture), int64(len(capture)), opts, ix, nil)
		spent += time.Since(t0)
		frames += ix.Frames()
	}
	if frames == 0 {
		b.Fatalf("no frames in %s", name)
	}
	b.ReportMetric(float64(spent.Nanoseconds())/float64(frames), "ns/frame")
}
