package decoder

import "encoding/binary"

// The bits of the first two header bytes (RFC 6455 section 5.2).
const (
	bitFin    = 0x80
	bitRsv1   = 0x40
	bitRsv2   = 0x20
	bitRsv3   = 0x10
	maskOp    = 0x0F
	bitMask   = 0x80
	maskLen7  = 0x7F
	len16Flag = 126
	len64Flag = 127
)

// MaxControlPayload is the largest payload a control frame may carry (section 5.5).
const MaxControlPayload = 125

// readHeader decodes the frame header at the start of b into f (all fields
// but Index, Offset, From, Payload and the violations that need context).
// It returns the header's length, or ok == false when b ends inside the
// header; then n is the header length known so far (at least 2).
func readHeader(b []byte, f *Frame) (n int, ok bool) {
	if len(b) < 2 {
		return 2, false
	}
	b0, b1 := b[0], b[1]
	f.Fin = b0&bitFin != 0
	f.Rsv1 = b0&bitRsv1 != 0
	f.Rsv2 = b0&bitRsv2 != 0
	f.Rsv3 = b0&bitRsv3 != 0
	f.Opcode = Opcode(b0 & maskOp)
	f.OpcodeName = f.Opcode.String()
	f.Masked = b1&bitMask != 0
	n = 2
	switch l := b1 & maskLen7; l {
	case len16Flag:
		n += 2
		f.LengthBits = 16
	case len64Flag:
		n += 8
		f.LengthBits = 64
	default:
		f.LengthBits = 7
		f.PayloadLength = uint64(l)
	}
	if f.Masked {
		n += 4
	}
	f.HeaderLength = n
	if len(b) < n {
		return n, false
	}
	switch f.LengthBits {
	case 16:
		f.PayloadLength = uint64(binary.BigEndian.Uint16(b[2:4]))
	case 64:
		f.PayloadLength = binary.BigEndian.Uint64(b[2:10])
	}
	if f.Masked {
		f.MaskKey = Hex(b[n-4 : n : n])
	}
	return n, true
}

// appendHeader encodes the header of f, as readHeader read it, onto dst. It
// keeps the length encoding f arrived with, so a frame re-encodes to the
// very bytes it was read from.
func appendHeader(dst []byte, f *Frame) []byte {
	b0 := rsvBits(f) | byte(f.Opcode)&maskOp
	if f.Fin {
		b0 |= bitFin
	}
	var b1 byte
	if f.Masked {
		b1 |= bitMask
	}
	switch f.LengthBits {
	case 16:
		dst = append(dst, b0, b1|len16Flag)
		dst = binary.BigEndian.AppendUint16(dst, uint16(f.PayloadLength))
	case 64:
		dst = append(dst, b0, b1|len64Flag)
		dst = binary.BigEndian.AppendUint64(dst, f.PayloadLength)
	default:
		dst = append(dst, b0, b1|byte(f.PayloadLength))
	}
	if f.Masked {
		dst = append(dst, f.MaskKey...)
	}
	return dst
}

// rsvBits returns f's RSV bits where they stand in the first header byte.
func rsvBits(f *Frame) byte {
	var b byte
	if f.Rsv1 {
		b |= bitRsv1
	}
	if f.Rsv2 {
		b |= bitRsv2
	}
	if f.Rsv3 {
		b |= bitRsv3
	}
	return b
}

// checkHeader adds the violations that the header alone shows. rsvAllowed
// holds the RSV bits a negotiated extension gives meaning to.
func checkHeader(f *Frame, rsvAllowed byte) {
	if f.Opcode.IsReserved() {
		f.Violations = append(f.Violations, ruleReservedOpcode.violation(
			"opcode 0x%X is reserved for future use; no endpoint may send it", uint8(f.Opcode)))
	}
	if f.Opcode.IsControl() {
		if f.PayloadLength > MaxControlPayload {
			f.Violations = append(f.Violations, ruleControlTooLong.violation(
				"a control frame carries at most 125 bytes; this one says %d", f.PayloadLength))
		}
		if !f.Fin {
			f.Violations = append(f.Violations, ruleControlFragmented.violation(
				"control frames must not be fragmented, but FIN is 0 on this %s frame", f.Opcode))
		}
	}
	if bad := rsvBits(f) &^ rsvAllowed; bad != 0 {
		f.Violations = append(f.Violations, ruleRsvWithoutExt.violation(
			"%s set, but no negotiated extension gives %s a meaning", rsvNames(bad), pronoun(bad)))
	}
	switch {
	case f.LengthBits == 16 && f.PayloadLength <= 125:
		f.Violations = append(f.Violations, ruleNonMinimalLength.violation(
			"length %d is sent in 16 bits, but lengths up to 125 must use the 7-bit field", f.PayloadLength))
	case f.LengthBits == 64 && f.PayloadLength <= 0xFFFF:
		f.Violations = append(f.Violations, ruleNonMinimalLength.violation(
			"length %d is sent in 64 bits, but lengths up to 65535 must use the 7-bit or 16-bit field", f.PayloadLength))
	}
	if f.LengthBits == 64 && f.PayloadLength>>63 != 0 {
		f.Violations = append(f.Violations, ruleLengthTopBit.violation(
			"the most significant bit of a 64-bit length must be 0; this length reads as %d", f.PayloadLength))
	}
}

// checkSide adds the violations of the masking rule of section 5.1.
func checkSide(f *Frame) {
	switch {
	case f.From == Client && !f.Masked:
		f.Violations = append(f.Violations, ruleClientUnmasked.violation(
			"a client must mask every frame it sends, but this client frame has MASK 0"))
	case f.From == Server && f.Masked:
		f.Violations = append(f.Violations, ruleServerMasked.violation(
			"a server must not mask the frames it sends, but this server frame has MASK 1"))
	}
}

func rsvNames(bits byte) string {
	var s string
	for _, b := range []struct {
		bit  byte
		name string
	}{{bitRsv1, "RSV1"}, {bitRsv2, "RSV2"}, {bitRsv3, "RSV3"}} {
		if bits&b.bit != 0 {
			if s != "" {
				s += " and "
			}
			s += b.name
		}
	}
	if bits&(bits-1) != 0 {
		return s + " are"
	}
	return s + " is"
}

func pronoun(bits byte) string {
	if bits&(bits-1) != 0 {
		return "them"
	}
	return "it"
}
