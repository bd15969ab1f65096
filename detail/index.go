package detail

import "github.com/wsframe/wsframe/decoder"

// FromIndex is FromResult for a capture read into an index (decoder.Index):
// frame i with its whole payload and its message are read again from the
// source, nothing else is materialized, and other frames' payloads are read
// when Build asks for them. r is the decode's result (its connections and
// handshake). The message's data is cut to maxMessage bytes (flagged
// data_truncated), or whole when maxMessage < 0.
func FromIndex(ix *decoder.Index, r *decoder.Result, i int, ext *decoder.Extension, maxMessage int) (*Source, error) {
	f, err := ix.Frame(i, -1)
	if err != nil {
		return nil, err
	}
	src := &Source{Frame: f, Handshake: r.Handshake, Extension: ext, Payload: func(j int) []byte {
		g, err := ix.Frame(j, -1)
		if err != nil {
			return nil
		}
		return g.Payload
	}}
	if f.Message >= 0 {
		if maxMessage < 0 {
			src.Message, err = ix.Message(f.Message)
		} else {
			src.Message, err = ix.MessagePreview(f.Message, maxMessage)
		}
		if err != nil {
			return nil, err
		}
	}
	if c := f.Connection; c != nil && *c < len(r.Connections) {
		src.Connection = &r.Connections[*c]
		src.Handshake = src.Connection.Handshake
		src.Extension = nil
	}
	return src, nil
}
