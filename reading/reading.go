// Package reading reads what a WebSocket message says in the application
// protocol it carries: Socket.IO (0.9 to 4), MQTT 3.1.1 and 5, GraphQL over
// WebSocket (graphql-transport-ws and graphql-ws), STOMP 1.0-1.2, SignalR
// (JSON and MessagePack hub protocols), and the encodings that ride in
// messages: MessagePack, CBOR, JSON, gzip and zlib.
//
// Every reading has one shape (Reading): a protocol name, a one-line
// summary, the decoded value as JSON where the payload is a serialization,
// and a tree of named fields with their byte ranges in the payload, which
// the page links to its hex view. A reader never panics and does work
// linear in its input with bounded depth; input it cannot read gives a
// reading with an Error at its byte offset, as far as it got.
//
// The package is pure Go and knows nothing of frames: the decoder calls
// Read with a message's bytes, its opcode and a Context (the negotiated
// subprotocol, the request path, the user's override).
package reading

import (
	"strconv"

	"github.com/wsframe/wsframe/internal/msg"
)

// Reading is what one message (or one MQTT packet) says.
type Reading struct {
	// Protocol is a stable name: "socket.io", "engine.io", "mqtt",
	// "graphql-transport-ws", "graphql-ws", "stomp", "signalr", "msgpack",
	// "cbor", "json", "gzip", "zlib".
	Protocol string `json:"protocol"`
	// Summary is one line a person reads in a list.
	Summary string `json:"summary"`
	// Say is Summary in pieces: words with an id, said in the page's
	// language, and literals (keywords, values from the input), absent
	// for a reader whose summary has no words of its own.
	Say []msg.Text `json:"say,omitempty"`
	// Value is the decoded data as JSON, where the payload is a
	// serialization (MessagePack, CBOR, JSON) or carries one.
	Value JSON `json:"value,omitempty"`
	// Fields are the named parts of the payload, with their byte ranges.
	Fields []Field `json:"fields,omitempty"`
	// Error says where the payload stops reading as Protocol, if it does.
	Error *Error `json:"error,omitempty"`
	// By says how the protocol was chosen: "override", "subprotocol",
	// "path" or "content".
	By string `json:"by,omitempty"`
	// Cut is set when the field tree was cut at MaxFields parts.
	Cut bool `json:"cut,omitempty"`
	// Inner is the reading of what a gzip or zlib payload inflates to;
	// its fields count bytes in the inflated data.
	Inner *Reading `json:"inner,omitempty"`
}

