package decoder

import "unicode/utf8"

// The lean way into an index (issue 24): most frames of a capture are a
// whole message by themselves, binary or valid text, that break no rule
// and that no reading asks to see. What the index keeps of such a frame
// and its message is known from its header, its place and, for text,
// whether its payload is UTF-8: lean records both at once, without
// copying or unmasking the payload, without the message's assembly and
// without the frame and message values the other frames go through. In
// the wasm, where every call costs, that was half of a capture frame's
// work. The records are the same as the long way's, field for field
// (TestLeanIndexSameRecords decodes every capture both ways).

// leanTextMasked is the longest masked text payload lean unmasks to check
// its UTF-8 (into Session.unmasked); a longer one goes the long way,
// which holds it anyway.
const leanTextMasked = 32 << 10

// leanOff turns lean off, for the tests that compare both ways.
var leanOff bool

// lean records frame f in the index, with the message it makes alone,
// when f is such a frame (see above), and reports whether it did. f has
// its header, place, sender and the header's violations filled in; raw is
// the frame as it came (masked or not), and missing counts its payload
// bytes that never came. It is a method of the index, reached through
// Indexer, so that a program that makes no index (the page's first wasm)
// links none of it.
func (ix *Index) lean(st *Stream, f *Frame, raw []byte, at Mark, missing uint64) bool {
	s := st.s
	body := raw[min(len(raw), f.HeaderLength):]
	if leanOff || missing > 0 || len(f.Violations) > 0 || !f.Fin || f.Rsv1 || f.Rsv2 || f.Rsv3 || f.PayloadTruncated || at.Record > 0 || st.recs.n > 0 ||
		f.Opcode != OpBinary && f.Opcode != OpText || uint64(len(body)) != f.PayloadLength && !(st.passing && len(body) == 0) {
		return false
	}
	side := sideIndex(f.From)
	if a := &st.sides[side]; a.open || a.closed {
		return false // a fragment between others, or a frame after its sender's close
	}
	if rd := s.opts.Reader; rd != nil && !st.unread[side] {
		if rd.wants(s, st.conn, f.From) {
			return false
		}
		st.unread[side] = true // what a reader has stopped wanting it never wants again
	}
	text := f.Opcode == OpText
	if text && !s.validText(f, body) {
		return false // its violation is the long way's to say
	}
	f.Message = s.messages
	s.messages++
	if st.conn != nil {
		c := &s.res.Connections[*st.conn]
		c.Frames++
		c.Messages++
	}
	ix.whole(st, f, at, text)
	return true
}

// validText reports whether text frame f's payload, body as it came, is
// UTF-8; false also when it is masked and too long to unmask here.
func (s *Session) validText(f *Frame, body []byte) bool {
	if !f.Masked {
		return utf8.Valid(body)
	}
	if len(body) > leanTextMasked {
		return false
	}
	if cap(s.unmasked) < len(body) {
		s.unmasked = make([]byte, leanTextMasked)
	}
	p := s.unmasked[:len(body)]
	mask(p, body, [4]byte(f.MaskKey), 0)
	return utf8.Valid(p)
}

// whole records frame f, a whole message by itself that breaks no rule,
// and that message (f.Message), as addMessage and addFrame would: text
// says its payload is valid UTF-8 text.
func (ix *Index) whole(st *Stream, f *Frame, at Mark, text bool) {
	ix.mframes.append(int32(f.Index))
	m := msgRec{end: uint32(ix.mframes.n), length: uint32(f.PayloadLength), flags: mComplete}
	if text {
		m.flags |= mText
	}
	ix.msgs.set(f.Message, m)
	rec := frameRec{off: f.Offset, packet: uint32(f.Packet), msg: int32(f.Message), stream: uint32(st.id), head: headBytes(f)}
	if at.Timed {
		rec.time = int64(at.Time)
		rec.flags = fTime
	}
	ix.frames.set(f.Index, rec) // after frames still held, perhaps: a fragment waits for the next
	ix.count(msgRecSize + 4 + frameRecSize)
	ix.leaned++
}

// passes returns the header length of the frame that starts b and that
// b does not hold whole, when the frame will go into the index the lean
// way and its payload need not be kept to get there (a binary message by
// itself): else 0. What lean asks at the frame's end that can change
// before it (its Mark) it asks again then. Like lean, a method of the
// index, which the first program does not link.
func (ix *Index) passes(st *Stream, b []byte, at Mark) int {
	s := st.s
	if leanOff || len(b) < 2 || b[0] != bitFin|byte(OpBinary) || at.Record > 0 || st.recs.n > 0 {
		return 0
	}
	f := &st.scratch
	*f = Frame{}
	hl, ok := readHeader(b, f)
	if !ok || f.PayloadLength > uint64(s.opts.frameLimit()) || f.PayloadLength <= uint64(len(b)-hl) {
		return 0
	}
	f.From = st.sender(f.Masked)
	side := sideIndex(f.From)
	if a := &st.sides[side]; a.open || a.closed || s.opts.Reader != nil && !st.unread[side] {
		return 0
	}
	if st.headerRules(f); len(f.Violations) > 0 {
		return 0
	}
	return hl
}

// emitPassed emits the passing frame, whose last payload byte has come.
func (ix *Index) emitPassed(st *Stream, at Mark) {
	f := &st.scratch
	*f = Frame{}
	hl, _ := readHeader(st.pending, f)
	st.emit(f, st.pending[:hl], at, 0)
	st.offset += int64(hl) + int64(f.PayloadLength)
	st.pending = st.pending[:0]
	st.passing, st.passed = false, 0
}
