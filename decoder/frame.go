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
