package build

import (
	"bytes"
	"compress/flate"
)

// deflater compresses the messages of one side under permessage-deflate
// (RFC 7692 7.2.1): each message is compressed and flushed to a byte
// boundary, and the 00 00 ff ff that the flush ends with is removed. Under
// context takeover one DEFLATE stream runs through all messages, so a
// later message may refer back into an earlier one; under
// no_context_takeover each message starts afresh.
type deflater struct {
	noTakeover bool
	w          *flate.Writer
	buf        bytes.Buffer
}

// syncTail is what a sync flush ends with and RFC 7692 7.2.1 removes.
var syncTail = []byte{0x00, 0x00, 0xff, 0xff}

// compress returns the payload of one compressed message.
func (d *deflater) compress(p []byte) []byte {
	d.buf.Reset()
	if d.w == nil {
		// NewWriter fails only for a bad level.
		d.w, _ = flate.NewWriter(&d.buf, flate.DefaultCompression)
	} else if d.noTakeover {
		d.w.Reset(&d.buf)
	}
	d.w.Write(p) // writes to a bytes.Buffer do not fail
	d.w.Flush()
	out := bytes.Clone(d.buf.Bytes())
	return bytes.TrimSuffix(out, syncTail)
}
