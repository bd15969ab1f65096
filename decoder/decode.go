package decoder

import (
	"bytes"

	"github.com/wsframe/wsframe/paste"
)

// Decode decodes pasted text: an optional HTTP handshake (request, response
// or both) followed by frames in any paste form package paste knows. A pasted
// handshake that negotiated compression is applied to the frames by itself;
// otherwise opts.Extension is.
func Decode(text []byte, opts Options) *Result {
	req, resp, rest, restOffset := paste.SplitHandshake(text)
	data, in, errs := ParseInput(rest, opts.Format)
	in.TextBytes = len(text)
	s := NewSession(in, opts)
	for _, e := range errs {
		e.Offset += int64(restOffset)
		s.AddError(e)
	}
	if restOffset > 0 {
		paste.Place(text, s.res.Errors)
	}
	ext := opts.Extension
	if req != nil || resp != nil {
		hs := ParseHandshake(req, resp)
		s.res.Handshake = hs
		if n := hs.Negotiated(); n != nil {
			ext = n
		}
	}
	if opts.Index != nil {
		opts.Index.SetSource(bytes.NewReader(data))
	}
	st := s.NewStream(-1, opts.From, ext, 0)
	st.Write(data, Mark{})
	st.Close(Mark{})
	return s.Result()
}

// ParseInput turns pasted text into bytes (paste.Parse) and describes it
// as the result's Input. format names the form (one of paste.Formats), or
// is empty to detect it.
func ParseInput(text []byte, format string) ([]byte, Input, []Error) {
	data, format, errs := paste.Parse(text, format)
	return data, Input{Kind: paste.Kind(format), Format: format, Bytes: int64(len(data)), TextBytes: len(text)}, errs
}

// DecodeBytes decodes raw frame bytes, back to back, as one stream.
func DecodeBytes(data []byte, in Input, opts Options) *Result {
	s := NewSession(in, opts)
	if opts.Index != nil {
		opts.Index.SetSource(bytes.NewReader(data))
	}
	st := s.NewStream(-1, opts.From, opts.Extension, 0)
	st.Write(data, Mark{})
	st.Close(Mark{})
	return s.Result()
}
