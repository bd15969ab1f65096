package filter

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
)

// Type is the type of a field's values, which says the operators and the
// literals a test on it takes.
type Type uint8

// The field types.
const (
	Bool   Type = iota // fin; fin == false
	Int                // len > 125; 0x7e also reads
	Number             // time >= 1.5 (seconds)
	String             // text contains "error"; matches "^a"
	Bytes              // payload contains 48:65 or "He"
	Opcode             // opcode == close, opcode == 8, opcode >= 8
	Dir                // dir == client
)

var typeNames = [...]string{Bool: "boolean", Int: "integer", Number: "number", String: "string", Bytes: "bytes", Opcode: "opcode", Dir: "direction"}

// String names the type, as docs/filters.md does.
func (t Type) String() string { return typeNames[t] }

// text names the type in a sentence: the page says it in its language.
func (t Type) text() msg.Text {
	switch t {
	case Bool:
		return msg.New("filter.type.boolean", "boolean")
	case Int:
		return msg.New("filter.type.integer", "integer")
	case Number:
		return msg.New("filter.type.number", "number")
	case String:
		return msg.New("filter.type.string", "string")
	case Bytes:
		return msg.New("filter.type.bytes", "bytes")
	case Opcode:
		return msg.New("filter.type.opcode", "opcode")
	}
	return msg.New("filter.type.direction", "direction")
}

// Cost says what a field reads to answer, cheapest first.
type Cost uint8

// The costs.
const (
	// Record: the frame's fixed record, no byte of the input.
	Record Cost = iota
	// Header: the frame's header, read again (a few bytes).
	Header
	// Payload: the frame's payload, read again.
	Payload
	// Message: the frame's message, joined and inflated again.
	Message
	// Reading: the message, read in its application protocol.
	Reading
)

var costNames = [...]string{Record: "record", Header: "header", Payload: "payload", Message: "message", Reading: "reading"}

// String names the cost, as docs/filters.md does.
func (c Cost) String() string { return costNames[c] }

// Field is one field of the filter language: its name, type and meaning,
// what answering it reads, and how to get its values from a frame.
type Field struct {
	Name string
	Type Type
	Cost Cost
	// Doc says what the field is, in a sentence.
	Doc string
	// Example is a filter that uses it.
	Example string
	// Protocols lists the application protocols whose readings give the
	// field (package reading's names); empty for the others.
	Protocols []string

	get getter
}

// getter gets a field's values from a frame; the one its type uses is set.
// Each returns ok false when the frame has no value for the field.
type getter struct {
	b func(v View) (val, ok bool)
	n func(v View) (val float64, ok bool)
	// s calls each with every value until each returns true, and reports
	// whether one did; a field with several values (violation ids, the
	// topics of several MQTT packets) gives them all.
	s  func(v View, each func(string) bool) bool
	by func(v View) (val []byte, ok bool)
}

// Fields returns the field table, in the order docs/filters.md lists it.
func Fields() []Field { return table }

// lookup finds a field by name.
func lookup(name string) *Field {
	for i := range table {
		if table[i].Name == name {
			return &table[i]
		}
	}
	return nil
}

func headBool(get func(h *decoder.Head) bool) getter {
	return getter{b: func(v View) (bool, bool) { return get(v.Head()), true }}
}

func headInt(get func(h *decoder.Head) (int, bool)) getter {
	return getter{n: func(v View) (float64, bool) {
		n, ok := get(v.Head())
		return float64(n), ok
	}}
}

