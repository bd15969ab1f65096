package decoder

import "encoding/binary"

// mask XORs src with the 4-byte masking key as RFC 6455 section 5.3 says,
// writing to dst (which may be src itself, and must be at least as long).
// pos is the position in the payload of src[0], so a payload can be masked
// in pieces; mask returns the position after the last byte. Masking twice
// with the same key is the identity, so mask also unmasks.
//
// It works eight bytes at a time, not byte by byte.
func mask(dst, src []byte, key [4]byte, pos int) int {
	n := len(src)
	dst = dst[:n]
	i := 0
	// Walk byte by byte until the key lines up, then a word at a time with
	// the key rotated to the current position.
	if n >= 16 {
		var rot [4]byte
		for j := range rot {
			rot[j] = key[(pos+j)&3]
		}
		k32 := uint64(binary.LittleEndian.Uint32(rot[:]))
		k64 := k32 | k32<<32
		for ; i+32 <= n; i += 32 {
			binary.LittleEndian.PutUint64(dst[i:], binary.LittleEndian.Uint64(src[i:])^k64)
			binary.LittleEndian.PutUint64(dst[i+8:], binary.LittleEndian.Uint64(src[i+8:])^k64)
			binary.LittleEndian.PutUint64(dst[i+16:], binary.LittleEndian.Uint64(src[i+16:])^k64)
			binary.LittleEndian.PutUint64(dst[i+24:], binary.LittleEndian.Uint64(src[i+24:])^k64)
		}
		for ; i+8 <= n; i += 8 {
			binary.LittleEndian.PutUint64(dst[i:], binary.LittleEndian.Uint64(src[i:])^k64)
		}
	}
	for ; i < n; i++ {
		dst[i] = src[i] ^ key[(pos+i)&3]
	}
	return (pos + n) & 3
}

// UnmaskStep is one step of the XOR of section 5.3, for the page's and the
// terminal's step-by-step view: j = i MOD 4, transformed[i] = original[i] XOR key[j].
type UnmaskStep struct {
	I        int    `json:"i"`
	Masked   byte   `json:"masked"`
	KeyIndex int    `json:"key_index"`
	Key      byte   `json:"key"`
	Result   byte   `json:"result"`
	Char     string `json:"char"` // the result as a printable character, "" when it is not one
}

// UnmaskSteps lists the steps of unmasking payload bytes [from, from+count)
// of f, which must be masked. Only the frame on screen needs this, so it is
// computed on demand and never during bulk decoding.
func UnmaskSteps(f *Frame, from, count int) []UnmaskStep {
	if !f.Masked || len(f.MaskKey) != 4 || from < 0 || from >= len(f.Payload) {
		return []UnmaskStep{}
	}
	count = min(count, len(f.Payload)-from)
	steps := make([]UnmaskStep, count)
	for k := range steps {
		i := from + k
		key := f.MaskKey[i&3]
		res := f.Payload[i]
		steps[k] = UnmaskStep{I: i, Masked: res ^ key, KeyIndex: i & 3, Key: key, Result: res, Char: printable(res)}
	}
	return steps
}

// printable returns b as a one-character string when it is printable ASCII.
func printable(b byte) string {
	if b >= 0x20 && b < 0x7f {
		return string(rune(b))
	}
	return ""
}
