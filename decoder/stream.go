package decoder

import (
	"slices"

	"github.com/wsframe/wsframe/internal/msg"
)

// Stream decodes the frames of one direction of a connection, or of pasted
// bytes, fed in pieces in the order they were sent. Frames are added to the
// session's result as soon as their last byte arrives, so that frames of the
// two directions of a capture appear in the order they completed.
type Stream struct {
	s    *Session
	conn *int
	from Side // "" decides per frame from the mask bit
	ext  *Extension

	pending []byte // the start of a frame whose end has not arrived
	need    int    // bytes pending must reach before it is worth parsing again
	offset  int64  // stream offset of the next byte not yet consumed
	skip    int64  // bytes of a frame cut by a gap still to discard
	lost    bool   // after a gap: look for a frame boundary before decoding
	first   int    // the TLS record in which the next frame starts (Mark.Record)
	copied  int64  // bytes copied into or within pending, the work a test bounds
	// passing is set while the pending frame goes into an index the lean
	// way (passes): pending holds only its header, and passed counts its
	// payload bytes that have come and were not kept.
	passing bool
	passed  int
	// runPass is the header length of the frame the bytes last decoded
	// end in, when the lean run (Index.leanRun) found it a binary frame
	// it would take, whose payload may pass by; runPassing is set while
	// such a frame passes, for emitPassed to record it the run's way.
	runPass    int
	runPassing bool

	sides [2]assembler // message reassembly per sender: client, server
	// unread is set per sender once the session's Reader wants none of
	// its messages to be made (Reader.wants), so that lean asks no more.
	unread [2]bool

	// With an index: the stream's number in it, and where its bytes are.
	id   int
	segs chunks[seg]
	recs chunks[recAt] // on a TLS connection: which record brought which bytes
	// reread makes again the bytes written with Mark.Src = SrcReread.
	reread Rereader

	scratch Frame // the frame being decoded, so that it is not allocated
	// kept is the last header (with its context) that broke no header
	// rule, when clean: a frame with the same one keeps them too (headerRules).
	kept  keptHeader
	clean bool
}

// keptHeader is what the header rules read of a header, packed
// (headerKey): its bits, opcode, length form and the length's class
// (lengthClass).
type keptHeader struct{ bits, length uint64 }

// NewStream starts a stream whose first byte is at offset base of its
// direction's byte stream (after the handshake, in a capture). conn is a
// connection id from AddConnection, or -1 for pasted bytes. from is the
// sender, or "" to decide per frame from the mask bit. ext is the
// negotiated compression extension, or nil.
func (s *Session) NewStream(conn int, from Side, ext *Extension, base int64) *Stream {
	st := &Stream{s: s, from: from, ext: ext, offset: base, id: -1}
	if s.ix != nil {
		s.ix.addStream(st)
	}
	if conn >= 0 {
		st.conn = s.ids[conn]
	}
	for i := range st.sides {
		st.sides[i].init(ext, sideAt(i))
	}
	return st
}

// MidStream tells the stream that its bytes may begin inside a frame (the
// capture started after the handshake): it looks for the first offset at
// which the bytes read as a run of frames before decoding.
func (st *Stream) MidStream() { st.lost = true }

// SetRereader gives the stream what makes again, for its index, the bytes
// written to it with Mark.Src = SrcReread (see Rereader). Without one,
// the index keeps a copy of them.
func (st *Stream) SetRereader(r Rereader) { st.reread = r }

// Offset returns the stream offset just past the bytes consumed so far.
func (st *Stream) Offset() int64 { return st.offset + int64(len(st.pending)+st.passed) }

