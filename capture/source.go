package capture

import (
	"errors"
	"io"
)

// source hands out the bytes of a capture file in pieces, from memory or
// from a reader. A slice it returns stays valid until the next call.
//
// From memory it returns sub-slices of the file and copies nothing. From a
// reader it keeps a window that grows only as far as the bytes it really
// holds (doubling, with a floor), so a length field that lies can never make
// it allocate more than about twice what the file actually contains.
type source struct {
	r    io.Reader
	buf  []byte // buf[pos:end] holds unread bytes
	pos  int
	end  int
	off  int64 // file offset of buf[pos]
	eof  bool
	err  error // read error other than io.EOF
	size int64 // total size when known, else -1
}

const sourceChunk = 1 << 20

func newMemorySource(b []byte) *source {
	return &source{buf: b, end: len(b), eof: true, size: int64(len(b))}
}

func newReaderSource(r io.Reader, size int64) *source {
	return &source{r: r, size: size}
}

// chunk is the least the window grows by: larger for a large file, since
// in the page every Read is a FileReaderSync call with a cost of its own
// (reading 120 MB took 1.8 s in 1 MiB calls, 1.2 s in 4 MiB ones).
func (s *source) chunk() int {
	if s.size > 16*sourceChunk {
		return 4 * sourceChunk
	}
	return sourceChunk
}

// fill tries to have n unread bytes buffered and reports how many there are.
func (s *source) fill(n int) int {
	for s.end-s.pos < n && !s.eof {
		if s.pos > 0 && len(s.buf)-s.pos < n {
			// Move the unread bytes to the front before growing.
			copy(s.buf, s.buf[s.pos:s.end])
			s.end -= s.pos
			s.pos = 0
		}
		if s.end == len(s.buf) {
			// Grow by what is held, not by what was asked for.
			grow := max(s.chunk(), len(s.buf))
			nb := make([]byte, len(s.buf)+grow)
			copy(nb, s.buf[:s.end])
			s.buf = nb
		}
		m, err := s.r.Read(s.buf[s.end:])
		s.end += m
		if err != nil {
			s.eof = true
			if !errors.Is(err, io.EOF) {
				s.err = err
			}
		}
	}
	return s.end - s.pos
}

// peek returns up to n unread bytes without consuming them.
func (s *source) peek(n int) []byte {
	have := s.fill(n)
	return s.buf[s.pos : s.pos+min(n, have)]
}

// next consumes and returns exactly n bytes, or returns what is left and
// false when the file ends first. Bytes already buffered (a packet's,
// nearly always) are handed out without a call, which in the wasm costs
// more than the slicing.
func (s *source) next(n int) ([]byte, bool) {
	if n <= s.end-s.pos && n >= 0 {
		b := s.buf[s.pos:][:n:n]
		s.pos += n
		s.off += int64(n)
		return b, true
	}
	return s.fillNext(n)
}

// fillNext is next when the bytes are not all buffered yet.
func (s *source) fillNext(n int) ([]byte, bool) {
	have := s.fill(n)
	if have < n {
		b := s.buf[s.pos:s.end]
		s.off += int64(have)
		s.pos = s.end
		return b, false
	}
	b := s.buf[s.pos : s.pos+n : s.pos+n]
	s.pos += n
	s.off += int64(n)
	return b, true
}

// remaining returns how many bytes are left when the size is known, else -1.
func (s *source) remaining() int64 {
	if s.size < 0 {
		return -1
	}
	return s.size - s.off
}

// atEOF reports whether every byte has been consumed.
func (s *source) atEOF() bool { return s.pos == s.end && s.fill(1) == 0 }
