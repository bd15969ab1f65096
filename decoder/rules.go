package decoder

import (
	"fmt"

	"github.com/wsframe/wsframe/internal/msg"
)

// A rule is one requirement of RFC 6455 or RFC 7692 that a frame or message
// can break. Its id is stable: tests, the page and users rely on it. Its
// message is a template whose {name} places are filled from the
// violation's params, so that the page can render the same message in
// another language from the id and the params alone.
type rule struct {
	ID      string
	RFC     string
	Field   string // the Field.Name, in the frame's field table, that it concerns
	Message string
}

// The rules the decoder checks, one named value per rule. Those the header
// alone decides are in headerRules and sideRules too, with their tests.
var (
	ruleReservedOpcode     = rule{"reserved-opcode", "6455 5.2", "websocket.opcode", "opcode {opcode} is reserved for future use; no endpoint may send it"}
	ruleControlTooLong     = rule{"control-too-long", "6455 5.5", "websocket.payload_length", "a control frame carries at most 125 bytes; this one says {length}"}
	ruleControlFragmented  = rule{"control-fragmented", "6455 5.5", "websocket.fin", "control frames must not be fragmented, but FIN is 0 on this {opcode} frame"}
	ruleRsv1WithoutExt     = rule{"rsv-without-extension", "6455 5.2", "websocket.rsv1", "{bit} is set, but no negotiated extension gives it a meaning"}
	ruleRsv2WithoutExt     = rule{"rsv-without-extension", "6455 5.2", "websocket.rsv2", ruleRsv1WithoutExt.Message}
	ruleRsv3WithoutExt     = rule{"rsv-without-extension", "6455 5.2", "websocket.rsv3", ruleRsv1WithoutExt.Message}
	ruleNonMinimalLength   = rule{"non-minimal-length", "6455 5.2", "websocket.payload_length", "length {length} is sent in {bits} bits, but lengths up to {max} must use a shorter length field"}
	ruleLengthTopBit       = rule{"length-top-bit-set", "6455 5.2", "websocket.payload_length_ext_64", "the most significant bit of a 64-bit length must be 0; this length reads as {length}"}
	ruleClientUnmasked     = rule{"client-unmasked", "6455 5.1", "websocket.mask", "a client must mask every frame it sends, but this client frame has MASK 0"}
	ruleServerMasked       = rule{"server-masked", "6455 5.1", "websocket.mask", "a server must not mask the frames it sends, but this server frame has MASK 1"}
	ruleOrphanContinuation = rule{"continuation-without-message", "6455 5.4", "websocket.opcode", "a continuation frame needs a fragmented message to continue, and none is open"}
	ruleInterleavedData    = rule{"data-during-fragmented-message", "6455 5.4", "websocket.opcode", "a new {opcode} message starts while the {open} message of frame {frame} still waits for its final fragment"}
	// The close rules point at the payload until the field table splits a
	// close payload into its status code and reason.
	ruleCloseOneByte       = rule{"close-payload-one-byte", "6455 5.5.1", "websocket.payload_length", "a close payload is empty or starts with a 2-byte status code; this one has a single byte"}
	ruleCloseCodeInvalid   = rule{"close-code-invalid", "6455 7.4.1", "websocket.payload.close.status_code", "close code {code} ({name}) must not be sent in a close frame"}
	ruleCloseReasonUTF8    = rule{"close-reason-invalid-utf8", "6455 5.5.1", "websocket.payload.close.reason", "the close reason must be UTF-8; byte {byte} of it is not"}
	ruleTextNotUTF8        = rule{"text-invalid-utf8", "6455 8.1", "websocket.payload", "text message {message} is not valid UTF-8 (first bad byte at {byte} of {length})"}
	ruleTruncated          = rule{"truncated", "6455 5.2", "websocket.payload", "frame {frame} at byte {offset}: its length says {length} bytes of payload, {missing} are missing; is the input cut short?"}
	ruleRsv1OnContinuation = rule{"rsv1-on-continuation", "7692 6", "websocket.rsv1", "under permessage-deflate RSV1 is set on a message's first frame only, not on continuation frames"}
	ruleRsv1OnControl      = rule{"rsv1-on-control", "7692 6", "websocket.rsv1", "RSV1 marks a compressed message, but control frames are never compressed"}
	ruleAfterClose         = rule{"frame-after-close", "6455 5.5.1", "websocket.opcode", "the {side} already sent a close frame, after which it must send no more frames"}
	ruleInflateFailed      = rule{"inflate-failed", "7692 7.2.2", "websocket.payload", "the compressed payload cannot be inflated: {detail}"}
	ruleWindowExceeded     = rule{"deflate-window-exceeded", "7692 7.1.2", "websocket.payload", "{detail}"}
)

// rules lists every rule, in the order of the README's list of ids.
var rules = []rule{
	ruleClientUnmasked, ruleServerMasked, ruleControlTooLong, ruleControlFragmented,
	ruleRsv1WithoutExt, ruleRsv2WithoutExt, ruleRsv3WithoutExt, ruleReservedOpcode,
	ruleOrphanContinuation, ruleInterleavedData, ruleNonMinimalLength, ruleLengthTopBit,
	ruleCloseOneByte, ruleCloseCodeInvalid, ruleTextNotUTF8, ruleCloseReasonUTF8,
	ruleTruncated, ruleRsv1OnContinuation, ruleRsv1OnControl, ruleAfterClose,
	ruleInflateFailed, ruleWindowExceeded,
}

// headerContext is what a header rule needs besides the header: who sent
// the frame ("" when unknown: the masking rule is not checked) and the RSV
// bits a negotiated extension gives a meaning to.
type headerContext struct {
	from       Side
	rsvAllowed byte
}

