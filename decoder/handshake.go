package decoder

// Handshake is the opening handshake of one connection (RFC 6455 section 4)
// as the contract shows it.
//
// STUB: the full parser and its checks are being written; see issue 5.
type Handshake struct {
	Key         string `json:"key"`
	Accept      string `json:"accept"`
	AcceptValid bool   `json:"accept_valid"`
	Extensions  string `json:"extensions,omitempty"`
	Subprotocol string `json:"subprotocol,omitempty"`
}

// ParseHandshake reads a client's opening request and the server's response
// (either may be nil when the capture lacks it) and checks both against
// RFC 6455 section 4.
func ParseHandshake(request, response []byte) *Handshake {
	return &Handshake{}
}

// Negotiated returns the compression extension the server agreed to, or nil.
func (h *Handshake) Negotiated() *Extension {
	return nil
}

// SplitPaste separates pasted HTTP handshake text (a request, a response or
// both, as copied from Wireshark's Follow TCP Stream, DevTools or curl -v)
// from what follows it. rest starts at byte restOffset of text. When text
// has no handshake, request and response are nil and rest is text.
func SplitPaste(text []byte) (request, response, rest []byte, restOffset int) {
	return nil, nil, text, 0
}
