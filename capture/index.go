package capture

import (
	"io"
	"strings"

	"github.com/wsframe/wsframe/decoder"
)

// DecodeIndexed decodes a capture into ix (see decoder.Index) rather than
// into the result's lists, so that memory follows the number of frames in
// small records, not the bytes read. open returns a reader from the
// capture's first byte (it is called again to read a compressed capture
// again); at reads the file itself. The returned result holds the
// connections and errors; frames and messages are read from ix.
func DecodeIndexed(open func() io.Reader, at io.ReaderAt, size int64, opts decoder.Options, ix *decoder.Index, progress func(done int64)) *decoder.Result {
	opts.Index = ix
	r := DecodeWith(open(), size, opts, Limits{}, progress)
	if strings.HasSuffix(r.Input.Format, "+gzip") || r.Input.Format == "gzip" {
		ix.SetSource(&gzipReaderAt{open: open, limit: Limits{}.maxDecompressed()})
	} else {
		ix.SetSource(at)
	}
	return r
}

// gzipReaderAt reads a gzip-compressed capture at offsets of its inflated
// bytes, by inflating it again: forward from where the last read ended, or
// from the start for an earlier offset.
type gzipReaderAt struct {
	open  func() io.Reader
	limit int64
	r     io.Reader
	pos   int64
}

func (g *gzipReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if g.r == nil || off < g.pos {
		r, err := newGzipReader(g.open(), g.limit)
		if err != nil {
			return 0, err
		}
		g.r, g.pos = r, 0
	}
	if off > g.pos {
		n, err := io.CopyN(io.Discard, g.r, off-g.pos)
		g.pos += n
		if err != nil {
			return 0, err
		}
	}
	n, err := io.ReadFull(g.r, p)
	g.pos += int64(n)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}
