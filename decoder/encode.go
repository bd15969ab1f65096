package decoder

// AppendFrame appends the wire bytes of one frame to dst: f's header as
// appendHeader writes it (the length encoding f.LengthBits names, and
// f.PayloadLength as given, so a deliberately wrong length can be built),
// then payload, masked with f.MaskKey when f.Masked is set. It is the one
// frame encoder: the frame builder, reconstructed frames and the tests'
// round trips all go through it.
func AppendFrame(dst []byte, f *Frame, payload []byte) []byte {
	dst = appendHeader(dst, f)
	start := len(dst)
	dst = append(dst, payload...)
	if f.Masked && len(f.MaskKey) == 4 {
		var key [4]byte
		copy(key[:], f.MaskKey)
		mask(dst[start:], dst[start:], key, 0)
	}
	return dst
}
