package decoder

import "errors"

// Extension is a compression extension a connection negotiated:
// permessage-deflate (RFC 7692) or the older deflate-frame
// (x-webkit-deflate-frame) that compresses each frame by itself.
//
// STUB: the parser and the inflater are being written; see issue 5.
type Extension struct {
	Name                    string `json:"name"`
	ServerNoContextTakeover bool   `json:"server_no_context_takeover,omitempty"`
	ClientNoContextTakeover bool   `json:"client_no_context_takeover,omitempty"`
	ServerMaxWindowBits     int    `json:"server_max_window_bits,omitempty"`
	ClientMaxWindowBits     int    `json:"client_max_window_bits,omitempty"`
}

// PerMessage reports whether the extension compresses whole messages
// (permessage-deflate) rather than single frames (deflate-frame).
func (e *Extension) PerMessage() bool { return e.Name == "permessage-deflate" }

// ParseExtension reads the extension a server agreed to, from its
// Sec-WebSocket-Extensions answer (for example
// "permessage-deflate; client_max_window_bits=10"). It returns nil and no
// error when the answer names no compression extension.
func ParseExtension(answer string) (*Extension, error) {
	return nil, errors.New("not yet")
}

// DefaultInflateLimit is the default cap on the size of one inflated message.
const DefaultInflateLimit = 32 << 20

// Inflater inflates the compressed messages (or frames, under deflate-frame)
// of one direction of a connection, keeping the LZ77 window from one to the
// next unless the extension says no_context_takeover for that side.
type Inflater struct{}

// NewInflater returns an inflater for what from sends under e.
func NewInflater(e *Extension, from Side) *Inflater { return &Inflater{} }

// Inflate inflates one message's joined payload (permessage-deflate) or one
// frame's payload (deflate-frame), appending the 00 00 ff ff tail itself.
// It stops with an error once the output would pass limit bytes.
func (f *Inflater) Inflate(data []byte, limit int) ([]byte, error) {
	return nil, errors.New("not yet")
}