// Write adds the next bytes of the stream and decodes every frame they
// complete. at says which packet carried them.
func (st *Stream) Write(p []byte, at Mark) {
	if st.s.ix != nil && at.Record > 0 && len(p) > 0 {
		st.s.ix.record(st, st.Offset(), at.Record)
	}
	if st.s.ix != nil && int64(len(p)) > st.skip {
		k := max(st.skip, 0)
		src := at.Src
		if src >= 0 {
			src += k
		}
		st.s.ix.segment(st, st.Offset()+k, src, p[k:])
	}
	if st.skip > 0 {
		p = st.skipIn(p)
	}
	if len(p) == 0 {
		return
	}
	if st.lost {
		i, ok := findBoundary(p, st.from)
		if !ok {
			st.offset += int64(len(p))
			return
		}
		st.offset += int64(i)
		p = p[i:]
		st.lost = false
	}
	if len(st.pending) == 0 {
		st.first = at.Record
	}
	for len(st.pending) > 0 {
		if st.passing {
			// A lean frame's payload passes by: only its end is waited for.
			k := st.need - len(st.pending) - st.passed
			if len(p) < k {
				st.passed += len(p)
				return
			}
			p = p[k:]
			st.s.ix.emitPassed(st, at)
			if len(p) == 0 {
				return
			}
			st.first = at.Record
			continue
		}
		if len(st.pending)+len(p) < st.need {
			// Still short of the frame's end: only append. The buffer
			// grows by doubling with the bytes that really came, so a
			// large frame costs linear work, never a copy per piece.
			st.pending = st.grow(st.pending, p)
			return
		}
		// Only the bytes that end the pending frame (or its header) join
		// it; the frames after it are read where they are, so that a
		// packet's bytes are not all copied to be decoded (issue 24: the
		// copies were a tenth of a capture's decode).
		k := max(st.need-len(st.pending), 0)
		if st.need == 0 {
			k = len(p) // never expected: decode says what it needs
		}
		st.pending = st.grow(st.pending, p[:k])
		p = p[k:]
		n := st.decode(st.pending, at)
		if n < len(st.pending) {
			// The header is whole now and tells the frame's length, or
			// decode stopped short: keep what is left and go on.
			if n > 0 {
				rest := st.pending[n:]
				st.pending = append(st.pending[:0], rest...)
				st.copied += int64(len(rest))
			}
			if len(p) == 0 {
				st.release()
				return
			}
			continue
		}
		st.pending = st.pending[:0]
		st.release()
		if st.skip > 0 {
			// The frame was too large to hold (Options.FrameLimit): its
			// rest is skipped as it comes.
			p = st.skipIn(p)
		}
		if len(p) == 0 {
			return
		}
		st.first = at.Record
	}
	if !st.s.sinking() { // a sink or an index keeps no list: nothing to grow
		st.reserve(p)
	}
	n := st.decode(p, at)
	rest := p[n:]
	hl := st.runPass
	if hl == 0 && st.s.ix != nil && passable(rest) {
		hl = st.s.ix.passes(st, rest, at)
	}
	if hl > 0 {
		// Its header is kept; its payload, which the index reads again
		// from the source, passes by uncopied.
		st.pending = append(st.pending[:0], rest[:hl]...)
		st.passing, st.passed, st.runPassing = true, len(rest)-hl, st.runPass > 0
		return
	}
	st.pending = append(st.pending[:0], rest...)
}

// passMin is the least payload a frame lets pass by through Index.passes:
// for a smaller one, reading its header twice (when it starts and when it
// ends) costs more than copying its start, and holding it costs little.
// The lean run, which has read the header already and records the frame
// at its end without reading it again, lets a binary frame of any size
// pass (Stream.runPass).
const passMin = 8 << 10

// passable reports whether b starts the header of a binary frame by
// itself of at least passMin bytes, from its first four bytes: the frames
// worth asking Index.passes about.
func passable(b []byte) bool {
	if len(b) < 4 || b[0] != bitFin|byte(OpBinary) {
		return false
	}
	l := b[1] & maskLen7
	return l == len64Flag || l == len16Flag && int(b[2])<<8|int(b[3]) >= passMin
}

// unpass ends passing before the passing frame is cut (a gap, the end of
// the stream): its payload bytes that came are put back as zeros, where
// the long way reads nothing of them (a binary message that no reading
// asks for, whose bytes the index reads again from the source).
func (st *Stream) unpass() {
	if st.passing {
		st.pending = append(st.pending, make([]byte, st.passed)...)
		st.passing, st.passed, st.runPassing = false, 0, false
	}
}

// grow appends p to b, doubling b's capacity when it is full (up to the
// end of the frame it holds, st.need) rather than by append's smaller steps
// for large slices.
func (st *Stream) grow(b, p []byte) []byte {
	if len(b)+len(p) > cap(b) {
		c := max(2*cap(b), len(b)+len(p))
		if st.need > len(b)+len(p) {
			c = min(c, st.need)
		}
		nb := make([]byte, len(b), c)
		st.copied += int64(copy(nb, b))
		b = nb
	}
	st.copied += int64(len(p))
	return append(b, p...)
}

