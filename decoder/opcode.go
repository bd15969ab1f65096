package decoder

import "fmt"

// Opcode is the 4-bit frame type of RFC 6455 section 5.2.
type Opcode uint8

// The opcodes RFC 6455 section 11.8 registers.
const (
	OpContinuation Opcode = 0x0
	OpText         Opcode = 0x1
	OpBinary       Opcode = 0x2
	OpClose        Opcode = 0x8
	OpPing         Opcode = 0x9
	OpPong         Opcode = 0xA
)

var opcodeNames = [16]string{
	OpContinuation: "continuation",
	OpText:         "text",
	OpBinary:       "binary",
	OpClose:        "close",
	OpPing:         "ping",
	OpPong:         "pong",
}

// String names the opcode; unregistered values print as "reserved (0xB)".
func (o Opcode) String() string {
	if int(o) < len(opcodeNames) && opcodeNames[o] != "" {
		return opcodeNames[o]
	}
	return fmt.Sprintf("reserved (0x%X)", uint8(o))
}

// IsControl reports whether o is a control opcode (0x8 to 0xF, section 5.5).
func (o Opcode) IsControl() bool { return o&0x8 != 0 }

// isReserved reports whether o is one of the opcodes 0x3-0x7 and 0xB-0xF
// that RFC 6455 keeps for future use.
func (o Opcode) isReserved() bool {
	return int(o) >= len(opcodeNames) || opcodeNames[o] == ""
}

// closeCodeName returns the registered name of a close status code
// (RFC 6455 section 7.4.1 and the IANA registry), or a description of its range.
func closeCodeName(code int) string {
	switch code {
	case 1000:
		return "Normal Closure"
	case 1001:
		return "Going Away"
	case 1002:
		return "Protocol Error"
	case 1003:
		return "Unsupported Data"
	case 1004:
		return "Reserved"
	case 1005:
		return "No Status Received"
	case 1006:
		return "Abnormal Closure"
	case 1007:
		return "Invalid Frame Payload Data"
	case 1008:
		return "Policy Violation"
	case 1009:
		return "Message Too Big"
	case 1010:
		return "Mandatory Extension"
	case 1011:
		return "Internal Error"
	case 1012:
		return "Service Restart"
	case 1013:
		return "Try Again Later"
	case 1014:
		return "Bad Gateway"
	case 1015:
		return "TLS Handshake"
	}
	switch {
	case code < 1000:
		return "not used"
	case code < 3000:
		return "unassigned"
	case code < 4000:
		return "registered for libraries and frameworks"
	case code < 5000:
		return "private use"
	}
	return "out of range"
}

// closeCodeSendable reports whether an endpoint may put code in a close
// frame (RFC 6455 sections 7.4.1 and 7.4.2).
func closeCodeSendable(code int) bool {
	switch {
	case code < 1000 || code >= 5000:
		return false
	case code == 1004 || code == 1005 || code == 1006 || code == 1015:
		return false
	case code >= 1016 && code < 3000:
		return false
	}
	return true
}
