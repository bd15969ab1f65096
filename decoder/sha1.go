package decoder

import (
	"encoding/binary"
	"math/bits"
)

// sha1Sum computes SHA-1 (RFC 3174) of data. The accept check of RFC 6455
// section 4.2.2 needs SHA-1 of some 60 bytes, and crypto/sha1 brings the
// whole FIPS 140 module into the WebAssembly build (about 54 KB gzip), so
// the page carries this small version instead. A test checks it against
// crypto/sha1.
func sha1Sum(data []byte) [20]byte {
	h := [5]uint32{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0}
	// Pad: a 1 bit, zeros, then the length in bits as 64 bits.
	msg := make([]byte, 0, len(data)+72)
	msg = append(msg, data...)
	msg = append(msg, 0x80)
	for len(msg)%64 != 56 {
		msg = append(msg, 0)
	}
	msg = binary.BigEndian.AppendUint64(msg, uint64(len(data))*8)
	var w [80]uint32
	for block := msg; len(block) > 0; block = block[64:] {
		for i := 0; i < 16; i++ {
			w[i] = binary.BigEndian.Uint32(block[4*i:])
		}
		for i := 16; i < 80; i++ {
			w[i] = bits.RotateLeft32(w[i-3]^w[i-8]^w[i-14]^w[i-16], 1)
		}
		a, b, c, d, e := h[0], h[1], h[2], h[3], h[4]
		for i := 0; i < 80; i++ {
			var f, k uint32
			switch {
			case i < 20:
				f, k = b&c|^b&d, 0x5A827999
			case i < 40:
				f, k = b^c^d, 0x6ED9EBA1
			case i < 60:
				f, k = b&c|b&d|c&d, 0x8F1BBCDC
			default:
				f, k = b^c^d, 0xCA62C1D6
			}
			t := bits.RotateLeft32(a, 5) + f + e + k + w[i]
			a, b, c, d, e = t, a, bits.RotateLeft32(b, 30), c, d
		}
		h[0] += a
		h[1] += b
		h[2] += c
		h[3] += d
		h[4] += e
	}
	var out [20]byte
	for i, v := range h {
		binary.BigEndian.PutUint32(out[4*i:], v)
	}
	return out
}
