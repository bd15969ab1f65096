package reading

// Skims: whether a MessagePack or CBOR item could start at b[0] and end at
// its last byte, from the items' heads and lengths alone (no values, no
// fields). byContent reads a payload as one of them only when its top item
// ends exactly there, so a payload that fails a skim is one no reader takes
// by content; where a skim is unsure (nesting past MaxDepth) it says yes.
// They let Claims, which the page's first program runs without the readers,
// leave binary such as a PNG header (89 50 4e 47 ...) to the first program.

// skimMsgpack reports whether b may be exactly one MessagePack item.
func skimMsgpack(b []byte) bool {
	var stack [MaxDepth + 1]uint64 // items still to come, per open array or map
	depth, p := 0, 0
	left := uint64(1)
	for {
		for left == 0 {
			if depth == 0 {
				return p == len(b)
			}
			depth--
			left = stack[depth]
		}
		if p >= len(b) {
			return false
		}
		left--
		c := b[p]
		p++
		var skip, count uint64 // bytes of data to skip; items to open
		w := 0                 // bytes of a length that follows the head
		switch {
		case c <= 0x7f || c >= 0xe0 || c == 0xc0 || c == 0xc2 || c == 0xc3:
		case c <= 0x8f:
			count = 2 * uint64(c&0x0f)
		case c <= 0x9f:
			count = uint64(c & 0x0f)
		case c <= 0xbf:
			skip = uint64(c & 0x1f)
		case c == 0xc1:
			return false
		case c >= 0xc4 && c <= 0xc6: // bin 8, 16, 32
			w = 1 << (c - 0xc4)
		case c >= 0xc7 && c <= 0xc9: // ext 8, 16, 32: the length, then a type byte
			w, skip = 1<<(c-0xc7), 1
		case c == 0xca:
			skip = 4
		case c == 0xcb:
			skip = 8
		case c >= 0xcc && c <= 0xd3:
			skip = 1 << ((c - 0xcc) & 3)
		case c >= 0xd4 && c <= 0xd8: // fixext 1 to 16, after a type byte
			skip = 1 + 1<<(c-0xd4)
		case c >= 0xd9 && c <= 0xdb: // str 8, 16, 32
			w = 1 << (c - 0xd9)
		case c == 0xdc || c == 0xdd: // array 16, 32
			w = 2 << (c - 0xdc)
		default: // 0xde, 0xdf: map 16, 32
			w = 2 << (c - 0xde)
		}
		if w > 0 {
			if len(b)-p < w {
				return false
			}
			n := uintN(b[p : p+w])
			p += w
			switch {
			case c >= 0xdc && c <= 0xdd:
				count = n
			case c >= 0xde:
				count = 2 * n
			default:
				skip += n
			}
		}
		if skip > uint64(len(b)-p) {
			return false
		}
		p += int(skip)
		if count > 0 {
			if count > uint64(len(b)-p) {
				return false // every item takes a byte at least
			}
			if depth == MaxDepth {
				return true // the reader stops here with its own error; unsure
			}
			stack[depth] = left
			depth++
			left = count
		}
	}
}

// skimCBOR reports whether b may be exactly one CBOR item.
func skimCBOR(b []byte) bool {
	const indefinite = ^uint64(0)
	var stack [MaxDepth + 1]uint64
	depth, p := 0, 0
	left := uint64(1)
	for {
		for left == 0 {
			if depth == 0 {
				return p == len(b)
			}
			depth--
			left = stack[depth]
		}
		if p >= len(b) {
			return false
		}
		if left == indefinite && b[p] == 0xff { // the break of an indefinite array or map
			p++
			left = 0
			continue
		}
		if left != indefinite {
			left--
		}
		major, info := b[p]>>5, b[p]&31
		p++
		var arg uint64
		switch {
		case info < 24:
			arg = uint64(info)
		case info <= 27:
			w := 1 << (info - 24)
			if len(b)-p < w {
				return false
			}
			arg = uintN(b[p : p+w])
			p += w
		case info == 31:
			if major == 0 || major == 1 || major == 6 || major == 7 {
				return false
			}
			arg = indefinite
		default:
			return false
		}
		var count uint64
		switch major {
		case 2, 3:
			if arg == indefinite {
				// definite chunks of the same type, then the break
				for {
					if p >= len(b) {
						return false
					}
					if b[p] == 0xff {
						p++
						break
					}
					if b[p]>>5 != major || b[p]&31 >= 28 {
						return false
					}
					ci := b[p] & 31
					p++
					n := uint64(ci)
					if ci >= 24 {
						w := 1 << (ci - 24)
						if len(b)-p < w {
							return false
						}
						n = uintN(b[p : p+w])
						p += w
					}
					if n > uint64(len(b)-p) {
						return false
					}
					p += int(n)
				}
			} else {
				if arg > uint64(len(b)-p) {
					return false
				}
				p += int(arg)
			}
		case 4:
			count = arg
		case 5:
			count = arg
			if arg != indefinite {
				if arg > uint64(len(b)) {
					return false
				}
				count = 2 * arg
			}
		case 6:
			count = 1
		}
		if count > 0 {
			if count != indefinite && count > uint64(len(b)-p) {
				return false
			}
			if depth == MaxDepth {
				return true
			}
			stack[depth] = left
			depth++
			left = count
		}
	}
}

// uintN reads a big-endian unsigned integer of len(b) bytes (1 to 8).
func uintN(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}
