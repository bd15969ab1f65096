package decoder

import "github.com/wsframe/wsframe/internal/msg"

// Head is what an index's fixed record says of a frame without reading a
// byte of the input: enough to answer a filter on its header (package
// filter) for millions of frames at once. It holds no pointer, so that
// copying one costs no more than its bytes (in WebAssembly a pointer
// written to the heap pays for a write barrier).
type Head struct {
	Index, Message, Packet int
	// Connection is the frame's connection, or -1.
	Connection int
	// Server is true for a frame the server sent, false for the client's.
	Server bool
	Opcode Opcode
	Fin    bool
	Rsv1   bool
	Rsv2   bool
	Rsv3   bool
	Masked bool
	// Length7 is the 7-bit payload length of RFC 6455 section 5.2: the
	// length itself below 126; 126 and 127 say that a 16- or 64-bit
	// length follows, which only Frame reads.
	Length7 uint8
	// Time is the capture time in Unix nanoseconds, when the frame has
	// one (zero otherwise).
	Time int64
}

// headBytes returns the first two bytes of f's header as they were on the
// wire (RFC 6455 section 5.2), from its decoded fields.
func headBytes(f *Frame) [2]byte {
	var b [2]byte
	b[0] = byte(f.Opcode) & 0x0f
	for i, on := range []bool{f.Fin, f.Rsv1, f.Rsv2, f.Rsv3} {
		if on {
			b[0] |= 0x80 >> i
		}
	}
	switch f.LengthBits {
	case 16:
		b[1] = 126
	case 64:
		b[1] = 127
	default:
		b[1] = byte(f.PayloadLength) & 0x7f
	}
	if f.Masked {
		b[1] |= 0x80
	}
	return b
}

// Head returns what frame i's record says of it, reading nothing; i must
// be below Frames.
func (ix *Index) Head(i int) Head {
	rec := ix.frames.at(i)
	st := ix.streams[rec.stream]
	b0, b1 := rec.head[0], rec.head[1]
	h := Head{Index: i, Message: int(rec.msg), Packet: int(rec.packet), Connection: -1,
		Opcode: Opcode(b0 & 0x0f), Fin: b0&0x80 != 0, Rsv1: b0&0x40 != 0, Rsv2: b0&0x20 != 0, Rsv3: b0&0x10 != 0,
		Masked: b1&0x80 != 0, Length7: b1 & 0x7f}
	if st.conn != nil {
		h.Connection = *st.conn
	}
	h.Server = st.sender(h.Masked) == Server
	if rec.flags&fTime != 0 {
		h.Time = rec.time
	}
	return h
}

// Length returns frame i's payload length: from its record below 126
// bytes, else from the 16- or 64-bit length read again (2 or 8 bytes,
// nothing else of the frame).
func (ix *Index) Length(i int) (uint64, error) {
	rec := ix.frames.at(i)
	l7 := rec.head[1] & 0x7f
	if l7 < 126 {
		return uint64(l7), nil
	}
	n := 2
	if l7 == 127 {
		n = 8
	}
	b, err := ix.read(ix.streams[rec.stream], rec.off+2, n)
	if err != nil {
		return 0, msg.New("index.frame", "frame {i}: {problem}", "i", i, "problem", textOf(err))
	}
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v, nil
}
