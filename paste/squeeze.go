package paste

import "github.com/wsframe/wsframe/internal/msg"

// hexdump -C and od print a line of the same bytes as the line before it
// as a lone '*' (xxd -a too, for lines of zeros): the next offset says how
// far the repeat goes. squeeze keeps what a dump needs to expand it.
type squeeze struct {
	format     string // the dump's form, for the radix of its offsets
	line, n    int    // the previous line's bytes: p.out[line : line+n]
	at         int    // the pending '*' in the text, or -1
	base       uint64 // the first line's offset
	prev       []byte // the previous line's offset column
	radix      int    // of the offsets, once known (0: not yet)
	started    bool
	afterStars bool   // the previous line came after a '*'
	expanded   uint64 // the bytes every '*' so far added
}

// maxSqueeze caps the bytes the '*' of one dump may expand to, all
// together: a dump says how many, and a '*' before an offset of 2^40 (or
// a thousand '*' of 16 MiB each) is an error, not a memory bomb.
const maxSqueeze = 16 << 20

// offsetValue reads an offset column in radix; ok is false when it does
// not fit in 48 bits or has a digit the radix lacks.
func offsetValue(col []byte, radix int) (uint64, bool) {
	var v uint64
	for _, c := range col {
		d, ok := hexValue(c)
		if !ok || int(d) >= radix {
			return 0, false
		}
		v = v*uint64(radix) + uint64(d)
		if v >= 1<<48 {
			return 0, false
		}
	}
	return v, true
}

// offsetRadix is the radix of the dump's offsets: 16 but for od, whose
// offsets are octal unless -A x or -A d chose otherwise. Two lines in a
// row settle it (the second's offset is the first's plus its bytes);
// until then od's 7-digit offsets are taken for its default, octal.
func (s *squeeze) offsetRadix(col []byte) int {
	if s.radix != 0 {
		return s.radix
	}
	if s.format != FormatOd {
		s.radix = 16
		return 16
	}
	if s.prev != nil && !s.afterStars {
		for _, r := range []int{16, 8, 10} {
			a, ok1 := offsetValue(s.prev, r)
			b, ok2 := offsetValue(col, r)
			if ok1 && ok2 && b == a+uint64(s.n) {
				s.radix = r
				return r
			}
		}
	}
	if len(col) == 7 {
		return 8
	}
	return 16
}

// star notes a lone '*' at text offset at.
func (p *inputParser) star(at int) {
	s := &p.sq
	if s.n == 0 {
		p.errorAt(at, msg.New("paste.squeeze.first", "'*' repeats the line before it, and there is none"))
		return
	}
	s.at = at
}

// offsetLine is told the offset column of each line of a dump, before
// its bytes are read (end: the text offset past the column): it expands a
// pending '*' up to that offset, or says why it cannot.
func (p *inputParser) offsetLine(col []byte, end int) {
	s := &p.sq
	radix := s.offsetRadix(col)
	v, ok := offsetValue(col, radix)
	if !s.started {
		s.started, s.base, s.at = true, v, -1
	}
	defer func() { s.prev, s.afterStars = col, s.at >= 0 }()
	if s.at < 0 {
		return
	}
	star := s.at
	s.at = -1
	have := uint64(len(p.out))
	switch {
	case !ok:
		p.errorAt(end-len(col), msg.New("paste.squeeze.too-large", "offset {offset} after '*' is too large to follow (more than 2^48)", "offset", string(col)))
		return
	case v < s.base+have:
		p.errorAt(end-len(col), msg.New("paste.squeeze.backwards", "offset {offset} after '*' is before the {n} bytes already read", "offset", string(col), "n", int(have)))
		return
	}
	need := v - s.base - have
	if need > maxSqueeze-s.expanded {
		p.errorAt(star, msg.New("paste.squeeze.cap", "'*' repeats the line before it up to offset {offset}, {n} bytes; wsframe expands at most {max} MiB of a squeezed dump",
			"offset", string(col), "n", int(need), "max", maxSqueeze>>20))
		return
	}
	s.expanded += need
	line := p.out[s.line : s.line+s.n]
	for need > 0 {
		k := min(need, uint64(len(line)))
		p.out = append(p.out, line[:k]...)
		need -= k
	}
}

// lineBytes notes that the bytes of the line just read are p.out[from:].
func (p *inputParser) lineBytes(from int) {
	if n := len(p.out) - from; n > 0 {
		p.sq.line, p.sq.n = from, n
	}
}
