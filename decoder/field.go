package decoder

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Field is one field of a frame as RFC 6455 section 5.2 draws it: where its
// bits are, what they hold and what that means. One table of fields drives
// the page's bit diagram, the hex view's colours and the terminal diagram.
type Field struct {
	// Name keys the field by Wireshark's filter name (websocket.fin,
	// websocket.masking_key, ...); the three RSV bits, which Wireshark shows
	// as one field websocket.rsv, are websocket.rsv1 to websocket.rsv3.
	Name string `json:"name"`
	// Filter is a Wireshark display filter that shows the field.
	Filter string `json:"filter"`
	// Label is the field's name in the RFC's diagram.
	Label     string `json:"label"`
	BitOffset int    `json:"bit_offset"` // from the frame's first bit
	BitLength int    `json:"bit_length"`
	// Bits is the field's raw bits as 0 and 1, for fields of up to 64 bits.
	Bits string `json:"bits,omitempty"`
	// Value is the decoded value ("1", "9539ffdd"); Display says it in
	// words ("True", "Text (1)").
	Value   string `json:"value"`
	Display string `json:"display"`
	Meaning string `json:"meaning"`
}

// Wire returns frame f as it was on the wire: the header, then at most
// limit bytes of the payload, masked again with its key. A negative limit
// means the whole payload.
func Wire(f *Frame, limit int) []byte {
	p := f.Payload
	if limit >= 0 && len(p) > limit {
		p = p[:limit]
	}
	out := appendHeader(make([]byte, 0, f.HeaderLength+len(p)), f)
	out = append(out, p...)
	if f.Masked && len(f.MaskKey) == 4 {
		body := out[f.HeaderLength:]
		mask(body, body, [4]byte(f.MaskKey), 0)
	}
	return out
}

