package capture

import (
	"bytes"
	"io"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/measure"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// TestIndexedAllocsPerFrame decodes the bench capture's traffic (64
// connections, 1 KiB frames both ways, masked from the client, in 1448-byte
// segments) at 1x, 2x and 4x into an index, read through a reader as the
// page reads a file: past what the connections and the first blocks cost,
// a frame allocates nothing but its share of the index's packed records
// (about 190 bytes, in blocks of thousands). An allocation added to the
// hot path of a frame or a segment (issue 24 keeps it free of them, the
// wasm's collector being slow) shows here as one a frame, where wall time
// would not show it.
func TestIndexedAllocsPerFrame(t *testing.T) {
	var frames [3]int
	var allocs, bytesOf [3]uint64
	for k, size := range []int{2 << 20, 4 << 20, 8 << 20} {
		data, n := pcapwrite.Benchmark(size)
		frames[k] = n
		var r *decoder.Result
		var ix *decoder.Index
		bytesOf[k], allocs[k] = measure.Allocs(func() {
			ix = decoder.NewIndex(0)
			open := func() io.Reader { return bytes.NewReader(data) }
			r = DecodeIndexed(open, bytes.NewReader(data), int64(len(data)), decoder.Options{}, ix, nil)
		})
		if len(r.Errors) != 0 || ix.Frames() != n || len(r.Connections) != 64 {
			t.Fatalf("%d bytes: %d frames of %d, %d connections, errors %v", size, ix.Frames(), n, len(r.Connections), r.Errors)
		}
	}
	for k := 1; k < 3; k++ {
		more := float64(frames[k] - frames[0])
		// Signed: the count varies by a few from run to run (9363 to 9370
		// at 2048 frames), and the larger input may make fewer.
		perFrame := float64(int64(allocs[k])-int64(allocs[0])) / more
		bytesPerFrame := float64(int64(bytesOf[k])-int64(bytesOf[0])) / more
		t.Logf("%d frames: %d allocations, %d bytes; past the first %d: %.4f allocations and %.1f bytes a frame", frames[k], allocs[k], bytesOf[k], frames[0], perFrame, bytesPerFrame)
		if perFrame > 0.05 || bytesPerFrame > 256 {
			t.Errorf("%d frames against %d: %.4f allocations and %.1f bytes a frame; want at most 0.05 and 256", frames[k], frames[0], perFrame, bytesPerFrame)
		}
	}
}
