package decoder

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf8"
	"unsafe"
)

// assembler reassembles the messages of one sender (RFC 6455 section 5.4):
// a data frame opens a message, continuation frames extend it, the frame
// with FIN set ends it; control frames, which may come between fragments,
// are messages of their own.
type assembler struct {
	from     Side
	ext      *Extension
	inflater *Inflater

	open       bool
	opcode     Opcode
	compressed bool
	frames     []int
	parts      [][]byte // payloads, or inflated frames under deflate-frame
	size       int
	problem    string
	closed     bool // a close frame was sent
}

func (a *assembler) init(ext *Extension, from Side) {
	a.from, a.ext = from, ext
}

// frame takes frame i of the result, just decoded.
func (a *assembler) frame(st *Stream, i int) {
	r := &st.s.res
	f := &r.Frames[i]
	if a.closed {
		f.Violations = append(f.Violations, ruleAfterClose.violation(Params{"side": string(f.From)}))
	}
	if a.ext != nil && f.Rsv1 {
		switch {
		case f.Opcode.IsControl():
			f.Violations = append(f.Violations, ruleRsv1OnControl.violation(nil))
		case f.Opcode == OpContinuation && a.ext.PerMessage():
			f.Violations = append(f.Violations, ruleRsv1OnContinuation.violation(nil))
		}
	}
	switch {
	case f.Opcode.IsControl():
		if f.Opcode == OpClose {
			a.closed = true
		}
		a.control(st, i)
	case f.Opcode.IsReserved():
		// A reserved data opcode has no meaning to reassemble.
	case f.Opcode == OpContinuation:
		if !a.open {
			f.Violations = append(f.Violations, ruleOrphanContinuation.violation(nil))
			return
		}
		a.add(st, i)
	default:
		if a.open {
			f.Violations = append(f.Violations, ruleInterleavedData.violation(Params{
				"opcode": f.Opcode.String(), "open": a.opcode.String(), "frame": a.frames[0]}))
			a.flush(st)
		}
		a.open = true
		a.opcode = f.Opcode
		a.compressed = a.ext != nil && f.Rsv1
		a.add(st, i)
	}
}

// add appends frame i's payload to the open message and ends the message on FIN.
func (a *assembler) add(st *Stream, i int) {
	f := &st.s.res.Frames[i]
	if a.frames == nil {
		a.frames = st.s.ints.one(i)
	} else {
		a.frames = append(a.frames, i)
	}
	part := []byte(f.Payload)
	if f.PayloadTruncated && a.problem == "" {
		a.problem = fmt.Sprintf("frame %d has %d bytes of payload, more than the %s one frame may hold (Options.FrameLimit); only its first %d were read",
			i, f.PayloadLength, sizeText(st.s.opts.frameLimit()), len(f.Payload))
	}
	if a.ext != nil && !a.ext.PerMessage() && f.Rsv1 {
		// deflate-frame: every frame is compressed by itself. Inflate even
		// after a problem, so the window stays in step with the sender.
		out, problem := a.inflate(st, part, i)
		if problem == "" && a.size+len(out) > st.s.opts.inflateLimit() {
			problem = limitMessage(st.s.opts.inflateLimit())
		}
		if problem == "" {
			part = out
		} else if a.problem == "" {
			a.problem = problem
		}
	}
	a.parts = append(a.parts, part)
	a.size += len(part)
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
	r := &st.s.res
	m := Message{
		Index:      len(r.Messages),
		Connection: st.conn,
		From:       a.from,
		Opcode:     a.opcode,
		OpcodeName: a.opcode.String(),
		Frames:     a.frames,
		Compressed: a.compressed,
		Complete:   complete,
		Problem:    a.problem,
	}
	var data []byte
	if len(a.parts) == 1 {
		data = a.parts[0]
	} else {
		data = st.s.arena.alloc(a.size)
		n := 0
		for _, p := range a.parts {
			n += copy(data[n:], p)
		}
	}
	if a.compressed && a.ext.PerMessage() {
		m.CompressedLength = len(data)
		out, problem := a.inflate(st, data, a.frames[len(a.frames)-1])
		if problem == "" {
			data = out
		} else if m.Problem == "" {
			m.Problem = problem
		}
	}
	m.Data = data
	m.Length = len(data)
	last := &r.Frames[a.frames[len(a.frames)-1]]
	if a.opcode == OpText && m.Problem == "" {
		if utf8.Valid(data) {
			s := bytesString(data)
			m.Text = &s
		} else if complete {
			v := ruleTextNotUTF8.violation(Params{"message": m.Index, "byte": firstInvalidUTF8(data), "length": len(data)})
			m.Violations = append(m.Violations, v)
			last.Violations = append(last.Violations, v)
		}
	}
	for _, fi := range a.frames {
		r.Frames[fi].Message = m.Index
	}
	st.s.readApp(&m)
	st.s.retain(&m)
	r.Messages = append(r.Messages, m)
	// The frame list now belongs to the message; the parts slice is reused.
	a.open, a.compressed, a.frames, a.parts, a.size, a.problem = false, false, nil, a.parts[:0], 0, ""
}