// A headerRule is a rule that the frame header alone decides. broken tests
// it without building anything, for the boundary search; params gives the
// values its message is built from, for a violation. wholeHeader says the
// test needs the extended length, so it cannot be judged on the first two
// bytes alone.
type headerRule struct {
	rule
	wholeHeader bool
	broken      func(h header, c headerContext) bool
	params      func(h header) Params
}

// header is what the header rules read of a frame, by value, so that
// testing a frame does not move it to the heap.
type header struct {
	Fin, Rsv1, Rsv2, Rsv3, Masked bool
	Opcode                        Opcode
	LengthBits                    int
	PayloadLength                 uint64
}

func headerOf(f *Frame) header {
	return header{f.Fin, f.Rsv1, f.Rsv2, f.Rsv3, f.Masked, f.Opcode, f.LengthBits, f.PayloadLength}
}

// headerRules are the header's rules in the order violations are listed.
var headerRules = []headerRule{
	{ruleReservedOpcode, false,
		func(f header, _ headerContext) bool { return f.Opcode.isReserved() },
		func(f header) Params { return Params{"opcode": fmt.Sprintf("0x%X", uint8(f.Opcode))} }},
	{ruleControlTooLong, true,
		func(f header, _ headerContext) bool {
			return f.Opcode.IsControl() && f.PayloadLength > MaxControlPayload
		},
		func(f header) Params { return Params{"length": f.PayloadLength} }},
	{ruleControlFragmented, false,
		func(f header, _ headerContext) bool { return f.Opcode.IsControl() && !f.Fin },
		func(f header) Params { return Params{"opcode": f.Opcode.String()} }},
	{ruleRsv1WithoutExt, false,
		func(f header, c headerContext) bool { return f.Rsv1 && c.rsvAllowed&bitRsv1 == 0 },
		func(header) Params { return Params{"bit": "RSV1"} }},
	{ruleRsv2WithoutExt, false,
		func(f header, c headerContext) bool { return f.Rsv2 && c.rsvAllowed&bitRsv2 == 0 },
		func(header) Params { return Params{"bit": "RSV2"} }},
	{ruleRsv3WithoutExt, false,
		func(f header, c headerContext) bool { return f.Rsv3 && c.rsvAllowed&bitRsv3 == 0 },
		func(header) Params { return Params{"bit": "RSV3"} }},
	{ruleNonMinimalLength, true,
		func(f header, _ headerContext) bool {
			return f.LengthBits == 16 && f.PayloadLength <= MaxControlPayload || f.LengthBits == 64 && f.PayloadLength <= 0xFFFF
		},
		func(f header) Params {
			limit := MaxControlPayload
			if f.LengthBits == 64 {
				limit = 0xFFFF
			}
			return Params{"length": f.PayloadLength, "bits": f.LengthBits, "max": limit}
		}},
	{ruleLengthTopBit, true,
		func(f header, _ headerContext) bool { return f.LengthBits == 64 && f.PayloadLength>>63 != 0 },
		func(f header) Params { return Params{"length": f.PayloadLength} }},
}

// sideRules are the masking rule of section 5.1, checked when the sender is known.
var sideRules = []headerRule{
	{ruleClientUnmasked, false,
		func(f header, c headerContext) bool { return c.from == Client && !f.Masked },
		func(header) Params { return nil }},
	{ruleServerMasked, false,
		func(f header, c headerContext) bool { return c.from == Server && f.Masked },
		func(header) Params { return nil }},
}

// checkHeader adds the violations that the header alone shows. rsvAllowed
// holds the RSV bits a negotiated extension gives meaning to.
func checkHeader(f *Frame, rsvAllowed byte) {
	raise(f, headerRules, headerContext{rsvAllowed: rsvAllowed})
}

// checkSide adds the violations of the masking rule of section 5.1.
func checkSide(f *Frame) {
	raise(f, sideRules, headerContext{from: f.From})
}

func raise(f *Frame, rs []headerRule, c headerContext) {
	h := headerOf(f)
	for i := range rs {
		if r := &rs[i]; r.broken(h, c) {
			f.Violations = append(f.Violations, r.violation(r.params(h)))
		}
	}
}

// headerKeepsRules reports whether header f, sent by c.from, breaks none
// of the header rules. With whole false, only the rules that the first two
// bytes decide are evaluated.
func headerKeepsRules(f *Frame, c headerContext, whole bool) bool {
	h := headerOf(f)
	for _, rs := range [2][]headerRule{headerRules, sideRules} {
		for i := range rs {
			if (whole || !rs[i].wholeHeader) && rs[i].broken(h, c) {
				return false
			}
		}
	}
	return true
}

// CanStartFrame reports whether b can be the start of a frame sent by from
// ("" for either side) that keeps every rule its header decides, as far as
// b goes: fewer than two bytes can start anything, and the rules on the
// extended length wait until b holds it. An extension may give RSV1 a
// meaning, so RSV1 alone is no reason to refuse.
func CanStartFrame(b []byte, from Side) bool {
	if len(b) < 2 {
		return true
	}
	var f Frame
	_, whole := readHeader(b, &f)
	return headerKeepsRules(&f, headerContext{from: from, rsvAllowed: bitRsv1}, whole)
}

// Params are the values a violation's or check's message is built from,
// by name: msg.Params, the one kind every sentence Go writes carries.
type Params = msg.Params

// render fills the {name} places of template from p.
func render(template string, p Params) string { return msg.Render(template, p) }

// violation builds a Violation of rule r with its message rendered from p.
func (r rule) violation(p Params) Violation {
	return Violation{ID: r.ID, RFC: r.RFC, Field: r.Field, Message: render(r.Message, p), Params: p}
}