// release lets a large pending buffer go once it holds little, so that one
// big frame does not pin its buffer for the rest of the stream.
func (st *Stream) release() {
	if cap(st.pending) > 1<<20 && len(st.pending) < cap(st.pending)/4 {
		st.pending = append([]byte(nil), st.pending...)
	}
}

// reserve makes room in the result for the frames that b holds, counted by
// hopping from header to header, so that the result grows once rather than
// by repeated doubling and copying. Write calls it only for a session that
// keeps its frames in its result (not sinking).
func (st *Stream) reserve(b []byte) {
	n := 0
	for len(b) >= 2 {
		var f Frame
		hl, ok := readHeader(b, &f)
		if !ok || uint64(len(b)-hl) < f.PayloadLength {
			break
		}
		b = b[uint64(hl)+f.PayloadLength:]
		n++
	}
	if n > 1 {
		r := &st.s.res
		r.Frames = slices.Grow(r.Frames, n)
		r.Messages = slices.Grow(r.Messages, n)
	}
}

// decode decodes the complete frames at the start of b and returns how
// many bytes they took. It sets st.need for the incomplete rest.
func (st *Stream) decode(b []byte, at Mark) int {
	done := 0
	f := &st.scratch
	ix := st.s.ix
	st.runPass = 0
	for done < len(b) {
		if ix != nil {
			// The frames that go into the index the lean way, read
			// where they are, as many as follow each other, up to one
			// not all here (need) or one to decode the long way.
			n, need := ix.leanRun(st, b[done:], at)
			if done += n; need > 0 {
				st.need = need
				return done
			}
			if done == len(b) {
				break
			}
		}
		*f = Frame{}
		rest := b[done:]
		hl, ok := readHeader(rest, f)
		if !ok {
			st.need = hl
			return done
		}
		// Compare without adding: a 64-bit length can be near 2^64.
		if limit := uint64(st.s.opts.frameLimit()); f.PayloadLength > limit {
			// Too large to hold: keep its first limit bytes and skip the
			// rest as it arrives (Options.FrameLimit).
			if uint64(len(rest)-hl) < limit {
				st.need = hl + int(limit)
				return done
			}
			keep := uint64(hl) + limit
			f.PayloadTruncated = true
			st.emit(f, rest[:keep], at, 0)
			done += int(keep)
			st.offset += int64(keep)
			st.skip = int64(f.PayloadLength - limit)
			if n := min(int64(len(b)-done), st.skip); n > 0 {
				st.skip -= n
				st.offset += n
				done += int(n)
			}
			continue
		}
		if f.PayloadLength > uint64(len(rest)-hl) {
			// Ask for the whole frame before parsing again. need is only
			// a threshold: the buffer grows with the bytes that come, so
			// a lying length allocates nothing.
			st.need = hl + int(f.PayloadLength)
			return done
		}
		total := uint64(hl) + f.PayloadLength
		st.emit(f, rest[:total], at, 0)
		done += int(total)
		st.offset += int64(total)
	}
	st.need = 0
	return done
}

