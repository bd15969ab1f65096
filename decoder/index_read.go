package decoder

import (
	"fmt"

	"github.com/wsframe/wsframe/internal/msg"
)

// Reading back: a frame or message of the index as the Result would hold
// it, its bytes read again from the source (Index.SetSource).

// Frame returns frame i as the Result would hold it, its payload read
// again from the source: whole, or cut to max bytes (and flagged
// payload_truncated) when max >= 0.
func (ix *Index) Frame(i, max int) (*Frame, error) {
	if i < 0 || i >= ix.frames.n {
		return nil, fmt.Errorf("no frame %d: there are %d", i, ix.frames.n)
	}
	rec := ix.frames.at(i)
	st := ix.streams[rec.stream]
	f, err := ix.header(st, rec.off)
	if err != nil {
		return nil, msg.New("index.frame", "frame {i}: {problem}", "i", i, "problem", textOf(err))
	}
	f.Index, f.Connection, f.Offset, f.Message = i, st.conn, rec.off, int(rec.msg)
	f.From = st.sender(f.Masked)
	f.Packet = int(rec.packet)
	if rec.flags&fTime != 0 {
		t := Stamp(rec.time)
		f.Time = &t
	}
	var x *frameExtra
	if rec.flags&fExtra != 0 {
		x = ix.fext[int32(i)]
		f.Missing = x.missing
	}
	have := f.PayloadLength - f.Missing
	if rec.flags&fCut != 0 {
		have = uint64(ix.s.opts.frameLimit())
		f.PayloadTruncated = true
	}
	if x != nil && rec.flags&fRecord != 0 {
		f.Record, f.FirstRecord = int(x.record), int(x.first)
	} else {
		f.Record, f.FirstRecord = ix.records(st, rec.off, f.HeaderLength, have)
	}
	want := have
	if f.Opcode != OpClose && max >= 0 && uint64(max) < have {
		want = uint64(max)
	}
	f.Payload, err = ix.payload(st, f, want)
	if err != nil {
		return nil, msg.New("index.frame", "frame {i}: {problem}", "i", i, "problem", textOf(err))
	}
	if x != nil && x.verbatim {
		for _, p := range x.violations {
			f.Violations = append(f.Violations, p.v)
		}
	} else {
		ix.rules(st, f, rec.flags)
		if x != nil {
			for _, p := range x.violations {
				f.Violations = append(f.Violations, Violation{})
				copy(f.Violations[p.at+1:], f.Violations[p.at:])
				f.Violations[p.at] = p.v
			}
		}
	}
	if f.Violations == nil {
		f.Violations = []Violation{}
	}
	if max >= 0 && uint64(len(f.Payload)) > uint64(max) {
		f.Payload = f.Payload[:max]
		f.PayloadTruncated = true
	} else if want < have {
		f.PayloadTruncated = true
	}
	return f, nil
}

