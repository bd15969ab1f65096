package decoder

import (
	"encoding/binary"
	"errors"
	"unicode/utf8"
	"unsafe"

	"github.com/wsframe/wsframe/internal/msg"
)

// assembler reassembles the messages of one sender (RFC 6455 section 5.4):
// a data frame opens a message, continuation frames extend it, the frame
// with FIN set ends it; control frames, which may come between fragments,
// are messages of their own.
type assembler struct {
	from     Side
	ext      *Extension
	inflater *inflater

	open       bool
	opcode     Opcode
	compressed bool
	first      int         // the open message's first frame
	frames     []int       // without a sink: the open message's frames
	parts      [][]byte    // without a sink: payloads, or inflated frames under deflate-frame
	log        *inflateLog // with an index: this sender's inflate calls and checkpoints
	size       int
	problem    msg.Text
	closed     bool // a close frame was sent

	// With a sink (or an index) a fragment leaves as soon as the next one
	// comes, so that a message of a million fragments holds no more than
	// their numbers in a packed array and its bytes joined: held is the
	// last fragment (ending the message may add to its violations), ids
	// the frames' numbers, and data the payloads joined once there are two
	// (one stays where it is, in one).
	held  Frame
	holds bool
	// end is, with an early sink, the open message's last frame so far:
	// held, or the frame being decided when it ends the message, which
	// is settled before the next is decoded over it and so is not copied.
	end   *Frame
	pend  []Frame // for a sink that is not early: the open message's frames
	ids   chunks[int32]
	one   []byte
	data  []byte
	npart int
}

func (a *assembler) init(ext *Extension, from Side) {
	a.from, a.ext = from, ext
}

// frame takes frame f, just decoded: it points into the result or, when
// the session hands frames to a sink, at the frame being decided.
func (a *assembler) frame(st *Stream, f *Frame) {
	contextRules(f, a.ext, a.closed)
	switch {
	case f.Opcode.IsControl():
		if f.Opcode == OpClose {
			a.closed = true
		}
		a.control(st, f)
	case f.Opcode.isReserved():
		// A reserved data opcode has no meaning to reassemble.
		st.s.settle(st, f)
	case f.Opcode == OpContinuation:
		if !a.open {
			f.Violations = append(f.Violations, orphanViolation())
			st.s.settle(st, f)
			return
		}
		a.add(st, f)
	default:
		if a.open {
			f.Violations = append(f.Violations, ruleInterleavedData.violation(Params{
				"opcode": f.Opcode.String(), "open": a.opcode.String(), "frame": a.first}))
			a.flush(st)
		}
		a.open = true
		a.opcode = f.Opcode
		a.compressed = a.ext != nil && f.Rsv1
		a.add(st, f)
	}
}

// contextRules adds the violations frame f breaks given what came before
// it from its sender: a close frame already sent (closed), and the
// negotiated extension ext (RSV1 where it means nothing).
func contextRules(f *Frame, ext *Extension, closed bool) {
	if closed {
		f.Violations = append(f.Violations, ruleAfterClose.violation(Params{"side": string(f.From)}))
	}
	if ext != nil && f.Rsv1 {
		switch {
		case f.Opcode.IsControl():
			f.Violations = append(f.Violations, ruleRsv1OnControl.violation(nil))
		case f.Opcode == OpContinuation && ext.PerMessage():
			f.Violations = append(f.Violations, ruleRsv1OnContinuation.violation(nil))
		}
	}
}

// orphanViolation is the violation of a continuation frame with no
// fragmented message to continue (section 5.4).
func orphanViolation() Violation {
	return ruleOrphanContinuation.violation(nil)
}

