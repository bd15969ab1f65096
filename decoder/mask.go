package decoder

import (
	"encoding/binary"
	"runtime"
	"unsafe"
)

// wordLoads is true where a load or store of eight bytes at any address
// is one instruction: there mask reads and writes its words through
// unsafe pointers. Elsewhere it puts each word together from its bytes
// (encoding/binary), which the compilers for amd64 and arm64 turn into one
// load but the one for WebAssembly does not: there the byte-wise words
// made masking a tenth of the page's decode of a capture (issue 24).
const wordLoads = runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64" || runtime.GOARCH == "wasm" ||
	runtime.GOARCH == "386" || runtime.GOARCH == "ppc64le" || runtime.GOARCH == "ppc64" || runtime.GOARCH == "s390x"

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
	// The key rotated to the current position, twice over, is XORed a
	// word at a time; the bytes after the last whole word one by one.
	if n >= 16 {
		var rot [8]byte
		for j := range rot {
			rot[j] = key[(pos+j)&3]
		}
		if wordLoads {
			// The key's word in memory order, like the payload's words:
			// right on a machine of either byte order.
			k := *(*uint64)(unsafe.Pointer(&rot))
			for ; i+32 <= n; i += 32 {
				s := (*[4]uint64)(unsafe.Pointer(&src[i]))
				d := (*[4]uint64)(unsafe.Pointer(&dst[i]))
				d[0], d[1], d[2], d[3] = s[0]^k, s[1]^k, s[2]^k, s[3]^k
			}
			for ; i+8 <= n; i += 8 {
				*(*uint64)(unsafe.Pointer(&dst[i])) = *(*uint64)(unsafe.Pointer(&src[i])) ^ k
			}
		} else {
			i = xorWordsBytes(dst, src, rot)
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

// xorWordsBytes XORs the whole eight-byte words of src with the key's
// word rot into dst, each word put together from its bytes, for machines
// where an unaligned word load may fault (see wordLoads); it returns how
// many bytes it did.
func xorWordsBytes(dst, src []byte, rot [8]byte) int {
	n := len(src)
	dst = dst[:n]
	k := binary.LittleEndian.Uint64(rot[:])
	i := 0
	for ; i+8 <= n; i += 8 {
		binary.LittleEndian.PutUint64(dst[i:], binary.LittleEndian.Uint64(src[i:])^k)
	}
	return i
}