// table is the one field table: the parser, the documentation and the
// page's completion list read it. Readings' fields follow, from
// readingFields.
var table = append([]Field{
	{Name: "frame", Type: Int, Cost: Record, Doc: "the frame's number, as the lists and -frame count them (from 0)", Example: "frame >= 100 and frame < 200",
		get: headInt(func(h *decoder.Head) (int, bool) { return h.Index, true })},
	{Name: "conn", Type: Int, Cost: Record, Doc: "the connection's number in a capture (absent for pasted frames)", Example: "conn == 2",
		get: headInt(func(h *decoder.Head) (int, bool) { return h.Connection, h.Connection >= 0 })},
	{Name: "dir", Type: Dir, Cost: Record, Doc: "who sent the frame: client or server", Example: "dir == server",
		get: getter{s: func(v View, each func(string) bool) bool {
			if v.Head().Server {
				return each(string(decoder.Server))
			}
			return each(string(decoder.Client))
		}}},
	{Name: "opcode", Type: Opcode, Cost: Record, Doc: "the opcode, by name (continuation, text, binary, close, ping, pong) or number (0 to 15)", Example: "opcode == close",
		get: headInt(func(h *decoder.Head) (int, bool) { return int(h.Opcode), true })},
	{Name: "control", Type: Bool, Cost: Record, Doc: "a control frame: opcode 8 or above (close, ping, pong, reserved)", Example: "not control",
		get: headBool(func(h *decoder.Head) bool { return h.Opcode.IsControl() })},
	{Name: "fin", Type: Bool, Cost: Record, Doc: "the FIN bit: the last frame of its message", Example: "not fin",
		get: headBool(func(h *decoder.Head) bool { return h.Fin })},
	{Name: "rsv1", Type: Bool, Cost: Record, Doc: "the RSV1 bit (a compressed message under permessage-deflate)", Example: "rsv1",
		get: headBool(func(h *decoder.Head) bool { return h.Rsv1 })},
	{Name: "rsv2", Type: Bool, Cost: Record, Doc: "the RSV2 bit", Example: "rsv2",
		get: headBool(func(h *decoder.Head) bool { return h.Rsv2 })},
	{Name: "rsv3", Type: Bool, Cost: Record, Doc: "the RSV3 bit", Example: "rsv3",
		get: headBool(func(h *decoder.Head) bool { return h.Rsv3 })},
	{Name: "masked", Type: Bool, Cost: Record, Doc: "the MASK bit: the payload is masked", Example: "dir == server and masked",
		get: headBool(func(h *decoder.Head) bool { return h.Masked })},
	{Name: "message", Type: Int, Cost: Record, Doc: "the number of the message the frame belongs to (absent when none)", Example: "message == 3",
		get: headInt(func(h *decoder.Head) (int, bool) { return h.Message, h.Message >= 0 })},
	{Name: "packet", Type: Int, Cost: Record, Doc: "the number of the captured packet that completed the frame, from 1 (absent for pasted frames)", Example: "packet == 12",
		get: headInt(func(h *decoder.Head) (int, bool) { return h.Packet, h.Packet > 0 })},
	{Name: "time", Type: Number, Cost: Record, Doc: "seconds since the capture's first packet (absent for pasted frames)", Example: "time >= 1.5 and time < 2",
		get: getter{n: func(v View) (float64, bool) {
			h := v.Head()
			if h.Time == 0 {
				return 0, false
			}
			return float64(h.Time-v.Start().UnixNano()) / 1e9, true
		}}},
	{Name: "len", Type: Int, Cost: Header, Doc: "the payload length the header declares, in bytes (read from the record when below 126)", Example: "len > 125",
		get: getter{n: func(v View) (float64, bool) {
			if h := v.Head(); h.Length7 < 126 {
				return float64(h.Length7), true
			}
			n, ok := v.Length()
			return float64(n), ok
		}}},
	{Name: "violation", Type: String, Cost: Header, Doc: "the id of an RFC rule the frame or its message breaks; alone, any rule", Example: `violation == "control-too-long"`,
		get: getter{s: func(v View, each func(string) bool) bool {
			if f := v.Frame(false); f != nil {
				for _, x := range f.Violations {
					if each(x.ID) {
						return true
					}
				}
			}
			if m := v.Message(); m != nil {
				for _, x := range m.Violations {
					if each(x.ID) {
						return true
					}
				}
			}
			return false
		}}},
	{Name: "close.code", Type: Int, Cost: Payload, Doc: "a close frame's status code (RFC 6455 section 7.4); absent when its payload is empty", Example: "close.code != 1000",
		get: getter{n: func(v View) (float64, bool) {
			p, ok := closePayload(v)
			if !ok || len(p) < 2 {
				return 0, false
			}
			return float64(binary.BigEndian.Uint16(p)), true
		}}},
	{Name: "close.reason", Type: String, Cost: Payload, Doc: "a close frame's reason, after its code", Example: `close.reason contains "timeout"`,
		get: getter{s: func(v View, each func(string) bool) bool {
			p, ok := closePayload(v)
			if !ok || len(p) < 2 {
				return false
			}
			return each(string(p[2:]))
		}}},
	{Name: "payload", Type: Bytes, Cost: Payload, Doc: "the frame's payload, unmasked, as it was sent (compressed if it was)", Example: "payload contains 81:7e",
		get: getter{by: func(v View) ([]byte, bool) {
			f := v.Frame(true)
			if f == nil {
				return nil, false
			}
			return f.Payload, true
		}}},
	{Name: "text", Type: String, Cost: Message, Doc: "the text of the frame's message (a text message of valid UTF-8, joined and inflated)", Example: `text contains "error"`,
		get: getter{s: func(v View, each func(string) bool) bool {
			m := v.Message()
			if m == nil || m.Text == nil {
				return false
			}
			return each(*m.Text)
		}}},
	{Name: "bytes", Type: Bytes, Cost: Message, Doc: "the data of the frame's message, joined and inflated", Example: "bytes contains 00:01",
		get: getter{by: func(v View) ([]byte, bool) {
			m := v.Message()
			if m == nil {
				return nil, false
			}
			return m.Data, true
		}}},
	{Name: "message.len", Type: Int, Cost: Message, Doc: "the length of the frame's message, in bytes, after inflating", Example: "message.len > 65536",
		get: getter{n: func(v View) (float64, bool) {
			m := v.Message()
			if m == nil {
				return 0, false
			}
			return float64(m.Length), true
		}}},
	{Name: "compressed", Type: Bool, Cost: Message, Doc: "the frame's message was compressed (permessage-deflate)", Example: "compressed and message.len > 1000",
		get: getter{b: func(v View) (bool, bool) {
			m := v.Message()
			if m == nil {
				return false, false
			}
			return m.Compressed, true
		}}},
}, readingTable()...)

// closePayload is a close frame's payload; ok is false for other frames.
func closePayload(v View) ([]byte, bool) {
	if v.Head().Opcode != decoder.OpClose {
		return nil, false
	}
	f := v.Frame(true)
	if f == nil {
		return nil, false
	}
	return f.Payload, true
}

// opcodeValue reads an opcode literal: a name of RFC 6455 section 11.8 or
// a number from 0 to 15.
func opcodeValue(s string) (float64, bool) {
	for o := range 16 {
		if name := decoder.Opcode(o).String(); strings.EqualFold(name, s) {
			return float64(o), true
		}
	}
	if n, ok := intValue(s); ok && n >= 0 && n <= 15 {
		return n, true
	}
	return 0, false
}

// visible is s with what a terminal or a page would not show as it is
// made visible, for error messages.
func visible(s string) string {
	if !utf8.ValidString(s) {
		return quote(strings.ToValidUTF8(s, "\uFFFD"))
	}
	return s
}
