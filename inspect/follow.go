package inspect

import (
	"github.com/wsframe/wsframe/decoder"

	"github.com/wsframe/wsframe/paste"
)

// decodeFollow decodes a Follow TCP Stream (hex dump or raw) pasted as
// text: both directions in order, the handshake found at their starts.
// Into a sink or an index, which copy what they keep (as from a capture's
// packets, read into a buffer used again), the text is read twice a line
// at a time (paste.FollowPieces) and no list of its segments is made:
// -stats on 18 MB of text held 33 MB of segments beside it. A result
// that keeps its frames points into their bytes, so it reads them whole.
func decodeFollow(text []byte, opts decoder.Options) *decoder.Result {
	in := decoder.Input{Kind: "hex", TextBytes: len(text)}
	var errs []decoder.Error
	if opts.Sink == nil && opts.Index == nil {
		var c *paste.Conversation
		c, errs = paste.ParseFollow(text)
		in.Format = c.Format
		for _, s := range c.Segments {
			in.Bytes += int64(len(s.Data))
		}
		r := decoder.DecodeConversation(c, in, opts)
		r.Errors = append(append([]decoder.Error{}, errs...), r.Errors...) // never null in JSON
		return r
	}
	first := true
	read := func(each func(node int, b []byte)) [2]string {
		format, nodes, e := paste.FollowPieces(text, func(node int, b []byte) {
			if first {
				in.Bytes += int64(len(b))
			}
			each(node, b)
		})
		if first {
			in.Format, errs = format, e
		}
		first = false
		return nodes
	}
	r := decoder.DecodeConversationPieces(read, &in, opts)
	r.Errors = append(append([]decoder.Error{}, errs...), r.Errors...) // never null in JSON
	return r
}