// emit adds frame f, whose bytes (header and as much payload as there is)
// are raw, to the result and to its message. missing counts payload bytes
// that never arrived.
func (st *Stream) emit(f *Frame, raw []byte, at Mark, missing uint64) {
	f.Index = st.s.frames
	st.s.frames++
	f.Connection = st.conn
	f.Offset = st.offset
	f.Missing = missing
	f.Message = -1
	f.From = st.sender(f.Masked)
	if at.Record > 0 {
		f.Record = at.Record
		if st.first > 0 && st.first != at.Record {
			f.FirstRecord = st.first
		}
		st.first = at.Record
	}
	if at.Packet > 0 {
		f.Packet = at.Packet
	}
	// The header's rules first: they read only the header, and a frame
	// that keeps them may go to an index without its payload (lean).
	st.headerRules(f)
	if ix := st.s.ix; ix != nil && ix.lean(st, f, raw, at, missing) {
		return
	}
	if st.passing && missing == 0 {
		// Lean refused the passing frame at its end: the long way gets
		// zeros for the payload it reads nothing of (unpass).
		raw = append(raw[:f.HeaderLength:f.HeaderLength], make([]byte, f.PayloadLength)...)
	}
	if at.Timed { // pcapng simple packet blocks carry no time; a HAR message has one and no packet
		f.Time = st.s.timeOf(at)
	}
	if st.s.sinking() && st.s.holding == 0 {
		// Every frame before this one has left (to the sink or the
		// index), and no message holds a payload: the arenas' bytes
		// are free again.
		st.s.arena.reuse()
		st.s.small.reuse()
	}
	body := raw[min(len(raw), f.HeaderLength):]
	payload := st.s.arena.alloc(len(body))
	if f.Masked && len(f.MaskKey) == 4 {
		key := st.s.small.alloc(4)
		copy(key, f.MaskKey)
		f.MaskKey = key
		mask(payload, body, [4]byte(f.MaskKey), 0)
	} else {
		copy(payload, body)
	}
	f.Payload = payload
	if missing > 0 {
		f.Violations = append(f.Violations, ruleTruncated.violation(Params{
			"frame": f.Index, "offset": f.Offset, "length": f.PayloadLength, "missing": missing}))
	}
	if !st.s.sinking() {
		r := &st.s.res
		r.Frames = append(r.Frames, *f)
		f = &r.Frames[len(r.Frames)-1]
	}
	st.sides[sideIndex(f.From)].frame(st, f)
}

// sender returns who sent a frame of this stream with the given mask bit.
func (st *Stream) sender(masked bool) Side {
	switch {
	case st.from != "":
		return st.from
	case st.s.opts.From != "":
		return st.s.opts.From
	case masked:
		return Client
	}
	return Server
}

// headerRules adds the violations f's header shows on this stream. The
// rules read only the header and its context, so a frame whose header is
// the last clean one's (most frames of a stream) keeps them without
// testing each: a tenth of a frame's work in the wasm.
func (st *Stream) headerRules(f *Frame) {
	hb := headBytes(f)
	k := headerKey(hb[0], hb[1], f.LengthBits, f.PayloadLength)
	if st.clean && st.kept == k {
		return
	}
	n := len(f.Violations)
	checkHeader(f, rsvAllowed(st.ext))
	if st.from != "" || st.s.opts.From != "" {
		checkSide(f)
	}
	if len(f.Violations) == n {
		st.kept, st.clean = k, true
	}
}

// headerKey packs what the header rules read of a header (keptHeader),
// from its first two bytes (b0, b1), its length form (bits) and length:
// FIN, the RSV bits, the opcode, the mask bit, the length form and the
// length's class. The rest of what they read is the stream's and does not
// change along it: the RSV bits its extension allows, whether the sender
// is checked, and the sender, which on a stream follows from the mask bit
// (Stream.sender). headerRules keeps it; the lean run (Index.leanRun)
// compares a header it has read itself with the kept one.
func headerKey(b0, b1 byte, bits int, length uint64) keptHeader {
	return keptHeader{uint64(b0)<<8 | uint64(b1&bitMask) | uint64(bits)<<16, lengthClass(bits, length)}
}

// lengthClass sorts a payload length, sent in a length field of bits bits,
// by what the header rules ask of it (control-too-long, non-minimal-length,
// length-top-bit-set): frames of a stream whose lengths differ but fall in
// one class break the same rules, so that headerRules keeps the outcome
// across them (real traffic rarely sends two lengths alike).
func lengthClass(bits int, n uint64) uint64 {
	switch {
	case bits == 7:
		return 0 // at most 125: every rule is kept
	case bits == 16 && n > MaxControlPayload:
		return 1
	case bits == 16:
		return 2
	case n>>63 != 0:
		return 3
	case n > 0xFFFF:
		return 4
	case n > MaxControlPayload:
		return 5
	}
	return 6
}

