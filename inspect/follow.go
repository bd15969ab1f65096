package inspect

import (
	"github.com/wsframe/wsframe/decoder"

	"github.com/wsframe/wsframe/paste"
)

// decodeFollow decodes a Follow TCP Stream (hex dump or raw) pasted as
// text: both directions in order, the handshake found at their starts.
func decodeFollow(text []byte, opts decoder.Options) *decoder.Result {
	c, errs := paste.ParseFollow(text)
	in := decoder.Input{Kind: "hex", Format: c.Format, TextBytes: len(text)}
	for _, s := range c.Segments {
		in.Bytes += int64(len(s.Data))
	}
	r := decoder.DecodeConversation(c, in, opts)
	r.Errors = append(append([]decoder.Error{}, errs...), r.Errors...) // never null in JSON
	return r
}