// header reads the header of the frame at off in st.
func (ix *Index) header(st *Stream, off int64) (*Frame, error) {
	b, err := ix.read(st, off, 2)
	if err != nil {
		return nil, err
	}
	n := 2
	switch b[1] & 0x7f {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if b[1]&0x80 != 0 {
		n += 4
	}
	if b, err = ix.read(st, off, n); err != nil {
		return nil, err
	}
	f := &Frame{}
	if _, ok := readHeader(b, f); !ok {
		return nil, msg.New("index.changed", "its header reads differently now: has the file changed?")
	}
	return f, nil
}

// payload reads the first n bytes of f's payload, unmasked.
func (ix *Index) payload(st *Stream, f *Frame, n uint64) ([]byte, error) {
	p, err := ix.read(st, f.Offset+int64(f.HeaderLength), int(n))
	if err != nil {
		return nil, err
	}
	if f.Masked {
		mask(p, p, [4]byte(f.MaskKey), 0)
	}
	return p, nil
}

// framePayload reads frame i's whole payload as the decoder kept it.
func (ix *Index) framePayload(i int) (*Frame, *Stream, error) {
	f, err := ix.Frame(i, -1)
	if err != nil {
		return nil, nil, err
	}
	return f, ix.streams[ix.frames.at(i).stream], nil
}

// messageFrames returns the frame list of message k.
func (ix *Index) messageFrames(k int) []int {
	start, end := ix.frameSpan(k)
	list := make([]int, 0, end-start)
	for j := start; j < end; j++ {
		list = append(list, int(ix.mframes.at(j)))
	}
	return list
}

// frameSpan is where message k's frame numbers are in ix.mframes: [start, end).
func (ix *Index) frameSpan(k int) (start, end int) {
	if k > 0 {
		start = int(ix.msgs.at(k - 1).end)
	}
	return start, int(ix.msgs.at(k).end)
}

// MessageFrames counts the frames of message k and returns a function
// giving the j-th, read from the index's packed array: a message of a
// million fragments is listed without a list of them (see
// MessageWithoutFrames).
func (ix *Index) MessageFrames(k int) (int, func(j int) int) {
	if k < 0 || k >= ix.msgs.n {
		return 0, func(int) int { return -1 }
	}
	start, end := ix.frameSpan(k)
	return end - start, func(j int) int { return int(ix.mframes.at(start + j)) }
}

// MessageWithoutFrames is Message (whole data) with an empty Frames list,
// for a writer that lists them with MessageFrames: the data is joined
// from the frames as they are read, and no list of them is made.
func (ix *Index) MessageWithoutFrames(k int) (*Message, error) {
	return ix.readMessage(k, -1, false)
}

// MessagePreviewWithoutFrames is MessagePreview with an empty Frames list,
// for a caller that lists some of them with MessageFrames (a frame's
// detail): the frame numbers of a message of a million fragments are not
// read.
func (ix *Index) MessagePreviewWithoutFrames(k, n int) (*Message, error) {
	return ix.readMessage(k, n, false)
}

// Message returns message k as the Result would hold it, its data joined
// from its frames read again and, if compressed, inflated from the nearest
// checkpoint (a bounded cache keeps what was inflated last).
func (ix *Index) Message(k int) (*Message, error) { return ix.message(k, -1) }

// MessagePreview is Message with the data cut to n bytes (and flagged
// data_truncated) as Preview cuts it; the frames of an uncompressed
// message are read only as far as that needs.
func (ix *Index) MessagePreview(k, n int) (*Message, error) { return ix.message(k, n) }

func (ix *Index) message(k, n int) (*Message, error) { return ix.readMessage(k, n, true) }

// readMessage is message k, its data cut to n bytes (whole when n < 0),
// with its Frames list when list is set (else an empty one).
func (ix *Index) readMessage(k, n int, list bool) (*Message, error) {
	if k < 0 || k >= ix.msgs.n {
		return nil, fmt.Errorf("no message %d: there are %d", k, ix.msgs.n)
	}
	rec := ix.msgs.at(k)
	count, frameAt := ix.MessageFrames(k)
	if count == 0 {
		return nil, fmt.Errorf("message %d has no frames", k)
	}
	frames := []int{}
	if list {
		frames = ix.messageFrames(k)
	}
	first := ix.frames.at(frameAt(0))
	st := ix.streams[first.stream]
	f0, err := ix.header(st, first.off)
	if err != nil {
		return nil, msg.New("index.message", "message {i}: {problem}", "i", k, "problem", textOf(err))
	}
	m := &Message{
		Index:      k,
		Connection: st.conn,
		From:       st.sender(f0.Masked),
		Opcode:     f0.Opcode,
		OpcodeName: f0.Opcode.String(),
		Frames:     frames,
		Compressed: rec.flags&mCompressed != 0,
		Complete:   rec.flags&mComplete != 0,
		Length:     int(rec.length),
	}
	if rec.flags&mExtra != 0 {
		x := ix.mext[int32(k)]
		if rec.flags&mBig != 0 {
			m.Length = x.length
		}
		m.CompressedLength, m.Problem, m.ProblemID, m.ProblemParams = x.compressed, x.problem.Message, x.problem.ID, x.problem.Params
		if len(x.violations) > 0 {
			m.Violations = append([]Violation(nil), x.violations...)
		}
	}
	text := rec.flags&mText != 0
	if n >= 0 && m.Length > n && m.Opcode != OpClose &&
		(st.ext == nil || !m.Compressed && st.ext.PerMessage()) {
		// Only the start is shown, and it needs no inflating: read no
		// more of the frames than that.
		data, err := ix.prefix(count, frameAt, n+1)
		if err != nil {
			return nil, msg.New("index.message", "message {i}: {problem}", "i", k, "problem", textOf(err))
		}
		m.Data, m.DataTruncated = data[:min(n, len(data))], true
		if text {
			t := cutUTF8(string(data), n)
			m.Text = &t
		}
		return m, nil
	}
	if n >= 0 && m.Length > n && m.Compressed && m.Problem == "" && st.ext != nil && st.ext.PerMessage() {
		// Inflate no more than the row shows, from the state before it.
		joined, err := ix.joined(k)
		if err == nil {
			var data []byte
			if data, err = ix.replayPrefix(st, sideIndex(m.From), k, joined, n+1); err == nil {
				m.Data, m.DataTruncated = data[:min(n, len(data))], true
				if text {
					t := cutUTF8(string(data), n)
					m.Text = &t
				}
				return m, nil
			}
		}
		return nil, msg.New("index.message", "message {i}: {problem}", "i", k, "problem", textOf(err))
	}
	data, err := ix.messageData(k, m, st)
	if err != nil {
		return nil, msg.New("index.message", "message {i}: {problem}", "i", k, "problem", textOf(err))
	}
	m.Data = data
	if text {
		s := bytesString(data)
		m.Text = &s
	}
	if m.Opcode == OpClose && m.Complete {
		readClose(&Frame{Payload: data}, m)
	}
	if n >= 0 && len(m.Data) > n {
		m.Data, m.DataTruncated = m.Data[:n], true
		if m.Text != nil {
			t := cutUTF8(*m.Text, n)
			m.Text = &t
		}
	}
	return m, nil
}

// prefix reads up to n bytes of the payloads of the count frames
// frameAt gives, joined.
func (ix *Index) prefix(count int, frameAt func(int) int, n int) ([]byte, error) {
	var data []byte
	for j := range count {
		if len(data) >= n {
			break
		}
		f, err := ix.Frame(frameAt(j), n-len(data))
		if err != nil {
			return nil, err
		}
		data = append(data, f.Payload...)
	}
	return data, nil
}

// messageData returns message k's data as the decoder made it.
func (ix *Index) messageData(k int, m *Message, st *Stream) ([]byte, error) {
	if d, ok := ix.cache.get(k); ok {
		return d, nil
	}
	side := sideIndex(m.From)
	ext := st.ext
	// The parts are joined as they are read, so that a message of a
	// million fragments holds no list of them.
	var data []byte
	own := false // data is a copy, not a frame's payload
	limit := ix.s.opts.inflateLimit()
	count, frameAt := ix.MessageFrames(k)
	for j := range count {
		fi := frameAt(j)
		if h := ix.frames.at(fi).head; h[1]&0x7f == 0 && (ext == nil || ext.PerMessage()) {
			continue // its header says no payload: nothing to read (a million empty fragments)
		}
		f, _, err := ix.framePayload(fi)
		if err != nil {
			return nil, err
		}
		part := []byte(f.Payload)
		if ext != nil && !ext.PerMessage() && f.Rsv1 && !m.Opcode.IsControl() {
			out, err := ix.replay(st, side, fi, part)
			if err == nil && len(data)+len(out) <= limit {
				part = out
			}
		}
		switch {
		case data == nil:
			data = part
		case !own:
			data = append(make([]byte, 0, len(data)+len(part)), data...)
			own = true
			fallthrough
		default:
			data = append(data, part...)
		}
	}
	if data == nil {
		data = []byte{}
	}
	if m.Compressed && ext != nil && ext.PerMessage() {
		if out, err := ix.replay(st, side, k, data); err == nil {
			data = out
		}
	}
	ix.cache.put(k, data)
	return data, nil
}

// FrameConnection returns the connection of frame i, or -1.
func (ix *Index) FrameConnection(i int) int {
	if c := ix.streams[ix.frames.at(i).stream].conn; c != nil {
		return *c
	}
	return -1
}

// MessageConnection returns the connection of message k, or -1.
func (ix *Index) MessageConnection(k int) int {
	start := uint32(0)
	if k > 0 {
		start = ix.msgs.at(k - 1).end
	}
	if start >= ix.msgs.at(k).end {
		return -1
	}
	return ix.FrameConnection(int(ix.mframes.at(int(start))))
}

// Result fills r's frame and message lists from the index, every payload
// read again: the Result the decode would have made without an index.
// For tests and small inputs; a large one is read a row at a time.
func (ix *Index) Result(r *Result) error {
	r.Frames = make([]Frame, 0, ix.frames.n)
	for i := range ix.frames.n {
		f, err := ix.Frame(i, -1)
		if err != nil {
			return err
		}
		r.Frames = append(r.Frames, *f)
	}
	r.Messages = make([]Message, 0, ix.msgs.n)
	for k := range ix.msgs.n {
		m, err := ix.Message(k)
		if err != nil {
			return err
		}
		r.Messages = append(r.Messages, *m)
	}
	r.normalize()
	return nil
}
