package inspect

import (
	"bytes"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/har"
	"github.com/wsframe/wsframe/paste"
)

// decodeHAR decodes a HAR file, or one HAR entry pasted as text.
func decodeHAR(data []byte, opts decoder.Options) *decoder.Result {
	in := decoder.Input{Kind: "har", Format: "har", TextBytes: len(data)}
	if !bytes.Contains(data[:min(len(data), 4096)], []byte(`"log"`)) {
		in.Format = "har-entry"
	}
	var r *decoder.Result
	if opts.Index != nil {
		// Into an index: its frames are built again from the text.
		r = har.DecodeIndexed(bytes.NewReader(data), bytes.NewReader(data), in, opts)
	} else {
		r = har.Decode(bytes.NewReader(data), in, opts)
	}
	paste.Place(data, r.Errors)
	return r
}
