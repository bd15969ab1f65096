package build

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
)

// Spec describes one message to build, or one single frame. Every field is
// optional but the payload (one of Text, Hex and Close). Pointers tell
// "not given" (a default applies) from a value given on purpose.
type Spec struct {
	// From is "client" (the default) or "server". It decides whether the
	// frames are masked by default and which side's permessage-deflate
	// parameters apply.
	From string `json:"from,omitempty"`

	// Fin is the FIN bit of the message's last frame (default 1; the
	// fragments before it always have FIN 0). Rsv1-Rsv3 are the RSV bits of
	// the first frame; by default RSV1 is set when the message is
	// compressed, and the others are 0.
	Fin  *bool `json:"fin,omitempty"`
	Rsv1 *bool `json:"rsv1,omitempty"`
	Rsv2 *bool `json:"rsv2,omitempty"`
	Rsv3 *bool `json:"rsv3,omitempty"`

	// Opcode is the first frame's opcode, 0 to 15. By default: 1 (text) for
	// Text, 2 (binary) for Hex, 8 (close) for Close.
	Opcode *int `json:"opcode,omitempty"`

	// Mask says whether frames are masked (default: when From is client).
	// MaskKey is the masking key as 8 hex digits; empty or "random" picks
	// a fresh random key for every frame.
	Mask    *bool  `json:"mask,omitempty"`
	MaskKey string `json:"mask_key,omitempty"`

	// The payload: text as UTF-8, bytes as hex (spaces and colons allowed),
	// or a close frame's status code and reason.
	Text  *string `json:"text,omitempty"`
	Hex   *string `json:"hex,omitempty"`
	Close *Close  `json:"close,omitempty"`

	// LengthBits is the length encoding: 7, 16 or 64 bits; 0 picks the
	// shortest, as RFC 6455 5.2 requires. A longer one than needed builds
	// the non-minimal form the RFC forbids.
	LengthBits int `json:"length_bits,omitempty"`
	// PayloadLength, when given, is written in the header in place of the
	// real length, to build a frame that lies about its size.
	PayloadLength *uint64 `json:"payload_length,omitempty"`

	// Fragment splits the message into frames carrying this many payload
	// bytes each (0: one frame).
	Fragment int `json:"fragment,omitempty"`
	// PingBetween inserts a ping after the first fragment: true for a
	// ping with no payload, or a string for the ping's text.
	PingBetween any `json:"ping_between,omitempty"`

	// Extension is the negotiated Sec-WebSocket-Extensions answer, e.g.
	// "permessage-deflate; client_no_context_takeover". Under
	// permessage-deflate text and binary messages are compressed.
	Extension string `json:"extension,omitempty"`
	// Compress overrides that: false sends the message uncompressed under
	// the extension, true compresses even a control frame (to show why
	// that is wrong).
	Compress *bool `json:"compress,omitempty"`
}

// Close is the payload of a close frame (RFC 6455 5.5.1): a status code,
// and a reason in UTF-8 that may only follow a code. A Close without a
// code builds an empty close payload.
type Close struct {
	Code   *int   `json:"code,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// payload returns the message's payload bytes and the default opcode.
func (s *Spec) payload() ([]byte, decoder.Opcode, error) {
	n := 0
	for _, given := range []bool{s.Text != nil, s.Hex != nil, s.Close != nil} {
		if given {
			n++
		}
	}
	switch {
	case n == 0:
		return nil, 0, msg.New("build.no-payload", "no payload: give text, hex or close")
	case n > 1:
		return nil, 0, msg.New("build.payloads", "give one payload: text, hex or close, not {n} of them", "n", n)
	case s.Text != nil:
		return []byte(*s.Text), decoder.OpText, nil
	case s.Hex != nil:
		b, err := ParseHex(*s.Hex)
		if err != nil {
			return nil, 0, msg.New("build.hex", "hex: {problem}", "problem", textOf(err))
		}
		return b, decoder.OpBinary, nil
	}
	c := s.Close
	if c.Code == nil {
		if c.Reason != "" {
			return nil, 0, msg.New("build.close.reason", "close: a reason needs a code before it (RFC 6455 5.5.1)")
		}
		return []byte{}, decoder.OpClose, nil
	}
	if *c.Code < 0 || *c.Code > 0xFFFF {
		return nil, 0, msg.New("build.close.code", "close: code {code} does not fit in 16 bits", "code", *c.Code)
	}
	b := []byte{byte(*c.Code >> 8), byte(*c.Code)}
	return append(b, c.Reason...), decoder.OpClose, nil
}

// ParseHex reads bytes written as hex digits, allowing spaces, line breaks,
// colons, dashes and commas between bytes and 0x prefixes. An error says
// which character is wrong and where (1-based column).
func ParseHex(s string) ([]byte, error) {
	out := make([]byte, 0, len(s)/2)
	half := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == '-' || c == ',':
			if half >= 0 {
				return nil, msg.New("build.hex.half", "column {column}: a byte needs two hex digits, {digit} has one", "column", i, "digit", strconv.Quote(s[i-1:i]))
			}
			continue
		case (c == 'x' || c == 'X') && half == 0 && i > 0 && s[i-1] == '0':
			half = -1
			continue
		default:
			return nil, msg.New("build.hex.digit", "column {column}: {char} is not a hex digit", "column", i+1, "char", strconv.Quote(string(rune(c))))
		}
		if half < 0 {
			half = v
		} else {
			out = append(out, byte(half<<4|v))
			half = -1
		}
	}
	if half >= 0 {
		return nil, msg.New("build.hex.last", "column {column}: the last byte has one hex digit", "column", len(s))
	}
	return out, nil
}

// side returns the sending side.
func (s *Spec) side() (decoder.Side, error) {
	switch strings.ToLower(s.From) {
	case "", "client":
		return decoder.Client, nil
	case "server":
		return decoder.Server, nil
	}
	return "", msg.New("build.from", "from is {from}; use \"client\" or \"server\"", "from", strconv.Quote(s.From))
}

// key returns the fixed masking key, or ok == false for a random one.
func (s *Spec) key() (key [4]byte, fixed bool, err error) {
	k := strings.TrimSpace(s.MaskKey)
	if k == "" || strings.EqualFold(k, "random") {
		return key, false, nil
	}
	b, err := ParseHex(k)
	if err != nil {
		return key, false, msg.New("build.key", "mask_key: {problem}", "problem", textOf(err))
	}
	if len(b) != 4 {
		return key, false, msg.New("build.key.length", "mask_key: a masking key is 4 bytes (8 hex digits), this one is {n}", "n", len(b))
	}
	copy(key[:], b)
	return key, true, nil
}

// ping returns the payload of the ping to put between fragments, if any.
func (s *Spec) ping() (payload []byte, ok bool, err error) {
	switch v := s.PingBetween.(type) {
	case nil:
		return nil, false, nil
	case bool:
		return []byte{}, v, nil
	case string:
		return []byte(v), true, nil
	}
	return nil, false, fmt.Errorf("ping_between is %v; use true, false or the ping's text", s.PingBetween)
}

func or(p *bool, def bool) bool {
	if p == nil {
		return def
	}
	return *p
}
