package capture

import (
	"compress/gzip"
	"fmt"
	"io"
)

// newGzipReader opens a gzip-compressed capture (RFC 1952; several members
// are read one after the other) and caps what it inflates to at limit bytes.
func newGzipReader(r io.Reader, limit int64) (io.Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	return &cappedReader{r: zr, left: limit, limit: limit}, nil
}

// cappedReader reads at most limit bytes from r and fails past them, so a
// small compressed file cannot inflate without end.
type cappedReader struct {
	r     io.Reader
	left  int64
	limit int64
}

// errTooBig is returned once a compressed capture inflates past its limit.
type errTooBig struct{ limit int64 }

func (e errTooBig) Error() string {
	return fmt.Sprintf("the compressed capture inflates to more than %d bytes, the limit (Limits.MaxDecompressed); what came before was read", e.limit)
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// Past the limit: fail only if there really is more.
		var one [1]byte
		if n, _ := c.r.Read(one[:]); n > 0 {
			return 0, errTooBig{c.limit}
		}
		return c.r.Read(p)
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("the gzip stream is corrupt: %w", err)
	}
	return n, err
}
