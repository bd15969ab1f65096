//go:build !js || full

package main

import "io"

// blockCache reads a file at offsets through fetch, in aligned blocks of
// which it keeps the last few used. The rows on screen are read from bytes
// near each other, but not in order: frames of many connections are
// interleaved in a capture, and a message's frames may be far apart. In
// the page every fetch is a FileReaderSync call costing milliseconds
// whatever its size, so what counts is how few there are: keeping a single
// block, listing the first 2000 rows of the 120 MB bench capture (64
// connections) fetched 2,842 blocks, more bytes than the file, and took
// 19 s; keeping 16, 68 blocks (TestListingFetches). 32 blocks are 2 MiB.
type blockCache struct {
	fetch  func(p []byte, off int64) (int, error) // reads p at off, as far as the file goes
	size   int64
	blocks [cacheBlocks]cached
	clock  uint64
	// fetches counts the calls to fetch, for the tests.
	fetches int
}

type cached struct {
	off  int64 // of the block; -1 when empty
	b    []byte
	used uint64
}

const (
	blockSize   = 64 << 10
	cacheBlocks = 32
)

func newBlockCache(size int64, fetch func(p []byte, off int64) (int, error)) *blockCache {
	c := &blockCache{fetch: fetch, size: size}
	for i := range c.blocks {
		c.blocks[i].off = -1
	}
	return c
}

// ReadAt implements io.ReaderAt.
func (c *blockCache) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= c.size {
		return 0, io.EOF
	}
	if len(p) > cacheBlocks/2*blockSize {
		// Larger than the cache is useful for: read it as it is.
		c.fetches++
		n, err := c.fetch(p, off)
		if err == nil && n < len(p) {
			err = io.EOF
		}
		return n, err
	}
	done := 0
	for done < len(p) && off+int64(done) < c.size {
		at := off + int64(done)
		b, err := c.block(at - at%blockSize)
		if err != nil {
			return done, err
		}
		k := copy(p[done:], b[at%blockSize:])
		if k == 0 {
			break
		}
		done += k
	}
	if done < len(p) {
		return done, io.EOF
	}
	return done, nil
}

// block returns the block at off (a multiple of blockSize), fetching it
// into the least recently used slot when it is not kept.
func (c *blockCache) block(off int64) ([]byte, error) {
	c.clock++
	lru := 0
	for i := range c.blocks {
		b := &c.blocks[i]
		if b.off == off {
			b.used = c.clock
			return b.b, nil
		}
		if b.used < c.blocks[lru].used {
			lru = i
		}
	}
	b := &c.blocks[lru]
	if b.b == nil {
		b.b = make([]byte, blockSize)
	}
	c.fetches++
	n, err := c.fetch(b.b[:blockSize], off)
	if err != nil && err != io.EOF {
		b.off = -1
		return nil, err
	}
	b.b, b.off, b.used = b.b[:n], off, c.clock
	return b.b, nil
}
