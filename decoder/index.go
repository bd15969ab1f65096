package decoder

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"time"
	"unsafe"

	"github.com/wsframe/wsframe/internal/msg"
)

// Index is a compact record of a decode, for inputs larger than memory
// (Options.Index). It keeps, per frame, a fixed record of 32 bytes in
// packed arrays (where its header is in its stream, its packet, time and
// message, a few flags), per message a 12-byte record and its frame list,
// and per stream a map from stream offsets to where the bytes are in the
// source. Nothing else per frame stays in memory: a frame's header and
// payload are read again from the source when it is asked for, a
// message's data is joined from its frames and, if compressed, inflated
// from the nearest checkpoint of its sender's window, and the header's
// violations are worked out again. What cannot be worked out again
// (violations that depend on what came before, a message's problem) is
// kept beside the records for the few frames and messages that have it.
//
// The source is where the bytes given to Stream.Write are, at Mark.Src:
// the capture file (read with ReadAt), or, for bytes that are not in it
// as they are (decrypted, decoded from text, copied while a connection was
// being recognised), a store of copies that the index keeps and counts.
//
// Frame and Message materialize one frame or message: the same values the
// Result would have held, byte for byte.
type Index struct {
	src    io.ReaderAt
	budget int64
	used   int64
	full   bool
	s      *Session

	streams []*Stream
	frames  chunks[frameRec]
	msgs    chunks[msgRec]
	mframes chunks[int32]
	fext    map[int32]*frameExtra
	mext    map[int32]*msgExtra
	store   chunks[byte]
	logs    []*inflateLog
	cache   msgCache
	span    int // checkpointSpan, smaller in tests
	live    liveInflater
}

// Indexer is what a session asks of its index (Options.Index): *Index is
// the one there is, and its methods are unexported so that only this
// package implements it. A program that never makes an Index (the page's
// first wasm, which decodes pastes) links none of the index's work: only
// an *Index converted to an Indexer reaches it.
type Indexer interface {
	// SetSource gives the index the bytes its frames are read again from.
	SetSource(src io.ReaderAt)
	// Full reports whether the index has reached its budget, Budget is
	// that budget in bytes, and Frames counts the frames it holds.
	Full() bool
	Budget() int64
	Frames() int
	attach(s *Session)
	addStream(st *Stream)
	record(st *Stream, off int64, rec int)
	segment(st *Stream, off, src int64, p []byte)
	hole(st *Stream, off int64)
	addFrame(st *Stream, f *Frame)
	addMessage(st *Stream, m *Message)
	inflateCall(st *Stream, a *assembler, subject int)
}

// attach gives the index its session.
func (ix *Index) attach(s *Session) { ix.s = s }

// frameRec is what the index keeps of one frame.
type frameRec struct {
	off    int64 // of the header, in its stream
	time   int64 // capture time, Unix nanoseconds (with fTime)
	packet uint32
	msg    int32
	stream uint32
	flags  uint16
	head   [2]byte // the header's first two bytes (index_head.go)
}

const (
	fTime       = 1 << iota // time is set
	fAfterClose             // sent after its sender's close frame
	fOrphan                 // a continuation with no message to continue
	fExtra                  // has a frameExtra
	fCut                    // payload cut to Options.FrameLimit
	fRecord                 // TLS record numbers in the frameExtra
)

// msgRec is what the index keeps of one message; its frames are
// mframes[end of the previous message : end].
type msgRec struct {
	end    uint32
	length uint32 // len(Data), unless mBig
	flags  uint8
}

const (
	mCompressed = 1 << iota
	mComplete
	mText  // Data is valid UTF-8 text
	mExtra // has a msgExtra
	mBig   // length is in msgExtra
)

// frameExtra is what the index keeps of a frame that cannot be worked out
// again from its bytes: missing bytes, and violations that depend on what
// came before, each at its place in the frame's list.
type frameExtra struct {
	missing    uint64
	record     int32 // Frame.Record and FirstRecord, with fRecord
	first      int32
	verbatim   bool // violations holds the whole list
	violations []placed
}

type placed struct {
	at int
	v  Violation
}

// msgExtra is the rarer part of a message.
type msgExtra struct {
	length     int
	compressed int
	problem    msg.Text
	violations []Violation
}

