package capture

import (
	"bytes"
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
}