// Field is one named part of a payload: bytes Start up to End (offsets in
// the payload read; for Inner readings, in the inflated bytes), its value
// in a few words, and its own parts.
type Field struct {
	Name  string `json:"name"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Value string `json:"value,omitempty"`
	// Say is Value in pieces, where it has words of its own (as Reading.Say).
	Say    []msg.Text `json:"say,omitempty"`
	Fields []Field    `json:"fields,omitempty"`
}

// Error is where and why a payload stops reading as its protocol.
type Error struct {
	Offset  int    `json:"offset"`
	Message string `json:"message"`
	// ID and Params name Message's sentence for the page's words
	// (internal/msg); absent for a message without an id yet.
	ID     string     `json:"id,omitempty"`
	Params msg.Params `json:"params,omitempty"`
}

// errAt is the error m at byte off.
func errAt(off int, m msg.Text) *Error {
	return &Error{Offset: off, Message: m.Message, ID: m.ID, Params: m.Params}
}

func (e *Error) Error() string { return "byte " + strconv.Itoa(e.Offset) + ": " + e.Message }

// Text is the error with its place, as a sentence.
func (e *Error) Text() msg.Text {
	return msg.New("rd.error", "byte {offset}: {why}", "offset", e.Offset, "why", msg.Text{ID: e.ID, Params: e.Params, Message: e.Message})
}

// JSON is JSON text, written as it is into a result.
type JSON []byte

// MarshalJSON returns j itself.
func (j JSON) MarshalJSON() ([]byte, error) {
	if len(j) == 0 {
		return []byte("null"), nil
	}
	return j, nil
}

// AppendJSON appends j to b.
func (j JSON) AppendJSON(b []byte) []byte {
	if len(j) == 0 {
		return append(b, "null"...)
	}
	return append(b, j...)
}

// Limits on what one reading holds, whatever its input.
const (
	// MaxDepth is the deepest nesting a reader follows.
	MaxDepth = 64
	// MaxFields is the most fields one reading lists; the value is still
	// complete.
	MaxFields = 4096
	// MaxSummary is the longest summary, in bytes.
	MaxSummary = 160
)

// Opcodes of the messages a reader is given (RFC 6455 5.2).
const (
	Text   = 1
	Binary = 2
)

// Context is what is known of a message besides its bytes.
type Context struct {
	// Opcode is the message's: Text or Binary (others are not read).
	Opcode int
	// Subprotocol is the negotiated Sec-WebSocket-Protocol, if any.
	Subprotocol string
	// Path is the request-target of the opening handshake, if seen.
	Path string
	// Override names the protocol to read with ("none" reads nothing);
	// empty or "auto" chooses by subprotocol, path and content.
	Override string
	// InflateLimit caps what gzip and zlib payloads inflate to.
	InflateLimit int
	// Budget, when set, is what the readings of one answer may inflate
	// in all, shared by them (a list of a hundred messages that each
	// inflate to 31 MiB stops inflating after the budget); nil for a
	// message read on its own.
	Budget *Budget
	// FromServer is true for the server's messages (GraphQL and SignalR
	// name some messages by who sent them).
	FromServer bool
}

// Valid reports whether name is a protocol, "auto", "none" or empty.
func Valid(name string) bool {
	if name == "" || name == "auto" || name == "none" {
		return true
	}
	for _, p := range Protocols {
		if p == name {
			return true
		}
	}
	return false
}

// Choose returns the protocol a connection's messages are read with and
// how it was chosen, or "" when only the content can tell (message by
// message): the override first, then the negotiated subprotocol, then the
// request path.
func Choose(c Context) (protocol, by string) {
	if c.Override != "" && c.Override != "auto" {
		return c.Override, "override"
	}
	if p := bySubprotocol(c.Subprotocol); p != "" {
		return p, "subprotocol"
	}
	if p := byPath(c.Path); p != "" {
		return p, "path"
	}
	return "", ""
}

// asciiLower trims the spaces and tabs around s and lowers its ASCII
// letters: a subprotocol is an RFC 2616 token, ASCII only (RFC 6455 4.1),
// so no Unicode tables are needed.
func asciiLower(s string) string {
	for s != "" && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Read reads one message's payload. It returns nil when nothing reads it:
// an override of "none", a control frame, or content that parses
// completely as no format.
func Read(b []byte, c Context) *Reading {
	if c.Opcode != Text && c.Opcode != Binary {
		return nil
	}
	p, by := Choose(c)
	if p == "none" {
		return nil
	}
	var r *Reading
	if p == "" {
		r = byContent(b, c)
		by = "content"
	} else {
		r = readAs(p, b, c)
	}
	if r != nil {
		r.By = by
		r.Summary = clip(r.Summary)
	}
	return r
}

// readAs reads b as protocol p, with its row of the table.
func readAs(p string, b []byte, c Context) *Reading {
	if r, ok := readers(p); ok {
		return r.read(p, b, c)
	}
	return &Reading{Protocol: p, Summary: "unknown protocol " + p, Error: errAt(0, msg.New("rd.no-reader", "no reader for {protocol}", "protocol", p))}
}

// byContent chooses a reading from the content alone. The rule: a payload
// is read as a format only when it parses completely, to its last byte,
// as that format, and only as formats that say what they are:
//
//   - text: STOMP (a command line, headers, a NUL at the end), SignalR
//     (JSON records each ending in 0x1E), or JSON whose top is an object or
//     array (a bare number or string is too weak a sign);
//   - binary: gzip (its magic 1f 8b 08) and zlib (a valid two-byte header)
//     when they inflate completely; MessagePack and CBOR when the top item
//     is a map, array (or a CBOR tag) and ends exactly at the last byte.
//     If both MessagePack and CBOR read a payload, neither is chosen.
//
// What it tries is gated by contentClaims, the cheap test Claims gives to
// programs without the readers.
func byContent(b []byte, c Context) *Reading {
	if !contentClaims(b, c.Opcode == Text) {
		return nil
	}
	if c.Opcode == Text {
		switch {
		case b[len(b)-1] == 0x1e:
			if r := readSignalR(b, c); r.Error == nil {
				return r
			}
		case looksSTOMP(b):
			if r := readSTOMP(b); r.Error == nil {
				return r
			}
		case b[0] == '{' || b[0] == '[' || b[0] == ' ' || b[0] == '\n':
			if r := readJSON(b); r.Error == nil && (r.Value[0] == '{' || r.Value[0] == '[') {
				return r
			}
		}
		return nil
	}
	// A compressed payload past the decode's inflation budget is kept
	// too: its row says it was not inflated there.
	if gzipMagic(b) {
		if r := readCompressed("gzip", b, c); r.Error == nil || r.Error.ID == budgetSpent {
			return r
		}
		return nil
	}
	if zlibHeader(b) {
		if r := readCompressed("zlib", b, c); r.Error == nil || r.Error.ID == budgetSpent {
			return r
		}
	}
	var mp, cb *Reading
	if msgpackContainer(b[0]) {
		if r := readMsgpack(b); r.Error == nil {
			mp = r
		}
	}
	if cborContainer(b[0]) {
		if r := readCBOR(b); r.Error == nil {
			cb = r
		}
	}
	switch {
	case mp != nil && cb == nil:
		return mp
	case cb != nil && mp == nil:
		return cb
	}
	return nil
}

// clip cuts a summary to MaxSummary bytes on a rune boundary and makes
// control characters visible.
func clip(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		if len(out) > MaxSummary-4 {
			for len(out) > 0 && out[len(out)-1]&0xc0 == 0x80 {
				out = out[:len(out)-1]
			}
			if len(out) > 0 && out[len(out)-1] >= 0xc0 {
				out = out[:len(out)-1]
			}
			return string(out) + "…"
		}
		c := s[i]
		switch {
		case c == '\n':
			out = append(out, `\n`...)
		case c == '\r':
			out = append(out, `\r`...)
		case c == '\t':
			out = append(out, ' ')
		case c < 0x20 || c == 0x7f:
			out = append(out, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

const hexDigits = "0123456789abcdef"

// Brief returns r without its value and fields: what a list row needs.
func (r *Reading) Brief() *Reading {
	if r == nil {
		return nil
	}
	return &Reading{Protocol: r.Protocol, Summary: r.Summary, Say: r.Say, Error: r.Error, By: r.By}
}