// seg says that the bytes of a stream from off on (up to the next seg)
// are at src in the source, or, when src is negative, at -1-src in the
// index's store; hole marks bytes that were never captured.
type seg struct {
	off int64
	src int64
}

const hole = -1 << 62

// Index sizes, for the budget.
const (
	frameRecSize = int64(unsafe.Sizeof(frameRec{}))
	msgRecSize   = int64(unsafe.Sizeof(msgRec{}))
	segSize      = int64(unsafe.Sizeof(seg{}))
	recAtSize    = int64(unsafe.Sizeof(recAt{}))
	extraSize    = 128 // a map entry and its record, about
)

// DefaultIndexBudget is the memory an index may use by default.
const DefaultIndexBudget = 512 << 20

// NewIndex returns an empty index that may use budget bytes (0: the
// default). Pass it in Options.Index, and give it its source with
// SetSource before asking for frames.
func NewIndex(budget int64) *Index {
	if budget <= 0 {
		budget = DefaultIndexBudget
	}
	ix := &Index{budget: budget, fext: map[int32]*frameExtra{}, mext: map[int32]*msgExtra{}}
	ix.cache.limit = cacheLimit
	ix.span = checkpointSpan
	return ix
}

// SetSource tells the index where the bytes written with Mark.Src are.
func (ix *Index) SetSource(src io.ReaderAt) { ix.src = src }

// Frames returns how many frames the index holds.
func (ix *Index) Frames() int { return ix.frames.n }

// Messages returns how many messages the index holds.
func (ix *Index) Messages() int { return ix.msgs.n }

// Bytes returns the memory the index uses, as counted against its budget.
func (ix *Index) Bytes() int64 { return ix.used }

// Budget returns the memory the index may use.
func (ix *Index) Budget() int64 { return ix.budget }

// Full reports whether the index has used its budget: the decode should
// stop reading (package capture does).
func (ix *Index) Full() bool { return ix.full }

func (ix *Index) count(n int64) {
	ix.used += n
	if ix.used > ix.budget {
		ix.full = true
	}
}

// addStream numbers a new stream.
func (ix *Index) addStream(st *Stream) {
	st.id = len(ix.streams)
	ix.streams = append(ix.streams, st)
	ix.count(256)
}

// segment records that the bytes p of st, from stream offset off, are at
// src in the source (or nowhere, src < 0: they are copied to the store).
func (ix *Index) segment(st *Stream, off, src int64, p []byte) {
	if len(p) == 0 {
		return
	}
	if src < 0 {
		src = -1 - int64(ix.store.n)
		ix.store.appendSlice(p)
		ix.count(int64(len(p)))
	}
	if n := st.segs.n; n > 0 {
		last := st.segs.at(n - 1)
		if last.off == off {
			st.segs.set(n-1, seg{off, src})
			return
		}
		if last.src != hole && (last.src >= 0) == (src >= 0) && src-last.src == sign(src)*(off-last.off) {
			return // continues the last one
		}
	}
	st.segs.append(seg{off, src})
	ix.count(segSize)
}

func sign(src int64) int64 {
	if src < 0 {
		return -1
	}
	return 1
}

// recAt says that the bytes of a stream from off on (up to the next
// recAt) came in TLS record rec (decoder.Mark.Record).
type recAt struct {
	off int64
	rec int32
}

// record records that st's bytes from stream offset off on came in TLS
// record rec.
func (ix *Index) record(st *Stream, off int64, rec int) {
	if n := st.recs.n; n > 0 {
		last := st.recs.at(n - 1)
		if last.rec == int32(rec) {
			return
		}
		if last.off == off {
			st.recs.set(n-1, recAt{off, int32(rec)})
			return
		}
	}
	st.recs.append(recAt{off, int32(rec)})
	ix.count(recAtSize)
}

// recordAt returns the TLS record st's byte at off came in, or 0.
func (ix *Index) recordAt(st *Stream, off int64) int {
	recs := &st.recs
	i := sort.Search(recs.n, func(i int) bool { return recs.at(i).off > off }) - 1
	if i < 0 {
		return 0
	}
	return int(recs.at(i).rec)
}

// records works out again a frame's Record and FirstRecord from where its
// first byte and the last byte there is (have payload bytes after a
// header of hl bytes) came in. A frame cut by a gap or by the end of its
// stream was completed by no record's bytes; addFrame keeps what differs.
func (ix *Index) records(st *Stream, off int64, hl int, have uint64) (rec, first int) {
	if st.recs.n == 0 {
		return 0, 0
	}
	rec = ix.recordAt(st, off+int64(hl)+int64(have)-1)
	if first = ix.recordAt(st, off); first == rec {
		first = 0
	}
	return rec, first
}