// Fields lists the fields of frame f in wire order. compressed says whether
// RSV1 marks a compressed message (a compression extension was negotiated).
func Fields(f *Frame, compressed bool) []Field {
	head := appendHeader(nil, f)
	bits := func(off, n int) string {
		var b strings.Builder
		for i := off; i < off+n; i++ {
			if head[i/8]&(0x80>>(i%8)) != 0 {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		return b.String()
	}
	flag := func(name, filter, label string, off int, on bool, yes, no string) Field {
		fl := Field{Name: name, Filter: filter, Label: label, BitOffset: off, BitLength: 1, Bits: bits(off, 1), Value: "0", Display: "False", Meaning: no}
		if on {
			fl.Value, fl.Display, fl.Meaning = "1", "True", yes
		}
		return fl
	}
	rsv := func(n int, on bool) Field {
		name := fmt.Sprintf("websocket.rsv%d", n)
		filter := fmt.Sprintf("websocket.rsv & %d", 1<<(3-n))
		no := "reserved for extensions; 0 unless one gives it a meaning"
		yes := "set, but no negotiated extension gives it a meaning: a protocol error"
		if n == 1 && compressed {
			filter = "websocket.pmc"
			no = "not compressed (permessage-deflate marks compressed messages here)"
			yes = "compressed: the message's payload is DEFLATE data (permessage-deflate)"
		}
		return flag(name, filter, fmt.Sprintf("RSV%d", n), n, on, yes, no)
	}
	fields := []Field{
		flag("websocket.fin", "websocket.fin", "FIN", 0, f.Fin,
			"final fragment: this frame ends its message",
			"more fragments of this message follow"),
		rsv(1, f.Rsv1), rsv(2, f.Rsv2), rsv(3, f.Rsv3),
		{Name: "websocket.opcode", Filter: "websocket.opcode", Label: "opcode", BitOffset: 4, BitLength: 4, Bits: bits(4, 4),
			Value: strconv.Itoa(int(f.Opcode)), Display: fmt.Sprintf("%s (%d)", f.Opcode, f.Opcode), Meaning: opcodeMeaning(f.Opcode)},
		flag("websocket.mask", "websocket.mask", "MASK", 8, f.Masked,
			"masked: the payload is XORed with the masking key (clients must mask)",
			"not masked: the payload is sent as it is (servers never mask)"),
	}
	len7 := int(head[1] & maskLen7)
	lf := Field{Name: "websocket.payload_length", Filter: "websocket.payload_length", Label: "Payload len", BitOffset: 9, BitLength: 7,
		Bits: bits(9, 7), Value: strconv.Itoa(len7), Display: strconv.Itoa(len7)}
	switch f.LengthBits {
	case 16:
		lf.Meaning = "126: the length is in the next 16 bits"
	case 64:
		lf.Meaning = "127: the length is in the next 64 bits"
	default:
		lf.Meaning = fmt.Sprintf("the payload is %d bytes", len7)
	}
	fields = append(fields, lf)
	off := 16
	if f.LengthBits > 7 {
		name := fmt.Sprintf("websocket.payload_length_ext_%d", f.LengthBits)
		v := strconv.FormatUint(f.PayloadLength, 10)
		fields = append(fields, Field{Name: name, Filter: name, Label: "Extended payload length", BitOffset: off, BitLength: f.LengthBits,
			Bits: bits(off, f.LengthBits), Value: v, Display: v, Meaning: fmt.Sprintf("the payload is %s bytes (%d-bit unsigned, network byte order)", v, f.LengthBits)})
		off += f.LengthBits
	}
	if f.Masked {
		k := hex.EncodeToString(f.MaskKey)
		fields = append(fields, Field{Name: "websocket.masking_key", Filter: "websocket.masking_key", Label: "Masking-key", BitOffset: off, BitLength: 32,
			Bits: bits(off, 32), Value: k, Display: spacedHex(f.MaskKey),
			Meaning: "payload byte i is XORed with key byte i MOD 4"})
		off += 32
	}
	if f.Opcode == OpClose && len(f.Payload) >= 2 && f.Missing == 0 {
		return append(fields, closeFields(f, off)...)
	}
	pl := Field{Name: "websocket.payload", Filter: "websocket.payload", Label: "Payload Data", BitOffset: off,
		BitLength: 8 * len(f.Payload), Value: previewHex(f.Payload, 16), Display: fmt.Sprintf("%d bytes", f.PayloadLength)}
	pl.Meaning = fmt.Sprintf("%d bytes of %s payload", f.PayloadLength, f.Opcode)
	if f.Masked {
		pl.Filter = "websocket.masked_payload"
		pl.Meaning += ", masked on the wire"
	}
	if f.Missing > 0 {
		pl.Meaning += fmt.Sprintf("; %d bytes are missing", f.Missing)
	}
	return append(fields, pl)
}

// closeFields splits a close frame's payload (RFC 6455 section 5.5.1) into
// its two parts, named as Wireshark names them: the 2-byte status code and
// the reason, which is UTF-8. They take the place of websocket.payload.
// Bits are as on the wire (masked, for a client's frame); Value and
// Display are the unmasked code and reason.
func closeFields(f *Frame, off int) []Field {
	p := f.Payload
	code := int(p[0])<<8 | int(p[1])
	name := closeCodeName(code)
	wire := Wire(f, 2)[f.HeaderLength:]
	var bits strings.Builder
	for _, c := range wire {
		fmt.Fprintf(&bits, "%08b", c)
	}
	cf := Field{Name: "websocket.payload.close.status_code", Filter: "websocket.payload.close.status_code", Label: "Status code",
		BitOffset: off, BitLength: 16, Bits: bits.String(), Value: strconv.Itoa(code), Display: fmt.Sprintf("%d %s", code, name),
		Meaning: fmt.Sprintf("why the connection closes: %d, %s (RFC 6455 section 7.4)", code, name)}
	if !closeCodeSendable(code) {
		cf.Meaning += "; this code must not be sent in a close frame"
	}
	if f.Masked {
		cf.Meaning += ", masked on the wire"
	}
	out := []Field{cf}
	reason := p[2:]
	if len(reason) == 0 {
		return out
	}
	rf := Field{Name: "websocket.payload.close.reason", Filter: "websocket.payload.close.reason", Label: "Reason",
		BitOffset: off + 16, BitLength: 8 * len(reason), Display: fmt.Sprintf("%d bytes", len(reason))}
	if utf8.Valid(reason) {
		rf.Value = quoteText(reason)
		rf.Meaning = fmt.Sprintf("the reason, %d bytes of UTF-8 text for people, not for programs", len(reason))
	} else {
		rf.Value = previewHex(reason, 16)
		rf.Meaning = fmt.Sprintf("the reason must be UTF-8 text; byte %d of it is not", firstInvalidUTF8(reason))
	}
	if f.Masked {
		rf.Meaning += ", masked on the wire"
	}
	return append(out, rf)
}

// quoteText writes valid UTF-8 text in double quotes with the characters a
// terminal or a page could misread escaped as \uXXXX (controls, C1,
// bidirectional and zero-width marks) and '"' and '\' escaped; other
// characters, Japanese say, stay as they are. (strconv.QuoteToGraphic
// would do it, at the price of the unicode tables in the wasm.)
func quoteText(b []byte) string {
	var s strings.Builder
	s.WriteByte('"')
	for _, r := range string(b) {
		switch {
		case r == '"' || r == '\\':
			s.WriteByte('\\')
			s.WriteRune(r)
		case r < 0x20 || r >= 0x7f && r < 0xa0 || r >= 0x200b && r <= 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0xfeff:
			fmt.Fprintf(&s, "\\u%04x", r)
		default:
			s.WriteRune(r)
		}
	}
	s.WriteByte('"')
	return s.String()
}

func opcodeMeaning(o Opcode) string {
	switch o {
	case OpContinuation:
		return "continues the fragmented message that a text or binary frame opened"
	case OpText:
		return "a text message (UTF-8) starts here"
	case OpBinary:
		return "a binary message starts here"
	case OpClose:
		return "close: the sender starts the closing handshake"
	case OpPing:
		return "ping: the peer must answer with a pong"
	case OpPong:
		return "pong: the answer to a ping, or a heartbeat"
	}
	if o.IsControl() {
		return "a reserved control opcode: no endpoint may send it"
	}
	return "a reserved data opcode: no endpoint may send it"
}

func spacedHex(b []byte) string {
	var s strings.Builder
	for i, c := range b {
		if i > 0 {
			s.WriteByte(' ')
		}
		s.WriteString(hex.EncodeToString([]byte{c}))
	}
	return s.String()
}

// previewHex writes the first n bytes of b as spaced hex, then "…" if more follow.
func previewHex(b []byte, n int) string {
	if len(b) <= n {
		return spacedHex(b)
	}
	return spacedHex(b[:n]) + " …"
}