// add appends frame f's payload to the open message and ends the message on FIN.
func (a *assembler) add(st *Stream, f *Frame) {
	i := f.Index
	sinking := st.s.sinking()
	n := a.npart
	if n == 0 {
		a.first = i
	}
	switch {
	case sinking && st.s.ix == nil && st.s.early():
		// An early sink saw each fragment go by: it is given no list.
	case sinking:
		a.ids.append(int32(i))
	case a.frames == nil:
		a.frames = st.s.ints.one(i)
	default:
		a.frames = append(a.frames, i)
	}
	part := []byte(f.Payload)
	if f.PayloadTruncated && a.problem.ID == "" {
		a.problem = msg.New("message.frame-limit", "frame {frame} has {length} bytes of payload, more than the {limit} one frame may hold (Options.FrameLimit); only its first {read} were read", "frame", i, "length", f.PayloadLength, "limit", sizeText(st.s.opts.frameLimit()), "read", len(f.Payload))
	}
	if a.ext != nil && !a.ext.PerMessage() && f.Rsv1 {
		// deflate-frame: every frame is compressed by itself. Inflate even
		// after a problem, so the window stays in step with the sender.
		out, problem := a.inflate(st, part, f, f.Index, false)
		if problem.ID == "" && a.size+len(out) > st.s.opts.inflateLimit() {
			problem = limitMessage(st.s.opts.inflateLimit())
		}
		if problem.ID == "" {
			part = out
		} else if a.problem.ID == "" {
			a.problem = problem
		}
	}
	if n == 0 {
		st.s.holding++
	}
	a.npart++
	a.size += len(part)
	if sinking {
		switch n {
		case 0:
			a.one = part
		case 1:
			a.data = append(append(a.data[:0], a.one...), part...)
		default:
			a.data = append(a.data, part...)
		}
		switch {
		case !st.s.early():
			// A sink that wants a message before its frames: they
			// wait for its end.
			a.pend = append(a.pend, *f)
		default:
			if a.holds {
				// The fragment before this one is decided: it leaves now.
				st.s.settle(st, &a.held)
				a.holds = false
			}
			if f.Fin || f.Missing > 0 {
				// It ends the message below, before the next frame is
				// decoded over it: it is not copied to be held.
				a.end = f
			} else {
				a.held, a.holds, a.end = *f, true, &a.held
			}
		}
	} else {
		a.parts = append(a.parts, part)
	}
	if f.Fin || f.Missing > 0 {
		a.finish(st, f.Missing == 0)
	}
}

// flush emits a message whose final fragment never came.
func (a *assembler) flush(st *Stream) {
	if a.open {
		a.finish(st, false)
	}
}

func (a *assembler) finish(st *Stream, complete bool) {
	m := &st.s.scratch
	*m = Message{
		Index:      st.s.messages,
		Connection: st.conn,
		From:       a.from,
		Opcode:     a.opcode,
		OpcodeName: a.opcode.String(),
		Frames:     a.frames,
		Compressed: a.compressed,
		Complete:   complete,
		Problem:    a.problem.Message, ProblemID: a.problem.ID, ProblemParams: a.problem.Params,
	}
	var data []byte
	switch {
	case st.s.sinking() && a.npart == 1:
		data = a.one
	case st.s.sinking():
		data = a.data
		m.Frames = nil // the sink saw them go by; an index has them in ids
	case len(a.parts) == 1:
		data = a.parts[0]
	default:
		data = st.s.arena.alloc(a.size)
		n := 0
		for _, p := range a.parts {
			n += copy(data[n:], p)
		}
	}
	if a.compressed && a.ext.PerMessage() {
		m.CompressedLength = len(data)
		// Into a sink or an index the message's bytes are done with
		// before the next one: one buffer of the session serves them all.
		out, problem := a.inflate(st, data, a.last(st), m.Index, st.s.sinking())
		if problem.ID == "" {
			data = out
		} else if m.Problem == "" {
			m.Problem, m.ProblemID, m.ProblemParams = problem.Message, problem.ID, problem.Params
		}
	}
	m.Data = data
	m.Length = len(data)
	last := a.last(st)
	if a.opcode == OpText && m.Problem == "" {
		if utf8.Valid(data) {
			m.Text = st.s.text(data)
		} else if complete {
			v := ruleTextNotUTF8.violation(Params{"message": m.Index, "byte": firstInvalidUTF8(data), "length": len(data)})
			m.Violations = append(m.Violations, v)
			last.Violations = append(last.Violations, v)
		}
	}
	// A connection read as a byte stream (MQTT) takes the message's bytes
	// now, whether the message is kept, indexed or sunk.
	if rd := st.s.opts.Reader; rd != nil {
		rd.app(st.s, m)
	}
	if st.s.sinking() {
		if a.npart == 1 {
			st.s.one[0] = a.first
			m.Frames = st.s.one[:]
		}
		if !st.s.early() && a.npart > 1 {
			m.Frames = make([]int, a.ids.n)
			for j := range m.Frames {
				m.Frames[j] = int(a.ids.at(j))
			}
		}
		st.s.addMessage(st, m, &a.ids)
		if st.s.early() && a.end != nil {
			a.end.Message = m.Index
			st.s.settle(st, a.end)
		}
		for k := range a.pend {
			a.pend[k].Message = m.Index
			st.s.settle(st, &a.pend[k])
		}
		clear(a.pend)
		a.pend = a.pend[:0]
		if a.npart > 0 {
			st.s.holding--
		}
		// The sink copied what it keeps: every buffer is reused, but for
		// a large one.
		a.ids.reset()
		if cap(a.data) > 1<<20 {
			a.data = nil
		}
		if a.end == &a.held {
			a.held = Frame{}
		}
		a.end, a.holds, a.one, a.npart = nil, false, nil, 0
		a.open, a.compressed, a.size, a.problem = false, false, 0, msg.Text{}
		return
	}
	r := &st.s.res
	for _, fi := range a.frames {
		r.Frames[fi].Message = m.Index
	}
	st.s.retain(m)
	st.s.addMessage(st, m, nil)
	// The frame list now belongs to the message; the parts slice is reused.
	a.open, a.compressed, a.frames, a.parts, a.size, a.problem, a.npart = false, false, nil, a.parts[:0], 0, msg.Text{}, 0
}