// hole records that st's bytes from off on were never captured.
func (ix *Index) hole(st *Stream, off int64) {
	if n := st.segs.n; n > 0 && st.segs.at(n-1).off == off {
		st.segs.set(n-1, seg{off, hole})
		return
	}
	st.segs.append(seg{off, hole})
	ix.count(segSize)
}

// read reads n bytes of st from stream offset off.
func (ix *Index) read(st *Stream, off int64, n int) ([]byte, error) {
	out := make([]byte, n)
	segs := &st.segs
	i := sort.Search(segs.n, func(i int) bool { return segs.at(i).off > off }) - 1
	for done := 0; done < n; i++ {
		if i < 0 || i >= segs.n || segs.at(i).src == hole {
			return nil, fmt.Errorf("bytes %d to %d of the stream were never captured", off, off+int64(n))
		}
		sg := segs.at(i)
		at := off + int64(done)
		k := n - done
		if i+1 < segs.n {
			k = int(min(int64(k), segs.at(i+1).off-at))
		}
		if sg.src < 0 {
			ix.store.copyOut(out[done:done+k], -1-sg.src+(at-sg.off))
		} else {
			if ix.src == nil {
				return nil, errors.New("the index has no source to read the bytes from")
			}
			if _, err := ix.src.ReadAt(out[done:done+k], sg.src+(at-sg.off)); err != nil && !errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("reading the input again at byte %d: %v", sg.src+(at-sg.off), err)
			}
		}
		done += k
	}
	return out, nil
}

// addFrame records frame f of stream st, decided.
func (ix *Index) addFrame(st *Stream, f *Frame) {
	rec := frameRec{off: f.Offset, packet: uint32(f.Packet), msg: int32(f.Message), stream: uint32(st.id), head: headBytes(f)}
	if f.Time != nil {
		rec.time = f.Time.UnixNano()
		rec.flags |= fTime
	}
	if f.PayloadTruncated {
		rec.flags |= fCut
	}
	var x frameExtra
	if f.Record > 0 || st.recs.n > 0 {
		have := uint64(len(f.Payload))
		if r, first := ix.records(st, f.Offset, f.HeaderLength, have); r != f.Record || first != f.FirstRecord {
			rec.flags |= fRecord
			x.record, x.first = int32(f.Record), int32(f.FirstRecord)
		}
	}
	if f.Missing > 0 || len(f.Violations) > 0 {
		for _, v := range f.Violations {
			switch v.ID {
			case ruleAfterClose.ID:
				rec.flags |= fAfterClose
			case ruleOrphanContinuation.ID:
				rec.flags |= fOrphan
			}
		}
		// Keep the violations that working them out again does not give.
		g := *f
		g.Violations = nil
		ix.rules(st, &g, rec.flags)
		x.missing = f.Missing
		j := 0
		for k, v := range f.Violations {
			if j < len(g.Violations) && sameViolation(&g.Violations[j], &v) {
				j++
				continue
			}
			x.violations = append(x.violations, placed{k, v})
		}
		if j < len(g.Violations) {
			// Never expected: keep the list as it is.
			rec.flags &^= fAfterClose | fOrphan
			x.violations = x.violations[:0]
			for k, v := range f.Violations {
				x.violations = append(x.violations, placed{k, v})
			}
			x.verbatim = true
		}
	}
	if x.missing != 0 || len(x.violations) > 0 || rec.flags&fRecord != 0 {
		rec.flags |= fExtra
		ix.fext[int32(f.Index)] = &x
		ix.count(extraSize + int64(len(x.violations))*160)
	}
	ix.frames.set(f.Index, rec)
	ix.count(frameRecSize)
}

// sameViolation reports whether a and b are the same violation.
func sameViolation(a, b *Violation) bool {
	if a.ID != b.ID || a.Message != b.Message || a.RFC != b.RFC || a.Field != b.Field || len(a.Params) != len(b.Params) {
		return false
	}
	for k, v := range a.Params {
		if w, ok := b.Params[k]; !ok || fmt.Sprint(v) != fmt.Sprint(w) {
			return false
		}
	}
	return true
}

