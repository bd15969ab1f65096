package decoder

import "fmt"

// A rule is one requirement of RFC 6455 or RFC 7692 that a frame or message
// can break. Each has a stable id that tests, the page and users can rely on.
type rule struct {
	ID    string
	RFC   string
	Field string // Wireshark filter name of the field it concerns
}

// The rules the decoder checks, one named value per rule.
var (
	ruleClientUnmasked     = rule{"client-unmasked", "6455 5.1", "websocket.mask"}
	ruleServerMasked       = rule{"server-masked", "6455 5.1", "websocket.mask"}
	ruleControlTooLong     = rule{"control-too-long", "6455 5.5", "websocket.payload_length"}
	ruleControlFragmented  = rule{"control-fragmented", "6455 5.5", "websocket.fin"}
	ruleRsvWithoutExt      = rule{"rsv-without-extension", "6455 5.2", "websocket.rsv"}
	ruleReservedOpcode     = rule{"reserved-opcode", "6455 5.2", "websocket.opcode"}
	ruleOrphanContinuation = rule{"continuation-without-message", "6455 5.4", "websocket.opcode"}
	ruleInterleavedData    = rule{"data-during-fragmented-message", "6455 5.4", "websocket.opcode"}
	ruleNonMinimalLength   = rule{"non-minimal-length", "6455 5.2", "websocket.payload_length"}
	ruleLengthTopBit       = rule{"length-top-bit-set", "6455 5.2", "websocket.payload_length_ext_64"}
	ruleCloseOneByte       = rule{"close-payload-one-byte", "6455 5.5.1", "websocket.payload_length"}
	ruleCloseCodeInvalid   = rule{"close-code-invalid", "6455 7.4.1", "websocket.payload.close.status_code"}
	ruleTextNotUTF8        = rule{"text-invalid-utf8", "6455 8.1", "websocket.payload"}
	ruleCloseReasonUTF8    = rule{"close-reason-invalid-utf8", "6455 5.5.1", "websocket.payload.close.reason"}
	ruleTruncated          = rule{"truncated", "6455 5.2", "websocket.payload"}
	ruleRsv1OnContinuation = rule{"rsv1-on-continuation", "7692 6", "websocket.rsv"}
	ruleRsv1OnControl      = rule{"rsv1-on-control", "7692 6", "websocket.rsv"}
	ruleAfterClose         = rule{"frame-after-close", "6455 5.5.1", "websocket.opcode"}
	ruleInflateFailed      = rule{"inflate-failed", "7692 7.2.2", "websocket.payload"}
	ruleWindowExceeded     = rule{"deflate-window-exceeded", "7692 7.1.2", "websocket.payload"}
)

// Rules lists every rule id with its RFC section, for documentation and tests.
func Rules() []Violation {
	all := []rule{
		ruleClientUnmasked, ruleServerMasked, ruleControlTooLong, ruleControlFragmented,
		ruleRsvWithoutExt, ruleReservedOpcode, ruleOrphanContinuation, ruleInterleavedData,
		ruleNonMinimalLength, ruleLengthTopBit, ruleCloseOneByte, ruleCloseCodeInvalid,
		ruleTextNotUTF8, ruleCloseReasonUTF8, ruleTruncated, ruleRsv1OnContinuation,
		ruleRsv1OnControl, ruleAfterClose, ruleInflateFailed, ruleWindowExceeded,
	}
	out := make([]Violation, len(all))
	for i, r := range all {
		out[i] = Violation{ID: r.ID, RFC: r.RFC, Field: r.Field}
	}
	return out
}

// violation builds a Violation of rule r with a message for the reader.
func (r rule) violation(format string, args ...any) Violation {
	return Violation{ID: r.ID, RFC: r.RFC, Field: r.Field, Message: fmt.Sprintf(format, args...)}
}