// last returns the last frame of the open message.
func (a *assembler) last(st *Stream) *Frame {
	if st.s.sinking() && !st.s.early() {
		return &a.pend[len(a.pend)-1]
	}
	if st.s.sinking() {
		return a.end
	}
	return &st.s.res.Frames[a.frames[len(a.frames)-1]]
}

// control makes control frame f a message of its own, reading a close
// frame's status code and reason (section 5.5.1).
func (a *assembler) control(st *Stream, f *Frame) {
	m := &st.s.scratch
	*m = Message{
		Index:      st.s.messages,
		Connection: st.conn,
		From:       f.From,
		Opcode:     f.Opcode,
		OpcodeName: f.OpcodeName,
		Data:       f.Payload,
		Length:     len(f.Payload),
		Complete:   f.Missing == 0,
	}
	if f.Opcode == OpClose && f.Missing == 0 {
		readClose(f, m)
	}
	f.Message = m.Index
	if st.s.sinking() {
		st.s.one[0] = f.Index
		m.Frames = st.s.one[:]
	} else {
		m.Frames = st.s.ints.one(f.Index)
	}
	st.s.addMessage(st, m, nil)
	st.s.settle(st, f)
}

// readClose reads close frame f's status code and reason into m (when m is
// not nil) and adds the violations they show to f (section 5.5.1).
func readClose(f *Frame, m *Message) {
	p := f.Payload
	switch {
	case len(p) == 1:
		v := ruleCloseOneByte.violation(nil)
		f.Violations = append(f.Violations, v)
	case len(p) >= 2:
		code := int(binary.BigEndian.Uint16(p))
		reason := p[2:]
		name := closeCodeName(code)
		if m != nil {
			m.CloseCode = &code
			m.CloseName = name
		}
		if !closeCodeSendable(code) {
			f.Violations = append(f.Violations, ruleCloseCodeInvalid.violation(Params{"code": code, "name": name}))
		}
		if utf8.Valid(reason) {
			if m != nil {
				s := string(reason)
				m.CloseReason = &s
			}
		} else {
			f.Violations = append(f.Violations, ruleCloseReasonUTF8.violation(Params{"byte": firstInvalidUTF8(reason)}))
		}
	}
}

// lose tells this sender's inflater that some of its data was never seen,
// so that a later message that refers back into it fails rather than
// inflating into the wrong bytes.
func (a *assembler) lose(why msg.Text) {
	if a.ext == nil {
		return
	}
	if a.inflater == nil {
		a.inflater = newInflater(a.ext, a.from)
	}
	a.inflater.lose(why)
	if a.log != nil {
		a.log.lost = true
	}
}

// inflate inflates one payload with this sender's inflater, capped by the
// session's limit, and sorts out what a failure means. Data that refers to
// bytes the capture never saw is a problem to report, not a broken rule;
// corrupt DEFLATE breaks RFC 7692 (on frame f); a back-reference beyond
// the agreed window breaks the agreement, but the data stands.
//
// subject is the message (permessage-deflate) or frame (deflate-frame)
// whose payload data is, for the index's checkpoints. With reuse, the
// output goes into the session's inflate buffer (Session.inflated), to be
// done with before the next inflate.
func (a *assembler) inflate(st *Stream, data []byte, f *Frame, subject int, reuse bool) (out []byte, problem msg.Text) {
	if a.inflater == nil {
		a.inflater = newInflater(a.ext, a.from)
	}
	if ix := st.s.ix; ix != nil {
		ix.inflateCall(st, a, subject)
	}
	if reuse {
		a.inflater.into = &st.s.inflated
		defer func() { a.inflater.into = nil }()
	}
	out, err := a.inflater.inflate(data, st.s.opts.inflateLimit())
	if err == nil {
		return out, msg.Text{}
	}
	var ie *inflateError
	if errors.As(err, &ie) {
		switch ie.Kind {
		case inflateWindowExceeded:
			f.Violations = append(f.Violations, ruleWindowExceeded.violation(Params{"detail": ie.Message, "detail_text": ie.Text}))
			return out, msg.Text{}
		case inflateCorrupt:
			f.Violations = append(f.Violations, ruleInflateFailed.violation(Params{"detail": ie.Message, "detail_text": ie.Text}))
		}
	}
	if ie != nil {
		return nil, ie.Text
	}
	return nil, msg.New("inflate.other", "{err}", "err", err.Error())
}

// bytesString returns b as a string without copying it. The decoder never
// changes a payload or message buffer once it is filled, so the string
// stays as it was made.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// firstInvalidUTF8 returns the offset of the first byte of b that does not
// begin a valid UTF-8 sequence.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