// rules adds to f (its header, payload and From filled in) the violations
// worked out again, in the order the decoder finds them, but for those
// kept in a frameExtra.
func (ix *Index) rules(st *Stream, f *Frame, flags uint16) {
	st.headerRules(f)
	contextRules(f, st.ext, flags&fAfterClose != 0)
	if flags&fOrphan != 0 {
		f.Violations = append(f.Violations, orphanViolation())
	}
	if f.Opcode == OpClose && f.Missing == 0 {
		readClose(f, nil)
	}
}

// addMessage records message m of stream st.
func (ix *Index) addMessage(st *Stream, m *Message) {
	for _, fi := range m.Frames {
		ix.mframes.append(int32(fi))
	}
	rec := msgRec{end: uint32(ix.mframes.n)}
	if m.Compressed {
		rec.flags |= mCompressed
	}
	if m.Complete {
		rec.flags |= mComplete
	}
	if m.Text != nil {
		rec.flags |= mText
	}
	big := m.Length > 1<<32-1
	if big {
		rec.flags |= mBig
	} else {
		rec.length = uint32(m.Length)
	}
	if big || m.CompressedLength != 0 || m.Problem != "" || len(m.Violations) > 0 {
		x := &msgExtra{length: m.Length, compressed: m.CompressedLength, problem: msg.Text{ID: m.ProblemID, Params: m.ProblemParams, Message: m.Problem},
			violations: append([]Violation(nil), m.Violations...)}
		rec.flags |= mExtra
		ix.mext[int32(m.Index)] = x
		ix.count(extraSize + int64(len(x.problem.Message)) + int64(len(x.violations))*160)
	}
	ix.msgs.set(m.Index, rec)
	ix.count(msgRecSize + 4*int64(len(m.Frames)))
}

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
		return nil, fmt.Errorf("frame %d: %v", i, err)
	}
	f.Index, f.Connection, f.Offset, f.Message = i, st.conn, rec.off, int(rec.msg)
	f.From = st.sender(f.Masked)
	f.Packet = int(rec.packet)
	if rec.flags&fTime != 0 {
		t := time.Unix(0, rec.time).UTC()
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
		return nil, fmt.Errorf("frame %d: %v", i, err)
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
		return nil, errors.New("its header reads differently now: has the file changed?")
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
		Mask(p, p, [4]byte(f.MaskKey), 0)
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
	start := uint32(0)
	if k > 0 {
		start = ix.msgs.at(k - 1).end
	}
	end := ix.msgs.at(k).end
	list := make([]int, 0, end-start)
	for j := start; j < end; j++ {
		list = append(list, int(ix.mframes.at(int(j))))
	}
	return list
}

// Message returns message k as the Result would hold it, its data joined
// from its frames read again and, if compressed, inflated from the nearest
// checkpoint (a bounded cache keeps what was inflated last).
func (ix *Index) Message(k int) (*Message, error) { return ix.message(k, -1) }

// MessagePreview is Message with the data cut to n bytes (and flagged
// data_truncated) as Preview cuts it; the frames of an uncompressed
// message are read only as far as that needs.
func (ix *Index) MessagePreview(k, n int) (*Message, error) { return ix.message(k, n) }

