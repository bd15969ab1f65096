package build

// deflater compresses with fixed Huffman codes and a greedy LZ77 search
// (RFC 1951 3.2.6), flushed to a byte boundary after each message with an
// empty stored block whose 00 00 ff ff RFC 7692 7.2.1 removes.
type deflater struct {
	noTakeover bool
	hist       []byte // the last 32 KiB of input, under context takeover
	out        []byte
	bits       uint64
	nbits      uint
}

const window = 32 << 10

func (d *deflater) put(v uint64, n uint) {
	d.bits |= v << d.nbits
	d.nbits += n
	for d.nbits >= 8 {
		d.out = append(d.out, byte(d.bits))
		d.bits >>= 8
		d.nbits -= 8
	}
}

// putCode writes a Huffman code, most significant bit first.
func (d *deflater) putCode(code uint64, n uint) {
	var r uint64
	for i := uint(0); i < n; i++ {
		r = r<<1 | code>>i&1
	}
	d.put(r, n)
}

func (d *deflater) lit(v int) {
	switch {
	case v < 144:
		d.putCode(uint64(0x30+v), 8)
	case v < 256:
		d.putCode(uint64(0x190+v-144), 9)
	case v < 280:
		d.putCode(uint64(v-256), 7)
	default:
		d.putCode(uint64(0xc0+v-280), 8)
	}
}

var lenBase = [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
var lenExtra = [...]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
var distBase = [...]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}

func (d *deflater) match(length, dist int) {
	i := len(lenBase) - 1
	for lenBase[i] > length {
		i--
	}
	d.lit(257 + i)
	d.put(uint64(length-lenBase[i]), lenExtra[i])
	j := len(distBase) - 1
	for distBase[j] > dist {
		j--
	}
	d.putCode(uint64(j), 5)
	d.put(uint64(dist-distBase[j]), uint(max(0, j/2-1)))
}

func (d *deflater) compress(p []byte) []byte {
	if d.noTakeover {
		d.hist = d.hist[:0]
	}
	buf := append(d.hist, p...)
	start := len(d.hist)
	d.out = d.out[:0]
	var head [1 << 12]int32
	for i := range head {
		head[i] = -1
	}
	hash := func(i int) int {
		return int(uint32(buf[i])<<16|uint32(buf[i+1])<<8|uint32(buf[i+2])) * 2654435761 >> 20 & 4095
	}
	for i := max(0, start-window); i+2 < start; i++ {
		head[hash(i)] = int32(i)
	}
	d.put(0b010, 3) // BFINAL 0, fixed Huffman
	for i := start; i < len(buf); {
		if i+2 < len(buf) {
			h := hash(i)
			c := int(head[h])
			head[h] = int32(i)
			if c >= 0 && i-c <= window {
				n := 0
				for n < 258 && i+n < len(buf) && buf[c+n] == buf[i+n] {
					n++
				}
				if n >= 3 {
					d.match(n, i-c)
					for k := i + 1; k < i+n && k+2 < len(buf); k++ {
						head[hash(k)] = int32(k)
					}
					i += n
					continue
				}
			}
		}
		d.lit(int(buf[i]))
		i++
	}
	d.lit(256)
	d.put(0, 3) // an empty stored block: BFINAL 0, BTYPE 00, then byte aligned
	if d.nbits > 0 {
		d.put(0, 8-d.nbits)
	}
	if len(buf) > window {
		buf = buf[len(buf)-window:]
	}
	d.hist = append(d.hist[:0], buf...)
	return append([]byte(nil), d.out...)
}
