//go:build !js || full

package main

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/wsframe/wsframe/internal/pcapwrite"
)

// TestBlockCacheReads: reads through the cache, anywhere and of any
// length (across blocks, past the end), give the file's bytes.
func TestBlockCacheReads(t *testing.T) {
	file := make([]byte, 5*blockSize+123)
	for i := range file {
		file[i] = byte(i * 7)
	}
	src := bytes.NewReader(file)
	c := newBlockCache(int64(len(file)), src.ReadAt)
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		off := rnd.Int64N(int64(len(file)) + 10)
		n := rnd.IntN(3 * blockSize)
		if rnd.IntN(4) > 0 {
			n = rnd.IntN(64)
		}
		got := make([]byte, n)
		k, err := c.ReadAt(got, off)
		want := make([]byte, n)
		wk, werr := src.ReadAt(want, off)
		if k != wk || !bytes.Equal(got[:k], want[:wk]) || (err == nil) != (werr == nil) {
			t.Fatalf("ReadAt(%d bytes, %d) = %d, %v; want %d, %v", n, off, k, err, wk, werr)
		}
	}
	if _, err := c.ReadAt(make([]byte, 1), -1); err != io.EOF {
		t.Errorf("a negative offset: %v", err)
	}
}

// TestListingFetches: listing the first rows of a capture of 64
// interleaved connections (the bench capture's traffic) fetches each block
// it needs about once. With one block kept, this fetched twenty times as
// many blocks as it needed (more bytes than the file on a 120 MB capture),
// each a FileReaderSync call of milliseconds in the page.
func TestListingFetches(t *testing.T) {
	b, _ := pcapwrite.Benchmark(8 << 20)
	src := bytes.NewReader(b)
	touched := map[int64]bool{}
	c := newBlockCache(int64(len(b)), func(p []byte, off int64) (int, error) {
		touched[off/blockSize] = true
		return src.ReadAt(p, off)
	})
	out := decodeStream(func() io.Reader { return bytes.NewReader(b) }, c, int64(len(b)), options{Preview: 64, Rows: 2000}, nil)
	if !bytes.Contains([]byte(out), []byte(`"totals"`)) {
		t.Fatalf("no totals: %.300s", out)
	}
	t.Logf("%d fetches of %d KiB blocks, %d blocks needed, to list 2000 frames and messages", c.fetches, blockSize>>10, len(touched))
	if c.fetches > 2*len(touched) {
		t.Errorf("%d fetches to read %d blocks", c.fetches, len(touched))
	}
}
