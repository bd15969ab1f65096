package capture

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/wsframe/wsframe/decoder"
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