func (ix *Index) message(k, n int) (*Message, error) {
	if k < 0 || k >= ix.msgs.n {
		return nil, fmt.Errorf("no message %d: there are %d", k, ix.msgs.n)
	}
	rec := ix.msgs.at(k)
	frames := ix.messageFrames(k)
	if len(frames) == 0 {
		return nil, fmt.Errorf("message %d has no frames", k)
	}
	first := ix.frames.at(frames[0])
	st := ix.streams[first.stream]
	f0, err := ix.header(st, first.off)
	if err != nil {
		return nil, fmt.Errorf("message %d: %v", k, err)
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
		data, err := ix.prefix(m.Frames, n+1)
		if err != nil {
			return nil, fmt.Errorf("message %d: %v", k, err)
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
		return nil, fmt.Errorf("message %d: %v", k, err)
	}
	data, err := ix.messageData(k, m, st)
	if err != nil {
		return nil, fmt.Errorf("message %d: %v", k, err)
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

// prefix reads up to n bytes of the payloads of frames, joined.
func (ix *Index) prefix(frames []int, n int) ([]byte, error) {
	var data []byte
	for _, fi := range frames {
		if len(data) >= n {
			break
		}
		f, err := ix.Frame(fi, n-len(data))
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
	var parts [][]byte
	size := 0
	limit := ix.s.opts.inflateLimit()
	for _, fi := range m.Frames {
		f, _, err := ix.framePayload(fi)
		if err != nil {
			return nil, err
		}
		part := []byte(f.Payload)
		if ext != nil && !ext.PerMessage() && f.Rsv1 && !m.Opcode.IsControl() {
			out, err := ix.replay(st, side, fi, part)
			if err == nil && size+len(out) <= limit {
				part = out
			}
		}
		parts = append(parts, part)
		size += len(part)
	}
	data := parts[0]
	if len(parts) > 1 {
		data = make([]byte, 0, size)
		for _, p := range parts {
			data = append(data, p...)
		}
	}
	if m.Compressed && ext != nil && ext.PerMessage() {
		if out, err := ix.replay(st, side, k, data); err == nil {
			data = out
		}
	}
	ix.cache.put(k, data)
	return data, nil
}

// inflateLog is one sender's inflate calls, in order (the message, or the
// frame under deflate-frame, whose payload each inflated), with the
// inflater's state saved before some of them: the checkpoints of zlib's
// zran.c, so that inflating any payload again costs at most one span.
type inflateLog struct {
	calls  chunks[int32]
	points []checkpoint
	cost   int  // bytes of work since the last checkpoint
	lost   bool // the window was lost since the last call
}

// liveInflater is the inflater of the last replay, positioned before call
// next of log, so that reading messages in order inflates each once.
type liveInflater struct {
	log  *inflateLog
	inf  *Inflater
	next int
}

type checkpoint struct {
	call  int
	state inflaterState
}

// checkpointSpan is the work (bytes inflated, plus the window set up for
// each payload) between two checkpoints. 32 MiB keeps a window of 32 KiB
// per 32 MiB at most (1/1024 of the work), and inflating any message again
// costs at most 32 MiB of work more than the message itself.
const checkpointSpan = 32 << 20

// inflateCall records that a's inflater is about to inflate the payload of
// subject, and saves its state first when a checkpoint is due.
func (ix *Index) inflateCall(st *Stream, a *assembler, subject int) {
	lg := a.log
	if lg == nil {
		lg = &inflateLog{}
		a.log = lg
		ix.logs = append(ix.logs, lg)
	}
	inf := a.inflater
	if lg.calls.n > 0 {
		lg.cost += inf.out + len(inf.hist)
	}
	n := lg.calls.n
	if n == 0 || lg.lost || lg.cost >= ix.span {
		s := inf.state()
		lg.points = append(lg.points, checkpoint{n, s})
		lg.cost, lg.lost = 0, false
		ix.count(int64(len(s.hist)) + 64)
	}
	lg.calls.append(int32(subject))
	ix.count(4)
}

// replay inflates data, the payload of subject sent by side of st, as the
// decoder did: from the checkpoint before it, inflating the payloads in
// between again.
func (ix *Index) replay(st *Stream, side, subject int, data []byte) ([]byte, error) {
	inf, p, err := ix.position(st, side, subject)
	if err != nil {
		return nil, err
	}
	out, err := inf.Inflate(data, ix.s.opts.inflateLimit())
	ix.live.next = p + 1
	var ie *InflateError
	if err != nil && (!errors.As(err, &ie) || ie.Kind != InflateWindowExceeded) {
		return nil, err
	}
	return out, nil
}

// replayPrefix inflates the first n bytes of data, the payload of subject
// sent by side of st, which the decoder inflated whole: enough for a row.
func (ix *Index) replayPrefix(st *Stream, side, subject int, data []byte, n int) ([]byte, error) {
	inf, _, err := ix.position(st, side, subject)
	if err != nil {
		return nil, err
	}
	return inf.peek(data, n)
}

// position returns side's inflater as it was before it inflated the
// payload of subject (call p of its log): from the last replay when that
// is on the way, else from the checkpoint before it, inflating the
// payloads in between again.
func (ix *Index) position(st *Stream, side, subject int) (*Inflater, int, error) {
	lg := st.sides[side].log
	if lg == nil {
		return nil, 0, errors.New("nothing was inflated on this side")
	}
	calls := &lg.calls
	p := sort.Search(calls.n, func(i int) bool { return int(calls.at(i)) >= subject })
	if p == calls.n || int(calls.at(p)) != subject {
		return nil, 0, fmt.Errorf("no inflate call for %d", subject)
	}
	c := sort.Search(len(lg.points), func(i int) bool { return lg.points[i].call > p }) - 1
	cp := lg.points[c]
	from := cp.call
	var inf *Inflater
	if l := &ix.live; l.log == lg && l.next <= p && l.next >= from {
		// Read in order (a list, -json): go on from the last one.
		inf, from = l.inf, l.next
	} else {
		inf = newInflater(st.ext, sideAt(side))
		inf.setState(cp.state)
	}
	ix.live = liveInflater{}
	limit := ix.s.opts.inflateLimit()
	perMessage := st.ext.PerMessage()
	for j := from; j < p; j++ {
		var in []byte
		var err error
		if perMessage {
			in, err = ix.joined(int(calls.at(j)))
		} else {
			var f *Frame
			f, _, err = ix.framePayload(int(calls.at(j)))
			if f != nil {
				in = f.Payload
			}
		}
		if err != nil {
			return nil, 0, err
		}
		inf.Inflate(in, limit)
	}
	ix.live = liveInflater{lg, inf, p}
	return inf, p, nil
}

// joined returns the payloads of message k's frames joined.
func (ix *Index) joined(k int) ([]byte, error) {
	var data []byte
	for _, fi := range ix.messageFrames(k) {
		f, _, err := ix.framePayload(fi)
		if err != nil {
			return nil, err
		}
		data = append(data, f.Payload...)
	}
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

// chunks is a packed array in fixed blocks, so that it grows without
// copying what it holds (a doubling slice needs twice its size to grow).
type chunks[T any] struct {
	c [][]T
	n int
}

const chunkLen = 1 << 14

func (a *chunks[T]) at(i int) T { return a.c[i/chunkLen][i%chunkLen] }

func (a *chunks[T]) set(i int, v T) {
	for i >= a.n {
		// The last block grows by appending, up to chunkLen, so that
		// small arrays stay small.
		if a.n == len(a.c)*chunkLen {
			a.c = append(a.c, make([]T, 0, 64))
		}
		last := &a.c[len(a.c)-1]
		k := min(chunkLen-len(*last), i+1-a.n)
		var zero T
		for range k {
			*last = append(*last, zero)
		}
		a.n += k
	}
	a.c[i/chunkLen][i%chunkLen] = v
}

func (a *chunks[T]) append(v T) { a.set(a.n, v) }

func (a *chunks[T]) appendSlice(p []T) {
	for len(p) > 0 {
		if a.n == len(a.c)*chunkLen {
			a.c = append(a.c, make([]T, 0, 64))
		}
		last := &a.c[len(a.c)-1]
		k := min(chunkLen-len(*last), len(p))
		*last = append(*last, p[:k]...)
		a.n += k
		p = p[k:]
	}
}

func (a *chunks[T]) copyOut(dst []T, at int64) {
	for len(dst) > 0 {
		k := copy(dst, a.c[at/chunkLen][at%chunkLen:])
		dst = dst[k:]
		at += int64(k)
	}
}

// msgCache keeps the data of the messages materialized last, up to limit
// bytes, dropping the least recently used first.
type msgCache struct {
	limit, size int
	tick        int
	entries     map[int]*cacheEntry
}

type cacheEntry struct {
	data []byte
	used int
}

// cacheLimit bounds the inflated data the index keeps.
const cacheLimit = 64 << 20

func (c *msgCache) get(k int) ([]byte, bool) {
	e, ok := c.entries[k]
	if !ok {
		return nil, false
	}
	c.tick++
	e.used = c.tick
	return e.data, true
}

func (c *msgCache) put(k int, data []byte) {
	if len(data) > c.limit || len(data) < 4<<10 {
		return // too big to keep, or cheap to make again
	}
	if c.entries == nil {
		c.entries = map[int]*cacheEntry{}
	}
	for c.size+len(data) > c.limit {
		old, oldest := -1, 0
		for key, e := range c.entries {
			if old < 0 || e.used < oldest {
				old, oldest = key, e.used
			}
		}
		c.size -= len(c.entries[old].data)
		delete(c.entries, old)
	}
	c.tick++
	c.entries[k] = &cacheEntry{data, c.tick}
	c.size += len(data)
}
