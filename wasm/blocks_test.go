//go:build !js || full

package main

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/wsframe/wsframe/tools/pcapwrite"
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

// TestKeepBlocks: the blocks a pass through the file keeps (in pieces of
// whole blocks, as the worker's 8 MiB pieces are; a block cut between two
// pieces is not kept) are read with no fetch and give the file's bytes;
// the rest is fetched, and nothing kept is evicted by keep.
func TestKeepBlocks(t *testing.T) {
	file := make([]byte, 3*cacheBlocks*blockSize+777)
	for i := range file {
		file[i] = byte(i*31 + i>>9)
	}
	src := bytes.NewReader(file)
	c := newBlockCache(int64(len(file)), src.ReadAt)
	const piece = 5 * blockSize
	for off := 0; off < len(file); off += piece {
		c.keep(file[off:min(off+piece, len(file))], int64(off))
	}
	kept := cacheBlocks * blockSize
	got := make([]byte, kept)
	if n, err := c.ReadAt(got[:kept/2], 0); n != kept/2 || err != nil || c.fetches != 0 {
		t.Fatalf("ReadAt of kept blocks: %d, %v, %d fetches; want %d, nil, none", n, err, c.fetches, kept/2)
	}
	for off := 0; off < kept; off += 1000 {
		n := min(5000, kept-off)
		if _, err := c.ReadAt(got[:n], int64(off)); err != nil || !bytes.Equal(got[:n], file[off:off+n]) {
			t.Fatalf("ReadAt(%d, %d) of kept blocks: %v, bytes differ: %v", n, off, err, !bytes.Equal(got[:n], file[off:off+n]))
		}
	}
	if c.fetches != 0 {
		t.Fatalf("%d fetches for kept blocks", c.fetches)
	}
	tail := make([]byte, 900)
	if n, err := c.ReadAt(tail, int64(len(file)-900)); n != 900 || err != nil || !bytes.Equal(tail, file[len(file)-900:]) || c.fetches == 0 {
		t.Fatalf("ReadAt past the kept blocks: %d, %v, %d fetches", n, err, c.fetches)
	}
}

// TestListingFetchesKept: listing the first rows after a pass that kept
// what it read fetches fewer blocks than TestListingFetches' cold cache.
func TestListingFetchesKept(t *testing.T) {
	b, _ := pcapwrite.Benchmark(8 << 20)
	src := bytes.NewReader(b)
	count := func(keep bool) int {
		c := newBlockCache(int64(len(b)), src.ReadAt)
		if keep {
			for off := 0; off < len(b); off += 8 << 20 {
				c.keep(b[off:min(off+8<<20, len(b))], int64(off))
			}
		}
		decodeStream(func() io.Reader { return bytes.NewReader(b) }, c, int64(len(b)), options{Preview: 64, Rows: 2000}, nil)
		return c.fetches
	}
	cold, kept := count(false), count(true)
	t.Logf("fetches to list 2000 rows: %d with a cold cache, %d with the first blocks kept", cold, kept)
	if kept >= cold {
		t.Errorf("kept blocks save no fetch: %d, cold %d", kept, cold)
	}
}
