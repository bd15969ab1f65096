package inspect

// Chained says how bytes chain as WebSocket frames (RFC 6455 5.2), from
// their headers alone: each header's length leads to the next header,
// and the last frame ends at the end of the bytes or runs past it.
type Chained struct {
	// Len is the length of the bytes.
	Len int
	// Count is the number of frame headers read, whole or not.
	Count int
	// End is the offset where the chain stopped: the end of the bytes
	// when every header and length fit (the last payload may be cut).
	End int
	// Whole reports whether the last frame ends exactly at the end.
	Whole bool
	// Good counts the bytes of frames that break no header rule.
	Good int
	// MaxRules is the most header rules one frame breaks.
	MaxRules int
}

// maxChain bounds the headers Chain reads: past it the bytes have
// already shown what they are.
const maxChain = 4096

// Chain walks b frame header by frame header, checking each header's
// rules as decoder does (reserved opcodes and bits, control frames that
// are long or fragmented, lengths not in their shortest form or with the
// top bit set, a continuation with no message to continue); linear in
// the number of headers, which is capped.
func Chain(b []byte) Chained {
	c := Chained{Len: len(b)}
	inMessage := false
	for c.End < len(b) && c.Count < maxChain {
		at := c.End
		if len(b)-at < 2 {
			break
		}
		b0, b1 := b[at], b[at+1]
		fin, rsv, op := b0&0x80 != 0, b0&0x70, b0&0x0f
		control := op >= 8
		rules := 0
		if op >= 3 && op <= 7 || op >= 0xb {
			rules++ // reserved opcode
		}
		if rsv&0x30 != 0 {
			rules++ // RSV2, RSV3: no extension defines them
		}
		if rsv&0x40 != 0 && (control || op == 0) {
			rules++ // RSV1 on a control frame or a continuation
		}
		if control && !fin {
			rules++ // a fragmented control frame
		}
		switch {
		case op == 0 && !inMessage, (op == 1 || op == 2) && inMessage:
			rules++ // a continuation with no message, or a message inside one
		case op <= 2:
			inMessage = !fin
		}
		n := uint64(b1 & 0x7f)
		h := 2
		switch n {
		case 126:
			if len(b)-at < 4 {
				c.Count++
				c.End = len(b)
				c.MaxRules = max(c.MaxRules, rules)
				return c
			}
			n, h = uint64(b[at+2])<<8|uint64(b[at+3]), 4
			if n < 126 {
				rules++
			}
		case 127:
			if len(b)-at < 10 {
				c.Count++
				c.End = len(b)
				c.MaxRules = max(c.MaxRules, rules)
				return c
			}
			n, h = 0, 10
			for i := 2; i < 10; i++ {
				n = n<<8 | uint64(b[at+i])
			}
			if n>>63 != 0 {
				rules++
			} else if n < 1<<16 {
				rules++
			}
		}
		if control && n > 125 {
			rules++
		}
		if b1&0x80 != 0 {
			h += 4
		}
		c.Count++
		c.MaxRules = max(c.MaxRules, rules)
		if rest := uint64(len(b) - at); uint64(h) > rest || n > rest-uint64(h) {
			c.End = len(b) // cut short: the last frame runs past the end
			if rules == 0 {
				c.Good += len(b) - at
			}
			return c
		}
		c.End = at + h + int(n)
		if rules == 0 {
			c.Good += h + int(n)
		}
	}
	c.Whole = c.End == len(b)
	return c
}

// Frames reports whether the bytes read as frames: they chain to their
// end (the last frame may be cut), and either most bytes lie in frames
// that break no header rule or no frame breaks more than one (a frame
// built wrong on purpose is a lesson, not noise), or they are one frame
// whose length ends exactly at their end. Past maxChain headers
// the bytes need not reach their end.
func (c Chained) Frames() bool {
	if c.Count == 0 || c.End < c.Len && c.Count < maxChain {
		return false // stopped before the end, not for the cap
	}
	return c.Good*2 >= c.End || c.MaxRules <= 1 || c.Count == 1 && c.Whole
}

// Chains reports whether the bytes chain as frames to their very end,
// whatever rules their headers break.
func (c Chained) Chains() bool { return c.Count > 0 && c.Whole }