// Gap tells the stream that n bytes were never captured at this point. The
// frame they cut is reported as truncated; decoding resumes after the gap
// when the frame's length says where the next one starts, and otherwise at
// the first offset where the bytes read as frames again.
func (st *Stream) Gap(n int64, at Mark) {
	if n <= 0 {
		return
	}
	if st.s.ix != nil {
		st.s.ix.hole(st, st.Offset())
	}
	st.unpass()
	for i := range st.sides {
		st.sides[i].lose(msg.New("inflate.lost.gap", "{n} bytes at stream offset {offset} were never captured", "n", n, "offset", st.Offset()))
	}
	defer func() { st.offset += n }()
	if st.skip > 0 {
		k := min(n, st.skip)
		st.skip -= k
		n -= k
		if n == 0 {
			return
		}
		st.lost = true
		return
	}
	if len(st.pending) == 0 {
		st.lost = true
		return
	}
	var f Frame
	hl, ok := readHeader(st.pending, &f)
	if !ok {
		st.cutHeader(hl)
		st.lost = true
		return
	}
	have := uint64(len(st.pending) - hl)
	left := f.PayloadLength - have // bytes of this frame after the pending ones
	st.emit(&f, st.pending, at, left)
	st.offset += int64(len(st.pending))
	st.pending = st.pending[:0]
	switch {
	case uint64(n) < left && left-uint64(n) < 1<<62:
		st.skip = int64(left - uint64(n)) // the rest of this frame follows the gap
	case uint64(n) != left:
		st.lost = true // past the frame's end, or a length no capture could hold
	}
}

// cutHeader reports pending bytes that end inside a frame header of hl
// bytes, and drops them.
func (st *Stream) cutHeader(hl int) {
	st.s.AddError(errorText(st.offset, msg.New("stream.cut-header",
		"the frame at byte {offset} is cut inside its header: {got} of its {total} header bytes are there",
		"offset", st.offset, "got", len(st.pending), "total", hl)))
	st.offset += int64(len(st.pending))
	st.pending = st.pending[:0]
}

// Close ends the stream: a frame still incomplete is reported as truncated,
// and a fragmented message still open as incomplete.
func (st *Stream) Close(at Mark) {
	st.unpass()
	if len(st.pending) > 0 {
		var f Frame
		hl, ok := readHeader(st.pending, &f)
		if ok {
			st.emit(&f, st.pending, at, f.PayloadLength-uint64(len(st.pending)-hl))
			st.offset += int64(len(st.pending))
			st.pending = st.pending[:0]
		} else {
			st.cutHeader(hl)
		}
	}
	for i := range st.sides {
		st.sides[i].flush(st)
	}
}

// rsvAllowed returns the RSV bits ext gives a meaning to.
func rsvAllowed(ext *Extension) byte {
	if ext != nil {
		return bitRsv1
	}
	return 0
}

func sideIndex(s Side) int {
	if s == Server {
		return 1
	}
	return 0
}

func sideAt(i int) Side {
	if i == 1 {
		return Server
	}
	return Client
}

// findBoundary looks for the first offset of b from which b reads as
// plausible frames up to its end, where the last frame may still be
// incomplete (its header must be whole). It tries a bounded number of
// offsets and walks a bounded number of frames from each, so that crafted
// input cannot make it quadratic.
func findBoundary(b []byte, from Side) (int, bool) {
	for i := 0; i < len(b) && i < 4096; i++ {
		if plausibleRun(b[i:], from, true) {
			return i, true
		}
	}
	return 0, false
}

// plausibleWalk bounds how many frames plausibleRun checks: that many
// plausible frames in a row are taken as proof.
const plausibleWalk = 64

// plausibleRun reports whether b is a run of frames that look like real
// traffic: registered opcodes, the masking rule kept, minimal lengths. With
// partial, the last frame may end beyond b.
func plausibleRun(b []byte, from Side, partial bool) bool {
	c := headerContext{from: from, rsvAllowed: bitRsv1}
	for n := 0; len(b) > 0 && n < plausibleWalk; n++ {
		var f Frame
		hl, ok := readHeader(b, &f)
		if !ok || !headerKeepsRules(&f, c, true) {
			return false
		}
		if f.PayloadLength > uint64(len(b)-hl) {
			return partial
		}
		b = b[uint64(hl)+f.PayloadLength:]
	}
	return true
}

// Plausible reports whether b, the first bytes seen of one direction, read
// as WebSocket frames sent by from ("" for either side); the last frame may
// be cut by the end of b. Package capture uses it to recognise connections
// whose handshake it never saw.
func Plausible(b []byte, from Side) bool { return len(b) >= 2 && plausibleRun(b, from, true) }

// skipIn passes over the bytes of p that are still to be skipped (the rest
// of a frame too large to hold, Options.FrameLimit) and returns what
// follows them.
func (st *Stream) skipIn(p []byte) []byte {
	n := min(int64(len(p)), st.skip)
	st.skip -= n
	st.offset += n
	return p[n:]
}
