package decoder

import (
	"encoding/binary"
	"unicode/utf8"
)

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

// leanOff turns lean off, and leanRunOff only its run (leanRun), for the
// tests that compare the ways.
var leanOff, leanRunOff bool

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
	if text && !s.validText(f.Masked, f.MaskKey, body) {
		return false // its violation is the long way's to say
	}
	f.Message = ix.whole(st, f.Index, f.Offset, f.Packet, f.PayloadLength, headBytes(f), at, text)
	return true
}

// leanRun records in the index the frames at the start of b that lean
// would take, read where they are: whole frames, one after the other, as
// long as each is a whole binary or text message of a header the stream
// has kept clean (headerRules), from a sender with no fragmented message
// open and no close, whose reading is decided. It returns the bytes
// those frames take (done), stopping at the first it is not sure of,
// which the stream decodes the long way (where lean may still take it).
// When the frame it stopped at is not all in b, need is the bytes from
// its start the stream must have before decoding it (Stream.need), as
// the long way would say; else 0. It does what emit and lean do for such
// a frame, without a Frame, so that a packet of them costs one call here
// instead of a handful a frame (issue 24: in the wasm, every call costs).
func (ix *Index) leanRun(st *Stream, b []byte, at Mark) (done, need int) {
	s := st.s
	if leanOff || leanRunOff || at.Record > 0 || st.recs.n > 0 || st.passing || !st.clean {
		return 0, 0
	}
	limit := uint64(s.opts.frameLimit())
	for done < len(b) {
		rest := b[done:]
		if len(rest) < 2 {
			return done, 2
		}
		b0, b1 := rest[0], rest[1]
		if b0 != bitFin|byte(OpBinary) && b0 != bitFin|byte(OpText) {
			break
		}
		masked := b1&bitMask != 0
		hl, bits, n := 2, 7, uint64(b1&maskLen7)
		switch n {
		case len16Flag:
			hl, bits = 4, 16
		case len64Flag:
			hl, bits = 10, 64
		}
		if masked {
			hl += 4
		}
		if len(rest) < hl {
			return done, hl
		}
		switch bits {
		case 16:
			n = uint64(binary.BigEndian.Uint16(rest[2:4]))
		case 64:
			n = binary.BigEndian.Uint64(rest[2:10])
		}
		if n > limit {
			break // too large to hold: the long way keeps its start
		}
		whole := n <= uint64(len(rest)-hl)
		from := st.sender(masked)
		side := sideIndex(from)
		op := Opcode(b0 & maskOp)
		if a := &st.sides[side]; a.open || a.closed || s.opts.Reader != nil && !st.unread[side] ||
			st.kept != headerKey(b0, b1, bits, n) {
			if !whole {
				return done, hl + int(n)
			}
			break
		}
		if !whole {
			if op == OpBinary {
				// Its payload may pass by (Stream.Write), the run
				// recording it at its end (emitPassed).
				st.runPass = hl
			}
			return done, hl + int(n)
		}
		total := hl + int(n)
		text := op == OpText
		if text {
			var key []byte
			if masked {
				key = rest[hl-4 : hl]
			}
			if !s.validText(masked, key, rest[hl:total]) {
				break
			}
		}
		index := s.frames
		s.frames++
		ix.whole(st, index, st.offset, max(at.Packet, 0), n, [2]byte{b0, b1}, at, text)
		ix.ran++
		done += total
		st.offset += int64(total)
	}
	return done, 0
}

// validText reports whether a text frame's payload, body as it came, is
// UTF-8; false also when it is masked (with the 4 bytes of key) and too
// long to unmask here.
func (s *Session) validText(masked bool, key, body []byte) bool {
	if !masked {
		return utf8.Valid(body)
	}
	if len(body) > leanTextMasked {
		return false
	}
	if cap(s.unmasked) < len(body) {
		s.unmasked = make([]byte, leanTextMasked)
	}
	p := s.unmasked[:len(body)]
	mask(p, body, [4]byte(key), 0)
	return utf8.Valid(p)
}

// whole records frame number index, at offset off of stream st, carried
// by packet, with a payload of length bytes and head as its first two
// bytes (headBytes), a whole message by itself that breaks no rule, and
// that message, as addMessage and addFrame would: text says its payload
// is valid UTF-8 text. It counts the message on the session and its
// connection and returns its number.
func (ix *Index) whole(st *Stream, index int, off int64, packet int, length uint64, head [2]byte, at Mark, text bool) int {
	s := st.s
	k := s.messages
	s.messages++
	if st.conn != nil {
		c := &s.res.Connections[*st.conn]
		c.Frames++
		c.Messages++
	}
	ix.mframes.append(int32(index))
	m := msgRec{end: uint32(ix.mframes.n), length: uint32(length), flags: mComplete}
	if text {
		m.flags |= mText
	}
	ix.msgs.set(k, m)
	rec := frameRec{off: off, packet: uint32(packet), msg: int32(k), stream: uint32(st.id), head: head}
	if at.Timed {
		rec.time = int64(at.Time)
		rec.flags = fTime
	}
	ix.frames.set(index, rec) // after frames still held, perhaps: a fragment waits for the next
	ix.count(msgRecSize + 4 + frameRecSize)
	ix.leaned++
	return k
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
// One the lean run let pass it records as the run does: what the run
// asked of it, only a TLS record can have changed since.
func (ix *Index) emitPassed(st *Stream, at Mark) {
	if st.runPassing && at.Record == 0 && st.recs.n == 0 {
		s, hl := st.s, len(st.pending)
		n := st.need - hl
		index := s.frames
		s.frames++
		ix.whole(st, index, st.offset, max(at.Packet, 0), uint64(n), [2]byte{st.pending[0], st.pending[1]}, at, false)
		ix.ran++
		st.offset += int64(hl + n)
		st.pending = st.pending[:0]
		st.passing, st.passed, st.runPassing = false, 0, false
		return
	}
	f := &st.scratch
	*f = Frame{}
	hl, _ := readHeader(st.pending, f)
	st.emit(f, st.pending[:hl], at, 0)
	st.offset += int64(hl) + int64(f.PayloadLength)
	st.pending = st.pending[:0]
	st.passing, st.passed, st.runPassing = false, 0, false
}