// control makes control frame i a message of its own, reading a close
// frame's status code and reason (section 5.5.1).
func (a *assembler) control(st *Stream, i int) {
	r := &st.s.res
	f := &r.Frames[i]
	m := Message{
		Index:      len(r.Messages),
		Connection: st.conn,
		From:       f.From,
		Opcode:     f.Opcode,
		OpcodeName: f.OpcodeName,
		Frames:     st.s.ints.one(i),
		Data:       f.Payload,
		Length:     len(f.Payload),
		Complete:   f.Missing == 0,
	}
	if f.Opcode == OpClose && f.Missing == 0 {
		p := f.Payload
		switch {
		case len(p) == 1:
			v := ruleCloseOneByte.violation(nil)
			f.Violations = append(f.Violations, v)
		case len(p) >= 2:
			code := int(binary.BigEndian.Uint16(p))
			reason := p[2:]
			m.CloseCode = &code
			m.CloseName = CloseCodeName(code)
			if !closeCodeSendable(code) {
				f.Violations = append(f.Violations, ruleCloseCodeInvalid.violation(Params{"code": code, "name": m.CloseName}))
			}
			if utf8.Valid(reason) {
				s := string(reason)
				m.CloseReason = &s
			} else {
				f.Violations = append(f.Violations, ruleCloseReasonUTF8.violation(Params{"byte": firstInvalidUTF8(reason)}))
			}
		}
	}
	f.Message = m.Index
	r.Messages = append(r.Messages, m)
}

// lose tells this sender's inflater that some of its data was never seen,
// so that a later message that refers back into it fails rather than
// inflating into the wrong bytes.
func (a *assembler) lose(why string) {
	if a.ext == nil {
		return
	}
	if a.inflater == nil {
		a.inflater = NewInflater(a.ext, a.from)
	}
	a.inflater.Lose(why)
}

// inflate inflates one payload with this sender's inflater, capped by the
// session's limit, and sorts out what a failure means. Data that refers to
// bytes the capture never saw is a problem to report, not a broken rule;
// corrupt DEFLATE breaks RFC 7692 (on frame fi); a back-reference beyond
// the agreed window breaks the agreement, but the data stands.
func (a *assembler) inflate(st *Stream, data []byte, fi int) (out []byte, problem string) {
	if a.inflater == nil {
		a.inflater = NewInflater(a.ext, a.from)
	}
	out, err := a.inflater.Inflate(data, st.s.opts.inflateLimit())
	if err == nil {
		return out, ""
	}
	f := &st.s.res.Frames[fi]
	var ie *InflateError
	if errors.As(err, &ie) {
		switch ie.Kind {
		case InflateWindowExceeded:
			f.Violations = append(f.Violations, ruleWindowExceeded.violation(Params{"detail": ie.Message}))
			return out, ""
		case InflateCorrupt:
			f.Violations = append(f.Violations, ruleInflateFailed.violation(Params{"detail": ie.Message}))
		}
	}
	return nil, err.Error()
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
