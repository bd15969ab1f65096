//go:build !js || full

package main

import (
	"io"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/har"
)

// decodeHARStream decodes a HAR file read piece by piece, telling progress
// how many bytes have been read; into d.Index, when set, whose frames are
// then built again from the file through at as they are asked for.
func decodeHARStream(r io.Reader, at io.ReaderAt, d decoder.Options, progress func(int64)) *decoder.Result {
	pr := &progressReader{r: r, fn: progress}
	in := decoder.Input{Kind: "har", Format: "har"}
	var res *decoder.Result
	if d.Index != nil && at != nil {
		res = har.DecodeIndexed(pr, at, in, d)
	} else {
		res = har.Decode(pr, in, d)
	}
	if progress != nil {
		progress(pr.n)
	}
	return res
}

// progressReader reports how many bytes were read, every 4 MiB.
type progressReader struct {
	r    io.Reader
	fn   func(int64)
	n    int64
	last int64
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if p.fn != nil && p.n-p.last >= 4<<20 {
		p.last = p.n
		p.fn(p.n)
	}
	return n, err
}
