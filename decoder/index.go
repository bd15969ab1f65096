package decoder

import (
	"errors"
	"fmt"
	"io"
	"sort"
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
// the capture file (read with ReadAt); for bytes that are not in it as
// they are but can be made again from it (TLS plaintext, decrypted again
// from the records in the file: Mark.Src = SrcReread), the stream's
// Rereader; for the others (decoded from text, copied while a connection
// was being recognised), a store of copies that the index keeps and counts.
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
	leaned  int // frames recorded the lean way (lean.go)
	ran     int // of them, frames recorded by leanRun
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
	// Charge counts n bytes kept elsewhere for the index (a Rereader's
	// records) against its budget.
	Charge(n int64)
	attach(s *Session)
	addStream(st *Stream)
	record(st *Stream, off int64, rec int)
	segment(st *Stream, off, src int64, p []byte)
	hole(st *Stream, off int64)
	addFrame(st *Stream, f *Frame)
	addMessage(st *Stream, m *Message, ids *chunks[int32])
	lean(st *Stream, f *Frame, raw []byte, at Mark, missing uint64) bool
	leanRun(st *Stream, b []byte, at Mark) (done, need int)
	passes(st *Stream, b []byte, at Mark) int
	emitPassed(st *Stream, at Mark)
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
// index's store; hole marks bytes that were never captured, reread bytes
// that the stream's Rereader makes again.
type seg struct {
	off int64
	src int64
}

const (
	hole   = -1 << 62
	reread = hole + 1
)

// SrcReread is the Mark.Src of bytes that are not in the source as they
// are but that the stream's Rereader (Stream.SetRereader) makes again from
// it: the index keeps no copy of them.
const SrcReread = -2

// Rereader makes again the bytes of a stream that are not in the index's
// source as they are but can be worked out from it: the plaintext of TLS
// records, decrypted again from their ciphertext in the file with the
// connection's keys. What it keeps to do so (a fixed record per TLS record)
// it counts with Indexer.Charge.
type Rereader interface {
	// Reread fills p with the stream's bytes from stream offset off,
	// reading what it needs from src.
	Reread(src io.ReaderAt, p []byte, off int64) error
}

// Index sizes, for the budget.
const (
	frameRecSize = int64(unsafe.Sizeof(frameRec{}))
	msgRecSize   = int64(unsafe.Sizeof(msgRec{}))
	segSize      = int64(unsafe.Sizeof(seg{}))
	recAtSize    = int64(unsafe.Sizeof(recAt{}))
	extraSize    = 128 // a map entry and its record, about
)

// defaultIndexBudget is the memory an index may use by default.
const defaultIndexBudget = 512 << 20

// NewIndex returns an empty index that may use budget bytes (0: the
// default). Pass it in Options.Index, and give it its source with
// SetSource before asking for frames.
func NewIndex(budget int64) *Index {
	if budget <= 0 {
		budget = defaultIndexBudget
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

// Stored returns the bytes the index keeps copies of: bytes that are not
// in its source as they are and that nothing makes again.
func (ix *Index) Stored() int64 { return int64(ix.store.n) }

// Charge counts n bytes kept elsewhere for the index against its budget.
func (ix *Index) Charge(n int64) { ix.count(n) }

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
// src in the source, or made again by st's Rereader (src SrcReread), or
// nowhere else (src < 0: they are copied to the store).
func (ix *Index) segment(st *Stream, off, src int64, p []byte) {
	if len(p) == 0 {
		return
	}
	if src == SrcReread && st.reread != nil {
		src = reread
		if n := st.segs.n; n > 0 && st.segs.at(n-1).src == reread {
			return // continues the last one
		}
	} else if src < 0 {
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
		if last.src != hole && last.src != reread && src != reread && (last.src >= 0) == (src >= 0) && src-last.src == sign(src)*(off-last.off) {
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
			return nil, msg.New("index.hole", "bytes {from} to {to} of the stream were never captured", "from", off, "to", off+int64(n))
		}
		sg := segs.at(i)
		at := off + int64(done)
		k := n - done
		if i+1 < segs.n {
			k = int(min(int64(k), segs.at(i+1).off-at))
		}
		switch {
		case sg.src == reread:
			if ix.src == nil {
				return nil, errors.New("the index has no source to read the bytes from")
			}
			if err := st.reread.Reread(ix.src, out[done:done+k], at); err != nil {
				return nil, err
			}
		case sg.src < 0:
			ix.store.copyOut(out[done:done+k], -1-sg.src+(at-sg.off))
		default:
			if ix.src == nil {
				return nil, errors.New("the index has no source to read the bytes from")
			}
			if _, err := ix.src.ReadAt(out[done:done+k], sg.src+(at-sg.off)); err != nil && !errors.Is(err, io.EOF) {
				return nil, msg.New("index.reread", "reading the input again at byte {offset}: {err}", "offset", sg.src+(at-sg.off), "err", err.Error())
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
		rec.time = int64(*f.Time)
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
		kept := x // a frame of its own on the heap only when it has extras
		ix.fext[int32(f.Index)] = &kept
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

// addMessage records message m of stream st, whose frames are m.Frames,
// or ids when it has more than one. Its fragments but the last were
// recorded before it, without their message: they get it now.
func (ix *Index) addMessage(st *Stream, m *Message, ids *chunks[int32]) {
	nframes := len(m.Frames)
	if m.Frames == nil && ids != nil {
		nframes = ids.n
		for j := range ids.n {
			fi := ids.at(j)
			ix.mframes.append(fi)
			if int(fi) < ix.frames.n {
				rec := ix.frames.at(int(fi))
				rec.msg = int32(m.Index)
				ix.frames.set(int(fi), rec)
			}
		}
	}
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
	ix.count(msgRecSize + 4*int64(nframes))
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
	if i == a.n && a.n < len(a.c)*chunkLen {
		// One more at the end, with room in the last block: a frame's
		// or a message's record as it is decided, the common case.
		last := &a.c[len(a.c)-1]
		*last = append(*last, v)
		a.n++
		return
	}
	for i >= a.n {
		if a.n == len(a.c)*chunkLen {
			a.c = append(a.c, a.block())
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

// block makes the next block: the first small, grown by appending so
// that small arrays stay small, the others whole at once.
func (a *chunks[T]) block() []T {
	if len(a.c) == 0 {
		return make([]T, 0, 64)
	}
	return make([]T, 0, chunkLen)
}

func (a *chunks[T]) append(v T) { a.set(a.n, v) }

// reset empties a, keeping its first block for what comes next.
func (a *chunks[T]) reset() {
	if len(a.c) > 0 {
		a.c = append(a.c[:0:1], a.c[0][:0])
	}
	a.n = 0
}

func (a *chunks[T]) appendSlice(p []T) {
	for len(p) > 0 {
		if a.n == len(a.c)*chunkLen {
			a.c = append(a.c, a.block())
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
